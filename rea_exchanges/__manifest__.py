# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA Exchanges",
    "summary": "Exchanges and transfers between agents, donations, multi-unit "
    "actual and committed balances, member portal",
    "version": "11.0.1.4.0",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["rea_base", "account", "portal"],
    "data": [
        "security/rea_exchanges_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/product_uom_data.xml",
        "data/product_template_data.xml",
        "data/rea_exchange_type_data.xml",
        "views/rea_exchange_type_views.xml",
        "views/rea_exchange_views.xml",
        "views/rea_transfer_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "views/account_invoice_views.xml",
        "wizards/rea_transfer_record_views.xml",
        "wizards/rea_exchange_summary_views.xml",
        "templates/rea_exchange_templates.xml",
        "views/rea_exchanges_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/rea_exchange_demo.xml",
    ],
}
