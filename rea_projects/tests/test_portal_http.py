# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import create_project, create_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortalHttp(ReaHttpCase):
    def setUp(self):
        super().setUp()
        self.project = create_project(self.env, "Portal Coop", auto_create_user=False)
        self.question = self.env["rea.join.question"].create(
            {"project_id": self.project.id, "name": "Motto", "question_type": "char"}
        )
        self.user_a = create_user(self.env, "member_a", ["base.group_portal"])
        self.user_b = create_user(self.env, "member_b", ["base.group_portal"])
        Request = self.env["rea.join.request"]
        self.request_a = Request.create(
            {
                "project_id": self.project.id,
                "name": "Member A",
                "email": self.user_a.login + "@example.org",
                "partner_id": self.user_a.partner_id.id,
                "answer_ids": [
                    (
                        0,
                        0,
                        {"question_id": self.question.id, "value_text": "Motto of A"},
                    )
                ],
            }
        )
        self.request_b = Request.create(
            {
                "project_id": self.project.id,
                "name": "Member B",
                "email": self.user_b.login + "@example.org",
                "partner_id": self.user_b.partner_id.id,
                "answer_ids": [
                    (
                        0,
                        0,
                        {"question_id": self.question.id, "value_text": "Motto of B"},
                    )
                ],
            }
        )
        self.request_a.action_send_confirmation()
        self.request_a.action_confirm_email()
        self.request_a.action_accept()
        self.request_b.message_post(
            body="Secret note for B", message_type="comment", subtype="mail.mt_comment"
        )
        self.request_a.message_post(
            body="Internal about A", message_type="comment", subtype="mail.mt_note"
        )
        self.settle()

    def test_my_projects_shows_own_data_only(self):
        self.authenticate("member_a", "member_a")
        response = self.url_open("/my/projects")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/join_requests/%d" % self.request_a.id, response.text)
        self.assertNotIn("/my/join_requests/%d" % self.request_b.id, response.text)
        self.assertIn("Portal Coop", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/projects", home.text)

    def test_join_request_dates_without_time(self):
        """Join requests are dated by day, in the reader's date format."""
        self.request_a.write({"request_date": "2026-03-04 15:42:07"})
        self.env["res.lang"]._lang_get("en_US").date_format = "%m/%d/%Y"
        self.settle()
        self.authenticate("member_a", "member_a")
        for url in ("/my/projects", "/my/join_requests/%d" % self.request_a.id):
            # What the reader sees: the text, not the tags' attributes.
            text = re.sub(r"<[^>]*>", " ", self.url_open(url).text)
            self.assertIn("03/04/2026", text, url)
            self.assertNotIn("15:42", text, url)
            self.assertNotIn(":07", text, url)

    def test_my_projects_since(self):
        """Each membership says since when it runs, or why it cannot."""
        membership = self.request_a.relationship_id
        membership.write({"state": "candidate", "date_start": False})
        self.env["res.lang"]._lang_get("en_US").date_format = "%m/%d/%Y"
        self.settle()
        self.authenticate("member_a", "member_a")

        def since():
            page = self.url_open("/my/projects").text
            row = re.search(r"Portal Coop</a>.*?</tr>", page, re.S).group(0)
            return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", row)).strip()

        self.assertTrue(since().endswith("Not yet"), since())
        membership.write({"state": "active"})
        self.settle()
        self.assertTrue(since().endswith("Not recorded"), since())
        membership.write({"date_start": "2026-03-04"})
        self.settle()
        self.assertTrue(since().endswith("03/04/2026"), since())

    def test_join_request_page_and_reply(self):
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/join_requests/%d" % self.request_a.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Motto of A", page.text)
        self.assertNotIn("Internal about A", page.text)
        csrf = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            "/my/join_requests/%d/reply" % self.request_a.id,
            data={"csrf_token": csrf, "message": "Thanks <b>all</b>"},
        )
        self.assertEqual(response.status_code, 200)
        self.env["rea.join.request"].invalidate_cache()
        message = self.request_a.message_ids[0]
        self.assertEqual(message.author_id, self.user_a.partner_id)
        self.assertIn("&lt;b&gt;", message.body)
        self.assertIn(
            "Thanks", self.url_open("/my/join_requests/%d" % self.request_a.id).text
        )

    def test_other_members_request_is_refused(self):
        self.authenticate("member_a", "member_a")
        page = self.url_open("/my/join_requests/%d" % self.request_b.id)
        self.assertNotIn("Motto of B", page.text)
        self.assertNotIn("Secret note for B", page.text)
        own_page = self.url_open("/my/join_requests/%d" % self.request_a.id)
        csrf = CSRF_RE.search(own_page.text).group(1)
        count = len(self.request_b.message_ids)
        self.url_open(
            "/my/join_requests/%d/reply" % self.request_b.id,
            data={"csrf_token": csrf, "message": "intrusion"},
        )
        self.env["rea.join.request"].invalidate_cache()
        self.assertEqual(len(self.request_b.message_ids), count)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/join_requests/%d" % self.request_a.id)
        self.assertIn("/web/login", response.url)
