# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html

import odoo.tests
from odoo.tools import mute_logger
from odoo.tools.misc import formatLang

from .http_common import PDF_CONTENT, VALID_IBAN, ShareHttpCase


class ShareFormCase(ShareHttpCase):
    """A project selling two share types, one for people, one for companies,
    with approvals and an ID document required."""

    def setUp(self):
        super().setUp()
        self.company = self.configure_company()
        self.acquirer = self.transfer_acquirer()
        self.project = self.create_project("Seed Coop", "seed-coop")
        self.project.share_acquirer_ids = self.acquirer
        self.share_person = self.create_share_type(
            self.project,
            "Seedling person share",
            50.0,
            share_min_quantity=2,
            share_min_forced=True,
            share_max_value=1000.0,
            share_for_companies=False,
            share_default=True,
        )
        self.share_company = self.create_share_type(
            self.project, "Seedling company share", 250.0, share_for_individuals=False
        )
        self.settle()

    def person_data(self, **overrides):
        data = {
            "firstname": "Ana",
            "lastname": "Valid",
            "email": "ana.valid@example.org",
            "phone": "+34 600 000 000",
            "birthdate": "1990-05-17",
            "gender": "female",
            "street": "Carrer Major 1",
            "zip_code": "08500",
            "city": "Vic",
            "country_id": str(self.env.ref("base.es").id),
            "lang": "en_US",
            "iban": VALID_IBAN,
            "share_product_id": str(self.share_person.id),
            "quantity": "3",
            "acquirer_id": str(self.acquirer.id),
            "data_policy_approved": "on",
        }
        data.update(overrides)
        return data

    def company_data(self, **overrides):
        data = self.person_data(
            share_product_id=str(self.share_company.id),
            quantity="2",
            email="rep@coop.example.org",
        )
        data.pop("birthdate")
        data.pop("gender")
        data.update(
            {
                "company_name": "Coop Valid SCCL",
                "company_register_number": "F-12345678",
                "company_email": "info@coop.example.org",
                "representative_function": "Treasurer",
                "legal_form": "cooperative",
            }
        )
        data.update(overrides)
        return data

    def id_file(self, name="id.pdf", content=PDF_CONTENT):
        return {"id_document": (name, content, "application/octet-stream")}

    def assert_error(self, response, field, kept=None):
        self.assertEqual(response.status_code, 200, field)
        self.assertIn('data-field="%s"' % field, response.text, field)
        self.assertIn("o_rea_shares_errors", response.text, field)
        if kept:
            self.assertIn('value="%s"' % kept, response.text, field)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestWebsiteForm(ShareFormCase):
    def test_person_form_page(self):
        response = self.url_open("/become_cooperator")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn('name="share_product_id"', page)
        self.assertIn("Seedling person share", page)
        # The company share type is not offered to people.
        self.assertNotIn("Seedling company share", page)
        self.assertIn("I accept the data policy", page)
        self.assertIn("I read the internal rules", page)
        self.assertIn('name="id_document"', page)
        self.assertIn('name="acquirer_id"', page)
        self.assertIn('name="website_url"', page)
        self.assertNotIn('name="company_name"', page)
        company_page = self.url_open("/become_company_cooperator").text
        self.assertIn('name="company_name"', company_page)
        self.assertIn("Seedling company share", company_page)
        self.assertNotIn("Seedling person share", company_page)

    def test_valid_person_and_server_amount(self):
        before = self.counts()
        data = self.person_data(
            # Lies of a forged POST: the server ignores them.
            share_unit_price="0.01",
            subscription_amount="1",
            state="paid",
            source="manual",
        )
        response = self.post_form("/become_cooperator", data, files=self.id_file())
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_rea_shares_thanks", response.text)
        request = self.Request.search([("email", "=", "ana.valid@example.org")])
        self.assertEqual(len(request), 1)
        self.assertEqual(self.counts(), (before[0] + 1, before[1]))
        self.assertEqual(request.project_id, self.project)
        self.assertEqual(request.share_product_id, self.share_person)
        self.assertEqual(request.quantity, 3)
        self.assertEqual(request.share_unit_price, 50.0)
        self.assertEqual(request.subscription_amount, 150.0)
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.source, "website")
        self.assertFalse(request.is_company)
        self.assertEqual((request.firstname, request.lastname), ("Ana", "Valid"))
        self.assertEqual(request.birthdate, "1990-05-17")
        self.assertEqual(request.gender, "female")
        self.assertEqual(request.zip_code, "08500")
        self.assertEqual(request.country_id, self.env.ref("base.es"))
        self.assertEqual(request.iban.replace(" ", ""), VALID_IBAN.replace(" ", ""))
        self.assertEqual(request.acquirer_id, self.acquirer)
        self.assertTrue(request.data_policy_approved)
        self.assertFalse(request.internal_rules_approved)
        self.assertEqual(request.id_document_filename, "id.pdf")
        self.assertTrue(request.id_document)
        # The thank-you page shows the amount computed by the server.
        self.assertIn("150.00", response.text)

    def test_valid_company(self):
        before = self.counts()
        response = self.post_form(
            "/become_company_cooperator",
            self.company_data(subscription_amount="3"),
            files=self.id_file("id.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        request = self.Request.search([("company_email", "=", "info@coop.example.org")])
        self.assertEqual(len(request), 1)
        self.assertEqual(self.counts(), (before[0] + 1, before[1]))
        self.assertTrue(request.is_company)
        self.assertEqual(request.company_name, "Coop Valid SCCL")
        self.assertEqual(request.company_register_number, "F12345678")
        self.assertEqual(request.email, "rep@coop.example.org")
        self.assertEqual(request.representative_function, "Treasurer")
        self.assertEqual(request.share_product_id, self.share_company)
        self.assertEqual(request.subscription_amount, 500.0)

    def test_invalid_person_inputs_keep_no_record(self):
        before = self.counts()
        cases = [
            ("lastname", {"lastname": ""}),
            ("email", {"email": ""}),
            ("email", {"email": "not an e-mail"}),
            ("iban", {"iban": "ES00 1234 5678"}),
            ("iban", {"iban": ""}),
            ("quantity", {"quantity": "1"}),
            ("quantity", {"quantity": "100"}),
            ("quantity", {"quantity": "two"}),
            ("quantity", {"quantity": "-3"}),
            ("birthdate", {"birthdate": self.years_ago(10)}),
            ("birthdate", {"birthdate": "17/05/1990"}),
            ("gender", {"gender": "robot"}),
            ("country_id", {"country_id": "99999999999999"}),
            ("lang", {"lang": "xx_XX"}),
            ("acquirer_id", {"acquirer_id": "0"}),
            ("data_policy_approved", {"data_policy_approved": ""}),
            ("share_product_id", {"share_product_id": str(self.share_company.id)}),
            ("share_product_id", {"share_product_id": "abc"}),
            ("city", {"city": "nul\x00char"}),
        ]
        csrf = self.get_csrf("/become_cooperator")
        for field, override in cases:
            data = self.person_data(firstname="Kept")
            data.update(override)
            response = self.post_form(
                "/become_cooperator", data, files=self.id_file(), csrf=csrf
            )
            self.assert_error(response, field, kept="Kept")
            self.assertEqual(self.counts(), before, field)

    def test_invalid_company_inputs_keep_no_record(self):
        before = self.counts()
        cases = [
            ("company_name", {"company_name": ""}),
            ("company_register_number", {"company_register_number": " "}),
            ("company_email", {"company_email": "info-at-coop"}),
            ("email", {"email": "info@coop.example.org"}),
            ("share_product_id", {"share_product_id": str(self.share_person.id)}),
            ("quantity", {"quantity": "0"}),
        ]
        csrf = self.get_csrf("/become_company_cooperator")
        for field, override in cases:
            data = self.company_data(city="Kept City")
            data.update(override)
            response = self.post_form(
                "/become_company_cooperator", data, files=self.id_file(), csrf=csrf
            )
            self.assert_error(response, field, kept="Kept City")
            self.assertEqual(self.counts(), before, field)

    def test_id_document_checks(self):
        before = self.counts()
        csrf = self.get_csrf("/become_cooperator")
        uploads = [
            None,
            self.id_file("id.exe", b"MZ\x90\x00binary"),
            self.id_file("id.pdf", b""),
            self.id_file("big.pdf", PDF_CONTENT + b"0" * (5 * 1024 * 1024)),
        ]
        for files in uploads:
            response = self.post_form(
                "/become_cooperator",
                self.person_data(firstname="Kept"),
                files=files,
                csrf=csrf,
            )
            self.assert_error(response, "id_document", kept="Kept")
        self.assertEqual(self.counts(), before)
        # Not required by the company: no document is fine.
        self.company.share_id_document_required = False
        self.settle()
        response = self.post_form("/become_cooperator", self.person_data())
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertNotIn('name="id_document"', self.url_open("/become_cooperator").text)

    def test_approvals_follow_company(self):
        self.company.write(
            {
                "share_data_policy_required": False,
                "share_data_policy_show": False,
                "share_financial_risk_show": True,
                "share_financial_risk_required": True,
                "share_financial_risk_text": "I know I may lose my money",
            }
        )
        self.settle()
        page = self.url_open("/become_cooperator").text
        self.assertNotIn("I accept the data policy", page)
        self.assertIn("I know I may lose my money", page)
        response = self.post_form(
            "/become_cooperator",
            self.person_data(data_policy_approved=""),
            files=self.id_file(),
        )
        self.assert_error(response, "financial_risk_approved")
        self.assertFalse(self.Request.search([("email", "=", "ana.valid@example.org")]))
        response = self.post_form(
            "/become_cooperator",
            self.person_data(data_policy_approved="", financial_risk_approved="on"),
            files=self.id_file(),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        request = self.Request.search([("email", "=", "ana.valid@example.org")])
        self.assertTrue(request.financial_risk_approved)
        self.assertFalse(request.data_policy_approved)

    def test_maximum_counts_held_and_requested(self):
        # A known person: 3 x 50 requested, then 18 x 50 more exceeds the
        # maximum of 1000.
        self.Partner.create({"name": "Ana Valid", "email": "ana.valid@example.org"})
        self.settle()
        self.post_form("/become_cooperator", self.person_data(), files=self.id_file())
        before = self.counts()
        response = self.post_form(
            "/become_cooperator",
            self.person_data(quantity="18", firstname="Kept"),
            files=self.id_file(),
        )
        self.assert_error(response, "quantity", kept="Kept")
        self.assertEqual(self.counts(), before)

    def test_zero_shares_and_maximum_said_for_people(self):
        before = self.counts()
        response = self.post_form(
            "/become_cooperator",
            self.person_data(quantity="0", firstname="Kept"),
            files=self.id_file(),
        )
        self.assert_error(response, "quantity", kept="Kept")
        self.assertIn("The number of shares must be at least 2.", response.text)
        self.assertNotIn("Number of shares is required", response.text)
        response = self.post_form(
            "/become_cooperator",
            self.person_data(quantity="30", firstname="Kept"),
            files=self.id_file(),
        )
        self.assert_error(response, "quantity", kept="Kept")
        money = formatLang(self.env, 1000.0, currency_obj=self.company.currency_id)
        self.assertIn("at most %s" % money, html.unescape(response.text))
        self.assertNotIn("1000.0", response.text)
        self.assertEqual(self.counts(), before)

    def test_honeypot(self):
        before = self.counts()
        response = self.post_form(
            "/become_cooperator",
            self.person_data(website_url="http://spam.example"),
            files=self.id_file(),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.counts(), before)

    def test_csrf_required(self):
        before = self.counts()
        self.settle()
        with mute_logger("odoo.http"):
            forged = self.post_form(
                "/become_cooperator",
                dict(self.person_data(), csrf_token="forged"),
                files=self.id_file(),
                csrf=False,
            )
            missing = self.post_form(
                "/become_cooperator",
                self.person_data(),
                files=self.id_file(),
                csrf=False,
            )
        self.assertEqual(forged.status_code, 400)
        self.assertEqual(missing.status_code, 400)
        self.assertEqual(self.counts(), before)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestProjectShareForm(ShareFormCase):
    def test_project_page_links_to_share_form(self):
        page = self.url_open("/projects/seed-coop").text
        self.assertIn("/projects/seed-coop/shares", page)
        plain = self.create_project("Plain Coop", "plain-coop", join_style="moderated")
        self.settle()
        self.assertNotIn(
            "/projects/plain-coop/shares", self.url_open("/projects/plain-coop").text
        )
        self.assertEqual(self.url_open("/projects/plain-coop/shares").status_code, 404)
        self.assertEqual(self.url_open("/projects/no-such/shares").status_code, 404)
        self.assertTrue(plain)

    def test_project_form_offers_only_its_types(self):
        other = self.create_project("Other Coop", "other-coop")
        other_share = self.create_share_type(other, "Share Other", 10.0)
        self.settle()
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn("Seedling person share", page)
        self.assertNotIn("Share Other", page)
        self.assertNotIn("Seedling company share", page)
        company_page = self.url_open("/projects/seed-coop/shares?company=1").text
        self.assertIn("Seedling company share", company_page)
        self.assertIn('name="company_name"', company_page)
        before = self.counts()
        response = self.post_form(
            "/projects/seed-coop/shares",
            self.person_data(share_product_id=str(other_share.id), firstname="Kept"),
            files=self.id_file(),
        )
        self.assert_error(response, "share_product_id", kept="Kept")
        self.assertEqual(self.counts(), before)

    def test_project_form_valid_person_and_company(self):
        response = self.post_form(
            "/projects/seed-coop/shares", self.person_data(), files=self.id_file()
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertIn("/projects/seed-coop", response.text)
        response = self.post_form(
            "/projects/seed-coop/shares",
            self.company_data(company="1"),
            files=self.id_file(),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        requests = self.Request.search([("project_id", "=", self.project.id)])
        self.assertEqual(sorted(requests.mapped("is_company")), [False, True])
        self.assertEqual(sorted(requests.mapped("subscription_amount")), [150.0, 500.0])

    def test_logged_user_is_prefilled(self):
        user = self.create_user("shareholder", name="Berta Soler", phone="+34 611")
        user.partner_id.write({"city": "Manlleu", "zip": "08560"})
        self.settle()
        self.authenticate("shareholder", "shareholder")
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn('value="Berta"', page)
        self.assertIn('value="Soler"', page)
        self.assertIn('value="shareholder@example.org"', page)
        self.assertIn('value="Manlleu"', page)
        self.assertIn('value="08560"', page)
        # A company contact gets the company form, prefilled.
        company = self.Partner.create(
            {
                "name": "Soler Coop",
                "is_company": True,
                "email": "soler@coop.example.org",
                "company_register_number": "B99",
            }
        )
        user.partner_id.parent_id = company
        self.settle()
        response = self.url_open("/become_cooperator")
        self.assertIn("/become_company_cooperator", response.url)
        self.assertIn('value="Soler Coop"', response.text)
        self.assertIn('value="soler@coop.example.org"', response.text)
        self.assertIn('value="B99"', response.text)

    def test_maximum_counts_requests_of_a_newcomer(self):
        # No partner yet: the pending requests of the same e-mail add up
        # (12 x 50 requested, 12 x 50 more exceeds the maximum of 1000).
        self.post_form(
            "/become_cooperator",
            self.person_data(quantity="12"),
            files=self.id_file(),
        )
        self.assertEqual(
            self.Request.search_count([("email", "=", "ana.valid@example.org")]), 1
        )
        before = self.counts()
        response = self.post_form(
            "/become_cooperator",
            self.person_data(
                quantity="12", firstname="Kept", email="  ANA.Valid@example.org"
            ),
            files=self.id_file(),
        )
        self.assert_error(response, "quantity", kept="Kept")
        self.assertEqual(self.counts(), before)
        # Another newcomer is not held back by Ana's request.
        response = self.post_form(
            "/become_cooperator",
            self.person_data(quantity="12", email="other@example.org"),
            files=self.id_file(),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.counts(), (before[0] + 1, before[1]))
        # A cancelled request no longer counts.
        self.Request.search([("email", "=", "ana.valid@example.org")]).action_cancel()
        self.assertFalse(
            self.Request.check_values(
                dict(
                    self.Request.search([], limit=1)._get_check_values(),
                    email="ana.valid@example.org",
                    _exclude_request=False,
                )
            )
        )

    def test_maximum_counts_requests_of_a_new_company(self):
        # Companies are matched by register number.
        self.share_company.share_max_value = 600.0
        values = {
            "is_company": True,
            "project_id": self.project.id,
            "share_product_id": self.share_company.id,
            "quantity": 2,
            "company_register_number": "F-12345678",
        }
        self.assertNotIn("quantity", self.Request.check_values(values))
        response = self.post_form(
            "/become_company_cooperator",
            self.company_data(company_register_number="F 12345678"),
            files=self.id_file(),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        errors = self.Request.check_values(values)
        self.assertIn("quantity", errors)
        self.assertIn("500", errors["quantity"])
        other = dict(values, company_register_number="G-1")
        self.assertNotIn("quantity", self.Request.check_values(other))
