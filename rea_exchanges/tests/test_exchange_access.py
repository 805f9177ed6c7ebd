# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import ExchangeCase


class TestExchangeAccess(ExchangeCase):
    """Members see the exchanges they are a party of; coordinators those of
    the projects they coordinate; REA managers all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        portal = cls.env.ref("base.group_portal")
        rea_user = cls.env.ref("rea_base.group_rea_user")
        rea_manager = cls.env.ref("rea_base.group_rea_manager")

        def user(login, partner, group):
            return Users.create(
                {
                    "login": login,
                    "partner_id": partner.id,
                    "groups_id": [(6, 0, [group.id])],
                }
            )

        cls.portal_a = user("rx_member_a", cls.member_a, portal)
        cls.portal_b = user("rx_member_b", cls.member_b, portal)
        Partner = cls.env["res.partner"]
        cls.coordinator_a = Partner.create({"name": "Coordinator A"})
        cls.coordinator_b = Partner.create({"name": "Coordinator B"})
        cls.coordinator_net = Partner.create({"name": "Network coordinator"})
        cls.coord_a = user("rx_coord_a", cls.coordinator_a, rea_user)
        cls.coord_b = user("rx_coord_b", cls.coordinator_b, rea_user)
        cls.coord_net = user("rx_coord_net", cls.coordinator_net, rea_user)
        cls.manager = user(
            "rx_manager", Partner.create({"name": "Manager"}), rea_manager
        )
        manager_type = cls.env.ref("rea_base.relationship_type_manager")
        Relationship = cls.env["rea.agent.relationship"]
        cls.coordinates_a = Relationship.create(
            {
                "subject_id": cls.coordinator_a.id,
                "object_id": cls.project_a.id,
                "type_id": manager_type.id,
            }
        )
        for subject, project in (
            (cls.coordinator_b, cls.project_b),
            (cls.coordinator_net, cls.network),
        ):
            Relationship.create(
                {
                    "subject_id": subject.id,
                    "object_id": project.id,
                    "type_id": manager_type.id,
                }
            )
        # Exchange of member A in project A, of member B in project B.
        cls.exchange_a = cls.sale(cls.member_a, boards=1, price=15.0)
        cls.exchange_b = cls.make_exchange(
            "donation_faircoin", cls.member_b, cls.project_b, context=cls.project_b
        )
        cls.exchange_b.transfer_ids.add_commitment(5.0)
        cls.both = cls.exchange_a | cls.exchange_b

    def visible(self, user, model="rea.exchange"):
        return self.env[model].sudo(user).search([("id", "in", self._ids(model))])

    def _ids(self, model):
        if model == "rea.exchange":
            return self.both.ids
        if model == "rea.transfer":
            return self.both.mapped("transfer_ids").ids
        return self.both.mapped("transfer_ids.commitment_ids").ids

    def test_members_see_their_own_exchanges(self):
        self.assertEqual(self.visible(self.portal_a), self.exchange_a)
        self.assertEqual(self.visible(self.portal_b), self.exchange_b)
        self.assertEqual(
            self.visible(self.portal_a, "rea.transfer"), self.exchange_a.transfer_ids
        )
        self.assertEqual(
            self.visible(self.portal_b, "rea.commitment"),
            self.exchange_b.mapped("transfer_ids.commitment_ids"),
        )
        with self.assertRaises(AccessError):
            self.exchange_b.sudo(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.exchange_a.sudo(self.portal_a).write({"note": "changed"})
        with self.assertRaises(AccessError):
            self.exchange_a.transfer_ids[0].sudo(self.portal_a).record_event(1.0)

    def test_member_totals_follow_the_rules(self):
        totals = self.Exchange.sudo(self.portal_a).get_totals(self.member_a)
        self.assertEqual(
            {line["unit"].name for line in totals}, {"EUR", self.uom_unit.name}
        )
        # Even asked for member B, member A's session sums nothing of B's.
        self.assertEqual(
            self.Exchange.sudo(self.portal_a).get_totals(self.member_b), []
        )

    def test_coordinators_see_their_projects(self):
        self.assertEqual(self.visible(self.coord_a), self.exchange_a)
        self.assertEqual(self.visible(self.coord_b), self.exchange_b)
        self.assertEqual(
            self.visible(self.coord_a, "rea.transfer"), self.exchange_a.transfer_ids
        )
        self.assertEqual(self.visible(self.coord_net), self.both, "sub-projects too")
        self.assertEqual(self.visible(self.manager), self.both)
        self.assertEqual(
            self.exchange_a.coordinator_ids, self.coordinator_a | self.coordinator_net
        )
        with self.assertRaises(AccessError):
            self.exchange_b.sudo(self.coord_a).write({"note": "not mine"})

    def test_coordinator_works_in_their_project(self):
        exchange_model = self.Exchange.sudo(self.coord_a)
        exchange = exchange_model.create(
            {
                "exchange_type_id": self.exchange_type("donation_fiat").id,
                "provider_id": self.member_b.id,
                "receiver_id": self.project_a.id,
                "context_id": self.project_a.id,
            }
        )
        exchange.action_fill_transfers()
        exchange.transfer_ids.record_event(25.0)
        self.assertEqual(exchange.state, "complete")
        with self.assertRaises(AccessError):
            exchange_model.create(
                {
                    "exchange_type_id": self.exchange_type("donation_fiat").id,
                    "provider_id": self.member_b.id,
                    "receiver_id": self.project_b.id,
                    "context_id": self.project_b.id,
                }
            )

    def test_ending_the_coordination_ends_the_access(self):
        self.assertEqual(self.visible(self.coord_a), self.exchange_a)
        self.coordinates_a.state = "inactive"
        self.assertFalse(self.visible(self.coord_a))

    def test_coordinator_opens_an_invoiced_exchange(self):
        """The form of an invoiced exchange opens for a coordinator without
        invoicing rights: no invoice to count, no access error."""
        self.exchange_a.create_invoice()
        self.assertEqual(self.exchange_a.invoice_count, 1)
        Exchange = self.env["rea.exchange"].sudo(self.coord_a)
        fields = Exchange.fields_view_get(view_type="form")["fields"]
        values = Exchange.browse(self.exchange_a.id).read(
            list(set(fields) | {"invoice_count"})
        )
        self.assertEqual(values[0]["invoice_count"], 0)

    def test_events_and_accounts_follow_the_contexts(self):
        """A coordinator reads the events and money accounts of their
        project, not those of another project (same rule as exchanges)."""
        for transfer in (self.exchange_a | self.exchange_b).mapped("transfer_ids"):
            transfer.record_event()
        events_a = self.exchange_a.mapped("transfer_ids.event_ids")
        events_b = self.exchange_b.mapped("transfer_ids.event_ids")
        self.assertTrue(events_a and events_b)
        Event = self.env["rea.event"]
        both = events_a | events_b
        self.assertEqual(
            Event.sudo(self.coord_a).search([("id", "in", both.ids)]), events_a
        )
        self.assertEqual(
            Event.sudo(self.coord_b).search([("id", "in", both.ids)]), events_b
        )
        self.assertEqual(
            Event.sudo(self.coord_net).search([("id", "in", both.ids)]), both
        )
        self.assertEqual(
            Event.sudo(self.manager).search([("id", "in", both.ids)]), both
        )
        accounts_b = self.env["rea.resource"].search(
            [("primary_accountable_id", "=", self.project_b.id)]
        )
        self.assertTrue(accounts_b)
        with self.assertRaises(AccessError):
            accounts_b.sudo(self.coord_a).read(["accounting_quantity"])
        with self.assertRaises(AccessError):
            events_b.sudo(self.coord_a).read(["resource_quantity"])

    def test_plain_rea_user_sees_their_own_exchanges_only(self):
        plain = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "rx_plain",
                    "partner_id": self.member_a.id,
                    "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
                }
            )
        )
        self.assertEqual(self.visible(plain), self.exchange_a, "a party of it")
        self.assertEqual(
            self.visible(plain, "rea.transfer"), self.exchange_a.transfer_ids
        )
        with self.assertRaises(AccessError):
            self.exchange_b.sudo(plain).read(["name"])

    # Workflow buttons and wizards: access first ------------------------------

    @mute_logger("odoo.models")
    def test_members_do_not_invoice_their_exchanges(self):
        """A member reads their exchange but may not invoice it: refused as
        access, before the invoicing rules speak."""
        with self.assertRaises(AccessError):
            self.exchange_a.sudo(self.portal_a).action_create_invoice()
        with self.assertRaises(AccessError):
            self.exchange_a.sudo(self.coord_b).action_create_invoice()
        self.assertFalse(self.exchange_a.invoice_ids)
        # Not "this type is not invoiced": access is refused first.
        self.assertEqual(self.exchange_b.invoicing, "none")
        with self.assertRaises(AccessError):
            self.exchange_b.sudo(self.portal_b).action_create_invoice()

    @mute_logger("odoo.models")
    def test_recording_wizard_follows_write_rights(self):
        transfer = self.sides(self.exchange_a)[1]
        for user in (self.portal_a, self.coord_b):
            with self.assertRaises(AccessError):
                transfer.sudo(user).action_open_record_wizard()
        Wizard = self.env["rea.transfer.record"]
        # Any signed-in user may create a wizard; recording is refused.
        wizard = Wizard.sudo(self.portal_a).create(
            {"transfer_id": transfer.id, "quantity": 15.0}
        )
        with self.assertRaises(AccessError):
            wizard.action_record()
        self.assertFalse(transfer.event_ids)
        action = transfer.sudo(self.coord_a).action_open_record_wizard()
        self.assertEqual(action["res_model"], "rea.transfer.record")
        wizard = Wizard.sudo(self.coord_a).create(
            {"transfer_id": transfer.id, "quantity": 15.0}
        )
        wizard.action_record()
        self.assertEqual(sum(transfer.event_ids.mapped("resource_quantity")), 15.0)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_only_managers_delete_transfers(self):
        """Coordinators cancel transfers; deleting one (even without events)
        is for REA managers, as for exchanges and events."""
        transfer = self.exchange_a.add_transfer()
        with self.assertRaises(AccessError):
            transfer.sudo(self.coord_a).unlink()
        self.assertTrue(transfer.exists())
        transfer.sudo(self.manager).unlink()
        self.assertFalse(transfer.exists())
