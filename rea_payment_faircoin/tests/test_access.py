# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import FaircoinCase


class TestAccess(FaircoinCase):
    """Portal members see their own FairCoin payments only; coordinators
    see all of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"]
        portal = cls.env.ref("base.group_portal")

        def user(login, groups):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "email": "%s@example.org" % login,
                    "groups_id": [(6, 0, groups)],
                }
            )

        cls.alice = user("fair_alice", [portal.id])
        cls.bob = user("fair_bob", [portal.id])
        cls.clerk = user("fair_access_clerk", [cls.env.ref("base.group_user").id])
        cls.coordinator = user(
            "fair_access_coordinator",
            [cls.env.ref("rea_payment_faircoin.group_faircoin_coordinator").id],
        )

    def test_portal_sees_own_transactions(self):
        tx_alice = self.make_tx(10.0, partner=self.alice.partner_id)
        tx_bob = self.make_tx(10.0, partner=self.bob.partner_id)
        Tx = self.Tx.sudo(self.alice)
        found = Tx.search([("acquirer_id", "=", self.acquirer.id)])
        self.assertIn(tx_alice, found)
        self.assertNotIn(tx_bob, found)
        mine = Tx.browse(tx_alice.id)
        self.assertEqual(mine.faircoin_address, self.address)
        self.assertTrue(mine.faircoin_uri.startswith("faircoin:"))
        with self.assertRaises(AccessError):
            Tx.browse(tx_bob.id).read(["faircoin_address"])
        with self.assertRaises(AccessError):
            mine.write({"faircoin_amount": 0.1})

    def test_coordinator_and_clerk(self):
        tx_alice = self.make_tx(10.0, partner=self.alice.partner_id)
        tx_bob = self.make_tx(10.0, partner=self.bob.partner_id)
        found = self.Tx.sudo(self.coordinator).search(
            [("acquirer_id", "=", self.acquirer.id)]
        )
        self.assertEqual(found & (tx_alice | tx_bob), tx_alice | tx_bob)
        found = self.Tx.sudo(self.clerk).search(
            [("acquirer_id", "=", self.acquirer.id)]
        )
        self.assertFalse(found & (tx_alice | tx_bob))
        with self.assertRaises(AccessError):
            self.Tx.sudo(self.clerk).browse(tx_alice.id).action_faircoin_record()

    def test_rea_manager_is_coordinator(self):
        manager = self.env.ref("rea_base.group_rea_manager")
        coordinator = self.env.ref("rea_payment_faircoin.group_faircoin_coordinator")
        self.assertIn(coordinator, manager.trans_implied_ids)
