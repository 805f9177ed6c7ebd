# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

import odoo.tests
from odoo.exceptions import AccessError

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_coordinator, create_project, create_user

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
    "WjR9awAAAABJRU5ErkJggg=="
)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestProjectPageHttp(ReaHttpCase):
    """Custom domain, CSS, JavaScript and background of a project's pages."""

    def setUp(self):
        super().setUp()
        self.project = create_project(
            self.env,
            "Styled Coop",
            slug="styled-coop",
            custom_domain="Join.Styled.Example ",
            custom_css="body { color: #123456; } </style><script>alert('css')</script>",
        )
        self.settle()

    def _base_url(self):
        return "http://%s:%s" % (odoo.tests.common.HOST, odoo.tests.common.PORT)

    def _get(self, path, host=None):
        headers = {"Host": host} if host else {}
        return self.opener.get(
            self._base_url() + path, headers=headers, allow_redirects=False, timeout=60
        )

    def test_custom_domain_lands_on_project_page(self):
        self.assertEqual(self.project.custom_domain, "join.styled.example")
        response = self._get("/", host="join.styled.example")
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertTrue(
            response.headers["Location"].endswith("/projects/styled-coop"),
            response.headers["Location"],
        )
        # The host name is compared without case; other hosts get the
        # usual home page.
        response = self._get("/", host="JOIN.styled.example")
        self.assertTrue(response.headers["Location"].endswith("/projects/styled-coop"))
        response = self._get("/", host="other.example")
        self.assertNotIn("/projects/styled-coop", response.headers.get("Location", ""))

    def test_custom_css_and_background(self):
        page = self.url_open("/projects/styled-coop")
        self.assertEqual(page.status_code, 200)
        self.assertIn("body { color: #123456; }", page.text)
        # The CSS cannot close its <style> element to inject markup.
        self.assertNotIn("</style><script>alert('css')", page.text)
        self.assertIn("<\\/style>", page.text)
        self.assertNotIn("/projects/styled-coop/background", page.text)
        self.assertEqual(self._get("/projects/styled-coop/background").status_code, 404)
        self.project.background_image = base64.b64encode(PNG)
        self.settle()
        page = self.url_open("/projects/styled-coop")
        self.assertIn("url(/projects/styled-coop/background)", page.text)
        image = self._get("/projects/styled-coop/background")
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.headers["Content-Type"], "image/png")
        self.assertEqual(image.content, PNG)

    def test_js_snippet_only_from_managers(self):
        snippet = "window.styledCoopLoaded = true;"
        coordinator = create_user(
            self.env,
            "styled_coordinator",
            ["rea_projects.group_project_coordinator"],
        )
        add_coordinator(self.env, self.project, coordinator.partner_id)
        # A coordinator changes the CSS of their project, never its script.
        self.project.sudo(coordinator).write({"custom_css": "h1 { color: red; }"})
        with self.assertRaises(AccessError):
            self.project.sudo(coordinator).write({"custom_js": snippet})
        self.settle()
        page = self.url_open("/projects/styled-coop").text
        self.assertIn("h1 { color: red; }", page)
        self.assertNotIn(snippet, page)
        manager = create_user(
            self.env, "styled_manager", ["rea_base.group_rea_manager"]
        )
        self.project.sudo(manager).write({"custom_js": snippet + " </script>"})
        self.settle()
        page = self.url_open("/projects/styled-coop").text
        self.assertIn("<script>%s <\\/script></script>" % snippet, page)
