# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import SharesCase


class TestSubscriptionLifecycle(SharesCase):
    def test_validate_and_pay(self):
        request = self.make_request()
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.type, "new")
        self.assertEqual(request.source, "manual")
        self.assertEqual(request.share_unit_price, 50.0)
        self.assertEqual(request.subscription_amount, 100.0)
        self.assertEqual(request.name, "Laia Ferrer")
        request.action_validate()
        self.assertEqual(request.state, "done")
        partner = request.partner_id
        self.assertEqual(partner.email, "laia.ferrer@example.org")
        self.assertEqual(partner.agent_type, "individual")
        self.assertEqual(
            partner.bank_ids.sanitized_acc_number, "ES9121000418450200051332"
        )
        self.assertFalse(partner.is_cooperator)
        request.company_id.share_mail_certificate = True
        self.pay(request, date="2026-01-10")
        # The welcome e-mail, written while the payment is recorded, gives
        # the value of the shares just issued.
        welcome = self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", partner.ids),
                ("body_html", "like", "you are now a member"),
            ]
        )
        self.assertEqual(len(welcome), 1)
        self.assertIn("2 share(s)", welcome.body_html)
        self.assertIn("100.00", welcome.body_html)
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.payment_date, "2026-01-10")
        self.assertTrue(partner.is_cooperator)
        self.assertFalse(partner.is_former_member)
        self.assertTrue(partner.cooperator_number)
        self.assertEqual(partner.share_count, 2)
        self.assertEqual(partner.share_total_value, 100.0)
        self.assertEqual(partner.effective_date, "2026-01-10")
        line = partner.share_line_ids
        self.assertEqual(line.effective_date, "2026-01-10")
        self.assertEqual(line.project_id, self.project)
        self.assertEqual(line.share_unit_price, 50.0)
        self.assertTrue(self.project.is_member(partner))
        register = partner.share_register_ids
        self.assertEqual(register.type, "subscription")
        self.assertEqual(register.quantity, 2)
        self.assertEqual(register.date, "2026-01-10")
        self.assertEqual(register.subscription_request_id, request)
        self.assertTrue(register.register_number)

    def test_capital_release_invoice(self):
        request = self.make_request(quantity=3)
        request.action_validate()
        invoice = request.invoice_id
        self.assertEqual(invoice.state, "open")
        self.assertEqual(invoice.type, "out_invoice")
        self.assertTrue(invoice.is_capital_release)
        self.assertEqual(invoice.subscription_request_id, request)
        self.assertEqual(invoice.journal_id, self.company.share_journal_id)
        self.assertEqual(invoice.journal_id.code, "SUBJ")
        self.assertRegex(invoice.number, r"^SUBJ/\d{4}/\d{3,}$")
        self.assertEqual(invoice.account_id, self.company.share_receivable_account_id)
        self.assertEqual(invoice.account_id.internal_type, "receivable")
        self.assertEqual(len(invoice.invoice_line_ids), 1)
        inv_line = invoice.invoice_line_ids
        self.assertEqual(inv_line.product_id, self.share_a)
        self.assertEqual(inv_line.quantity, 3)
        self.assertEqual(inv_line.price_unit, 50.0)
        self.assertEqual(inv_line.account_id, self.company.share_equity_account_id)
        self.assertFalse(inv_line.invoice_line_tax_ids)
        self.assertFalse(invoice.tax_line_ids)
        self.assertEqual(invoice.amount_total, 150.0)
        self.assertEqual(invoice.amount_tax, 0.0)
        # A second request continues the same sequence.
        other = self.make_request(email="other.person@example.org", quantity=2)
        other.action_validate()
        self.assertEqual(other.invoice_id.journal_id, invoice.journal_id)
        self.assertNotEqual(other.invoice_id.number, invoice.number)

    def test_capital_release_date_and_payment_terms(self):
        # Without settings: dated on validation, due the same day.
        request = self.make_request()
        request.action_validate()
        today = fields.Date.context_today(request)
        self.assertEqual(request.invoice_id.date_invoice, today)
        self.assertFalse(request.invoice_id.payment_term_id)
        self.assertEqual(request.invoice_id.date_due, today)
        # A forced date and payment terms of the company.
        term = self.env.ref("account.account_payment_term_15days")
        forced = "%s-03-01" % today[:4]
        self.company.write(
            {"share_payment_term_id": term.id, "share_release_date": forced}
        )
        other = self.make_request(email="other.person@example.org")
        other.action_validate()
        invoice = other.invoice_id
        self.assertEqual(invoice.date_invoice, forced)
        self.assertEqual(invoice.payment_term_id, term)
        self.assertEqual(invoice.date_due, "%s-03-16" % today[:4])

    def test_share_price_frozen_at_request(self):
        request = self.make_request()
        self.share_a.list_price = 60.0
        request.action_validate()
        self.assertEqual(request.invoice_id.amount_total, 100.0)
        self.pay(request)
        self.assertEqual(request.partner_id.share_line_ids.share_unit_price, 50.0)
        self.share_a.list_price = 50.0

    def test_waiting_list_then_validate(self):
        request = self.make_request()
        request.action_put_on_waiting_list()
        self.assertEqual(request.state, "waiting")
        with self.assertRaises(UserError):
            request.action_put_on_waiting_list()
        request.action_validate()
        self.assertEqual(request.state, "done")

    def test_block_unblock(self):
        request = self.make_request()
        request.action_block()
        self.assertEqual(request.state, "blocked")
        with self.assertRaises(UserError):
            request.action_validate()
        request.action_unblock()
        self.assertEqual(request.state, "draft")
        with self.assertRaises(UserError):
            request.action_unblock()

    def test_cancel_states(self):
        for prepare in (
            lambda r: None,
            lambda r: r.action_put_on_waiting_list(),
            lambda r: r.action_block(),
            lambda r: r.action_validate(),
        ):
            request = self.make_request(email="cancel%s@example.org" % id(prepare))
            prepare(request)
            request.action_cancel()
            self.assertEqual(request.state, "cancelled")
            with self.assertRaises(UserError):
                request.action_validate()
        # A validated then cancelled request has its invoice cancelled.
        self.assertEqual(request.invoice_id.state, "cancel")
        self.assertEqual(request.exchange_id.state, "cancelled")

    def test_paid_request_cannot_be_cancelled(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request)
        with self.assertRaises(UserError):
            request.action_cancel()

    def test_unlink_only_draft_or_cancelled(self):
        request = self.make_request()
        request.action_validate()
        with self.assertRaises(UserError):
            request.unlink()
        draft = self.make_request(email="draft.only@example.org")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_partial_payment_is_not_membership(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request, amount=40.0, date="2026-01-05")
        self.assertEqual(request.state, "done")
        self.assertEqual(request.invoice_id.state, "open")
        self.assertFalse(request.partner_id.share_line_ids)
        self.assertFalse(request.partner_id.is_cooperator)

    def test_two_halves_effective_date_is_last_payment(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request, amount=50.0, date="2026-01-05", reference="HALF-1")
        self.assertEqual(request.state, "done")
        self.pay(request, amount=50.0, date="2026-01-20", reference="HALF-2")
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.payment_date, "2026-01-20")
        self.assertEqual(request.partner_id.share_line_ids.effective_date, "2026-01-20")
        self.assertEqual(len(request.partner_id.share_line_ids), 1)

    def test_refund_cancels_request(self):
        request = self.make_request()
        request.action_validate()
        invoice = request.invoice_id
        wizard = (
            self.env["account.invoice.refund"]
            .with_context(
                active_model="account.invoice",
                active_ids=invoice.ids,
                active_id=invoice.id,
            )
            .create({"filter_refund": "cancel", "description": "Withdrawn"})
        )
        wizard.invoice_refund()
        self.assertEqual(invoice.state, "paid")
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(request.partner_id.share_line_ids)
        self.assertFalse(request.partner_id.share_register_ids)
        self.assertFalse(request.partner_id.is_cooperator)
        # No money was recorded as received in REA.
        money = (
            request.exchange_id.get_money_transfer()
            or request.exchange_id.transfer_ids.filtered("is_currency")
        )
        self.assertEqual(sum(money.mapped("actual_quantity")), 0.0)

    def test_increase_type_and_mail(self):
        first = self.make_request()
        first.action_validate()
        self.pay(first)
        partner = first.partner_id
        number = partner.cooperator_number
        second = self.make_request(quantity=4)
        self.assertEqual(second.partner_id, partner)
        self.assertEqual(second.type, "increase")
        second.action_validate()
        self.pay(second, date="2026-02-01")
        self.assertEqual(partner.share_count, 6)
        self.assertEqual(len(partner.share_line_ids), 2)
        self.assertEqual(partner.cooperator_number, number)
        self.assertEqual(partner.effective_date, "2026-01-15")

    def test_pending_request_makes_increase(self):
        first = self.make_request()
        first.action_validate()
        second = self.make_request(quantity=2)
        self.assertEqual(second.type, "increase")

    def test_register_equals_holdings(self):
        people = [
            ("reg.one@example.org", 2, self.share_a),
            ("reg.two@example.org", 3, self.share_a),
            ("reg.one@example.org", 4, self.share_a),
        ]
        for email, quantity, product in people:
            request = self.make_request(
                email=email, quantity=quantity, share_product_id=product.id
            )
            request.action_validate()
            self.pay(request)
        partners = self.env["res.partner"].search(
            [("email", "in", ["reg.one@example.org", "reg.two@example.org"])]
        )
        for partner in partners:
            register = self.env["rea.share.register"].read_group(
                [("partner_id", "=", partner.id)], ["quantity"], []
            )[0]["quantity"]
            holdings = sum(h["quantity"] for h in partner.get_share_holdings())
            self.assertEqual(register, holdings)
        one = partners.filtered(lambda p: p.email == "reg.one@example.org")
        holdings = one.get_share_holdings(self.project)
        self.assertEqual(len(holdings), 1)
        self.assertEqual(holdings[0]["product"], self.share_a)
        self.assertEqual(holdings[0]["quantity"], 6)
        self.assertEqual(holdings[0]["total"], 300.0)

    def test_rea_exchange_records_money_and_shares(self):
        request = self.make_request(quantity=3)
        request.action_validate()
        exchange = request.exchange_id
        self.assertEqual(exchange.provider_id, self.project.partner_id)
        self.assertEqual(exchange.receiver_id, request.partner_id)
        self.assertEqual(exchange.context_id, self.project.partner_id)
        self.assertEqual(request.invoice_id.rea_exchange_id, exchange)
        self.pay(request, date="2026-01-12")
        self.assertEqual(exchange.state, "complete")
        shares = exchange.transfer_ids.filtered(lambda t: not t.is_currency)
        money = exchange.transfer_ids.filtered("is_currency")
        self.assertEqual(shares.actual_quantity, 3)
        # Recorded as paid, in the invoice's currency: no conversion.
        currency = request.invoice_id.currency_id
        self.assertEqual(money.resource_conforms_to_id.rea_currency_id, currency)
        self.assertEqual(money.unit_id.name, currency.name)
        self.assertAlmostEqual(money.actual_quantity, 150.0, places=2)
        self.assertEqual(money.provider_id, request.partner_id)
        self.assertEqual(shares.receiver_id, request.partner_id)
        template = self.share_a.product_tmpl_id
        self.assertEqual(
            request.partner_id.get_rea_account(template).accounting_quantity, 3
        )
        self.assertEqual(
            self.project.partner_id.get_rea_account(template).accounting_quantity, -3
        )
        self.assertEqual(shares.event_ids.has_point_in_time[:10], "2026-01-12")

    def test_batch_validation_wizard(self):
        requests = self.make_request(email="batch1@example.org")
        requests |= self.make_request(email="batch2@example.org")
        waiting = self.make_request(email="batch3@example.org")
        waiting.action_put_on_waiting_list()
        blocked = self.make_request(email="batch4@example.org")
        blocked.action_block()
        wizard = (
            self.env["rea.subscription.validate"]
            .with_context(
                active_model="rea.subscription.request",
                active_ids=(requests | waiting | blocked).ids,
            )
            .create({})
        )
        wizard.action_validate()
        self.assertEqual(set((requests | waiting).mapped("state")), {"done"})
        self.assertEqual(blocked.state, "blocked")
        self.assertTrue(all(r.invoice_id for r in requests | waiting))
        empty = (
            self.env["rea.subscription.validate"]
            .with_context(
                active_model="rea.subscription.request", active_ids=blocked.ids
            )
            .create({})
        )
        with self.assertRaises(UserError):
            empty.action_validate()

    def test_validation_rechecks_values(self):
        request = self.make_request(iban="ES00 0000")
        with self.assertRaises(ValidationError):
            request.action_validate()
        self.assertEqual(request.state, "draft")
        request.skip_iban_check = True
        request.action_validate()
        self.assertEqual(request.state, "done")
        # Not an IBAN: kept as a plain account number.
        self.assertNotEqual(request.partner_id.bank_ids.acc_type, "iban")

    def test_payment_wizard_checks(self):
        request = self.make_request()
        with self.assertRaises(UserError):
            self.pay(request, amount=10.0)
        request.action_validate()
        with self.assertRaises(UserError):
            self.pay(request, amount=500.0)
        with self.assertRaises(UserError):
            self.pay(request, amount=0.0)
        with self.assertRaises(UserError):
            self.pay(request, date="2999-01-01")
        self.assertEqual(request.state, "done")
