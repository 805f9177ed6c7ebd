# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import ReaCase


class TestReaAgentSkill(ReaCase):
    """An agent declares skills: resource types of behaviour work, each
    once."""

    def test_declare_a_skill(self):
        skill = self.env["rea.agent.skill"].create(
            {"partner_id": self.alice.id, "skill_id": self.carpentry.id}
        )
        self.assertEqual(skill.level, "2")
        self.assertEqual(skill.display_name, self.carpentry.display_name)

    def test_only_work_is_a_skill(self):
        with self.assertRaisesRegex(ValidationError, "is not a skill"):
            self.env["rea.agent.skill"].create(
                {"partner_id": self.alice.id, "skill_id": self.plywood.id}
            )

    def test_each_skill_once(self):
        Skill = self.env["rea.agent.skill"]
        Skill.create({"partner_id": self.bob.id, "skill_id": self.carpentry.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                Skill.create(
                    {
                        "partner_id": self.bob.id,
                        "skill_id": self.carpentry.id,
                        "level": "4",
                    }
                )
