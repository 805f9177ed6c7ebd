# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The project pages as a visitor and a member read them: menus, entries
and wording."""

import re

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_member, create_project, create_user

# Words a visitor should not meet in the join flow.
JARGON_RE = re.compile(r"candidature|autojoin", re.IGNORECASE)
MY_PROJECTS_LINK_RE = re.compile(r"""<a[^>]*href=["']/my/projects["'][^>]*>([^<]*)<""")


def _text(html):
    """The words of a page, without its tags, scripts and styles."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"(?s)<[^>]+>", " ", html).split())


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestVisitorPagesHttp(ReaHttpCase):
    def setUp(self):
        super().setUp()
        self.projects = {
            style: create_project(
                self.env,
                "Visitor Coop %d" % number,
                join_style=style,
                slug="visitor-%s-coop" % style,
                auto_create_user=False,
            )
            for number, style in enumerate(
                ("autojoin", "moderated", "shares", "subscription")
            )
        }
        self.settle()

    def test_portal_home_has_one_projects_entry(self):
        user = create_user(self.env, "visitor_member", ["base.group_portal"])
        add_member(self.env, self.projects["moderated"], user.partner_id)
        if "project.project" in self.env:
            # Odoo's own (tasks) projects list a portal entry on /my/projects
            # too when the member follows one of them.
            tasks = self.env["project.project"].create(
                {"name": "Visitor tasks", "privacy_visibility": "portal"}
            )
            tasks.message_subscribe(partner_ids=user.partner_id.ids)
        self.settle()
        self.authenticate("visitor_member", "visitor_member")
        home = self.url_open("/my/home")
        self.assertEqual(home.status_code, 200)
        labels = [
            " ".join(label.split()) for label in MY_PROJECTS_LINK_RE.findall(home.text)
        ]
        self.assertEqual(labels, ["My projects"])
        # Its badge counts the projects the page lists.
        entry = re.search(
            r'<span class="badge">(\d+)</span>\s*<a href="/my/projects"', home.text
        )
        self.assertTrue(entry)
        self.assertEqual(entry.group(1), "1")
        page = self.url_open("/my/projects")
        self.assertIn(self.projects["moderated"].name, page.text)

    def test_projects_in_website_menu(self):
        menu = self.env.ref("rea_projects.website_menu_projects")
        self.assertEqual(menu.url, "/projects")
        self.assertEqual(menu.parent_id, self.env.ref("website.main_menu"))
        home = self.url_open("/")
        self.assertEqual(home.status_code, 200)
        navbar = re.search(
            r'(?s)<ul class="nav navbar-nav[^"]*"[^>]*id="top_menu">.*?</ul>', home.text
        )
        self.assertTrue(navbar, "the website's top menu is missing")
        self.assertRegex(
            navbar.group(0), r'href="/projects"[^>]*>\s*<span>Projects</span>'
        )

    def test_cards_say_how_to_join(self):
        page = self.url_open("/projects")
        self.assertEqual(page.status_code, 200)
        text = _text(page.text)
        self.assertNotRegex(text, JARGON_RE)
        for style, label in (
            ("autojoin", "Open to all — join at once"),
            ("moderated", "Membership on request"),
            ("shares", "Join by subscribing shares"),
            ("subscription", "Paid subscription"),
        ):
            self.assertEqual(self.projects[style].get_join_style_label(), label)
            card = re.search(
                r'(?s)href="/projects/visitor-%s-coop".*?'
                r"o_rea_projects_join_style[^>]*>([^<]*)<" % style,
                page.text,
            )
            self.assertTrue(card, style)
            self.assertEqual(card.group(1).strip(), label)

    def test_join_flow_speaks_plain_english(self):
        project = self.projects["moderated"]
        page = self.url_open("/projects/%s" % project.slug)
        self.assertEqual(page.status_code, 200)
        self.assertIn(">Send my request to join<", page.text.replace("\n", ""))
        self.assertNotRegex(_text(page.text), JARGON_RE)
        # Open to all: members join at once, there is no request to send.
        autojoin = self.url_open("/projects/%s" % self.projects["autojoin"].slug)
        self.assertIn(">Join</button>", autojoin.text.replace("\n", ""))
        self.assertNotIn("Send my request to join", autojoin.text)
        # Every page and mail template of the module (the thanks and
        # confirmation pages, the message shown to closed projects' visitors).
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "rea_projects"),
                ("model", "in", ("ir.ui.view", "mail.template")),
            ]
        )
        self.assertTrue(data)
        for record in data:
            target = self.env[record.model].browse(record.res_id)
            if record.model == "ir.ui.view" and target.type != "qweb":
                continue  # back-office views speak to staff
            source = (
                target.arch_db if record.model == "ir.ui.view" else target.body_html
            )
            self.assertNotRegex(_text(source or ""), JARGON_RE, record.complete_name)
