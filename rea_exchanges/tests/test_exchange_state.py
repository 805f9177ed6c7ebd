# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError, ValidationError

from .common import ExchangeCase


class TestExchangeState(ExchangeCase):
    def test_pending_to_complete(self):
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        goods, money = self.sides(exchange)
        self.assertEqual(exchange.state, "pending")
        self.assertEqual((goods.state, money.state), ("pending", "pending"))
        goods.record_event()
        self.assertEqual(goods.state, "complete")
        self.assertEqual(exchange.state, "pending", "the payment is still due")
        money.record_event()
        self.assertEqual(money.state, "complete")
        self.assertEqual(exchange.state, "complete")
        self.assertTrue(all(goods.commitment_ids.mapped("finished")))

    def test_partial_fulfilment(self):
        """Payments in instalments fulfil the commitments by due date."""
        exchange = self.sale(self.member_a, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        money.add_commitment(20.0, due="2030-03-31 10:00:00")
        self.assertEqual(money.committed_quantity, 50.0)
        first, second = money.commitment_ids.sorted("due")
        events = money.record_event(40.0)
        self.assertEqual(len(events), 2, "one event per commitment touched")
        self.assertEqual(events.mapped("commitment_id"), first | second)
        self.assertEqual(first.fulfilled_quantity, 30.0)
        self.assertTrue(first.finished)
        self.assertEqual(second.fulfilled_quantity, 10.0)
        self.assertFalse(second.finished)
        self.assertEqual(money.actual_quantity, 40.0)
        self.assertEqual(money.remaining_quantity, 10.0)
        self.assertEqual(money.progress, 80.0)
        self.assertEqual(money.due, second.due)
        self.assertEqual(money.state, "pending")
        self.assertEqual(exchange.state, "pending")
        # Money as Odoo writes amounts: each figure with its currency.
        self.assertEqual(money.get_summary(), "40.00 € / 50.00 €")
        money.record_event()
        self.assertEqual(money.actual_quantity, 50.0)
        self.assertEqual(exchange.state, "complete")

    def test_overpayment_is_recorded_without_commitment(self):
        exchange = self.sale(self.member_a, price=30.0)
        money = self.sides(exchange)[1]
        events = money.record_event(35.0)
        self.assertEqual(events.mapped("resource_quantity"), [30.0, 5.0])
        self.assertFalse(events[1].commitment_id)
        self.assertEqual(money.state, "complete")
        self.assertEqual(money.remaining_quantity, 0.0)

    def test_one_sided_without_commitment(self):
        """A donation recorded directly is complete; nothing planned is empty."""
        donation = self.make_exchange(
            "donation_faircoin", self.member_a, self.project_a
        )
        self.assertEqual(donation.state, "empty")
        self.assertEqual(donation.transfer_count, 1)
        donation.transfer_ids.record_event(0.5)
        self.assertEqual(donation.state, "complete")
        self.assertTrue(donation.transfer_ids.event_ids.is_contribution)

    def test_missing_slot_keeps_pending(self):
        exchange = self.Exchange.create(
            {
                "exchange_type_id": self.exchange_type("sale_fiat").id,
                "provider_id": self.project_a.id,
                "receiver_id": self.member_a.id,
            }
        )
        goods_type = exchange.exchange_type_id.transfer_type_ids.filtered(
            lambda t: not t.is_reciprocal
        )
        goods = exchange.add_transfer(goods_type, resource_type=self.board)
        goods.record_event(1.0)
        self.assertEqual(goods.state, "complete")
        self.assertEqual(exchange.state, "pending", "no payment transfer yet")
        exchange.action_fill_transfers()
        self.assertEqual(exchange.transfer_count, 2)
        exchange.get_money_transfer().record_event(15.0)
        self.assertEqual(exchange.state, "complete")

    def test_cancel_and_reopen(self):
        exchange = self.sale(self.member_a)
        goods, money = self.sides(exchange)
        goods.record_event()
        exchange.action_cancel()
        self.assertEqual(exchange.state, "cancelled")
        self.assertEqual(money.state, "cancelled")
        self.assertEqual(goods.state, "complete", "what happened stays")
        with self.assertRaises(UserError):
            money.record_event(5.0)
        exchange.action_reopen()
        self.assertEqual(exchange.state, "pending")
        money.record_event()
        self.assertEqual(exchange.state, "complete")
        with self.assertRaises(UserError):
            exchange.action_cancel()

    def test_cancel_one_transfer(self):
        exchange = self.sale(self.member_a)
        goods, money = self.sides(exchange)
        goods.action_cancel()
        money.action_cancel()
        self.assertEqual(exchange.state, "cancelled")
        goods.action_reopen()
        self.assertEqual(exchange.state, "pending")

    def test_correction_reopens_the_transfer(self):
        """Correcting an event (VF 'corrects') takes the transfer back."""
        exchange = self.sale(self.member_a)
        goods, money = self.sides(exchange)
        goods.record_event()
        event = money.record_event()
        self.assertEqual(exchange.state, "complete")
        reversal = event.correct()
        self.assertEqual(reversal.transfer_id, money, "stays in the transfer")
        self.assertEqual(money.actual_quantity, 0.0)
        self.assertEqual(money.state, "pending")
        self.assertEqual(exchange.state, "pending")
        account = self.member_a.get_rea_account(self.euro)
        self.assertEqual(account.accounting_quantity, 0.0)

    def test_events_must_match_their_transfer(self):
        exchange = self.sale(self.member_a)
        money = self.sides(exchange)[1]
        with self.assertRaises(ValidationError):
            self.env["rea.event"].create(
                {
                    "action_id": self.action("transfer").id,
                    "provider_id": self.project_a.id,  # the buyer pays, not A
                    "receiver_id": self.member_a.id,
                    "resource_id": self.project_a.get_rea_account(self.euro).id,
                    "to_resource_id": self.member_a.get_rea_account(self.euro).id,
                    "resource_quantity": 5.0,
                    "transfer_id": money.id,
                }
            )
        with self.assertRaises(ValidationError):
            exchange.add_transfer(self.exchange_type("loan_fiat").transfer_type_ids[0])
        shares = self.make_exchange(
            "share_purchase_fiat", self.project_a, self.member_a
        ).transfer_ids.filtered(lambda t: not t.is_reciprocal)
        with self.assertRaises(ValidationError):
            shares.resource_conforms_to_id = self.board

    def test_guards(self):
        exchange = self.sale(self.member_a)
        goods, money = self.sides(exchange)
        with self.assertRaises(UserError):
            exchange.receiver_id = self.member_b
        with self.assertRaises(UserError):
            money.resource_conforms_to_id = self.faircoin
        with self.assertRaises(UserError):
            money.record_event(0.0)
        with self.assertRaises(ValidationError):
            self.Exchange.create(
                {
                    "exchange_type_id": self.exchange_type("sale_fiat").id,
                    "provider_id": self.member_a.id,
                    "receiver_id": self.member_a.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.make_exchange(
                "donation_fiat", self.member_a, self.project_a, context=self.member_b
            )
        share_slot = self.exchange_type("share_purchase_fiat").transfer_type_ids[0]
        self.assertFalse(share_slot.accepts_resource_type(self.board))
        self.assertTrue(share_slot.accepts_resource_type(self.share))
        goods.record_event()
        with self.assertRaises(UserError):
            goods.unlink()
        with self.assertRaises(UserError):
            exchange.unlink()
        other = self.sale(self.member_b)
        other_goods = self.sides(other)[0]
        other.unlink()
        self.assertFalse(other_goods.exists())

    def test_record_wizard(self):
        exchange = self.sale(self.member_a, price=30.0)
        money = self.sides(exchange)[1]
        action = money.action_open_record_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"note": "Bank transfer"})
        )
        self.assertEqual(wizard.quantity, 30.0, "defaults to what remains")
        wizard.quantity = 12.5
        wizard.action_record()
        self.assertEqual(money.actual_quantity, 12.5)
        self.assertEqual(money.event_ids.note, "Bank transfer")
