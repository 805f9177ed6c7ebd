# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError

from .common import ReaCase


class TestReaAgent(ReaCase):
    """Agent relationships, networks of networks, partner counters."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.Relationship = cls.env["rea.agent.relationship"]
        cls.member = cls.env.ref("rea_base.relationship_type_member")
        cls.part = cls.env.ref("rea_base.relationship_type_child")
        cls.network = Partner.create(
            {"name": "Eco Network", "agent_type": "network", "is_context": True}
        )
        cls.project_a = Partner.create(
            {"name": "Project A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Project B", "agent_type": "project", "is_context": True}
        )
        cls.team = Partner.create(
            {"name": "Team A1", "agent_type": "project", "is_context": True}
        )
        cls.candidate = Partner.create(
            {"name": "Project C", "agent_type": "project", "is_context": True}
        )
        cls._rel(cls.project_a, cls.part, cls.network)
        cls._rel(cls.project_b, cls.part, cls.network)
        cls._rel(cls.team, cls.part, cls.project_a)
        cls._rel(cls.candidate, cls.part, cls.network, state="candidate")

    @classmethod
    def _rel(cls, subject, rel_type, obj, state="active"):
        return cls.env["rea.agent.relationship"].create(
            {
                "subject_id": subject.id,
                "type_id": rel_type.id,
                "object_id": obj.id,
                "state": state,
            }
        )

    def test_labels_both_ways(self):
        rel = self._rel(self.alice, self.member, self.workshop)
        self.assertEqual(rel.label, "Alice is member of Fusta Workshop")
        self.assertEqual(rel.inverse_label, "Fusta Workshop has member Alice")
        self.assertEqual(rel.name_get()[0][1], rel.label)
        self.assertIn(rel, self.alice.relationship_ids)
        self.assertIn(rel, self.workshop.inverse_relationship_ids)
        self.assertEqual(self.member.plural_name, "Members")
        self.assertEqual(rel.behavior, "member")

    def test_sub_tree(self):
        self.assertEqual(
            self.network.get_sub_agents(), self.project_a | self.project_b | self.team
        )
        self.assertEqual(self.project_a.get_sub_agents(), self.team)
        self.assertFalse(self.team.get_sub_agents())
        self.assertIn(
            self.candidate,
            self.network.get_sub_agents(states=("candidate", "active")),
        )
        self.assertIn(self.network, self.network.get_sub_agents(include_self=True))
        self.assertEqual(self.team.get_parent_agents(), self.project_a)

    def test_inactive_relationship_leaves_tree(self):
        rel = self.Relationship.search(
            [("subject_id", "=", self.team.id), ("object_id", "=", self.project_a.id)]
        )
        rel.state = "inactive"
        self.assertNotIn(self.team, self.network.get_sub_agents())

    def test_members_do_not_make_a_tree(self):
        self._rel(self.bob, self.member, self.team)
        self.assertNotIn(self.bob, self.network.get_sub_agents())

    def test_cycle_refused(self):
        with self.assertRaises(ValidationError) as error:
            self._rel(self.network, self.part, self.team)
        self.assertIn("already part of", error.exception.name)
        with self.assertRaises(ValidationError):
            self._rel(self.project_a, self.part, self.project_a)
        # Reactivating a relationship is checked too.
        rel = self._rel(self.network, self.part, self.team, state="inactive")
        with self.assertRaises(ValidationError):
            rel.state = "active"

    def test_partner_counters(self):
        resource = self._resource(self.plywood, 3, agent=self.bob)
        self.assertEqual(self.bob.rea_resource_count, 1)
        self.assertEqual(self.bob.rea_event_count, 1)
        action = self.bob.action_view_rea_events()
        self.assertEqual(action["res_model"], "rea.event")
        self.assertEqual(
            self.env["rea.event"].search(action["domain"]).resource_id, resource
        )
        self.assertEqual(self.plywood.rea_resource_count, 1)
