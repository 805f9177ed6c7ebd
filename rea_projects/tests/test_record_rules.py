# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from .common import (
    add_coordinator,
    add_member,
    add_questions,
    create_project,
    create_user,
)


class TestRecordRules(SavepointCase):
    """Coordinators keep their projects' own process specifications; members
    keep their own skills; both get an AccessError outside their reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.project_a = create_project(env, "Rules Coop A")
        cls.project_b = create_project(env, "Rules Coop B")
        cls.coordinator = create_user(
            env, "rules_coordinator", ["rea_projects.group_project_coordinator"]
        )
        add_coordinator(env, cls.project_a, cls.coordinator.partner_id)
        cls.member = create_user(env, "rules_member", ["base.group_portal"])
        add_member(env, cls.project_a, cls.member.partner_id)
        cls.other = env["res.partner"].create({"name": "Member of B"})
        add_member(env, cls.project_b, cls.other)
        Spec = env["rea.process.specification"]
        cls.spec_a = Spec.create(
            {"name": "Baking A", "context_id": cls.project_a.partner_id.id}
        )
        cls.spec_b = Spec.create(
            {"name": "Baking B", "context_id": cls.project_b.partner_id.id}
        )
        cls.spec_global = Spec.create({"name": "Baking"})
        cls.welding = env["product.template"].create(
            {"name": "Welding", "type": "service", "rea_behavior": "work"}
        )

    def test_coordinator_keeps_own_process_specifications(self):
        Spec = self.env["rea.process.specification"].sudo(self.coordinator)
        spec = Spec.create(
            {"name": "Kneading", "context_id": self.project_a.partner_id.id}
        )
        self.spec_a.sudo(self.coordinator).write({"name": "Baking bread"})
        self.spec_a.sudo(self.coordinator).toggle_active()
        self.assertEqual(self.spec_a.name, "Baking bread")
        self.assertFalse(self.spec_a.active)
        with self.assertRaises(AccessError):
            spec.unlink()
        for other in (self.spec_b, self.spec_global):
            with self.assertRaises(AccessError):
                other.sudo(self.coordinator).write({"name": "Mine"})
        for context in (self.project_b.partner_id.id, False):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Spec.create({"name": "Mine", "context_id": context})
        self.assertEqual(self.spec_b.name, "Baking B")
        self.assertEqual(self.spec_global.name, "Baking")

    def test_member_keeps_own_skills(self):
        Skill = self.env["rea.agent.skill"].sudo(self.member)
        skill = Skill.create(
            {"partner_id": self.member.partner_id.id, "skill_id": self.welding.id}
        )
        # Members may not read resource types, but read their skills' names.
        self.assertEqual(skill.read(["display_name"])[0]["display_name"], "Welding")
        before = self.env["rea.agent.skill"].search_count([])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Skill.create({"partner_id": self.other.id, "skill_id": self.welding.id})
        self.assertEqual(self.env["rea.agent.skill"].search_count([]), before)

    def test_coordinator_reads_members_skills_only(self):
        Skill = self.env["rea.agent.skill"]
        mine = Skill.create(
            {"partner_id": self.member.partner_id.id, "skill_id": self.welding.id}
        )
        theirs = Skill.create(
            {"partner_id": self.other.id, "skill_id": self.welding.id}
        )
        found = Skill.sudo(self.coordinator).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(found, mine)
        with self.assertRaises(AccessError):
            mine.sudo(self.coordinator).write({"level": "4"})

    def test_coordinator_moves_nothing_out_of_their_projects(self):
        """A write is checked on the values written: a coordinator cannot
        move their project, its questions, options, requests or answers into
        another project (record rules look at the record before a write)."""
        questions_a = add_questions(self.env, self.project_a)
        questions_b = add_questions(self.env, self.project_b)
        request = self.env["rea.join.request"].create(
            {
                "name": "Request of Other",
                "email": "other.member@example.org",
                "project_id": self.project_a.id,
                "partner_id": self.other.id,
            }
        )
        answer = self.env["rea.join.answer"].create(
            {
                "request_id": request.id,
                "question_id": questions_a["char"].id,
                "value_text": "Nick",
            }
        )
        option = questions_a["selection"].option_ids[:1]
        cases = [
            (self.project_a, {"partner_id": self.project_b.partner_id.id}),
            (questions_a["char"], {"project_id": self.project_b.id}),
            (option, {"question_id": questions_b["selection"].id}),
            (request, {"project_id": self.project_b.id}),
        ]
        for record, vals in cases:
            before = record.read(list(vals))[0]
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                record.sudo(self.coordinator).write(vals)
            record.invalidate_cache()
            self.assertEqual(record.read(list(vals))[0], before, record)
        # An answer stays with a question of its request's project.
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            answer.sudo(self.coordinator).write({"question_id": questions_b["char"].id})
        self.assertEqual(answer.question_id, questions_a["char"])
        # Within their own project, the same writes pass.
        questions_a["char"].sudo(self.coordinator).write({"name": "Alias"})
        self.assertEqual(questions_a["char"].name, "Alias")
