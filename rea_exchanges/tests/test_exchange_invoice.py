# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import at_install, post_install

from .common import ExchangeCase


@at_install(False)
@post_install(True)
class TestExchangeInvoice(ExchangeCase):
    """Odoo accounting stays the ledger: the invoice payment records the
    money transfer. Accounts and journals are made here, chart or not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.user.company_id
        # Amounts in the company currency: no exchange rates involved.
        cls.euro.rea_currency_id = company.currency_id
        Account = cls.env["account.account"]

        def account(code, xmlid, reconcile=False):
            return Account.create(
                {
                    "code": code,
                    "name": "REA test %s" % code,
                    "user_type_id": cls.env.ref(xmlid).id,
                    "reconcile": reconcile,
                    "company_id": company.id,
                }
            )

        receivable = account("RX1100", "account.data_account_type_receivable", True)
        payable = account("RX2100", "account.data_account_type_payable", True)
        income = account("RX4000", "account.data_account_type_revenue")
        expense = account("RX6000", "account.data_account_type_expenses")
        bank = account("RX1010", "account.data_account_type_liquidity")
        Journal = cls.env["account.journal"]
        cls.sale_journal = Journal.create(
            {
                "name": "REA test sales",
                "code": "RXS",
                "type": "sale",
                "default_credit_account_id": income.id,
                "default_debit_account_id": income.id,
                "company_id": company.id,
            }
        )
        cls.purchase_journal = Journal.create(
            {
                "name": "REA test purchases",
                "code": "RXP",
                "type": "purchase",
                "default_credit_account_id": expense.id,
                "default_debit_account_id": expense.id,
                "company_id": company.id,
            }
        )
        cls.bank_journal = Journal.create(
            {
                "name": "REA test bank",
                "code": "RXB",
                "type": "bank",
                "default_credit_account_id": bank.id,
                "default_debit_account_id": bank.id,
                "company_id": company.id,
            }
        )
        for partner in (cls.member_a, cls.supplier, cls.project_a):
            partner.write(
                {
                    "property_account_receivable_id": receivable.id,
                    "property_account_payable_id": payable.id,
                }
            )
        # The invoice line takes the product's accounts when it has some.
        cls.board.write(
            {
                "property_account_income_id": income.id,
                "property_account_expense_id": expense.id,
            }
        )
        cls.exchange_type("sale_fiat").journal_id = cls.sale_journal
        cls.exchange_type("purchase_fiat").journal_id = cls.purchase_journal

    def _pay(self, invoice):
        invoice.action_invoice_open()
        invoice.pay_and_reconcile(self.bank_journal, invoice.amount_total)

    def test_customer_invoice_payment_completes_the_sale(self):
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        exchange.action_create_invoice()
        invoice = exchange.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.member_a, "the payer")
        self.assertEqual(invoice.journal_id, self.sale_journal)
        self.assertEqual(invoice.amount_total, 30.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 2.0)
        self.assertEqual(invoice.invoice_line_ids.price_unit, 15.0)
        self.assertEqual(
            invoice.invoice_line_ids.product_id, self.board.product_variant_id
        )
        self.assertEqual(exchange.state, "pending", "an invoice is not a payment")
        with self.assertRaises(UserError):
            exchange.create_invoice()
        self._pay(invoice)
        self.assertEqual(invoice.state, "paid")
        event = invoice.rea_event_ids
        self.assertEqual(event.transfer_id, money)
        self.assertEqual(event.resource_quantity, 30.0)
        self.assertEqual(event.provider_id, self.member_a)
        self.assertEqual(money.state, "complete")
        self.assertEqual(exchange.state, "complete")
        totals = self.totals_by_unit(self.project_a.get_exchange_totals())
        self.assertEqual(totals["EUR"]["income"], 30.0)
        self.assertEqual(totals["EUR"]["committed_in"], 0.0)

    def test_vendor_bill_of_a_purchase(self):
        exchange = self.make_exchange(
            "purchase_fiat", self.supplier, self.project_a, context=self.project_a
        )
        goods, money = self.sides(exchange)
        goods.resource_conforms_to_id = self.repair  # a service bought in hours
        goods.add_commitment(4.0)
        goods.record_event()
        money.add_commitment(100.0)
        action = exchange.action_create_invoice()
        invoice = exchange.invoice_ids
        self.assertEqual(action["res_id"], invoice.id)
        self.assertEqual(
            action["views"],
            [(self.env.ref("account.invoice_supplier_form").id, "form")],
        )
        self.assertEqual(invoice.type, "in_invoice")
        self.assertEqual(invoice.partner_id, self.supplier, "the payee")
        self.assertEqual(invoice.amount_total, 100.0)
        self._pay(invoice)
        self.assertEqual(exchange.state, "complete")
        self.assertEqual(invoice.rea_event_ids.receiver_id, self.supplier)

    def test_undone_payment_reverses_the_event(self):
        exchange = self.sale(self.member_a, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        invoice = exchange.create_invoice()
        self._pay(invoice)
        self.assertEqual(exchange.state, "complete")
        invoice.payment_move_line_ids.remove_move_reconcile()
        self.assertEqual(invoice.state, "open")
        self.assertEqual(len(invoice.rea_event_ids), 2, "event and its reversal")
        self.assertEqual(money.actual_quantity, 0.0)
        self.assertEqual(exchange.state, "pending")
        # Paying again records it again.
        invoice.pay_and_reconcile(self.bank_journal, invoice.amount_total)
        self.assertEqual(money.actual_quantity, 30.0)
        self.assertEqual(exchange.state, "complete")

    def test_payment_of_a_cancelled_exchange_reopens_it(self):
        """The money moved: the fact wins over the cancellation."""
        exchange = self.sale(self.member_a, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        invoice = exchange.create_invoice()
        invoice.action_invoice_open()
        exchange.action_cancel()
        self.assertEqual(money.state, "cancelled")
        invoice.pay_and_reconcile(self.bank_journal, invoice.amount_total)
        self.assertEqual(money.actual_quantity, 30.0)
        self.assertEqual(exchange.state, "complete")

    def test_partly_paid_amount_is_invoiced(self):
        """The invoice asks for what is still to pay."""
        exchange = self.sale(self.member_a, boards=3, price=45.0)
        money = self.sides(exchange)[1]
        money.record_event(5.0)
        invoice = exchange.create_invoice()
        self.assertEqual(invoice.amount_total, 40.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 1.0, "40 / 3 is not exact")

    def test_types_without_invoicing(self):
        donation = self.make_exchange("donation_fiat", self.member_a, self.project_a)
        with self.assertRaises(UserError):
            donation.create_invoice()
        sale = self.make_exchange("sale_fiat", self.project_a, self.member_a)
        with self.assertRaises(UserError):
            sale.create_invoice()  # nothing planned to pay yet

    def test_payment_converted_into_another_currency_says_so(self):
        company_currency = self.env.user.company_id.currency_id
        other = self.env.ref("base.EUR")
        if other == company_currency:
            other = self.env.ref("base.USD")
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        exchange.action_create_invoice()
        invoice = exchange.invoice_ids
        self.assertEqual(invoice.currency_id, company_currency)
        # The money account is kept in another currency than the invoice's.
        self.euro.rea_currency_id = other
        self._pay(invoice)
        event = invoice.rea_event_ids
        expected = company_currency.compute(30.0, other)
        self.assertAlmostEqual(event.resource_quantity, expected, places=2)
        self.assertIn("paid in all", event.note)
        self.assertIn("30.00", event.note)
        self.assertIn(money.unit_id.rea_format_quantity(expected), event.note)

    def test_money_account_type_of_a_currency(self):
        Template = self.env["product.template"]
        currency = self.env["res.currency"].create(
            {"name": "RXC", "symbol": "¤", "rounding": 0.01}
        )
        self.assertFalse(Template.rea_get_money_account_type(currency))
        money_type = Template.rea_get_money_account_type(currency, create=True)
        self.assertEqual(money_type.rea_behavior, "account")
        self.assertEqual(money_type.rea_currency_id, currency)
        self.assertEqual(money_type.uom_id.name, "RXC")
        self.assertTrue(money_type.uom_id.rea_money)
        self.assertEqual(money_type.uom_id.rea_format_quantity(150), "150.00 RXC")
        self.assertEqual(
            Template.rea_get_money_account_type(currency, create=True), money_type
        )
        # It creates with elevated rights: not for remote callers.
        other = self.env["res.currency"].create({"name": "RXD", "symbol": "¤"})
        with self.assertRaisesRegex(AccessError, "cannot be called remotely"):
            api.call_kw(Template, "rea_get_money_account_type", [other.id, True], {})
        self.assertFalse(Template.rea_get_money_account_type(other))
