# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "REA Projects",
    "summary": "Projects as REA contexts: join styles, custom join forms, "
    "join requests, coordinators' back office and member portal",
    "version": "11.0.1.4.0",
    "category": "Cooperative management",
    "author": "REA Cooperative Suite contributors",
    "website": "https://github.com/rea-coop/rea-coop-suite",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["rea_base", "portal", "website", "auth_signup"],
    "data": [
        "security/rea_projects_security.xml",
        "security/ir.model.access.csv",
        "data/rea_project_service_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/website_menu_data.xml",
        "views/rea_join_question_views.xml",
        "views/rea_join_request_views.xml",
        "views/rea_agent_skill_views.xml",
        "views/rea_project_views.xml",
        "wizards/rea_project_coordinator_wizard_views.xml",
        "views/rea_projects_menus.xml",
        "templates/rea_project_templates.xml",
        "templates/portal_templates.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/rea_project_demo.xml",
        "demo/rea_join_request_demo.xml",
    ],
}
