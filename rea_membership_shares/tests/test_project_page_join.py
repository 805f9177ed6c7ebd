# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from .http_common import ShareHttpCase


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestProjectPageJoin(ShareHttpCase):
    """A project page offers one clear way in when the project sells shares."""

    def setUp(self):
        super().setUp()
        self.by_shares = self.create_project("Sun Shares", "sun-shares")
        self.create_share_type(self.by_shares, "Sun share", 50.0)
        self.moderated = self.create_project(
            "Wind Moderated", "wind-moderated", join_style="moderated"
        )
        self.create_share_type(self.moderated, "Wind share", 50.0)
        self.settle()

    def test_shares_project_leads_to_share_form_only(self):
        page = self.url_open("/projects/sun-shares")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/projects/sun-shares/shares"', page.text)
        self.assertIn("o_rea_shares_join_hint", page.text)
        self.assertIn("by subscribing shares", page.text)
        # No competing generic join form.
        self.assertNotIn("o_rea_projects_join_form", page.text)
        self.assertNotIn('action="/projects/sun-shares/join"', page.text)

    def test_both_ways_are_explained(self):
        page = self.url_open("/projects/wind-moderated")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/projects/wind-moderated/shares"', page.text)
        self.assertIn("o_rea_projects_join_form", page.text)
        self.assertIn("o_rea_shares_join_hint", page.text)
        self.assertIn("Join with the form below, or subscribe shares", page.text)
