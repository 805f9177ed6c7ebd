# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests
from odoo import fields
from odoo.tools.misc import formatLang

from .http_common import VALID_IBAN, ShareHttpCase

# Valid and used by no demo contact (VALID_IBAN is).
MEMBER_IBAN = "GB29 NWBK 6016 1331 9268 19"


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortalShares(ShareHttpCase):
    """Member A paid her shares, member B's capital release is open."""

    def setUp(self):
        super().setUp()
        self.company = self.configure_company(
            share_iban_required=False,
            share_id_document_required=False,
            share_create_portal_user=False,
        )
        self.acquirer = self.transfer_acquirer()
        self.project = self.create_project("Portal Coop", "portal-coop")
        self.project.share_acquirer_ids = self.acquirer
        self.share = self.create_share_type(self.project, "Portal Share", 40.0)
        self.bank_journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        self.bank_journal.bank_account_id = self.env["res.partner.bank"].create(
            {
                "acc_number": "NL43 ABNA 0417 1643 88",
                "partner_id": self.company.partner_id.id,
            }
        )
        self.user_a = self.create_user("member_a")
        self.user_b = self.create_user("member_b")
        self.warm_precisions()
        self.request_a = self.subscribe(self.user_a, 3)
        self.request_b = self.subscribe(self.user_b, 2)
        self.invoice_a = self.request_a.invoice_id
        self.invoice_b = self.request_b.invoice_id
        self.pay(self.invoice_a)
        self.warm_precisions()
        self.plain_invoice = self.plain_customer_invoice(self.user_a.partner_id)
        self.settle()

    def subscribe(self, user, quantity):
        # Already a member of the project: paying then creates no membership,
        # whose cache clearing would make a decimal precision be read
        # through the shared test cursor in the middle of a savepoint (see
        # warm_precisions).
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": user.partner_id.id,
                "object_id": self.project.partner_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_member").id,
                "state": "active",
            }
        )
        request = self.Request.create(
            {
                "project_id": self.project.id,
                "share_product_id": self.share.id,
                "quantity": quantity,
                "partner_id": user.partner_id.id,
                "firstname": user.name,
                "lastname": "Member",
                "email": user.email,
                "birthdate": "1980-01-01",
                "gender": "other",
                "street": "Main street 1",
                "zip_code": "1000",
                "city": "Brussels",
                "country_id": self.env.ref("base.be").id,
                "lang": "en_US",
                "data_policy_approved": True,
                "acquirer_id": self.acquirer.id,
            }
        )
        self.warm_precisions()
        request.action_validate()
        self.assertEqual(request.state, "done")
        return request

    def pay(self, invoice):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": invoice.commercial_partner_id.id,
                "amount": invoice.residual,
                "currency_id": invoice.currency_id.id,
                "journal_id": self.bank_journal.id,
                "payment_method_id": self.env.ref(
                    "account.account_payment_method_manual_in"
                ).id,
                "payment_date": fields.Date.today(),
                "invoice_ids": [(6, 0, invoice.ids)],
            }
        )
        self.warm_precisions()
        payment.post()
        self.assertEqual(invoice.state, "paid")

    def plain_customer_invoice(self, partner):
        account = self.env["account.account"].search(
            [
                ("company_id", "=", self.company.id),
                (
                    "user_type_id",
                    "=",
                    self.env.ref("account.data_account_type_revenue").id,
                ),
            ],
            limit=1,
        )
        invoice = self.env["account.invoice"].create(
            {
                "partner_id": partner.id,
                "type": "out_invoice",
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Consulting",
                            "quantity": 1,
                            "price_unit": 77.0,
                            "account_id": account.id,
                        },
                    )
                ],
            }
        )
        invoice.action_invoice_open()
        return invoice

    def test_my_shares_shows_own_shares_only(self):
        partner_a = self.user_a.partner_id
        self.assertEqual(self.request_a.state, "paid")
        self.assertTrue(partner_a.cooperator_number)
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/shares")
        self.assertEqual(page.status_code, 200)
        number_html = (
            'o_rea_shares_cooperator_number">%s<' % partner_a.cooperator_number
        )
        self.assertIn(number_html, page.text)
        self.assertIn("Portal Share", page.text)
        self.assertIn("120.00", page.text)
        self.assertIn("o_rea_shares_registers", page.text)
        register = self.env["rea.share.register"].search(
            [("partner_id", "=", partner_a.id)]
        )
        self.assertEqual(len(register), 1)
        self.assertIn("<td>%d</td>" % register.register_number, page.text)
        home = self.url_open("/my/home").text
        self.assertIn("/my/shares", home)
        self.assertIn("/my/capital_release_requests", home)
        # B holds nothing and never sees A's figures.
        self.authenticate("member_b", "member_b")
        page_b = self.url_open("/my/shares").text
        self.assertIn("o_rea_shares_no_shares", page_b)
        self.assertNotIn(number_html, page_b)
        self.assertNotIn("o_rea_shares_registers", page_b)
        self.assertNotIn("o_rea_shares_holdings", page_b)

    def test_my_exchanges_shows_the_payment_as_paid(self):
        """What she paid on her capital release, in the currency she paid
        it in: 3 shares of 40.00 are 120.00 on both sides."""
        currency = self.invoice_a.currency_id
        self.assertEqual(self.invoice_a.amount_total, 120.0)
        money = self.request_a.exchange_id.transfer_ids.filtered("is_currency")
        self.assertEqual(money.resource_conforms_to_id.rea_currency_id, currency)
        self.assertAlmostEqual(money.actual_quantity, 120.0, places=2)
        self.project.service_ids |= self.env.ref(
            "rea_projects.rea_project_service_exchanges"
        )
        self.settle()
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/exchanges").text
        # Written as Odoo writes money on every portal page ('$ 120.00').
        self.assertIn(formatLang(self.env, 120.0, currency_obj=currency), page)
        self.assertIn("3 %s" % self.share.uom_id.name, page)

    def test_my_shares_lists_own_requests_and_operations(self):
        operation = self.env["rea.share.operation"].create(
            {
                "type": "sell_back",
                "partner_id": self.user_a.partner_id.id,
                "share_product_id": self.share.id,
                "quantity": 1,
            }
        )
        self.settle()
        # B: her validated request, its amount and the way to pay it.
        self.authenticate("member_b", "member_b")
        page_b = self.url_open("/my/shares").text
        self.assertIn("o_rea_shares_subscription_%d" % self.request_b.id, page_b)
        self.assertIn("/my/capital_release_requests/%d" % self.invoice_b.id, page_b)
        self.assertIn("80.00", page_b)
        self.assertIn("Validated", page_b)
        self.assertNotIn("o_rea_shares_operation_%d" % operation.id, page_b)
        self.assertNotIn("o_rea_shares_operations", page_b)
        # A: paid request is no longer pending; her own sell-back, read-only.
        self.authenticate("member_a", "member_a")
        page_a = self.url_open("/my/shares").text
        self.assertNotIn("o_rea_shares_subscription_%d" % self.request_b.id, page_a)
        self.assertNotIn("o_rea_shares_subscription_%d" % self.request_a.id, page_a)
        self.assertNotIn("/my/capital_release_requests/%d" % self.invoice_b.id, page_a)
        self.assertIn("o_rea_shares_operation_%d" % operation.id, page_a)
        self.assertIn(operation.name, page_a)
        self.assertIn("Sell-back", page_a)
        self.assertIn("Draft", page_a)

    def account_post(self, login="member_a", **extra):
        # Odoo refuses a new name once the partner has invoices: keep it.
        user = self.env["res.users"].search([("login", "=", login)])
        data = {
            "name": user.partner_id.name,
            "email": "member_a@example.org",
            "phone": "+32 2 000 00 00",
            "street": "Main street 1",
            "city": "Brussels",
            "zipcode": "1000",
            "country_id": str(self.env.ref("base.be").id),
        }
        data.update(extra)
        return self.post_form("/my/account", data)

    def test_account_cooperator_fields_checked_per_field(self):
        partner_a = self.user_a.partner_id
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/account").text
        for name in ("iban", "birthdate", "gender", "lang"):
            self.assertIn('name="cooperator_%s"' % name, page)
        response = self.account_post(
            cooperator_iban="XX00 1234",
            cooperator_birthdate="2990-01-01",
            cooperator_gender="alien",
            cooperator_lang="xx_XX",
        )
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("The date of birth is in the future.", text)
        self.assertIn("Choose a gender from the list.", text)
        self.assertIn("Choose a language from the list.", text)
        self.assertIn("o_rea_shares_account_iban", text)
        self.assertIn('value="XX00 1234"', text)
        for name in ("iban", "birthdate", "gender", "lang"):
            self.assertRegex(
                text,
                r"has-error col-lg-6 o_rea_shares_account_%s" % name,
            )
        partner_a.invalidate_cache()
        self.assertFalse(partner_a.birthdate_date)
        self.assertFalse(partner_a.gender)
        self.assertFalse(partner_a.bank_ids)
        # Missing values are named one by one.
        text = self.account_post(cooperator_lang="en_US").text
        self.assertIn("Date of birth is required.", text)
        self.assertIn("Gender is required.", text)
        # Someone else's bank account is refused with its own message.
        self.env["res.partner.bank"].create(
            {
                "acc_number": "GB82 WEST 1234 5698 7654 32",
                "partner_id": self.user_b.partner_id.id,
            }
        )
        text = self.account_post(
            cooperator_iban="GB82 WEST 1234 5698 7654 32",
            cooperator_birthdate="1980-02-03",
            cooperator_gender="female",
            cooperator_lang="en_US",
        ).text
        self.assertIn("This bank account belongs to another contact", text)
        partner_a.invalidate_cache()
        self.assertFalse(partner_a.birthdate_date)
        # Valid: saved, the IBAN as a bank account of the member.
        response = self.account_post(
            cooperator_iban=MEMBER_IBAN,
            cooperator_birthdate="1980-02-03",
            cooperator_gender="female",
            cooperator_lang="en_US",
        )
        self.assertTrue(
            response.url.endswith("/my/home"),
            "%s %s: %s"
            % (
                response.status_code,
                response.url,
                re.findall(r"(?s)alert-danger.{0,600}", response.text),
            ),
        )
        partner_a.invalidate_cache()
        self.assertEqual(partner_a.birthdate_date, "1980-02-03")
        self.assertEqual(partner_a.gender, "female")
        self.assertEqual(
            partner_a.bank_ids.mapped("sanitized_acc_number"),
            [MEMBER_IBAN.replace(" ", "")],
        )
        self.assertIn(MEMBER_IBAN.replace(" ", ""), self.url_open("/my/account").text)

    def test_account_without_shares_unchanged(self):
        self.create_user("visitor_c")
        self.settle()
        self.authenticate("visitor_c", "visitor_c")
        self.assertNotIn("cooperator_iban", self.url_open("/my/account").text)
        response = self.account_post("visitor_c", cooperator_iban=VALID_IBAN)
        self.assertIn("Unknown field", response.text)
        visitor = self.env["res.users"].search([("login", "=", "visitor_c")])
        self.assertFalse(visitor.partner_id.bank_ids)

    def test_certificate_download(self):
        self.authenticate("member_a", "member_a")
        response = self.url_open("/my/shares/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # Tests render reports as HTML (no wkhtmltopdf workers): read it.
        self.assertIn(self.user_a.partner_id.name, response.text)
        self.assertIn("/my/shares/certificate", self.url_open("/my/shares").text)
        # B is no member: no certificate.
        self.authenticate("member_b", "member_b")
        self.assertEqual(self.url_open("/my/shares/certificate").status_code, 404)
        self.assertNotIn("/my/shares/certificate", self.url_open("/my/shares").text)

    def test_report_of_someone_else_is_not_found(self):
        """Odoo's report URLs with another member's id, or one that does not
        exist: a 404, no server error."""
        self.authenticate("member_b", "member_b")
        for path in (
            "rea_membership_shares.report_share_certificate/%d"
            % self.user_a.partner_id.id,
            "rea_membership_shares.report_capital_release/999999999",
        ):
            response = self.url_open("/report/pdf/" + path)
            self.assertEqual(response.status_code, 404, path)

    def test_capital_release_list_and_detail(self):
        self.authenticate("member_b", "member_b")
        listing = self.url_open("/my/capital_release_requests")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(
            "/my/capital_release_requests/%d" % self.invoice_b.id, listing.text
        )
        self.assertNotIn(
            "/my/capital_release_requests/%d" % self.invoice_a.id, listing.text
        )
        detail = self.url_open("/my/capital_release_requests/%d" % self.invoice_b.id)
        self.assertEqual(detail.status_code, 200)
        text = detail.text
        self.assertIn(self.invoice_b.number, text)
        self.assertIn("80.00", text)
        self.assertIn("o_rea_shares_reference", text)
        self.assertIn(self.invoice_b.reference or self.invoice_b.number, text)
        # Transfer: the company's bank account and the reference.
        self.assertIn("NL43 ABNA 0417 1643 88", text)
        # Online payment through account_payment's invoice payment form.
        self.assertIn("o_payment_form", text)
        self.assertIn("/invoice/pay/%d/form_tx/" % self.invoice_b.id, text)
        self.assertIn('data-acquirer-id="%d"' % self.acquirer.id, text)
        # A's request is not B's business.
        self.assertEqual(
            self.url_open(
                "/my/capital_release_requests/%d" % self.invoice_a.id
            ).status_code,
            404,
        )
        self.assertEqual(
            self.url_open(
                "/my/capital_release_requests/%d/pdf" % self.invoice_a.id
            ).status_code,
            404,
        )
        self.assertEqual(
            self.url_open(
                "/my/capital_release_requests/%d" % self.plain_invoice.id
            ).status_code,
            404,
        )

    def test_other_payment_method_shows_its_message(self):
        manual = self.acquirer.copy(
            {
                "name": "Cash at the office",
                "provider": "manual",
                "pending_msg": "<p>Bring cash on Mondays</p>",
                "post_msg": False,
            }
        )
        self.project.share_acquirer_ids |= manual
        self.request_b.acquirer_id = manual
        self.settle()
        self.authenticate("member_b", "member_b")
        text = self.url_open("/my/capital_release_requests/%d" % self.invoice_b.id).text
        self.assertIn("Bring cash on Mondays", text)
        self.assertNotIn("NL43 ABNA 0417 1643 88", text)

    def test_paid_request_and_pdf(self):
        report = self.env.ref(
            "rea_membership_shares.action_report_capital_release",
            raise_if_not_found=False,
        )
        self.authenticate("member_a", "member_a")
        text = self.url_open("/my/capital_release_requests/%d" % self.invoice_a.id).text
        self.assertIn("o_rea_shares_paid", text)
        self.assertNotIn("o_payment_form", text)
        pdf = self.url_open("/my/capital_release_requests/%d/pdf" % self.invoice_a.id)
        self.assertEqual(pdf.status_code, 200 if report else 404)
        if report:
            self.assertTrue(pdf.content)

    def test_capital_release_kept_out_of_invoices(self):
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.plain_invoice.number, page.text)
        self.assertNotIn(self.invoice_a.number, page.text)
        listing = self.url_open("/my/capital_release_requests").text
        self.assertIn(self.invoice_a.number, listing)
        self.assertNotIn(self.plain_invoice.number, listing)

    def _drop_shares_service(self):
        self.project.service_ids = [
            (3, self.env.ref("rea_projects.rea_project_service_shares").id)
        ]

    def test_pages_follow_the_shares_service(self):
        # Member of a project without the shares service, with nothing of
        # her own: no share pages are offered.
        self._drop_shares_service()
        visitor = self.create_user("visitor_d")
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": visitor.partner_id.id,
                "object_id": self.project.partner_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_member").id,
                "state": "active",
            }
        )
        self.settle()
        self.authenticate("visitor_d", "visitor_d")
        self.assertEqual(self.url_open("/my/shares").status_code, 404)
        self.assertEqual(self.url_open("/my/capital_release_requests").status_code, 404)
        self.assertNotIn("/my/shares", self.url_open("/my/home").text)

    def test_own_shares_shown_without_the_service(self):
        # The service decides what is offered, not whether a member sees
        # what is hers: her shares, certificate and paid request.
        self._drop_shares_service()
        self.settle()
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/shares")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Portal Share", page.text)
        self.assertIn("/my/shares/certificate", page.text)
        self.assertEqual(self.url_open("/my/shares/certificate").status_code, 200)
        home = self.url_open("/my/home").text
        self.assertIn("/my/shares", home)
        detail = self.url_open("/my/capital_release_requests/%d" % self.invoice_a.id)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("o_rea_shares_paid", detail.text)
        # Someone else's stays hidden.
        self.assertEqual(
            self.url_open(
                "/my/capital_release_requests/%d" % self.invoice_b.id
            ).status_code,
            404,
        )

    def test_open_capital_release_payable_without_the_service(self):
        # What she owes stays payable from the portal.
        self._drop_shares_service()
        self.settle()
        self.authenticate("member_b", "member_b")
        listing = self.url_open("/my/capital_release_requests")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(
            "/my/capital_release_requests/%d" % self.invoice_b.id, listing.text
        )
        detail = self.url_open("/my/capital_release_requests/%d" % self.invoice_b.id)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("o_payment_form", detail.text)
        self.assertIn("/invoice/pay/%d/form_tx/" % self.invoice_b.id, detail.text)
        self.assertEqual(
            self.url_open(
                "/my/capital_release_requests/%d/pdf" % self.invoice_b.id
            ).status_code,
            200,
        )
        shares = self.url_open("/my/shares")
        self.assertEqual(shares.status_code, 200)
        self.assertIn("o_rea_shares_subscription_%d" % self.request_b.id, shares.text)
        self.assertIn("/my/capital_release_requests", self.url_open("/my/home").text)

    def test_anonymous_is_sent_to_login(self):
        for url in (
            "/my/shares",
            "/my/capital_release_requests",
            "/my/capital_release_requests/%d" % self.invoice_a.id,
        ):
            self.assertIn("/web/login", self.url_open(url).url, url)
