# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from .common import SharesCase
from .test_website_form import ShareFormCase


class TestFormVariants(SharesCase):
    """Company settings: last names in capitals, the referral question and
    forms without a number of shares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Source = cls.env["rea.share.referral.source"]
        cls.source_member = cls.env.ref("rea_membership_shares.referral_source_member")
        cls.source_old = Source.create({"name": "Old flyer", "active": False})

    # Last names in capitals ------------------------------------------------

    def test_uppercase_office_create_write_and_partner(self):
        self.company.share_lastname_uppercase = True
        request = self.make_request(lastname="Ferrer i Puig")
        self.assertEqual(request.lastname, "FERRER I PUIG")
        self.assertEqual(request.name, "Laia FERRER I PUIG")
        request.write({"lastname": "de la Fuente"})
        self.assertEqual(request.lastname, "DE LA FUENTE")
        request.action_validate()
        self.assertEqual(request.partner_id.name, "Laia DE LA FUENTE")

    def test_uppercase_off_keeps_the_case(self):
        self.company.share_lastname_uppercase = False
        request = self.make_request(lastname="Ferrer i Puig")
        self.assertEqual(request.lastname, "Ferrer i Puig")
        request.write({"lastname": "de la Fuente"})
        self.assertEqual(request.lastname, "de la Fuente")

    def test_uppercase_company_request_and_representative(self):
        self.company.share_lastname_uppercase = True
        request = self.Request.create(self.company_values(lastname="Vila"))
        self.assertEqual(request.lastname, "VILA")
        request.action_validate()
        self.assertEqual(request.representative_id.name, "Pau VILA")
        # The company keeps its own name.
        self.assertEqual(request.partner_id.name, "Energia Comuna SCCL")

    def test_uppercase_office_wizard(self):
        self.company.share_lastname_uppercase = True
        partner = self.env["res.partner"].create(
            {
                "name": "Jordi Soler",
                "email": "jordi.soler@example.org",
                "street": "Carrer Nou 3",
                "zip": "08002",
                "city": "Barcelona",
                "country_id": self.country.id,
                "lang": "en_US",
            }
        )
        wizard = self.env["rea.subscription.create"].create(
            {
                "partner_id": partner.id,
                "project_id": self.project.id,
                "share_product_id": self.share_a.id,
                "quantity": 2,
                "firstname": "Jordi",
                "lastname": "Soler",
                "email": "jordi.soler@example.org",
                "birthdate": "1975-02-03",
                "gender": "male",
                "iban": "ES91 2100 0418 4502 0005 1332",
            }
        )
        action = wizard.action_create()
        request = self.Request.browse(action["res_id"])
        self.assertEqual(request.lastname, "SOLER")

    def test_uppercase_per_company_on_write(self):
        self.company.share_lastname_uppercase = True
        other_company = self.env["res.company"].create(
            {"name": "Lowercase Coop", "share_lastname_uppercase": False}
        )
        ours = self.make_request(email="ours@example.org")
        theirs = self.make_request(
            email="theirs@example.org", company_id=other_company.id
        )
        self.assertEqual(theirs.company_id, other_company)
        (ours | theirs).write({"lastname": "Martí"})
        self.assertEqual(ours.lastname, "MARTÍ")
        self.assertEqual(theirs.lastname, "Martí")

    # Referral source -------------------------------------------------------

    def test_referral_required_on_the_website_only(self):
        self.company.write(
            {"share_referral_show": False, "share_referral_required": True}
        )
        self.assertTrue(self.company.is_share_referral_shown())
        errors = self.Request.check_values(self.person_values())
        self.assertEqual(
            errors, {"referral_source_id": "Please tell us how you heard about us."}
        )
        self.assertFalse(self.Request.check_values(self.person_values(), as_staff=True))
        values = self.person_values(referral_source_id=self.source_member.id)
        self.assertFalse(self.Request.check_values(values))

    def test_referral_archived_or_unknown(self):
        self.company.share_referral_show = True
        for bad in (self.source_old.id, 999999999, "1"):
            errors = self.Request.check_values(
                self.person_values(referral_source_id=bad)
            )
            self.assertEqual(
                errors.get("referral_source_id"), "Choose an answer from the list.", bad
            )
        # Staff keep an answer archived after the request was made.
        self.assertFalse(
            self.Request.check_values(
                self.person_values(referral_source_id=self.source_old.id),
                as_staff=True,
            )
        )

    def test_referral_kept_from_form_and_group_by(self):
        self.company.share_referral_show = True
        request = self.Request.create_from_form(
            self.person_values(referral_source_id=self.source_member.id)
        )
        self.assertEqual(request.referral_source_id, self.source_member)
        groups = self.Request.read_group(
            [("id", "=", request.id)], ["referral_source_id"], ["referral_source_id"]
        )
        self.assertEqual(groups[0]["referral_source_id"][0], self.source_member.id)

    def test_referral_ignored_when_not_asked(self):
        self.company.write(
            {"share_referral_show": False, "share_referral_required": False}
        )
        request = self.Request.create_from_form(
            self.person_values(referral_source_id=self.source_member.id)
        )
        self.assertFalse(request.referral_source_id)

    def test_referral_default_answers(self):
        names = self.env["rea.share.referral.source"].search([]).mapped("name")
        for name in ("A member", "Website", "Social media", "Event", "Press", "Other"):
            self.assertIn(name, names)
        self.assertNotIn("Old flyer", names)

    def test_referral_access_rules(self):
        Users = self.env["res.users"].with_context(no_reset_password=True)

        def user(login, groups):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "email": "%s@example.org" % login,
                    "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
                }
            )

        portal = user("referral_portal", ["base.group_portal"])
        employee = user("referral_employee", ["base.group_user"])
        manager = user(
            "referral_manager",
            ["base.group_user", "rea_membership_shares.group_share_manager"],
        )
        public = self.env.ref("base.public_user")
        Source = self.env["rea.share.referral.source"]
        for reader in (portal, public):
            sources = Source.sudo(reader).with_context(active_test=False).search([])
            self.assertIn(self.source_member, sources)
            self.assertNotIn(self.source_old, sources)
            self.assertEqual(self.source_member.sudo(reader).name, "A member")
            with self.assertRaises(AccessError):
                self.source_old.sudo(reader).read(["name"])
        for outsider in (portal, public, employee):
            with self.assertRaises(AccessError):
                self.source_member.sudo(outsider).write({"name": "Hacked"})
            with self.assertRaises(AccessError):
                Source.sudo(outsider).create({"name": "Spam"})
            with self.assertRaises(AccessError):
                self.source_member.sudo(outsider).unlink()
        # Employees also see archived answers (old requests show them).
        self.assertEqual(self.source_old.sudo(employee).name, "Old flyer")
        Source.sudo(manager).create({"name": "Radio"})
        self.source_member.sudo(manager).write({"name": "A friend who is a member"})
        self.assertEqual(self.source_member.name, "A friend who is a member")

    def test_referral_used_is_archived_not_deleted(self):
        request = self.make_request(referral_source_id=self.source_member.id)
        with self.assertRaisesRegex(UserError, "archive it"):
            self.source_member.unlink()
        self.assertEqual(request.referral_source_id, self.source_member)
        self.source_member.active = False
        self.assertEqual(request.referral_source_id, self.source_member)
        self.source_old.unlink()
        self.assertFalse(self.source_old.exists())

    # Without number of shares ----------------------------------------------

    def test_without_quantity_form_subscribes_the_minimum(self):
        self.company.share_hide_quantity = True
        request = self.Request.create_from_form(self.person_values(quantity=7))
        self.assertEqual(request.quantity, self.share_a.share_min_quantity)
        self.assertEqual(request.subscription_amount, 100.0)
        # Even without a posted quantity.
        values = self.person_values(email="noquantity@example.org")
        del values["quantity"]
        self.assertEqual(self.Request.create_from_form(values).quantity, 2)

    def test_with_quantity_form_keeps_the_posted_one(self):
        self.company.share_hide_quantity = False
        request = self.Request.create_from_form(self.person_values(quantity=7))
        self.assertEqual(request.quantity, 7)


class TestFormVariantSettings(TransactionCase):
    """An environment per test: ``execute`` resets the environments here,
    after which a class-wide one (SavepointCase) reads stale values."""

    def test_settings_write_the_company(self):
        company = self.env.user.company_id
        settings = self.env["res.config.settings"].create(
            {
                "share_lastname_uppercase": True,
                "share_referral_show": True,
                "share_referral_required": True,
                "share_hide_quantity": True,
            }
        )
        settings.execute()
        company.invalidate_cache()
        self.assertTrue(company.share_lastname_uppercase)
        self.assertTrue(company.share_referral_show)
        self.assertTrue(company.share_referral_required)
        self.assertTrue(company.share_hide_quantity)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestFormVariantsWebsite(ShareFormCase):
    def setUp(self):
        super().setUp()
        self.source_press = self.env.ref("rea_membership_shares.referral_source_press")
        self.source_old = self.env["rea.share.referral.source"].create(
            {"name": "Old flyer", "active": False}
        )
        self.settle()

    def post_person(self, **overrides):
        return self.post_form(
            "/become_cooperator", self.person_data(**overrides), files=self.id_file()
        )

    def created(self, email="ana.valid@example.org"):
        return self.Request.search([("email", "=", email)])

    def test_uppercase_from_website(self):
        self.company.share_lastname_uppercase = True
        response = self.post_person(lastname="García Lorca")
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.created().lastname, "GARCÍA LORCA")

    def test_lastname_as_typed_without_setting(self):
        self.company.share_lastname_uppercase = False
        response = self.post_person(lastname="García Lorca")
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.created().lastname, "García Lorca")

    def test_referral_shown_only_when_asked(self):
        self.company.write(
            {"share_referral_show": False, "share_referral_required": False}
        )
        page = self.url_open("/become_cooperator").text
        self.assertNotIn('name="referral_source_id"', page)
        self.company.share_referral_show = True
        page = self.url_open("/become_cooperator").text
        self.assertIn('name="referral_source_id"', page)
        self.assertIn("How did you hear about us?", page)
        self.assertIn(">Press<", page)
        self.assertNotIn("Old flyer", page)
        # The same for a logged member (portal rights).
        self.create_user("referral_member")
        self.settle()
        self.authenticate("referral_member", "referral_member")
        page = self.url_open("/become_company_cooperator").text
        self.assertIn(">Press<", page)
        self.assertNotIn("Old flyer", page)

    def test_referral_optional_and_given(self):
        self.company.write(
            {"share_referral_show": True, "share_referral_required": False}
        )
        response = self.post_person(email="no.answer@example.org")
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertFalse(self.created("no.answer@example.org").referral_source_id)
        response = self.post_person(referral_source_id=str(self.source_press.id))
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.created().referral_source_id, self.source_press)

    def test_referral_required_missing_gives_the_form_message(self):
        self.company.share_referral_required = True
        before = self.counts()
        response = self.post_person()
        self.assert_error(response, "referral_source_id", kept="ana.valid@example.org")
        self.assertIn("Please tell us how you heard about us.", response.text)
        self.assertEqual(self.counts(), before)
        self.assertFalse(self.created())

    def test_referral_archived_or_forged_refused(self):
        self.company.share_referral_show = True
        before = self.counts()
        for bad in (str(self.source_old.id), "999999999", "press"):
            response = self.post_person(referral_source_id=bad)
            self.assert_error(response, "referral_source_id")
        self.assertEqual(self.counts(), before)

    def test_referral_posted_but_not_asked_is_ignored(self):
        self.company.write(
            {"share_referral_show": False, "share_referral_required": False}
        )
        response = self.post_person(referral_source_id=str(self.source_press.id))
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertFalse(self.created().referral_source_id)

    def test_without_quantity_ignores_a_posted_quantity(self):
        self.company.share_hide_quantity = True
        page = self.url_open("/become_cooperator").text
        self.assertNotIn('name="quantity"', page)
        self.assertIn("o_rea_shares_fixed_quantity", page)
        response = self.post_person(quantity="9")
        self.assertIn("o_rea_shares_thanks", response.text)
        request = self.created()
        self.assertEqual(request.quantity, 2)
        self.assertEqual(request.subscription_amount, 100.0)
        # No quantity at all is no error either.
        data = self.person_data(email="without.quantity@example.org")
        del data["quantity"]
        response = self.post_form("/become_cooperator", data, files=self.id_file())
        self.assertIn("o_rea_shares_thanks", response.text)
        self.assertEqual(self.created("without.quantity@example.org").quantity, 2)

    def test_with_quantity_the_input_is_there(self):
        self.company.share_hide_quantity = False
        page = self.url_open("/become_cooperator").text
        self.assertIn('name="quantity"', page)
        self.assertNotIn("o_rea_shares_fixed_quantity", page)
