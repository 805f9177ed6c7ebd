# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase

from .common import create_user

# What coordinating a project needs.
COORDINATOR_MENUS = (
    "rea_base.rea_menu_root",
    "rea_projects.rea_menu_projects",
    "rea_projects.rea_project_menu",
    "rea_projects.rea_join_request_menu",
    "rea_projects.rea_agent_relationship_menu_project",
)
# The economic records: REA users keeping them (group_rea_records) and
# managers only.
RECORDS_MENUS = (
    "rea_base.rea_menu_agent",
    "rea_base.res_partner_menu_rea_agent",
    "rea_base.rea_agent_relationship_menu",
    "rea_base.rea_menu_resource",
    "rea_base.rea_resource_menu",
    "rea_base.product_template_menu_rea",
    "rea_base.rea_event_menu",
    "rea_base.rea_process_menu",
    "rea_base.rea_commitment_menu",
    "rea_base.rea_plan_menu",
)


class TestCoordinatorMenus(SavepointCase):
    """The back office of a coordinator shows the menus of coordinating,
    not the whole REA menu."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.coordinator = create_user(
            env, "menu_coordinator", ["rea_projects.group_project_coordinator"]
        )
        cls.records_user = create_user(
            env,
            "menu_records",
            ["rea_projects.group_project_coordinator", "rea_base.group_rea_records"],
        )
        cls.manager = create_user(env, "menu_manager", ["rea_base.group_rea_manager"])

    def _menu_ids(self, user):
        return set(self.env["ir.ui.menu"].sudo(user).load_menus(False)["all_menu_ids"])

    def test_coordinator_sees_coordinating_menus_only(self):
        menus = self._menu_ids(self.coordinator)
        for xmlid in COORDINATOR_MENUS:
            self.assertIn(self.env.ref(xmlid).id, menus, xmlid)
        for xmlid in RECORDS_MENUS + ("rea_base.rea_menu_config",):
            self.assertNotIn(self.env.ref(xmlid).id, menus, xmlid)

    def test_records_users_and_managers_see_the_records(self):
        for user in (self.records_user, self.manager):
            menus = self._menu_ids(user)
            for xmlid in COORDINATOR_MENUS + RECORDS_MENUS:
                self.assertIn(self.env.ref(xmlid).id, menus, (user.login, xmlid))
