# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA ValueFlows",
    "summary": "ValueFlows 1.0 JSON-LD export and import of agents, resources, "
    "processes, events, commitments and recipes",
    "version": "11.0.1.0.4",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["rea_base", "web"],
    "data": [
        "wizards/rea_vf_export_wizard_views.xml",
        "wizards/rea_vf_import_wizard_views.xml",
        "views/rea_valueflows_views.xml",
        "views/rea_valueflows_menus.xml",
    ],
    "demo": ["demo/rea_valueflows_demo.xml"],
    "post_init_hook": "post_init_hook",
}
