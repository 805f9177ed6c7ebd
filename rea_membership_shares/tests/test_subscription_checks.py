# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo.exceptions import ValidationError

from .common import SharesCase


class TestSubscriptionChecks(SharesCase):
    def check(self, as_staff=False, **kw):
        return self.Request.check_values(self.person_values(**kw), as_staff=as_staff)

    def test_valid_person_and_company(self):
        self.assertEqual(self.check(), {})
        self.assertEqual(self.Request.check_values(self.company_values()), {})

    def test_required_fields(self):
        for name in (
            "firstname",
            "lastname",
            "email",
            "street",
            "zip_code",
            "city",
            "country_id",
            "birthdate",
            "gender",
            "iban",
            "share_product_id",
            "project_id",
            "lang",
        ):
            errors = self.check(**{name: False})
            self.assertIn(name, errors, name)
        # Blank strings count as missing.
        self.assertIn("lastname", self.check(lastname="   "))
        errors = self.Request.check_values(
            self.company_values(company_name="", company_register_number=" ")
        )
        self.assertIn("company_name", errors)
        self.assertIn("company_register_number", errors)
        self.assertIn(
            "company_email",
            self.Request.check_values(self.company_values(company_email="")),
        )
        # Companies need no birthdate nor gender.
        self.assertNotIn("birthdate", self.Request.check_values(self.company_values()))

    def test_email_format(self):
        for email in ("not-an-email", "a@b", "a b@example.org", "x@@example.org"):
            self.assertIn("email", self.check(email=email), email)
        errors = self.Request.check_values(self.company_values(company_email="bad"))
        self.assertIn("company_email", errors)

    def test_company_and_representative_emails_differ(self):
        errors = self.Request.check_values(
            self.company_values(email="Info@EnergiaComuna.example.org ")
        )
        self.assertIn("email", errors)

    def test_iban(self):
        self.assertIn("iban", self.check(iban="ES91 2100 0418 4502 0005 1333"))
        self.assertIn("iban", self.check(iban="XX12"))
        self.assertEqual(self.check(iban="es9121000418450200051332"), {})
        # Staff may skip the check; visitors may not.
        self.assertEqual(
            self.check(iban="ES00", skip_iban_check=True, as_staff=True), {}
        )
        self.assertIn("iban", self.check(iban="ES00", skip_iban_check=True))
        self.assertEqual(
            self.check(iban=False, skip_iban_check=True, as_staff=True), {}
        )
        self.company.share_iban_required = False
        self.assertEqual(self.check(iban=False), {})
        self.assertIn("iban", self.check(iban="bad"))
        self.company.share_iban_required = True

    def test_share_type_rules(self):
        self.assertIn(
            "share_product_id", self.check(share_product_id=self.share_other.id)
        )
        self.assertIn("share_product_id", self.check(share_product_id=self.share_b.id))
        self.assertIn("share_product_id", self.check(share_product_id=999999))
        self.assertIn("share_product_id", self.check(share_product_id="1"))
        not_share = self.env["product.product"].create({"name": "Not a share"})
        self.assertIn("share_product_id", self.check(share_product_id=not_share.id))
        self.share_b.share_for_companies = False
        errors = self.Request.check_values(self.company_values())
        self.assertIn("share_product_id", errors)
        self.share_b.share_for_companies = True
        # Share types not offered on the website are for staff only.
        self.share_a.share_on_website = False
        self.assertIn("share_product_id", self.check())
        self.assertEqual(self.check(as_staff=True), {})
        self.share_a.share_on_website = True

    def test_minimum_quantity(self):
        self.assertIn("quantity", self.check(quantity=1))
        self.assertIn("quantity", self.check(quantity=0))
        self.assertIn("quantity", self.check(quantity=-3))
        self.assertIn("quantity", self.check(quantity="2"))
        self.assertEqual(self.check(quantity=2), {})
        self.share_a.share_min_forced = False
        self.assertEqual(self.check(quantity=1), {})
        self.share_a.share_min_forced = True

    def test_maximum_value_includes_held_shares(self):
        # 1000 maximum at 50 each: 20 shares.
        self.assertEqual(self.check(quantity=20), {})
        self.assertIn("quantity", self.check(quantity=21))
        request = self.make_request(quantity=12)
        request.action_validate()
        self.pay(request)
        self.assertIn("quantity", self.check(quantity=10))
        self.assertEqual(self.check(quantity=8), {})
        # A pending request counts too.
        self.make_request(quantity=4)
        self.assertIn("quantity", self.check(quantity=6))
        self.assertEqual(self.check(quantity=4), {})
        # Someone else is not limited by this member's shares.
        self.assertEqual(self.check(quantity=20, email="someone.else@example.org"), {})

    def test_one_type_per_member(self):
        self.share_b.share_for_individuals = True
        request = self.make_request()
        request.action_validate()
        self.pay(request)
        values = dict(share_product_id=self.share_b.id, quantity=1)
        self.assertEqual(self.check(**values), {})
        self.company.share_one_type_per_member = True
        self.assertIn("share_product_id", self.check(**values))
        self.assertEqual(self.check(), {})
        self.company.share_one_type_per_member = False
        self.share_b.share_for_individuals = False

    def test_minimum_age(self):
        self.assertIn("birthdate", self.check(birthdate="2015-01-01"))
        self.assertIn("birthdate", self.check(birthdate="2999-01-01"))
        self.assertIn("birthdate", self.check(birthdate="31/12/1980"))
        self.assertIn("birthdate", self.check(birthdate="1980-02-30"))
        self.company.share_min_age = 0
        self.assertEqual(self.check(birthdate="2015-01-01"), {})
        self.company.share_min_age = 18

    def test_approvals(self):
        for key in ("data_policy", "internal_rules", "financial_risk", "generic_rules"):
            self.company["share_%s_required" % key] = True
            self.assertIn("%s_approved" % key, self.check())
            self.assertNotIn(
                "%s_approved" % key, self.check(**{"%s_approved" % key: True})
            )
            self.assertTrue(self.company.is_share_approval_shown(key))
            self.company["share_%s_required" % key] = False

    def test_id_document(self):
        self.company.share_id_document_required = True
        self.assertIn("id_document", self.check())
        document = base64.b64encode(b"%PDF-1.4 identity").decode()
        self.assertEqual(
            self.check(id_document=document, id_document_filename="id.pdf"), {}
        )
        self.assertIn("id_document", self.check(id_document="@@not base64@@"))
        # Staff enter paper subscriptions without the scan.
        self.assertEqual(self.check(as_staff=True), {})
        self.company.share_id_document_required = False

    def test_references_and_selections(self):
        self.assertIn("country_id", self.check(country_id=999999))
        self.assertIn("lang", self.check(lang="xx_XX"))
        self.assertIn("gender", self.check(gender="robot"))
        acquirer = self.env.ref("payment.payment_acquirer_transfer")
        self.assertIn("acquirer_id", self.check(acquirer_id=acquirer.id))
        self.project.share_acquirer_ids = acquirer
        self.assertEqual(self.check(acquirer_id=acquirer.id), {})

    def test_create_from_form(self):
        request = self.Request.create_from_form(
            dict(self.person_values(), state="paid", skip_iban_check=True, partner_id=1)
        )
        self.assertEqual(request.source, "website")
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.skip_iban_check)
        self.assertFalse(request.partner_id)
        self.assertEqual(request.iban, "ES9121000418450200051332")

    def test_create_from_form_invalid_creates_nothing(self):
        before = self.Request.search_count([])
        partners = self.env["res.partner"].search_count([])
        with self.assertRaises(ValidationError) as error:
            self.Request.create_from_form(
                self.person_values(iban="bad", quantity=1, email="nope")
            )
        message = error.exception.name
        self.assertIn("IBAN", message)
        self.assertIn("e-mail", message)
        self.assertEqual(self.Request.search_count([]), before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_get_share_types(self):
        types = self.Request.get_share_types(self.project)
        self.assertEqual(types, self.share_a)
        types = self.Request.get_share_types(self.project, for_company=True)
        self.assertEqual(types[0], self.share_a)
        self.assertIn(self.share_b, types)
        self.assertNotIn(self.share_other, types)
        self.share_b.share_on_website = False
        self.assertNotIn(
            self.share_b, self.Request.get_share_types(self.project, for_company=True)
        )
        self.share_b.share_on_website = True


class TestPartnerMatching(SharesCase):
    def test_person_matched_by_email(self):
        partner = self.env["res.partner"].create(
            {"name": "Laia F.", "email": "Laia.Ferrer@example.org"}
        )
        request = self.make_request(email=" LAIA.ferrer@example.org ")
        self.assertEqual(request.partner_id, partner)
        self.assertEqual(request.email, "laia.ferrer@example.org")
        request.action_validate()
        self.assertEqual(request.partner_id, partner)
        self.assertEqual(partner.name, "Laia F.")

    def test_cooperator_preferred(self):
        self.env["res.partner"].create({"name": "Dup", "email": "dup@example.org"})
        first = self.make_request(email="dup@example.org")
        first.action_validate()
        self.pay(first)
        member = first.partner_id
        self.env["res.partner"].create({"name": "Dup 2", "email": "dup@example.org"})
        second = self.make_request(email="dup@example.org")
        self.assertEqual(second.partner_id, member)

    def test_blank_values_never_match(self):
        self.env["res.partner"].create({"name": "No mail", "email": False})
        self.env["res.partner"].create({"name": "Blank mail", "email": " "})
        self.assertFalse(self.Request.find_partner({"email": ""}))
        self.assertFalse(self.Request.find_partner({"email": "   "}))
        self.env["res.partner"].create(
            {"name": "No number Ltd", "is_company": True, "company_register_number": ""}
        )
        self.assertFalse(
            self.Request.find_partner(
                {"is_company": True, "company_register_number": " - "}
            )
        )
        self.assertFalse(
            self.Request.find_partner(
                {"is_company": True, "company_register_number": False}
            )
        )

    def test_company_matched_by_register_number(self):
        company = self.env["res.partner"].create(
            {
                "name": "Energia Comuna",
                "is_company": True,
                "company_register_number": "X99887766",
            }
        )
        request = self.Request.create(self.company_values())
        self.assertEqual(request.company_register_number, "X99887766")
        self.assertEqual(request.partner_id, company)
        # A person with the company's e-mail is not the company.
        person = self.env["res.partner"].create(
            {"name": "Somebody", "email": "info@other.example.org"}
        )
        other = self.Request.create(
            self.company_values(
                company_register_number="B99",
                company_email="info@other.example.org",
            )
        )
        self.assertNotEqual(other.partner_id, person)
        self.assertFalse(other.partner_id)

    def test_company_and_representative_created(self):
        request = self.Request.create(self.company_values())
        self.assertEqual(request.name, "Energia Comuna SCCL")
        request.action_validate()
        company = request.partner_id
        self.assertTrue(company.is_company)
        self.assertEqual(company.name, "Energia Comuna SCCL")
        self.assertEqual(company.email, "info@energiacomuna.example.org")
        self.assertEqual(company.company_register_number, "X99887766")
        self.assertEqual(company.agent_type, "organization")
        representative = request.representative_id
        self.assertEqual(representative.parent_id, company)
        self.assertEqual(representative.name, "Pau Vila")
        self.assertEqual(representative.email, "pau.vila@example.org")
        self.assertEqual(representative.function, "President")
        self.assertEqual(request.invoice_id.partner_id, company)
        self.pay(request)
        self.assertTrue(company.is_cooperator)
        self.assertFalse(representative.is_cooperator)
        # The same company subscribing again reuses company and representative.
        again = self.Request.create(
            self.company_values(company_register_number="x 9988 7766")
        )
        self.assertEqual(again.partner_id, company)
        self.assertEqual(again.type, "increase")
        again.action_validate()
        self.assertEqual(again.representative_id, representative)
