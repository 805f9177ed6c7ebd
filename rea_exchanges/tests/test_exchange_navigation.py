# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ExchangeCase


class TestExchangeNavigation(ExchangeCase):
    """Navigation methods follow read: a coordinator opens the events,
    invoices and exchange lists of their project, never another's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        Partner = cls.env["res.partner"]

        def user(login, groups, partner=None):
            return Users.create(
                {
                    "login": login,
                    "partner_id": (partner or Partner.create({"name": login})).id,
                    "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
                }
            )

        cls.coord_a = user("nav_x_coord_a", ["rea_base.group_rea_user"])
        cls.rea_user = user("nav_x_plain", ["rea_base.group_rea_user"])
        cls.portal_a = user("nav_x_member_a", ["base.group_portal"], cls.member_a)
        cls.manager = user("nav_x_manager", ["rea_base.group_rea_manager"])
        cls.env["rea.agent.relationship"].create(
            {
                "subject_id": cls.coord_a.partner_id.id,
                "object_id": cls.project_a.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        cls.exchange_a = cls.sale(cls.member_a, boards=1, price=15.0)
        cls.exchange_b = cls.make_exchange(
            "donation_faircoin", cls.member_b, cls.project_b, context=cls.project_b
        )

    def test_transfer_events_of_own_project_only(self):
        transfer_a = self.exchange_a.transfer_ids[:1].sudo(self.coord_a)
        self.assertEqual(transfer_a.action_view_events()["res_model"], "rea.event")
        for user in (self.coord_a, self.rea_user):
            with self.assertRaises(AccessError):
                self.exchange_b.transfer_ids[:1].sudo(user).action_view_events()

    def test_invoices_open_for_readers_with_invoicing_rights(self):
        invoice = self.exchange_a.create_invoice()
        # A coordinator without invoicing rights could read none of them.
        with self.assertRaises(AccessError):
            self.exchange_a.sudo(self.coord_a).action_view_invoices()
        self.coord_a.groups_id = [(4, self.env.ref("account.group_account_invoice").id)]
        action = self.exchange_a.sudo(self.coord_a).action_view_invoices()
        self.assertEqual(action["domain"], [("id", "in", invoice.ids)])
        with self.assertRaises(AccessError):
            self.exchange_b.sudo(self.coord_a).action_view_invoices()
        # The member, a party of it, opens their own invoices.
        self.assertTrue(self.exchange_a.sudo(self.portal_a).action_view_invoices())

    def _summary(self, user, agent):
        return (
            self.env["rea.exchange.summary"]
            .sudo(user)
            .create({"partner_id": agent.id, "include_sub_agents": False})
        )

    def test_exchange_list_of_the_agents_one_works_for(self):
        action = self._summary(self.coord_a, self.project_a).action_open_exchanges()
        self.assertEqual(action["context"]["rea_agent_id"], self.project_a.id)
        with self.assertRaises(AccessError):
            self._summary(self.coord_a, self.project_b).action_open_exchanges()
        with self.assertRaises(AccessError):
            self._summary(self.rea_user, self.project_a).action_open_exchanges()
        # Their own exchanges, and any agent's for a manager.
        self.assertTrue(
            self._summary(self.rea_user, self.rea_user.partner_id)
            .action_open_exchanges()
            .get("domain")
        )
        self.assertTrue(
            self._summary(self.manager, self.project_b).action_open_exchanges()
        )
