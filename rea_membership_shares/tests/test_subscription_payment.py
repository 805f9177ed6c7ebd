# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError

from .common import SharesCase


class TestSubscriptionPayment(SharesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transfer = cls.env.ref("payment.payment_acquirer_transfer")
        cls.transfer.journal_id = cls.bank_journal
        cls.project.share_acquirer_ids = cls.transfer

    def test_acquirer_stored_and_offered(self):
        self.assertEqual(self.project.get_share_acquirers(), self.transfer)
        request = self.Request.create_from_form(
            self.person_values(acquirer_id=self.transfer.id)
        )
        self.assertEqual(request.acquirer_id, self.transfer)

    def test_online_transfer_transaction_pays_invoice(self):
        request = self.make_request(acquirer_id=self.transfer.id)
        request.action_validate()
        invoice = request.invoice_id
        tx = self.env["payment.transaction"]._check_or_create_invoice_tx(
            invoice, self.transfer
        )
        self.assertEqual(tx.account_invoice_id, invoice)
        data = {
            "reference": tx.reference,
            "amount": "%.2f" % tx.amount,
            "currency": tx.currency_id.name,
        }
        # The bank transfer is announced: pending, nothing paid yet.
        self.env["payment.transaction"].form_feedback(data, "transfer")
        self.assertEqual(tx.state, "pending")
        self.assertEqual(invoice.state, "open")
        self.assertEqual(request.state, "done")
        # The money arrived: the transaction is done and the invoice paid,
        # as a bank reconciliation would.
        tx.write({"state": "done", "date_validate": "2026-01-18 10:00:00"})
        self.assertEqual(invoice.state, "paid")
        self.assertEqual(request.state, "paid")
        self.assertEqual(invoice.payment_ids.payment_transaction_id, tx)
        self.assertTrue(request.partner_id.is_cooperator)
        self.assertEqual(request.partner_id.share_count, 2)

    def test_manual_payment_reference(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request, reference="TRANSFER 2026-42")
        payment = request.invoice_id.payment_ids
        self.assertEqual(payment.communication, "TRANSFER 2026-42")
        self.assertEqual(payment.amount, 100.0)
        self.assertEqual(payment.journal_id, self.bank_journal)
        with self.assertRaises(UserError):
            self.pay(request)


class TestJoinRequestShares(SharesCase):
    def test_join_request_accepted_when_paid(self):
        join = self.env["rea.join.request"].create(
            {
                "name": "Marc Soler",
                "email": "marc.soler@example.org",
                "project_id": self.project.id,
                "city": "Girona",
            }
        )
        subscription = join.get_subscription_request()
        self.assertTrue(subscription)
        self.assertEqual(subscription.join_request_id, join)
        self.assertEqual(subscription.share_product_id, self.share_a)
        self.assertEqual(subscription.quantity, 2)
        self.assertEqual(join.payment_ref, subscription)
        with self.assertRaises(UserError):
            join.action_accept()
        subscription.write(
            {
                "street": "Carrer 1",
                "zip_code": "17001",
                "country_id": self.country.id,
                "birthdate": "1970-01-01",
                "gender": "male",
                "iban": "ES9121000418450200051332",
            }
        )
        subscription.action_validate()
        self.pay(subscription)
        self.assertEqual(join.state, "accepted")
        self.assertEqual(join.relationship_id.state, "active")
        self.assertTrue(self.project.is_member(subscription.partner_id))

    def _join(self, email="marc.soler@example.org"):
        return self.env["rea.join.request"].create(
            {"name": "Marc Soler", "email": email, "project_id": self.project.id}
        )

    def test_confirmed_address_owns_the_share_request(self):
        join = self._join()
        subscription = join.get_subscription_request()
        # No contact is attached before the owner of the address confirms it.
        self.assertFalse(join.partner_id)
        self.assertFalse(subscription.partner_id)
        join.sudo()._confirm_email()
        self.assertTrue(join.partner_id)
        self.assertEqual(subscription.partner_id, join.partner_id)

    def test_withdrawn_request_cancels_its_unpaid_share_request(self):
        join = self._join()
        subscription = join.get_subscription_request()
        join.action_withdraw()
        self.assertEqual(join.state, "withdrawn")
        self.assertEqual(subscription.state, "cancelled")

    def test_unconfirmed_request_of_the_same_address_is_not_accepted(self):
        # A visitor typed the member's address on the join form; the member
        # then pays shares of their own: the visitor's request stays open.
        stranger = self._join()
        own = self.make_request(email="marc.soler@example.org")
        own.action_validate()
        self.pay(own)
        self.assertEqual(own.state, "paid")
        self.assertEqual(stranger.state, "new")
        self.assertFalse(stranger.partner_id)

    def test_moderated_project_has_no_subscription(self):
        join = self.env["rea.join.request"].create(
            {
                "name": "Anna",
                "email": "anna@example.org",
                "project_id": self.other_project.id,
            }
        )
        self.assertFalse(join.get_subscription_request())
