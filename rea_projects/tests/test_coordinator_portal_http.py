# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_coordinator, create_project, create_user, service


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestCoordinatorPortalHttp(ReaHttpCase):
    """A coordinator (internal user without billing rights) opens its
    portal pages: with account installed they answered 403."""

    def setUp(self):
        super().setUp()
        self.project = create_project(
            self.env,
            "Coordinated Coop",
            service_ids=[(6, 0, service(self.env, "skills").ids)],
        )
        user = create_user(
            self.env, "pc_coordinator", ["rea_projects.group_project_coordinator"]
        )
        add_coordinator(self.env, self.project, user.partner_id)
        self.settle()
        self.authenticate("pc_coordinator", "pc_coordinator")

    def test_my_pages_open(self):
        for url in ("/my", "/my/home", "/my/projects", "/my/skills", "/my/account"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
        self.assertIn("Coordinated Coop", self.url_open("/my/projects").text)
