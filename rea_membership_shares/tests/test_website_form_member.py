# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests
from odoo import fields

from .test_website_form import ShareFormCase

TOTAL_RE = re.compile(r'class="form-control-static o_rea_shares_total">(.*?)</p>', re.S)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestMemberShareForm(ShareFormCase):
    """A logged-in member who holds shares buys more: the form says so and
    does not ask again what the member already told."""

    def setUp(self):
        super().setUp()
        self.user = self.create_user("berta", name="Berta Soler", phone="+34 611")
        self.member = self.user.partner_id
        self.member.write(
            {
                "street": "Carrer Nou 2",
                "zip": "08560",
                "city": "Manlleu",
                "country_id": self.env.ref("base.es").id,
                "lang": "en_US",
            }
        )
        # Her first request gave her date of birth and gender; her agent,
        # known before, kept neither.
        self.first_request = self.Request.sudo().create(
            dict(
                self.request_values(),
                partner_id=self.member.id,
                email="berta@example.org",
            )
        )
        # A member already: issuing then creates no membership, whose cache
        # clearing would make a precision be read through the shared test
        # cursor inside the event engine's savepoint (see warm_precisions).
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.member.id,
                "object_id": self.project.partner_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_member").id,
                "state": "active",
            }
        )
        self.warm_precisions()
        self.env["rea.share.ledger"].issue(
            self.member,
            self.share_person,
            2,
            fields.Date.today(),
            company=self.company,
        )
        self.settle()

    def request_values(self):
        return {
            "project_id": self.project.id,
            "share_product_id": self.share_person.id,
            "quantity": 2,
            "firstname": "Berta",
            "lastname": "Soler",
            "email": "berta@example.org",
            "birthdate": "1980-02-03",
            "gender": "female",
            "street": "Carrer Nou 2",
            "zip_code": "08560",
            "city": "Manlleu",
            "country_id": self.env.ref("base.es").id,
            "lang": "en_US",
            "company_id": self.company.id,
        }

    def member_data(self, **overrides):
        data = {
            "share_product_id": str(self.share_person.id),
            "quantity": "3",
            "acquirer_id": str(self.acquirer.id),
            "data_policy_approved": "on",
            "iban": self.person_data()["iban"],
        }
        data.update(overrides)
        return data

    def total(self, page):
        return " ".join(TOTAL_RE.search(page).group(1).split())

    def test_member_form_reads_as_buying_more(self):
        self.authenticate("berta", "berta")
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn("Buy more shares", page)
        self.assertNotIn("Become a cooperator", page)
        self.assertIn("o_rea_shares_held", page)
        # What her account or her first request say is shown, not asked.
        for name in (
            "firstname",
            "lastname",
            "email",
            "birthdate",
            "gender",
            "street",
            "zip_code",
            "city",
            "country_id",
            "lang",
        ):
            self.assertNotIn('name="%s"' % name, page, name)
        self.assertIn("Berta", page)
        self.assertIn("Manlleu", page)
        # What she has not given yet is asked; the shares of course.
        self.assertIn('name="iban"', page)
        self.assertIn('name="quantity"', page)
        self.assertIn("Buy shares", page)

    def test_member_buys_more_with_her_known_details(self):
        self.authenticate("berta", "berta")
        before = self.Request.search_count([])
        response = self.post_form(
            "/projects/seed-coop/shares",
            # A forged e-mail or name is not read: the account's are used.
            self.member_data(email="someone.else@example.org", lastname="Forged"),
            files=self.id_file(),
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_rea_shares_errors", response.text)
        self.assertEqual(self.Request.search_count([]), before + 1)
        request = self.Request.search([], order="id desc", limit=1)
        self.assertEqual(request.email, "berta@example.org")
        self.assertEqual(request.lastname.lower(), "soler")
        self.assertEqual(request.birthdate, "1980-02-03")
        self.assertEqual(request.gender, "female")
        self.assertEqual(request.city, "Manlleu")
        self.assertEqual(request.quantity, 3)
        self.assertEqual(request.find_partner(request._get_check_values()), self.member)

    def test_member_bad_input_gets_form_messages(self):
        self.authenticate("berta", "berta")
        before = self.Request.search_count([])
        response = self.post_form(
            "/projects/seed-coop/shares",
            self.member_data(quantity="many", iban="XX00"),
            files=self.id_file(),
        )
        self.assert_error(response, "quantity")
        self.assert_error(response, "iban")
        self.assertIn("Buy more shares", response.text)
        self.assertNotIn('name="birthdate"', response.text)
        self.assertEqual(self.Request.search_count([]), before)

    def test_unknown_details_are_still_asked(self):
        self.first_request.sudo().write({"gender": False})
        self.member.write({"street": False})
        self.settle()
        self.authenticate("berta", "berta")
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn("Buy more shares", page)
        self.assertIn('name="gender"', page)
        self.assertIn('name="street"', page)
        self.assertNotIn('name="birthdate"', page)

    def test_newcomers_keep_the_full_form(self):
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn("Become a cooperator", page)
        self.assertNotIn("Buy more shares", page)
        for name in ("firstname", "email", "birthdate", "gender", "street"):
            self.assertIn('name="%s"' % name, page, name)
        # Logged in without shares: prefilled, but every input is there.
        self.create_user("newbie", name="New Bie")
        self.settle()
        self.authenticate("newbie", "newbie")
        page = self.url_open("/projects/seed-coop/shares").text
        self.assertIn("Become a cooperator", page)
        self.assertIn('name="birthdate"', page)
        self.assertIn('value="newbie@example.org"', page)

    def test_total_with_currency_and_separators(self):
        currency = self.share_person.currency_id
        response = self.post_form(
            "/become_cooperator",
            self.person_data(quantity="20", lastname=""),
            files=self.id_file(),
        )
        self.assert_error(response, "lastname")
        total = self.total(response.text)
        # 20 x 50.00, as Odoo's monetary format writes it.
        self.assertIn("1,000.00", total)
        self.assertIn(currency.symbol, total)
        # The page script formats the same way: separators of the language
        # on the form, the currency on each share type.
        self.assertIn('data-thousands-sep=","', response.text)
        self.assertIn('data-decimal-point="."', response.text)
        self.assertIn('data-currency-symbol="%s"' % currency.symbol, response.text)
        self.assertIn('data-currency-position="%s"' % currency.position, response.text)
