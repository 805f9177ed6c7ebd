# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA Base",
    "summary": "REA core: agents, resources, ValueFlows economic events, "
    "processes and commitments",
    "version": "11.0.1.0.0",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["base", "product", "mail"],
    "data": [
        "security/rea_base_security.xml",
        "security/ir.model.access.csv",
        "data/rea_action_data.xml",
        "data/rea_action_type_data.xml",
        "data/rea_agent_relationship_type_data.xml",
        "data/rea_resource_role_type_data.xml",
    ],
    "application": True,
}
