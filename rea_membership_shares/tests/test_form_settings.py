# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo.exceptions import ValidationError

from .common import SharesCase
from .http_common import ShareHttpCase


class TestFormSettings(SharesCase):
    """Default country and language of the website form, contact e-mail."""

    def test_settings_write_the_company(self):
        france = self.env.ref("base.fr")
        english = self.env.ref("base.lang_en")
        settings = self.env["res.config.settings"].create(
            {
                "share_default_country_id": france.id,
                "share_default_lang_id": english.id,
                "share_contact_email": "coop@example.org",
            }
        )
        settings.execute()
        self.assertEqual(self.company.share_default_country_id, france)
        self.assertEqual(self.company.share_default_lang_id, english)
        self.assertEqual(self.company.share_contact_email, "coop@example.org")
        self.assertEqual(
            self.company.get_share_form_defaults(),
            {"country_id": france.id, "lang": "en_US"},
        )

    def test_defaults_fall_back(self):
        self.company.write(
            {
                "share_default_country_id": False,
                "share_default_lang_id": False,
                "country_id": self.country.id,
            }
        )
        self.assertEqual(
            self.company.get_share_form_defaults(),
            {"country_id": self.country.id, "lang": False},
        )

    def test_contact_email_checked(self):
        with self.assertRaises(ValidationError):
            self.company.share_contact_email = "not an address"
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create(
                {"share_contact_email": "coop@"}
            ).execute()


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestFormSettingsWebsite(ShareHttpCase):
    def setUp(self):
        super().setUp()
        self.company = self.configure_company(
            share_contact_email="hello@seed-coop.example.org"
        )
        self.project = self.create_project("Settings Coop", "settings-coop")
        self.create_share_type(self.project, "Settings share", 20.0)
        self.french = self.env.ref("base.lang_fr")
        self.french.active = True
        self.settle()

    def test_form_defaults_and_contact(self):
        self.company.write(
            {
                "share_default_country_id": self.env.ref("base.be").id,
                "share_default_lang_id": self.french.id,
            }
        )
        page = self.url_open("/projects/settings-coop/shares").text
        self.assertIn('value="%d" selected=' % self.env.ref("base.be").id, page)
        self.assertIn('value="fr_FR" selected=', page)
        self.assertIn("o_rea_shares_contact", page)
        self.assertIn('href="mailto:hello@seed-coop.example.org"', page)
        # A logged member keeps their own country and language.
        user = self.create_user(
            "settings_member", country_id=self.env.ref("base.es").id, lang="en_US"
        )
        self.settle()
        self.authenticate("settings_member", "settings_member")
        page = self.url_open("/projects/settings-coop/shares").text
        self.assertIn('value="%d" selected=' % self.env.ref("base.es").id, page)
        self.assertNotIn('value="fr_FR" selected=', page)
        self.assertTrue(user)

    def test_no_contact_without_setting(self):
        self.company.share_contact_email = False
        page = self.url_open("/projects/settings-coop/shares").text
        self.assertNotIn("o_rea_shares_contact", page)
