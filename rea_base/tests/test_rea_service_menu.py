# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class TestReaServiceMenu(SavepointCase):
    """Without a module deciding services, every service menu shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Service menu user",
                    "login": "rea_service_menu_user",
                    "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
                }
            )
        )
        cls.menu = cls.env["ir.ui.menu"].create(
            {
                "name": "Service menu",
                "parent_id": cls.env.ref("rea_base.rea_menu_root").id,
                "rea_service": "exchanges",
            }
        )
        cls.child = cls.env["ir.ui.menu"].create(
            {
                "name": "Service sub-menu",
                "parent_id": cls.menu.id,
                "action": "ir.actions.act_window,%d"
                % cls.env.ref("rea_base.rea_event_action").id,
            }
        )

    def test_hook_defaults_to_enabled(self):
        partner = self.user.partner_id
        for code in ("exchanges", "shares", "skills", "unknown"):
            self.assertTrue(partner.rea_service_enabled(code))

    def test_service_menu_visible_by_default(self):
        menus = self.env["ir.ui.menu"].sudo(self.user).load_menus(False)
        self.assertIn(self.menu.id, menus["all_menu_ids"])
        self.assertIn(self.child.id, menus["all_menu_ids"])
