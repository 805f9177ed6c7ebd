# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase

from .common import SharesMailCase
from .test_operation import ShareOperationCase

OUR_TEMPLATES = (
    "mail_template_confirmation",
    "mail_template_confirmation_company",
    "mail_template_waiting_list",
    "mail_template_capital_release",
    "mail_template_certificate",
    "mail_template_share_increase",
    "mail_template_transfer",
    "mail_template_update",
    "mail_template_no_shares_left",
)


def template(env, xmlid):
    return env.ref("rea_membership_shares.%s" % xmlid)


class TestMailTemplates(SharesMailCase):
    """Each e-mail of a subscription sends the company's template when one
    is chosen, the module's otherwise."""

    def custom(self, xmlid, kind):
        """A copy of our template with a plain subject, chosen by the
        company for ``kind``."""
        copy = template(self.env, xmlid).copy({"subject": "Custom %s" % kind})
        self.company["share_template_%s_id" % kind] = copy
        return copy

    def mails(self, record, subject):
        return self.env["mail.mail"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("subject", "=", subject),
            ]
        )

    def our_subject(self, xmlid, record):
        tmpl = template(self.env, xmlid)
        return tmpl.render_template(tmpl.subject, record._name, [record.id])[record.id]

    def test_flag_on_all_our_templates(self):
        ours = self.env["ir.model.data"].search(
            [("module", "=", "rea_membership_shares"), ("model", "=", "mail.template")]
        )
        self.assertEqual(
            sorted(ours.mapped("name")), sorted(OUR_TEMPLATES), "every one is listed"
        )
        for xmlid in OUR_TEMPLATES:
            self.assertTrue(template(self.env, xmlid).is_share_template, xmlid)
        flagged = self.env["mail.template"].search([("is_share_template", "=", True)])
        self.assertNotIn(self.env.ref("auth_signup.set_password_email"), flagged)

    def test_flag_restored_on_update(self):
        # As in a database installed before the flag existed.
        ours = self.env["mail.template"].browse(
            [template(self.env, xmlid).id for xmlid in OUR_TEMPLATES]
        )
        ours.write({"is_share_template": False})
        self.env["mail.template"]._flag_share_templates()
        self.assertEqual(ours.mapped("is_share_template"), [True] * len(ours))

    def test_confirmation_person(self):
        request = self.make_request()
        mail = self.mails(
            request, self.our_subject("mail_template_confirmation", request)
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "laia.ferrer@example.org")
        self.custom("mail_template_confirmation", "confirmation")
        other = self.make_request(email="second@example.org")
        mail = self.mails(other, "Custom confirmation")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "second@example.org")
        self.assertFalse(
            self.mails(other, self.our_subject("mail_template_confirmation", other))
        )

    def test_confirmation_company_to_the_company(self):
        request = self.Request.create(self.company_values())
        mail = self.mails(
            request, self.our_subject("mail_template_confirmation_company", request)
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "info@energiacomuna.example.org")
        # The representative who filled the form gets a copy, and is named.
        self.assertEqual(mail.email_cc, "pau.vila@example.org")
        self.assertIn("Pau Vila (President)", mail.body_html)
        self.assertIn("Energia Comuna SCCL", mail.subject)
        # Not the individual confirmation.
        self.assertFalse(
            self.mails(request, self.our_subject("mail_template_confirmation", request))
        )
        # The company's own template for people is not used for companies.
        self.custom("mail_template_confirmation", "confirmation")
        other = self.Request.create(
            self.company_values(
                company_register_number="B-1111",
                company_email="hello@other.example.org",
                email="rep@other.example.org",
            )
        )
        self.assertFalse(self.mails(other, "Custom confirmation"))
        self.custom("mail_template_confirmation_company", "confirmation_company")
        third = self.Request.create(
            self.company_values(
                company_register_number="B-2222",
                company_email="hello@third.example.org",
                email="rep@third.example.org",
            )
        )
        mail = self.mails(third, "Custom confirmation_company")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "hello@third.example.org")

    def test_confirmation_switch_covers_companies(self):
        self.company.share_mail_confirmation = False
        request = self.Request.create(self.company_values())
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", request._name), ("res_id", "=", request.id)]
            )
        )

    def test_waiting_list(self):
        request = self.make_request()
        request.action_put_on_waiting_list()
        mail = self.mails(
            request, self.our_subject("mail_template_waiting_list", request)
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "laia.ferrer@example.org")
        self.custom("mail_template_waiting_list", "waiting_list")
        other = self.make_request(email="waiting@example.org")
        other.action_put_on_waiting_list()
        mail = self.mails(other, "Custom waiting_list")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "waiting@example.org")

    def test_capital_release(self):
        request = self.make_request()
        request.action_validate()
        invoice = request.invoice_id
        mail = self.mails(
            invoice, self.our_subject("mail_template_capital_release", invoice)
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, request.partner_id)
        self.custom("mail_template_capital_release", "capital_release")
        other = self.make_request(email="release@example.org")
        other.action_validate()
        mail = self.mails(other.invoice_id, "Custom capital_release")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, other.partner_id)
        # The copy keeps the PDF of ours.
        self.assertEqual(len(mail.attachment_ids), 1)

    def test_certificate_and_increase(self):
        request = self.make_request()
        request.action_validate()
        self.pay(request)
        partner = request.partner_id
        mail = self.mails(
            partner, self.our_subject("mail_template_certificate", partner)
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, partner)
        self.custom("mail_template_share_increase", "increase")
        increase = self.make_request(quantity=2)
        increase.action_validate()
        self.pay(increase)
        mail = self.mails(partner, "Custom increase")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, partner)
        self.assertFalse(
            self.mails(
                partner, self.our_subject("mail_template_share_increase", partner)
            )
        )

    def test_certificate_company_choice_and_share_type_precedence(self):
        self.custom("mail_template_certificate", "certificate")
        request = self.make_request(email="cert@example.org")
        request.action_validate()
        self.pay(request)
        mail = self.mails(request.partner_id, "Custom certificate")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, request.partner_id)
        # The share type's own template comes first.
        own = template(self.env, "mail_template_certificate").copy(
            {"subject": "Certificate of share A"}
        )
        self.share_a.share_certificate_template_id = own
        other = self.make_request(email="cert.type@example.org")
        other.action_validate()
        self.pay(other)
        self.assertEqual(len(self.mails(other.partner_id, "Certificate of share A")), 1)
        self.assertFalse(self.mails(other.partner_id, "Custom certificate"))

    def test_get_share_mail_template(self):
        self.company.share_template_waiting_list_id = False
        self.assertEqual(
            self.company.get_share_mail_template("waiting_list"),
            template(self.env, "mail_template_waiting_list"),
        )
        copy = self.custom("mail_template_waiting_list", "waiting_list")
        self.assertEqual(self.company.get_share_mail_template("waiting_list"), copy)
        # A deleted choice falls back to ours.
        copy.unlink()
        self.assertEqual(
            self.company.get_share_mail_template("waiting_list"),
            template(self.env, "mail_template_waiting_list"),
        )


class TestMailTemplateSettings(TransactionCase):
    """An environment per test: ``execute`` resets the environments here,
    after which a class-wide one (SavepointCase) reads stale values."""

    def test_settings_write_the_company(self):
        company = self.env.user.company_id
        copy = template(self.env, "mail_template_update").copy()
        self.env["res.config.settings"].create(
            {"share_template_update_id": copy.id}
        ).execute()
        company.invalidate_cache()
        self.assertEqual(company.share_template_update_id, copy)

    # One refusal per test: a refused write is undone with the transaction.
    def test_template_of_another_model_refused(self):
        company = self.env.user.company_id
        partner_template = template(self.env, "mail_template_certificate")
        with self.assertRaisesRegex(ValidationError, "Confirmation e-mail"):
            company.share_template_confirmation_id = partner_template

    def test_template_of_another_model_refused_in_settings(self):
        partner_template = template(self.env, "mail_template_certificate")
        with self.assertRaisesRegex(ValidationError, "Capital release e-mail"):
            self.env["res.config.settings"].create(
                {"share_template_capital_release_id": partner_template.id}
            ).execute()


class TestOperationMailTemplates(ShareOperationCase):
    """Transfer, update and no-shares-left e-mails of share operations."""

    def custom(self, xmlid, kind):
        copy = template(self.env, xmlid).copy({"subject": "Custom %s" % kind})
        self.company["share_template_%s_id" % kind] = copy
        return copy

    def test_ours_by_default(self):
        self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        self.assertEqual(len(self.mails_to(self.bob, "shares transferred to you")), 1)
        self.assertEqual(len(self.mails_to(self.alice, "your shares were updated")), 1)
        self.run_operation("sell_back", self.bob, self.share_a, 3)
        self.assertEqual(len(self.mails_to(self.bob, "you hold no more shares")), 1)

    def test_company_templates(self):
        self.custom("mail_template_transfer", "transfer")
        self.custom("mail_template_update", "update")
        self.custom("mail_template_no_shares_left", "no_shares_left")
        self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        self.assertEqual(len(self.mails_to(self.bob, "Custom transfer")), 1)
        self.assertFalse(self.mails_to(self.bob, "shares transferred to you"))
        self.assertEqual(len(self.mails_to(self.alice, "Custom update")), 1)
        self.assertFalse(self.mails_to(self.alice, "your shares were updated"))
        self.run_operation("sell_back", self.bob, self.share_a, 3)
        self.assertEqual(len(self.mails_to(self.bob, "Custom no_shares_left")), 1)
        self.assertFalse(self.mails_to(self.bob, "you hold no more shares"))
