# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from .common import SharesCase
from .test_website_form import ShareFormCase


class TestLegalForm(SharesCase):
    """The legal form of companies: asked, checked, copied to the partner."""

    def test_selection_shared_with_partner(self):
        partner_selection = self.env["res.partner"]._fields["legal_form"].selection
        self.assertEqual(self.Request._selection_legal_form(), partner_selection)
        keys = dict(partner_selection)
        for key in (
            "cooperative",
            "association",
            "limited_company",
            "public_limited_company",
            "sole_trader",
            "other",
        ):
            self.assertIn(key, keys)

    def test_checks(self):
        Request = self.Request
        self.assertEqual(Request.check_values(self.company_values()), {})
        errors = Request.check_values(self.company_values(legal_form=False))
        self.assertEqual(list(errors), ["legal_form"])
        # Office staff may leave it empty (known companies may lack it).
        self.assertEqual(
            Request.check_values(self.company_values(legal_form=False), as_staff=True),
            {},
        )
        errors = Request.check_values(self.company_values(legal_form="kingdom"))
        self.assertEqual(list(errors), ["legal_form"])
        errors = Request.check_values(self.person_values(legal_form="cooperative"))
        self.assertEqual(list(errors), ["legal_form"])
        with self.assertRaises(odoo.exceptions.ValidationError):
            Request.create_from_form(self.company_values(legal_form="kingdom"))

    def test_copied_to_new_company(self):
        request = self.Request.create(self.company_values(legal_form="association"))
        self.assertEqual(request.legal_form, "association")
        request.action_validate()
        self.assertTrue(request.partner_id.is_company)
        self.assertEqual(request.partner_id.legal_form, "association")
        # The representative is a person: no legal form.
        self.assertFalse(request.representative_id.legal_form)

    def test_known_company(self):
        known = self.env["res.partner"].create(
            {
                "name": "Known SCCL",
                "is_company": True,
                "company_register_number": "X99887766",
            }
        )
        request = self.Request.create(self.company_values(legal_form="cooperative"))
        self.assertEqual(request.partner_id, known)
        request.action_validate()
        self.assertEqual(known.legal_form, "cooperative")
        # A legal form already known is not replaced by a request's.
        other = self.Request.create(
            self.company_values(legal_form="limited_company", quantity=1)
        )
        other.action_validate()
        self.assertEqual(other.partner_id, known)
        self.assertEqual(known.legal_form, "cooperative")


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestLegalFormWebsite(ShareFormCase):
    def test_company_form_asks_legal_form(self):
        page = self.url_open("/become_company_cooperator").text
        self.assertIn('name="legal_form"', page)
        self.assertIn('value="public_limited_company"', page)
        self.assertNotIn('name="legal_form"', self.url_open("/become_cooperator").text)

    def test_company_form_checks_legal_form(self):
        before = self.counts()
        data = self.company_data()
        del data["legal_form"]
        response = self.post_form("/become_company_cooperator", data)
        self.assert_error(response, "legal_form", kept="Coop Valid SCCL")
        response = self.post_form(
            "/become_company_cooperator", self.company_data(legal_form="<b>x</b>")
        )
        self.assert_error(response, "legal_form")
        self.assertEqual(self.counts(), before)
        response = self.post_form(
            "/become_company_cooperator",
            self.company_data(legal_form="association"),
            files=self.id_file(),
        )
        self.assertIn("o_rea_shares_thanks", response.text)
        request = self.Request.search([("company_email", "=", "info@coop.example.org")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.legal_form, "association")
