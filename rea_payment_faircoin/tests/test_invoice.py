# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import at_install, post_install

from .common import FaircoinCase


@at_install(False)
@post_install(True)
class TestInvoicePaidInFaircoin(FaircoinCase):
    """An open invoice paid through the portal flow of account_payment
    completes when the chain confirms the FairCoin payment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]

        def account(code, xmlid, reconcile=False):
            return Account.create(
                {
                    "code": code,
                    "name": "FAIR test %s" % code,
                    "user_type_id": cls.env.ref(xmlid).id,
                    "reconcile": reconcile,
                    "company_id": cls.company.id,
                }
            )

        receivable = account("FX1100", "account.data_account_type_receivable", True)
        income = account("FX4000", "account.data_account_type_revenue")
        bank = account("FX1010", "account.data_account_type_liquidity")
        Journal = cls.env["account.journal"]
        cls.sale_journal = Journal.create(
            {
                "name": "FAIR test sales",
                "code": "FXS",
                "type": "sale",
                "default_credit_account_id": income.id,
                "default_debit_account_id": income.id,
                "company_id": cls.company.id,
            }
        )
        cls.fair_journal = Journal.create(
            {
                "name": "FAIR test wallet",
                "code": "FXW",
                "type": "bank",
                "default_credit_account_id": bank.id,
                "default_debit_account_id": bank.id,
                "company_id": cls.company.id,
            }
        )
        cls.acquirer.journal_id = cls.fair_journal
        cls.member.property_account_receivable_id = receivable
        cls.invoice = cls.env["account.invoice"].create(
            {
                "type": "out_invoice",
                "partner_id": cls.member.id,
                "journal_id": cls.sale_journal.id,
                "account_id": receivable.id,
                "currency_id": cls.currency.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Membership fee",
                            "quantity": 1,
                            "price_unit": 30.0,
                            "account_id": income.id,
                        },
                    )
                ],
            }
        )
        cls.invoice.action_invoice_open()

    def test_invoice_completed(self):
        tx = self.Tx._check_or_create_invoice_tx(self.invoice, self.acquirer)
        self.assertEqual(tx.faircoin_amount, 60.0)
        self.Tx.form_feedback({"reference": tx.reference}, "faircoin")
        self.assertEqual(tx.state, "pending")
        self.assertEqual(self.invoice.state, "open")
        txid = self.pay(tx, height=0)
        self.watch(tx)
        self.assertEqual(self.invoice.state, "open")
        self.standin.set_height(txid, self.confirmed_height(3))
        self.watch(tx)
        self.assertEqual(tx.state, "done")
        self.assertEqual(self.invoice.state, "paid")
        payment = self.invoice.payment_ids
        self.assertEqual(payment.journal_id, self.fair_journal)
        self.assertEqual(payment.payment_transaction_id, tx)
        self.assertAlmostEqual(tx.faircoin_rea_transfer_id.actual_quantity, 60.0)

    def test_journal_created_for_acquirers(self):
        acquirer = self.acquirer.copy({"name": "FairCoin second", "journal_id": False})
        if not self.company.chart_template_id:
            self.company.chart_template_id = self.env["account.chart.template"].search(
                [], limit=1
            )
        self.env["payment.acquirer"]._create_missing_journal_for_acquirers()
        self.assertTrue(acquirer.journal_id)
        self.assertEqual(acquirer.journal_id.type, "bank")
        self.assertTrue(acquirer.journal_id.code.startswith("FAIR"))
