# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import SharesMailCase


class TestSubscriptionMail(SharesMailCase):
    def template_mails(self, xmlid, record):
        template = self.env.ref("rea_membership_shares.%s" % xmlid)
        subject = template.render_template(template.subject, record._name, [record.id])[
            record.id
        ]
        return self.env["mail.mail"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subject", "=", subject),
            ]
        )

    def test_confirmation(self):
        request = self.make_request()
        mail = self.template_mails("mail_template_confirmation", request)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "laia.ferrer@example.org")
        self.assertIn("Wind Cooperative", mail.body_html)
        self.assertFalse(mail.attachment_ids)

    def test_confirmation_switch(self):
        self.company.share_mail_confirmation = False
        request = self.make_request()
        self.assertFalse(self.template_mails("mail_template_confirmation", request))
        self.company.share_mail_confirmation = True

    def test_confirmation_company_goes_to_the_company(self):
        request = self.Request.create(self.company_values())
        self.assertFalse(self.template_mails("mail_template_confirmation", request))
        mail = self.template_mails("mail_template_confirmation_company", request)
        self.assertEqual(mail.email_to, "info@energiacomuna.example.org")
        self.assertEqual(mail.email_cc, "pau.vila@example.org")

    def test_waiting_list(self):
        request = self.make_request()
        request.action_put_on_waiting_list()
        mail = self.template_mails("mail_template_waiting_list", request)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "laia.ferrer@example.org")
        self.company.share_mail_waiting_list = False
        other = self.make_request(email="waiting2@example.org")
        other.action_put_on_waiting_list()
        self.assertFalse(self.template_mails("mail_template_waiting_list", other))
        self.company.share_mail_waiting_list = True

    def test_capital_release(self):
        request = self.make_request()
        request.action_validate()
        invoice = request.invoice_id
        mail = self.template_mails("mail_template_capital_release", invoice)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, request.partner_id)
        self.assertIn(invoice.number, mail.subject)
        report = self.env.ref(
            "rea_membership_shares.action_report_capital_release",
            raise_if_not_found=False,
        )
        if report:
            self.assertEqual(len(mail.attachment_ids), 1)
            self.assertIn("Capital release request", mail.attachment_ids.name)
        self.company.share_mail_capital_release = False
        other = self.make_request(email="norelease@example.org")
        other.action_validate()
        self.assertFalse(
            self.template_mails("mail_template_capital_release", other.invoice_id)
        )
        self.company.share_mail_capital_release = True

    def test_certificate_and_increase(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request)
        partner = request.partner_id
        mail = self.template_mails("mail_template_certificate", partner)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, partner)
        self.assertIn(partner.cooperator_number, mail.subject)
        report = self.env.ref(
            "rea_membership_shares.action_report_share_certificate",
            raise_if_not_found=False,
        )
        if report:
            self.assertEqual(len(mail.attachment_ids), 1)
        increase = self.make_request(quantity=2)
        increase.action_validate()
        self.pay(increase)
        mail = self.template_mails("mail_template_share_increase", partner)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, partner)
        if report:
            self.assertEqual(len(mail.attachment_ids), 1)

    def test_certificate_switches_and_type_template(self):
        self.company.share_mail_certificate = False
        request = self.make_request()
        request.action_validate()
        self.pay(request)
        self.assertFalse(
            self.template_mails("mail_template_certificate", request.partner_id)
        )
        self.company.share_mail_certificate = True
        custom = self.env.ref("rea_membership_shares.mail_template_certificate").copy(
            {"subject": "Custom certificate of Wind"}
        )
        self.share_a.share_certificate_template_id = custom
        other = self.make_request(email="custom.cert@example.org")
        other.action_validate()
        self.pay(other)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", other.partner_id.id),
                ("subject", "=", "Custom certificate of Wind"),
            ]
        )
        self.assertEqual(len(mails), 1)
        self.share_a.share_certificate_template_id = False

    def test_portal_user_invitation(self):
        self.company.share_create_portal_user = True
        request = self.make_request(email="portal.new@example.org")
        request.action_validate()
        self.pay(request)
        user = request.partner_id.user_ids
        self.assertEqual(len(user), 1)
        self.assertTrue(user.has_group("base.group_portal"))
        self.assertFalse(user.has_group("base.group_user"))
        self.assertEqual(user.login, "portal.new@example.org")
        # No password chosen for them: an auth_signup invitation instead.
        self.assertTrue(request.partner_id.signup_token)
        self.assertTrue(
            self.env["mail.mail"].search(
                [("model", "=", "res.users"), ("res_id", "=", user.id)]
            )
        )
        self.company.share_create_portal_user = False

    def test_no_portal_user_by_default(self):
        request = self.make_request(email="noportal@example.org")
        request.action_validate()
        self.pay(request)
        self.assertFalse(request.partner_id.user_ids)
