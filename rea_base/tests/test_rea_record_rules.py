# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ReaCase


class TestReaRecordRules(ReaCase):
    """Skills, roles on resources, relationships, process specifications
    and commitments as each role sees them: what they read, what they may
    not change, and an AccessError (never a business error) when the record
    is out of their reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Users = cls.env["res.users"]

        def user(login, group):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "groups_id": [(6, 0, [cls.env.ref(group).id])],
                }
            )

        cls.project_a = Partner.create(
            {"name": "Rules A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Rules B", "agent_type": "project", "is_context": True}
        )
        cls.coordinator = user("rr_coordinator", "rea_base.group_rea_user")
        cls.plain = user("rr_plain", "rea_base.group_rea_user")
        cls.manager = user("rr_manager", "rea_base.group_rea_manager")
        cls.member = user("rr_member", "base.group_portal")
        cls.member_b = Partner.create({"name": "Member of B"})
        Rel = cls.env["rea.agent.relationship"]
        cls.member_type = cls.env.ref("rea_base.relationship_type_member")
        Rel.create(
            {
                "subject_id": cls.coordinator.partner_id.id,
                "object_id": cls.project_a.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        cls.rel_a = Rel.create(cls._membership(cls.member.partner_id, cls.project_a))
        cls.rel_b = Rel.create(cls._membership(cls.member_b, cls.project_b))
        cls.rel_plain = Rel.create(cls._membership(cls.plain.partner_id, cls.project_b))
        Skill = cls.env["rea.agent.skill"]
        cls.skill_a = Skill.create(
            {"partner_id": cls.member.partner_id.id, "skill_id": cls.carpentry.id}
        )
        cls.skill_b = Skill.create(
            {"partner_id": cls.member_b.id, "skill_id": cls.carpentry.id}
        )
        cls.welding = cls._resource_type("Welding", "work", type_="service")
        cls.tool_a = cls._resource(cls.cnc, 1, agent=cls.project_a)
        cls.tool_b = cls._resource(cls.cnc, 1, agent=cls.project_b)
        custodian = cls.env.ref("rea_base.resource_role_type_custodian")
        Role = cls.env["rea.resource.role"]
        cls.role_a = Role.create(
            {
                "resource_id": cls.tool_a.id,
                "agent_id": cls.member.partner_id.id,
                "role_type_id": custodian.id,
            }
        )
        cls.role_b = Role.create(
            {
                "resource_id": cls.tool_b.id,
                "agent_id": cls.member_b.id,
                "role_type_id": custodian.id,
            }
        )
        cls.custodian = custodian
        Spec = cls.env["rea.process.specification"]
        cls.spec_a = Spec.create({"name": "Milling A", "context_id": cls.project_a.id})
        cls.spec_b = Spec.create({"name": "Milling B", "context_id": cls.project_b.id})

    @classmethod
    def _membership(cls, member, context):
        return {
            "subject_id": member.id,
            "object_id": context.id,
            "type_id": cls.member_type.id,
        }

    def _readable(self, records, user):
        return records.sudo(user).search([("id", "in", records.ids)])

    # Skills -----------------------------------------------------------------

    def test_skills_read_by_their_contexts_coordinators(self):
        skills = self.skill_a | self.skill_b
        self.assertEqual(self._readable(skills, self.coordinator), self.skill_a)
        self.assertFalse(self._readable(skills, self.plain))
        self.assertEqual(self._readable(skills, self.manager), skills)
        self.assertEqual(self.skill_a.sudo(self.coordinator).display_name, "Carpentry")
        with self.assertRaises(AccessError):
            self.skill_b.sudo(self.coordinator).read(["level"])

    def test_skills_changed_by_their_agent_only(self):
        skill = self.skill_a.sudo(self.coordinator)
        with self.assertRaises(AccessError):
            skill.write({"level": "4"})
        with self.assertRaises(AccessError):
            skill.unlink()
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["rea.agent.skill"].sudo(self.coordinator).create(
                {"partner_id": self.member.partner_id.id, "skill_id": self.welding.id}
            )
        self.assertEqual(self.skill_a.level, "2")
        self.assertEqual(
            self.env["rea.agent.skill"].search_count(
                [("partner_id", "=", self.member.partner_id.id)]
            ),
            1,
        )

    def test_user_keeps_own_skills(self):
        Skill = self.env["rea.agent.skill"].sudo(self.plain)
        own = Skill.create(
            {"partner_id": self.plain.partner_id.id, "skill_id": self.welding.id}
        )
        own.write({"level": "3"})
        self.assertEqual(own.level, "3")
        with self.assertRaises(AccessError):
            own.write({"partner_id": self.member_b.id})
        own.unlink()
        self.assertFalse(own.sudo().exists())

    def test_out_of_reach_skill_create_is_access_error(self):
        # Creating a skill for an agent of B reads the new skill in its
        # constraint: the rule must refuse first.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["rea.agent.skill"].sudo(self.coordinator).create(
                {"partner_id": self.member_b.id, "skill_id": self.welding.id}
            )

    # Roles on resources ------------------------------------------------------

    def test_roles_follow_their_resource(self):
        roles = self.role_a | self.role_b
        self.assertEqual(self._readable(roles, self.coordinator), self.role_a)
        self.assertFalse(self._readable(roles, self.plain))
        self.assertEqual(self._readable(roles, self.member), self.role_a)
        self.role_a.sudo(self.coordinator).write({"note": "Keeps the key"})
        for user in (self.plain, self.member):
            with self.assertRaises(AccessError):
                self.role_a.sudo(user).write({"note": "Mine"})
        with self.assertRaises(AccessError):
            self.role_b.sudo(self.coordinator).write({"note": "Mine"})
        self.assertEqual(self.role_a.note, "Keeps the key")
        self.assertFalse(self.role_b.note)

    def test_role_on_resource_out_of_reach_is_access_error(self):
        Role = self.env["rea.resource.role"]
        before = Role.search_count([])
        for user, resource in (
            (self.plain, self.tool_a),
            (self.coordinator, self.tool_b),
        ):
            with self.assertRaisesRegex(
                AccessError, "those who may change it"
            ), self.env.cr.savepoint():
                Role.sudo(user).create(
                    {
                        "resource_id": resource.id,
                        "agent_id": user.partner_id.id,
                        "role_type_id": self.custodian.id,
                    }
                )
        self.assertEqual(Role.search_count([]), before)
        Role.sudo(self.coordinator).create(
            {
                "resource_id": self.tool_a.id,
                "agent_id": self.coordinator.partner_id.id,
                "role_type_id": self.custodian.id,
            }
        )
        self.assertEqual(Role.search_count([]), before + 1)

    # Relationships -----------------------------------------------------------

    def test_relationships_of_the_contexts_one_works_for(self):
        rels = self.rel_a | self.rel_b | self.rel_plain
        self.assertEqual(self._readable(rels, self.coordinator), self.rel_a)
        # A plain user reads their own membership, no one else's.
        self.assertEqual(self._readable(rels, self.plain), self.rel_plain)
        self.assertEqual(self._readable(rels, self.manager), rels)
        self.rel_a.sudo(self.coordinator).write({"note": "Founder"})
        self.assertEqual(self.rel_a.note, "Founder")
        for user, rel in (
            (self.coordinator, self.rel_b),
            (self.plain, self.rel_a),
            # Their own membership changes through its workflows only.
            (self.plain, self.rel_plain),
        ):
            with self.assertRaises(AccessError):
                rel.sudo(user).write({"state": "inactive"})
        self.assertEqual(self.rel_plain.state, "active")

    def test_relationship_create_out_of_reach_is_access_error(self):
        Rel = self.env["rea.agent.relationship"]
        before = Rel.search_count([])
        for user, context in (
            (self.plain, self.project_a),
            (self.plain, self.project_b),
            (self.coordinator, self.project_b),
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Rel.sudo(user).create(self._membership(self.bob, context))
        self.assertEqual(Rel.search_count([]), before)
        Rel.sudo(self.coordinator).create(self._membership(self.bob, self.project_a))
        self.assertEqual(Rel.search_count([]), before + 1)

    def test_coordinator_ends_a_membership_never_deletes_it(self):
        with self.assertRaises(AccessError):
            self.rel_a.sudo(self.coordinator).unlink()
        self.rel_a.sudo(self.coordinator).set_membership_state(
            "inactive", date_end="2026-01-31"
        )
        self.assertEqual(self.rel_a.state, "inactive")

    # Process specifications --------------------------------------------------

    def test_process_specifications_global_and_per_context(self):
        specs = self.spec_a | self.spec_b | self.spec_make
        self.assertEqual(
            self._readable(specs, self.coordinator), self.spec_a | self.spec_make
        )
        self.assertEqual(self._readable(specs, self.plain), self.spec_make)
        self.assertEqual(self._readable(specs, self.manager), specs)
        for spec in (self.spec_make, self.spec_a):
            with self.assertRaises(AccessError):
                spec.sudo(self.plain).write({"name": "Renamed"})
        self.assertEqual(self.spec_make.name, "Desk making")

    # Commitments -------------------------------------------------------------

    def test_commitment_out_of_reach_is_access_error(self):
        Commitment = self.env["rea.commitment"]
        before = Commitment.search_count([])
        vals = {
            "action_id": self.action("work").id,
            "provider_id": self.member_b.id,
            "receiver_id": self.project_b.id,
            "context_id": self.project_b.id,
            "effort_quantity": 2.0,
            "effort_unit_id": self.uom_hour.id,
        }
        for user in (self.plain, self.coordinator):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Commitment.sudo(user).create(dict(vals))
        self.assertEqual(Commitment.search_count([]), before)
        vals.update(receiver_id=self.project_a.id, context_id=self.project_a.id)
        Commitment.sudo(self.coordinator).create(vals)
        self.assertEqual(Commitment.search_count([]), before + 1)
