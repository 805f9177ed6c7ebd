# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class TestExchangeService(SavepointCase):
    """The exchanges pages and menus belong to the 'exchanges' service."""

    def test_menus_declare_the_service(self):
        for xmlid in ("rea_menu_exchange", "rea_exchange_menu", "rea_transfer_menu"):
            menu = self.env.ref("rea_exchanges.%s" % xmlid)
            self.assertEqual(menu.rea_service, "exchanges", xmlid)
        # Configuration stays with the managers' menu.
        self.assertFalse(
            self.env.ref("rea_exchanges.rea_exchange_type_menu").rea_service
        )

    def test_menus_shown_without_a_deciding_module(self):
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Exchanges user",
                    "login": "rx_service_user",
                    "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
                }
            )
        )
        self.assertTrue(user.partner_id.rea_service_enabled("exchanges"))
        menus = self.env["ir.ui.menu"].sudo(user).load_menus(False)
        self.assertIn(
            self.env.ref("rea_exchanges.rea_exchange_menu").id, menus["all_menu_ids"]
        )
