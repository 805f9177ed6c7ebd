# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA Value Distribution",
    "summary": "Contributions, value equations, claims and income distribution "
    "to contributors, recipes as bills of materials",
    "version": "11.0.1.1.0",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["rea_exchanges", "mrp", "mrp_byproduct", "hr_timesheet", "portal", "web_tour"],
    "data": [
        "security/rea_value_distribution_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/rea_value_equation_views.xml",
        "views/rea_distribution_views.xml",
        "views/rea_event_views.xml",
        "views/res_partner_views.xml",
        "wizards/rea_distribution_wizard_views.xml",
        "wizards/rea_plan_from_recipe_wizard_views.xml",
        "views/mrp_bom_views.xml",
        "views/rea_value_distribution_menus.xml",
        "data/product_uom_data.xml",
        "views/rea_resource_views.xml",
        "report/rea_distribution_statement.xml",
        "templates/portal_templates.xml",
        "views/assets.xml",
    ],
    "demo": ["demo/rea_value_distribution_demo.xml"],
}
