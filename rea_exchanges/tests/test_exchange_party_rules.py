# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ExchangeCase


class TestExchangePartyRules(ExchangeCase):
    """Naming oneself a party of an exchange of project B does not let a
    user who does not work for B (nor is a member of it) create or change
    it: B's coordinator would see B owing what nobody in B agreed to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        rea_user = cls.env.ref("rea_base.group_rea_user")
        Partner = cls.env["res.partner"]

        def user(login):
            return Users.create(
                {
                    "login": login,
                    "partner_id": Partner.create({"name": login}).id,
                    "groups_id": [(6, 0, [rea_user.id])],
                }
            )

        cls.plain = user("xp_plain")
        cls.coord_a = user("xp_coord_a")
        cls.coord_b = user("xp_coord_b")
        cls.insider_b = user("xp_member_b")
        Relationship = cls.env["rea.agent.relationship"]
        manager = cls.env.ref("rea_base.relationship_type_manager")
        for coordinator, project in (
            (cls.coord_a, cls.project_a),
            (cls.coord_b, cls.project_b),
        ):
            Relationship.create(
                {
                    "subject_id": coordinator.partner_id.id,
                    "object_id": project.id,
                    "type_id": manager.id,
                }
            )
        Relationship.create(
            {
                "subject_id": cls.insider_b.partner_id.id,
                "object_id": cls.project_b.id,
                "type_id": cls.env.ref("rea_base.relationship_type_member").id,
            }
        )
        cls.exchange_b = cls.make_exchange(
            "donation_faircoin", cls.project_b, cls.coord_a.partner_id, cls.project_b
        )
        cls.transfer_b = cls.exchange_b.transfer_ids[0]
        cls.commitment_b = cls.transfer_b.add_commitment(5.0)

    def _exchange_vals(self, user):
        return {
            "exchange_type_id": self.exchange_type("donation_faircoin").id,
            "provider_id": self.project_b.id,
            "receiver_id": user.partner_id.id,
            "context_id": self.project_b.id,
        }

    def test_outsiders_cannot_create_exchanges_in_b(self):
        Exchange = self.env["rea.exchange"]
        before = Exchange.search_count([])
        for user in (self.plain, self.coord_a):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Exchange.sudo(user).create(self._exchange_vals(user))
        self.assertEqual(Exchange.search_count([]), before)

    def test_party_reads_but_does_not_change_b(self):
        # Coordinator A is the receiver: they read the exchange of B...
        exchange = self.exchange_b.sudo(self.coord_a)
        self.assertTrue(exchange.name)
        commitment = self.commitment_b.sudo(self.coord_a)
        self.assertEqual(commitment.resource_quantity, 5.0)
        # ... and may not make B promise more, nor add to it.
        with self.assertRaises(AccessError):
            commitment.write({"resource_quantity": 9999})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.transfer_b.sudo(self.coord_a).add_commitment(9999)
        with self.assertRaises(AccessError):
            exchange.write({"note": "mine"})
        transfers = self.exchange_b.transfer_ids
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            exchange.action_fill_transfers()
        self.assertEqual(self.commitment_b.resource_quantity, 5.0)
        self.assertEqual(self.exchange_b.transfer_ids, transfers, "no transfer added")
        self.assertEqual(
            self.exchange_b.mapped("transfer_ids.commitment_ids"), self.commitment_b
        )

    def test_member_and_coordinator_of_b(self):
        Exchange = self.env["rea.exchange"]
        own = Exchange.sudo(self.insider_b).create(self._exchange_vals(self.insider_b))
        own.action_fill_transfers()
        self.assertTrue(own.transfer_ids)
        own.transfer_ids[0].add_commitment(3.0)
        self.assertEqual(own.transfer_ids[0].commitment_ids.resource_quantity, 3.0)
        # Not for another: a member records their own exchanges only.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Exchange.sudo(self.insider_b).create(self._exchange_vals(self.plain))
        exchange = Exchange.sudo(self.coord_b).create(self._exchange_vals(self.plain))
        exchange.action_fill_transfers()
        self.commitment_b.sudo(self.coord_b).write({"resource_quantity": 7.0})
        self.assertEqual(self.commitment_b.resource_quantity, 7.0)
