# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from ..faircoin.address import from_sat, to_sat
from .common import FaircoinCase, closed_port
from .txbuilder import build_transaction


class TestCoordinatorWizard(FaircoinCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.env["res.users"].create(
            {
                "name": "FAIR coordinator",
                "login": "fair_coordinator",
                "email": "fair.coordinator@example.org",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref(
                                "rea_payment_faircoin.group_faircoin_coordinator"
                            ).id
                        ],
                    )
                ],
            }
        )
        cls.clerk = cls.env["res.users"].create(
            {
                "name": "FAIR clerk",
                "login": "fair_clerk",
                "email": "fair.clerk@example.org",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )

    def record(self, tx, txid, amount, mode="faircoin", user=None):
        wizard = (
            self.env["rea.faircoin.payment.record"]
            .sudo(user or self.coordinator)
            .create(
                {"transaction_id": tx.id, "mode": mode, "txid": txid, "amount": amount}
            )
        )
        return wizard.action_record()

    def test_verified_payment_completes(self):
        tx = self.make_tx(10.0)
        # Confirmed before the watcher noticed it.
        txid = self.pay(tx, height=self.confirmed_height(4))
        self.record(tx, txid.upper(), tx.faircoin_amount)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.faircoin_txid, txid)
        self.assertTrue(tx.faircoin_verified)
        self.assertEqual(tx.faircoin_recorded_by_id, self.coordinator)
        self.assertTrue(tx.faircoin_rea_transfer_id)

    def test_verified_but_unconfirmed_waits(self):
        tx = self.make_tx(10.0)
        txid = self.pay(tx, height=0)
        self.record(tx, txid, tx.faircoin_amount)
        self.assertEqual(tx.state, "pending")
        self.assertEqual(tx.faircoin_txid, txid)
        self.standin.set_height(txid, self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")

    def test_expired_payment_completed_late(self):
        tx = self.make_tx(10.0)
        tx.faircoin_expiry = "2000-01-01 00:00:00"
        self.Tx._cron_faircoin_watch()
        self.assertEqual(tx.state, "cancel")
        txid = self.pay(tx, height=self.confirmed_height(3))
        self.record(tx, txid, tx.faircoin_amount)
        self.assertEqual(tx.state, "done")

    def test_refusals(self):
        tx = self.make_tx(10.0)
        sat = to_sat(tx.faircoin_amount)
        txid = self.pay(tx, height=self.confirmed_height(3))
        with self.assertRaisesRegex(UserError, "not 19.99999999 FAIR"):
            self.record(tx, txid, float(from_sat(sat - 1)))
        with self.assertRaisesRegex(UserError, "64 hexadecimal"):
            self.record(tx, "abc", tx.faircoin_amount)
        # Paying someone else, even if listed under our address.
        raw = build_transaction([(sat, self.other_script)])
        elsewhere = self.standin.add_transaction(raw, self.confirmed_height(3))
        self.standin.add_history(self.script, elsewhere, self.confirmed_height(3))
        with self.assertRaisesRegex(UserError, "pays nothing"):
            self.record(tx, elsewhere, tx.faircoin_amount)
        # Unknown to the server for our address.
        unknown = self.standin.add_transaction(
            build_transaction([(sat, self.other_script)]), self.confirmed_height(3)
        )
        with self.assertRaisesRegex(UserError, "does not know"):
            self.record(tx, unknown, tx.faircoin_amount)
        # Short.
        short = self.pay(sat - 1, height=self.confirmed_height(3))
        with self.assertRaisesRegex(UserError, "short"):
            self.record(tx, short, float(from_sat(sat - 1)))
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)
        # Used by another payment.
        self.record(tx, txid, tx.faircoin_amount)
        other = self.make_tx(10.0)
        with self.assertRaisesRegex(UserError, "already settled"):
            self.record(other, txid, other.faircoin_amount)

    def test_server_unreachable(self):
        tx = self.make_tx(10.0)
        txid = self.pay(tx, height=self.confirmed_height(3))
        self.acquirer.faircoin_electrum_port = closed_port()
        with self.assertRaisesRegex(UserError, "cannot verify"):
            self.record(tx, txid, tx.faircoin_amount)
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)

    def test_manual_external_accounts(self):
        tx = self.make_tx(10.0)
        btc_hash = "ab" * 32
        self.record(tx, btc_hash, 0.00123456, mode="btc")
        self.assertEqual(tx.state, "done")
        self.assertFalse(tx.faircoin_verified)
        self.assertEqual(tx.faircoin_chain, "btc")
        self.assertIn("NOT verified", tx.state_message)
        self.assertAlmostEqual(tx.faircoin_received, 0.00123456, places=8)
        # Only FAIR moves are REA FairCoin transfers.
        self.assertFalse(tx.faircoin_rea_transfer_id)
        other = self.make_tx(10.0)
        with self.assertRaisesRegex(UserError, "already settled"):
            self.record(other, btc_hash, 0.00123456, mode="btc")
        self.record(other, "CD" * 32, 0.5, mode="eth")
        self.assertEqual(other.faircoin_txid, "0x" + "cd" * 32)
        self.assertIn("Ether", other.state_message)

    def test_only_coordinators(self):
        tx = self.make_tx(10.0)
        txid = self.pay(tx, height=self.confirmed_height(3))
        with self.assertRaises(AccessError):
            self.record(tx, txid, tx.faircoin_amount, user=self.clerk)
        self.assertEqual(tx.state, "pending")
