# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import SharesCase


class TestCooperativeUserScope(SharesCase):
    """A cooperative user works for the projects that issue shares: they see
    those projects' exchanges, transfers (the Transfers analysis) and events
    alike, and nothing of a project without shares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop_user = cls.make_user(
            "scope_coop_user",
            ["base.group_user", "rea_membership_shares.group_share_user"],
        )
        cls.bakery = cls.env["rea.project"].create(
            {
                "name": "Bakery without shares",
                "slug": "bakery-scope-test",
                "agent_type": "project",
                "is_context": True,
                "join_style": "moderated",
            }
        )
        cls.donor = cls.env["res.partner"].create(
            {"name": "Donor", "agent_type": "individual"}
        )
        cls.exchange_shares = cls._donation(cls.project.partner_id)
        cls.exchange_bakery = cls._donation(cls.bakery.partner_id)
        cls.exchanges = cls.exchange_shares | cls.exchange_bakery

    @classmethod
    def _donation(cls, context):
        exchange = cls.env["rea.exchange"].create(
            {
                "exchange_type_id": cls.env.ref(
                    "rea_exchanges.exchange_type_donation_fiat"
                ).id,
                "provider_id": cls.donor.id,
                "receiver_id": context.id,
                "context_id": context.id,
            }
        )
        exchange.action_fill_transfers()
        exchange.transfer_ids.record_event(25.0)
        return exchange

    def _seen(self, model, records):
        return self.env[model].sudo(self.coop_user).search([("id", "in", records.ids)])

    def test_exchanges_transfers_and_events_agree(self):
        transfers = self.exchanges.mapped("transfer_ids")
        events = transfers.mapped("event_ids")
        self.assertEqual(
            self._seen("rea.exchange", self.exchanges), self.exchange_shares
        )
        self.assertEqual(
            self._seen("rea.transfer", transfers), self.exchange_shares.transfer_ids
        )
        self.assertEqual(
            self._seen("rea.event", events),
            self.exchange_shares.mapped("transfer_ids.event_ids"),
        )
        # The Transfers analysis (grouped transfers) sums the same transfers.
        groups = (
            self.env["rea.transfer"]
            .sudo(self.coop_user)
            .read_group(
                [("id", "in", transfers.ids)],
                ["actual_quantity", "exchange_id"],
                ["exchange_id"],
            )
        )
        self.assertEqual(
            [group["exchange_id"][0] for group in groups], self.exchange_shares.ids
        )
        self.assertEqual(groups[0]["actual_quantity"], 25.0)
        with self.assertRaises(AccessError):
            self.exchange_bakery.sudo(self.coop_user).read(["name"])

    def test_a_new_share_type_opens_its_project(self):
        self.assertNotIn(
            self.bakery.partner_id.id, self.coop_user.rea_get_context_ids()
        )
        self.env["product.product"].create(
            {
                "name": "Bakery share",
                "is_share": True,
                "share_project_id": self.bakery.id,
                "list_price": 20.0,
                "sale_ok": False,
            }
        )
        self.assertEqual(self._seen("rea.exchange", self.exchanges), self.exchanges)

    def test_working_for_a_project_is_not_coordinating_it(self):
        """The role's contexts are not the user's to give: no coordination
        of a share-issuing project, no 'part of' under it, no coordinator
        added through the project's wizard."""
        Relationship = self.env["rea.agent.relationship"].sudo(self.coop_user)
        partner = self.coop_user.partner_id
        for vals in (
            {
                "subject_id": partner.id,
                "object_id": self.project.partner_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
            },
            {
                # The project part of another: that one's coordinators would
                # read the project's records.
                "subject_id": self.project.partner_id.id,
                "object_id": self.bakery.partner_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_child").id,
            },
        ):
            with self.assertRaises(AccessError):
                Relationship.create(dict(vals, state="active"))
        with self.assertRaises(AccessError):
            self.project.sudo(self.coop_user).add_coordinator(partner)
        self.assertFalse(self.project.is_coordinator(partner))
        # Their contexts still include the project (they work for it).
        self.assertIn(
            self.project.partner_id.id,
            self.coop_user.sudo(self.coop_user).rea_get_context_ids(),
        )
