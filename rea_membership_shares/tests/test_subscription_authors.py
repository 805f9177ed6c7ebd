# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import SharesCase


class TestSubscriptionMessageAuthors(SharesCase):
    """The messages of each step are signed by who acted: the staff member
    who validated or registered the payment, the applicant of a website
    request, the member paying online; never by the superuser
    (Administrator) the steps partly run as."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tracking messages are what these tests read.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.Request = cls.env["rea.subscription.request"]
        cls.staff = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Staff Signer",
                    "login": "share_staff_signer",
                    "email": "staff.signer@example.org",
                    "groups_id": [
                        (
                            6,
                            0,
                            [
                                cls.env.ref(xmlid).id
                                for xmlid in (
                                    "base.group_user",
                                    "rea_membership_shares.group_share_manager",
                                    "account.group_account_invoice",
                                )
                            ],
                        )
                    ],
                }
            )
        )
        cls.root = cls.env.ref("base.partner_root")
        cls.transfer = cls.env.ref("payment.payment_acquirer_transfer")
        cls.transfer.journal_id = cls.bank_journal
        cls.project.share_acquirer_ids = cls.transfer

    def new_messages(self, request, before):
        request.invalidate_cache()
        return request.message_ids - before

    def state_message(self, messages, state):
        return messages.filtered(
            lambda m: any(
                v.field == "state" and v.new_value_char == state
                for v in m.sudo().tracking_value_ids
            )
        )

    def test_staff_steps_signed_by_staff(self):
        request = self.make_request()
        before = request.message_ids
        # A name put in the context by a client does not sign.
        forged = {"rea_share_actor_id": self.root.id}
        request.sudo(self.staff).with_context(**forged).action_validate()
        messages = self.new_messages(request, before)
        validated = self.state_message(messages, "Validated")
        self.assertEqual(len(validated), 1, messages.mapped("tracking_value_ids"))
        self.assertEqual(messages.mapped("author_id"), self.staff.partner_id)

        before = request.message_ids
        wizard = (
            self.env["rea.subscription.payment"]
            .sudo(self.staff)
            .create(
                {
                    "request_id": request.id,
                    "journal_id": self.bank_journal.id,
                    "amount": request.invoice_id.residual,
                    "payment_date": "2026-01-15",
                    "reference": "BANK-REF",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "paid")
        messages = self.new_messages(request, before)
        self.assertEqual(len(self.state_message(messages, "Paid")), 1)
        self.assertTrue(messages.filtered(lambda m: "received" in (m.body or "")))
        self.assertEqual(messages.mapped("author_id"), self.staff.partner_id)

    def test_website_request_signed_by_its_applicant(self):
        """The website creates the request as superuser; the applicant,
        without contact yet, signs with their address. The confirmation
        e-mail comes from the company."""
        self.company.share_mail_confirmation = True
        request = self.Request.sudo().create_from_form(
            self.person_values(email="web.applicant@example.org")
        )
        self.assertFalse(request.partner_id)
        messages = request.message_ids
        self.assertTrue(messages)
        tracked = messages.filtered("tracking_value_ids")
        self.assertTrue(tracked)
        self.assertFalse(tracked.mapped("author_id"))
        self.assertIn("web.applicant@example.org", tracked[0].email_from)
        self.assertIn("Laia Ferrer", tracked[0].email_from)
        mails = self.mails_for(request)
        self.assertTrue(mails)
        self.assertEqual(mails.mapped("author_id"), self.company.partner_id)
        self.assertNotIn(self.root, messages.mapped("author_id"))

    def test_online_payment_signed_by_the_member(self):
        """The acquirer's feedback (here the bank transfer confirmed) runs
        as superuser: the member who paid signs."""
        request = self.make_request(acquirer_id=self.transfer.id)
        request.action_validate()
        tx = self.env["payment.transaction"]._check_or_create_invoice_tx(
            request.invoice_id, self.transfer
        )
        before = request.message_ids
        tx.sudo().write({"state": "done", "date_validate": "2026-01-18 10:00:00"})
        self.assertEqual(request.state, "paid")
        messages = self.new_messages(request, before)
        self.assertEqual(len(self.state_message(messages, "Paid")), 1)
        self.assertEqual(messages.mapped("author_id"), request.partner_id)
