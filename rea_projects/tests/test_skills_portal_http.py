# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_member, create_project, create_user, service

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestSkillsPortalHttp(ReaHttpCase):
    """/my/skills: members declare their own skills, when their projects
    offer the skills service."""

    def setUp(self):
        super().setUp()
        env = self.env
        skilled = create_project(
            env, "Skilled Coop", service_ids=[(6, 0, service(env, "skills").ids)]
        )
        self.skilled = skilled
        unskilled = create_project(
            env, "Plain Coop", service_ids=[(6, 0, service(env, "exchanges").ids)]
        )
        portal = ["base.group_portal"]
        self.user_a = create_user(env, "skill_a", portal)
        self.user_b = create_user(env, "skill_b", portal)
        self.user_c = create_user(env, "skill_c", portal)
        create_user(env, "skill_d", portal)
        add_member(env, skilled, self.user_a.partner_id)
        add_member(env, skilled, self.user_b.partner_id)
        add_member(env, unskilled, self.user_c.partner_id)
        Product = env["product.template"]
        self.carpentry = Product.create(
            {"name": "Carpentry", "type": "service", "rea_behavior": "work"}
        )
        self.welding = Product.create(
            {"name": "Welding", "type": "service", "rea_behavior": "work"}
        )
        self.plywood = Product.create({"name": "Plywood sheet", "rea_behavior": False})
        self.Skill = env["rea.agent.skill"]
        self.skill_b = self.Skill.create(
            {
                "partner_id": self.user_b.partner_id.id,
                "skill_id": self.welding.id,
                "level": "4",
                "note": "Note of B",
            }
        )
        self.settle()

    def _my_skills(self):
        response = self.url_open("/my/skills")
        self.assertEqual(response.status_code, 200)
        return response

    def _post(self, url, data):
        csrf = CSRF_RE.search(self._my_skills().text).group(1)
        response = self.url_open(url, data=dict(data, csrf_token=csrf))
        self.Skill.invalidate_cache()
        return response

    def _skills_of(self, user):
        return self.Skill.search([("partner_id", "=", user.partner_id.id)])

    def test_add_and_remove(self):
        self.authenticate("skill_a", "skill_a")
        self.assertIn("/my/skills", self.url_open("/my/home").text)
        page = self._my_skills().text
        self.assertIn("Carpentry", page)
        self.assertNotIn("Plywood sheet", page)
        response = self._post(
            "/my/skills/add",
            {"skill_id": str(self.carpentry.id), "level": "3", "note": "Chairs"},
        )
        self.assertEqual(response.status_code, 200)
        skill = self._skills_of(self.user_a)
        self.assertEqual(len(skill), 1)
        self.assertEqual(
            (skill.skill_id, skill.level, skill.note), (self.carpentry, "3", "Chairs")
        )
        page = self._my_skills().text
        self.assertIn("/my/skills/%d/remove" % skill.id, page)
        self.assertIn("Advanced", page)
        self._post("/my/skills/%d/remove" % skill.id, {})
        self.assertFalse(self._skills_of(self.user_a))

    def test_invalid_input_keeps_no_record(self):
        self.authenticate("skill_a", "skill_a")
        valid = {"skill_id": str(self.carpentry.id), "level": "2"}
        cases = [
            ("skill_id", {"skill_id": ""}),
            ("skill_id", {"skill_id": "not a number"}),
            ("skill_id", {"skill_id": str(self.plywood.id)}),
            ("skill_id", {"skill_id": "99999999999999999999"}),
            ("level", {"level": "9"}),
            ("level", {"level": ""}),
            ("note", {"note": "x" * 500}),
        ]
        for field, override in cases:
            response = self._post("/my/skills/add", dict(valid, **override))
            self.assertEqual(response.status_code, 200, field)
            self.assertIn('data-field="%s"' % field, response.text, field)
            self.assertFalse(self._skills_of(self.user_a), field)
        # Declaring the same skill twice is refused with a message.
        self._post("/my/skills/add", valid)
        response = self._post("/my/skills/add", dict(valid, level="4"))
        self.assertIn('data-field="skill_id"', response.text)
        self.assertIn("You already declared this skill", response.text)
        self.assertEqual(self._skills_of(self.user_a).level, "2")

    def test_member_cannot_touch_others_skills(self):
        self.authenticate("skill_a", "skill_a")
        page = self._my_skills().text
        self.assertNotIn("Note of B", page)
        self.assertNotIn("/my/skills/%d/remove" % self.skill_b.id, page)
        response = self._post("/my/skills/%d/remove" % self.skill_b.id, {})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.skill_b.exists())
        # Posting B's partner as the agent changes nothing: the agent is
        # always the member's own.
        self._post(
            "/my/skills/add",
            {
                "skill_id": str(self.carpentry.id),
                "level": "1",
                "partner_id": str(self.user_b.partner_id.id),
            },
        )
        self.assertEqual(self._skills_of(self.user_b), self.skill_b)
        self.assertEqual(self._skills_of(self.user_a).skill_id, self.carpentry)

    def test_service_gates_the_page(self):
        # A member of a project without the skills service: no entry, 404.
        self.authenticate("skill_c", "skill_c")
        home = self.url_open("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertNotIn("/my/skills", home.text)
        self.assertEqual(self.url_open("/my/skills").status_code, 404)
        csrf = CSRF_RE.search(self.url_open("/my/account").text).group(1)
        response = self.url_open(
            "/my/skills/add",
            data={"csrf_token": csrf, "skill_id": str(self.carpentry.id), "level": "2"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._skills_of(self.user_c))
        # Someone in no project keeps every service.
        self.authenticate("skill_d", "skill_d")
        self.assertIn("/my/skills", self.url_open("/my/home").text)
        self._my_skills()

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/skills")
        self.assertIn("/web/login", response.url)

    # JSON-RPC, as a member's browser or script can send it ---------------

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.opener.post(
            self.base_url() + "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            },
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertRefused(self, answer, text):
        self.assertNotIn("result", answer)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn(text, answer["error"]["data"]["message"])

    def test_rpc_cannot_hand_a_skill_to_another_agent(self):
        self.authenticate("skill_b", "skill_b")
        answer = self._call_kw(
            "rea.agent.skill",
            "write",
            [[self.skill_b.id], {"partner_id": self.user_a.partner_id.id}],
        )
        self.assertRefused(answer, "declared by its own agent")
        self.Skill.invalidate_cache()
        self.assertEqual(self.skill_b.partner_id, self.user_b.partner_id)
        # Her own skill stays hers to edit.
        answer = self._call_kw(
            "rea.agent.skill", "write", [[self.skill_b.id], {"level": "3"}]
        )
        self.assertIs(answer.get("result"), True)

    def test_rpc_cannot_drive_the_membership_api(self):
        """The membership API and resource quantities act as superuser for
        the server's workflows; a member calling them remotely is refused
        with a clear error, and nothing changes."""
        self.authenticate("skill_c", "skill_c")
        project_agent = self.skilled.partner_id
        partner_c = self.user_c.partner_id.id
        for method, args in (
            ("ensure_membership", [partner_c, project_agent.id]),
            ("end_membership", [self.user_a.partner_id.id, project_agent.id]),
            ("get_members", [project_agent.id]),
            ("get_memberships", [partner_c]),
            ("count_members", [project_agent.id]),
        ):
            self.assertRefused(
                self._call_kw("rea.agent.relationship", method, args),
                "cannot be called remotely",
            )
        self.assertRefused(
            self._call_kw(
                "rea.resource",
                "move_quantities",
                [[{"1": {"accounting_quantity": 1000.0}}]],
            ),
            "cannot be called remotely",
        )
        Rel = self.env["rea.agent.relationship"]
        self.assertFalse(Rel.get_memberships(self.user_c.partner_id, project_agent))
        self.assertTrue(Rel.get_memberships(self.user_a.partner_id, project_agent))
