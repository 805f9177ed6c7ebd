# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

import psycopg2

from odoo import fields
from odoo.tools import mute_logger

from ..faircoin.address import to_sat
from ..faircoin.transaction import txid_of
from .common import FaircoinCase, closed_port
from .txbuilder import build_transaction


class TestWatcher(FaircoinCase):
    """The scheduled job against a real Electrum-protocol peer."""

    def test_pending_until_enough_confirmations(self):
        tx = self.make_tx(10.0)
        self.assertEqual(tx.faircoin_amount, 20.0)
        txid = self.pay(tx, height=0)
        self.assertTrue(self.watch(tx))
        self.assertEqual(tx.state, "pending")
        self.assertEqual(tx.faircoin_txid, txid)
        self.assertEqual(tx.faircoin_confirmations, 0)
        self.assertIn("0 of 3", tx.state_message)
        self.standin.set_height(txid, self.confirmed_height(2))
        self.watch(tx)
        self.assertEqual(tx.state, "pending")
        self.assertEqual(tx.faircoin_confirmations, 2)
        self.assertIn("2 of 3", tx.state_message)
        self.standin.tip += 1
        self.watch(tx)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.faircoin_confirmations, 3)
        self.assertEqual(tx.acquirer_reference, txid)
        self.assertTrue(tx.faircoin_verified)
        # The REA transfer: 20 FAIR from the member to the project.
        transfer = tx.faircoin_rea_transfer_id
        self.assertTrue(transfer)
        self.assertEqual(transfer.provider_id, self.member)
        self.assertEqual(transfer.receiver_id, self.project)
        self.assertAlmostEqual(transfer.actual_quantity, 20.0, places=8)
        self.assertEqual(
            transfer.resource_conforms_to_id,
            self.env.ref("rea_exchanges.product_template_faircoin"),
        )
        account = self.project.get_faircoin_account()
        self.assertAlmostEqual(account.accounting_quantity, 20.0, places=8)
        # Watching again changes nothing and records nothing twice.
        self.watch(tx)
        self.assertEqual(len(transfer.event_ids), 1)

    def test_mempool_only(self):
        tx = self.make_tx(5.0)
        self.pay(tx, height=-1)
        self.watch(tx)
        self.assertEqual(tx.state, "pending")
        self.assertTrue(tx.faircoin_txid)
        self.assertEqual(tx.faircoin_confirmations, 0)
        self.assertIn("0 of 3", tx.state_message)
        self.assertFalse(tx.faircoin_rea_transfer_id)

    def test_exact_amount_with_odd_decimals(self):
        tx = self.make_tx(12.34)
        self.assertEqual(to_sat(tx.faircoin_amount), 2468000000)
        self.pay(tx, height=self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")
        self.assertEqual(to_sat(tx.faircoin_received), 2468000000)

    def test_one_base_unit_short(self):
        tx = self.make_tx(10.0)
        self.pay(to_sat(tx.faircoin_amount) - 1, height=self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "error")
        self.assertIn("19.99999999", tx.state_message)
        self.assertIn("20.00000000", tx.state_message)
        self.assertFalse(tx.faircoin_rea_transfer_id)

    def test_short_within_and_over_tolerance(self):
        self.acquirer.faircoin_tolerance = 0.001
        within = self.make_tx(10.0)
        self.pay(
            to_sat(within.faircoin_amount) - 100000, height=self.confirmed_height(3)
        )
        self.watch(within)
        self.assertEqual(within.state, "done")
        over = self.make_tx(30.0)
        self.pay(to_sat(over.faircoin_amount) - 100001, height=self.confirmed_height(3))
        self.watch(over)
        self.assertEqual(over.state, "error")
        self.assertIn("tolerance 0.00100000", over.state_message)

    def test_overpaid_is_done(self):
        tx = self.make_tx(10.0)
        self.pay(to_sat(tx.faircoin_amount) + 5, height=self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")
        self.assertIn("Overpaid by 0.00000005", tx.state_message)

    def test_output_to_another_address(self):
        tx = self.make_tx(10.0)
        raw = build_transaction([(to_sat(tx.faircoin_amount), self.other_script)])
        txid = self.standin.add_transaction(raw, self.confirmed_height(3))
        # Even if the server lists it under our address, nothing pays us.
        self.standin.add_history(self.script, txid, self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)

    def test_only_our_outputs_count(self):
        tx = self.make_tx(10.0)
        sat = to_sat(tx.faircoin_amount)
        self.pay(
            sat // 2,
            height=self.confirmed_height(3),
            extra_outputs=[(sat, self.other_script)],
        )
        self.watch(tx)
        self.assertEqual(tx.state, "error")
        self.assertEqual(to_sat(tx.faircoin_received), sat // 2)

    def test_same_hash_settles_one_payment(self):
        first = self.make_tx(10.0)
        second = self.make_tx(10.0)
        txid = self.pay(first, height=self.confirmed_height(3))
        self.watch(first, second)
        self.assertEqual(first.state, "done")
        self.assertEqual(first.faircoin_txid, txid)
        self.assertEqual(second.state, "pending")
        self.assertFalse(second.faircoin_txid)
        # The database refuses it too.
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                second.write({"faircoin_txid": txid})

    def test_best_amount_match(self):
        small = self.make_tx(5.0)
        big = self.make_tx(8.0)
        self.pay(big, height=self.confirmed_height(3))
        self.watch(small, big)
        self.assertEqual(big.state, "done")
        self.assertEqual(small.state, "pending")

    def test_hash_not_matching_bytes(self):
        tx = self.make_tx(10.0)
        raw = build_transaction([(to_sat(tx.faircoin_amount), self.script)])
        forged = txid_of(build_transaction([(1, self.script)]))
        self.standin.add_transaction(raw, self.confirmed_height(3), txid=forged)
        with mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction"):
            self.watch(tx)
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)
        self.assertIn("do not hash", tx.faircoin_check_error)

    def test_older_transactions_ignored(self):
        tx = self.make_tx(10.0)
        self.pay(tx, height=10)  # long before the payment was asked
        self.watch(tx)
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)

    @mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction")
    def test_server_refused(self):
        tx = self.make_tx(10.0)
        self.acquirer.faircoin_electrum_port = closed_port()
        self.assertFalse(self.watch(tx))
        self.assertEqual(tx.state, "pending")
        self.assertIn("cannot connect", tx.faircoin_check_error)
        # An expired payment is not cancelled while the chain cannot be asked.
        tx.faircoin_expiry = "2000-01-01 00:00:00"
        self.Tx._cron_faircoin_watch()
        self.assertEqual(tx.state, "pending")

    @mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction")
    def test_server_timeout(self):
        tx = self.make_tx(10.0)
        self.pay(tx, height=self.confirmed_height(3))
        self.standin.delays["blockchain.scripthash.get_history"] = 1.5
        self.assertFalse(self.watch(tx))
        self.assertEqual(tx.state, "pending")
        self.assertIn("timeout", tx.faircoin_check_error)
        # Retried by the next run once the server answers again.
        self.standin.delays.clear()
        self.watch(tx)
        self.assertEqual(tx.state, "done")

    @mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction")
    def test_server_error_object_and_garbage(self):
        tx = self.make_tx(10.0)
        self.standin.errors["blockchain.scripthash.get_history"] = {
            "code": -32600,
            "message": "history too large",
        }
        self.assertFalse(self.watch(tx))
        self.assertIn("history too large", tx.faircoin_check_error)
        self.standin.errors.clear()
        self.standin.garbage.add("blockchain.headers.subscribe")
        self.assertFalse(self.watch(tx))
        self.assertIn("malformed", tx.faircoin_check_error)
        self.assertEqual(tx.state, "pending")

    def test_unknown_transaction_error_is_retried(self):
        tx = self.make_tx(10.0)
        raw = build_transaction([(to_sat(tx.faircoin_amount), self.script)])
        self.standin.add_history(self.script, txid_of(raw), self.confirmed_height(3))
        with mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction"):
            self.assertFalse(self.watch(tx))
        self.assertEqual(tx.state, "pending")
        self.standin.add_transaction(raw, self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")

    def test_expiry(self):
        tx = self.make_tx(10.0)
        tx.faircoin_expiry = "2000-01-01 00:00:00"
        # A browser posting the form never cancels.
        self.Tx.form_feedback({"reference": tx.reference}, "faircoin")
        self.assertEqual(tx.state, "pending")
        self.Tx._cron_faircoin_watch()
        self.assertEqual(tx.state, "cancel")
        self.assertIn("payment window", tx.state_message)

    def test_paid_in_time_not_cancelled(self):
        tx = self.make_tx(10.0)
        self.pay(tx, height=0)
        self.watch(tx)
        tx.faircoin_expiry = "2000-01-01 00:00:00"
        self.watch(tx)
        self.assertEqual(tx.state, "pending")

    def test_browser_cannot_complete(self):
        tx = self.make_tx(10.0)
        self.Tx.form_feedback(
            {"reference": tx.reference, "state": "done", "faircoin_txid": "00" * 32},
            "faircoin",
        )
        self.assertEqual(tx.state, "pending")
        self.assertFalse(tx.faircoin_txid)

    def test_demo_acquirer_is_off_and_not_watched(self):
        """The demo acquirer is unpublished and has no Electrum server: the
        scheduled job neither connects for it nor logs anything."""
        demo = self.env.ref("rea_payment_faircoin.payment_acquirer_faircoin_demo")
        self.assertFalse(demo.website_published)
        self.assertFalse(demo.faircoin_electrum_host)
        self.assertNotIn(demo, self.env["payment.acquirer"].get_faircoin_watched())
        self.assertIn(
            self.acquirer, self.env["payment.acquirer"].get_faircoin_watched()
        )

    def test_cron_quiet_without_a_watched_acquirer(self):
        acquirers = self.env["payment.acquirer"].search([("provider", "=", "faircoin")])
        acquirers.write({"faircoin_electrum_host": False})
        demo_tx = self.env.ref("rea_payment_faircoin.payment_transaction_faircoin_demo")
        self.assertEqual(demo_tx.state, "pending")
        logger = "odoo.addons.rea_payment_faircoin.models.payment_transaction"
        with self.assertLogs(logger, level="DEBUG") as logged:
            # assertLogs needs one record; the job must add none.
            logging.getLogger(logger).debug("start")
            self.assertTrue(self.Tx._cron_faircoin_watch())
        self.assertEqual(logged.output, ["DEBUG:%s:start" % logger])
        self.assertEqual(demo_tx.state, "pending")
        self.assertFalse(demo_tx.faircoin_last_check)

    def test_check_without_server_says_so(self):
        demo_tx = self.env.ref("rea_payment_faircoin.payment_transaction_faircoin_demo")
        demo_tx.acquirer_id.faircoin_electrum_host = False
        self.assertFalse(demo_tx.faircoin_watch())
        self.assertIn("No Electrum server", demo_tx.faircoin_check_error)

    def test_unreachable_server_is_a_warning_retried(self):
        demo = self.env.ref("rea_payment_faircoin.payment_acquirer_faircoin_demo")
        demo.write(
            {
                "faircoin_electrum_host": "127.0.0.1",
                "faircoin_electrum_port": closed_port(),
                "faircoin_timeout": 0.5,
            }
        )
        with mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction"):
            self.assertTrue(self.Tx._cron_faircoin_watch())
        demo_tx = self.env.ref("rea_payment_faircoin.payment_transaction_faircoin_demo")
        self.assertEqual(demo_tx.state, "pending")
        self.assertTrue(demo_tx.faircoin_check_error)
        self.assertTrue(fields.Datetime.from_string(demo_tx.faircoin_last_check))

    def test_payment_of_a_faircoin_exchange(self):
        """Paying an exchange settled in FairCoin records its payment
        transfer (FAIR from the member to the project)."""
        exchange = self.env["rea.exchange"].create(
            {
                "exchange_type_id": self.env.ref(
                    "rea_exchanges.exchange_type_donation_faircoin"
                ).id,
                "provider_id": self.member.id,
                "receiver_id": self.project.id,
                "context_id": self.project.id,
            }
        )
        exchange.action_fill_transfers()
        tx = self.make_tx(10.0, faircoin_exchange_id=exchange.id)
        self.assertEqual(tx.faircoin_receiver_id, self.project)
        self.pay(tx, height=self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.faircoin_rea_transfer_id.exchange_id, exchange)
        self.assertEqual(exchange.state, "complete")
        self.assertAlmostEqual(exchange.transfer_ids.actual_quantity, 20.0, places=8)

    def test_cron_survives_a_bad_address(self):
        tx = self.make_tx(10.0)
        self.pay(tx, height=self.confirmed_height(3))
        broken = self.make_tx(10.0)
        # An address stored before validation existed (written in SQL).
        self.env.cr.execute(
            "UPDATE payment_transaction SET faircoin_address = 'not-an-address' "
            "WHERE id = %s",
            (broken.id,),
        )
        broken.invalidate_cache()
        with mute_logger("odoo.addons.rea_payment_faircoin.models.payment_transaction"):
            self.assertTrue(self.Tx._cron_faircoin_watch())
        self.assertEqual(broken.state, "pending")
        self.assertIn("Invalid address", broken.faircoin_check_error)
        self.assertEqual(tx.state, "done")
