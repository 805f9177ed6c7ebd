# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import add_coordinator, create_project, create_user

COORDINATOR = ["base.group_user", "rea_projects.group_project_coordinator"]
PORTAL = ["base.group_portal"]


class TestSecurity(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.project_a = create_project(cls.env, "Project A", auto_create_user=False)
        cls.project_b = create_project(cls.env, "Project B", auto_create_user=False)
        cls.coord_a = create_user(cls.env, "coord_a", COORDINATOR)
        cls.coord_b = create_user(cls.env, "coord_b", COORDINATOR)
        add_coordinator(cls.env, cls.project_a, cls.coord_a.partner_id)
        add_coordinator(cls.env, cls.project_b, cls.coord_b.partner_id)
        Request = cls.env["rea.join.request"]
        cls.request_a = Request.create(
            {
                "project_id": cls.project_a.id,
                "name": "Cand A",
                "email": "cand_a@example.org",
            }
        )
        cls.request_b = Request.create(
            {
                "project_id": cls.project_b.id,
                "name": "Cand B",
                "email": "cand_b@example.org",
            }
        )
        for request in cls.request_a | cls.request_b:
            request.action_send_confirmation()
            request.action_confirm_email()
        cls.cand_a = cls.request_a.user_id
        cls.cand_b = cls.request_b.user_id

    def test_coordinator_sees_own_requests_only(self):
        requests = self.env["rea.join.request"].sudo(self.coord_a).search([])
        self.assertIn(self.request_a, requests)
        self.assertNotIn(self.request_b, requests)
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.coord_a).read(["name"])

    def test_coordinator_accepts_own_requests_only(self):
        self.request_a.sudo(self.coord_a).action_accept()
        self.assertEqual(self.request_a.state, "accepted")
        self.assertEqual(self.request_a.relationship_id.state, "active")
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.coord_a).action_decline()
        self.assertEqual(self.request_b.state, "pending")

    def test_coordinator_edits_own_project_and_answers_only(self):
        self.project_a.sudo(self.coord_a).write({"join_intro": "<p>Hi</p>"})
        with self.assertRaises(AccessError):
            self.project_b.sudo(self.coord_a).write({"join_intro": "<p>Hi</p>"})
        question = (
            self.env["rea.join.question"]
            .sudo(self.coord_a)
            .create({"project_id": self.project_a.id, "name": "Why?"})
        )
        answer = (
            self.env["rea.join.answer"]
            .sudo(self.coord_a)
            .create(
                {
                    "request_id": self.request_a.id,
                    "question_id": question.id,
                    "value_text": "x",
                }
            )
        )
        answer.write({"value_text": "edited"})
        with self.assertRaises(AccessError):
            self.env["rea.join.question"].sudo(self.coord_a).create(
                {"project_id": self.project_b.id, "name": "Why?"}
            )
        with self.assertRaises(AccessError):
            self.env["rea.project"].sudo(self.coord_a).create({"name": "Mine"})

    def test_coordinator_manages_members_of_own_project_only(self):
        rel_a = self.request_a.relationship_id.sudo(self.coord_a)
        rel_a.write({"note": "ok"})
        with self.assertRaises(AccessError):
            self.request_b.relationship_id.sudo(self.coord_a).write({"note": "no"})

    def test_coordinator_message_count_and_thread(self):
        request = self.request_a.sudo(self.coord_a)
        request.message_post(
            body="Welcome", message_type="comment", subtype="mail.mt_comment"
        )
        self.assertIn(self.coord_a.partner_id, self.request_a.message_partner_ids)
        self.assertIn(self.request_a.partner_id, self.request_a.message_partner_ids)

    def test_candidate_sees_own_request_only(self):
        requests = self.env["rea.join.request"].sudo(self.cand_a).search([])
        self.assertEqual(requests, self.request_a)
        with self.assertRaises(AccessError):
            self.request_b.sudo(self.cand_a).read(["name"])
        with self.assertRaises(AccessError):
            self.request_a.sudo(self.cand_a).write({"name": "Hacked"})
        answers = self.env["rea.join.answer"].sudo(self.cand_b).search([])
        self.assertFalse(answers & self.request_a.answer_ids)

    def test_manager_sees_everything(self):
        manager = create_user(self.env, "rea_boss", ["rea_base.group_rea_manager"])
        requests = self.env["rea.join.request"].sudo(manager).search([])
        self.assertIn(self.request_a, requests)
        self.assertIn(self.request_b, requests)

    def test_rea_user_opens_project_form(self):
        """A REA user who coordinates nothing reads the project form: the
        join request counts, which they may not read, count none and their
        buttons are the coordinators'."""
        user = create_user(self.env, "rea_reader", ["rea_base.group_rea_user"])
        project = self.project_a.sudo(user)
        view = project.fields_view_get(view_type="form")
        project.read(list(view["fields"]))
        self.assertEqual(project.join_request_count, 0)
        self.assertEqual(self.project_a.sudo(self.coord_a).join_request_count, 1)
        doc = etree.fromstring(view["arch"])
        for name in ("action_view_join_requests", "action_view_pending_requests"):
            [button] = doc.xpath("//button[@name='%s']" % name)
            self.assertEqual(button.get("invisible"), "1", name)
