# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA FairCoin payments",
    "summary": "Pay invoices and exchanges in FairCoin, verified on the chain "
    "through an Electrum server, no keys on the server",
    "version": "11.0.1.1.1",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["rea_exchanges", "payment", "account_payment"],
    "data": [
        "security/rea_payment_faircoin_security.xml",
        "security/ir.model.access.csv",
        "data/res_currency_data.xml",
        "data/rea_exchange_type_data.xml",
        "data/payment_acquirer_data.xml",
        "data/ir_cron_data.xml",
        "views/payment_acquirer_views.xml",
        "views/payment_transaction_views.xml",
        "views/res_partner_views.xml",
        "wizards/rea_faircoin_payment_record_views.xml",
        "templates/faircoin_pay_templates.xml",
    ],
    "demo": ["demo/payment_acquirer_demo.xml"],
    "post_init_hook": "post_init_hook",
}
