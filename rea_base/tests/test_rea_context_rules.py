# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import AccessError

from .common import ReaCase


class TestReaContextRules(ReaCase):
    """REA users see and change the records of the contexts they work for
    (coordinated, and the agents part of them) and their own; coordination
    and 'part of' are given by coordinators and REA managers only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Users = cls.env["res.users"]
        rea_user = cls.env.ref("rea_base.group_rea_user")

        def context(name):
            return Partner.create(
                {"name": name, "agent_type": "project", "is_context": True}
            )

        def user(login):
            return Users.create(
                {"name": login, "login": login, "groups_id": [(6, 0, [rea_user.id])]}
            )

        cls.project_a = context("Project A")
        cls.project_b = context("Project B")
        cls.network = context("Network")
        cls.sub_a = context("Team of A")
        cls.coordinator_a = user("rules_coord_a")
        cls.coordinator_b = user("rules_coord_b")
        cls.coordinator_net = user("rules_coord_net")
        cls.plain = user("rules_plain")
        cls.manager = Users.create(
            {
                "name": "rules_manager",
                "login": "rules_manager",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_manager").id])],
            }
        )
        cls.manager_type = cls.env.ref("rea_base.relationship_type_manager")
        cls.child_type = cls.env.ref("rea_base.relationship_type_child")
        cls.member_type = cls.env.ref("rea_base.relationship_type_member")
        Rel = cls.env["rea.agent.relationship"]
        for coordinator, ctx in (
            (cls.coordinator_a, cls.project_a),
            (cls.coordinator_b, cls.project_b),
            (cls.coordinator_net, cls.network),
        ):
            Rel.create(
                {
                    "subject_id": coordinator.partner_id.id,
                    "object_id": ctx.id,
                    "type_id": cls.manager_type.id,
                }
            )
        # The team is part of A; A and B are part of the network.
        for part, whole in (
            (cls.sub_a, cls.project_a),
            (cls.project_a, cls.network),
            (cls.project_b, cls.network),
        ):
            Rel.create(
                {
                    "subject_id": part.id,
                    "object_id": whole.id,
                    "type_id": cls.child_type.id,
                }
            )
        cls.account_a = cls._resource(cls.credit, 100, agent=cls.project_a)
        cls.account_b = cls._resource(cls.credit, 100, agent=cls.project_b)
        cls.account_plain = cls._resource(cls.credit, 5, agent=cls.plain.partner_id)
        cls.account_sub_a = cls._resource(cls.credit, 0, agent=cls.sub_a)
        cls.event_a = cls._raise(cls.account_a, cls.project_a)
        cls.event_sub_a = cls._raise(cls.account_sub_a, cls.sub_a)
        cls.event_b = cls._raise(cls.account_b, cls.project_b)
        # The plain user paid B: their own event, in B.
        cls.event_plain = cls._event(
            "transfer",
            provider=cls.plain.partner_id,
            receiver=cls.project_b,
            context_id=cls.project_b.id,
            resource_id=cls.account_plain.id,
            to_resource_id=cls.account_b.id,
            resource_quantity=1,
        )
        cls.process_a = cls._process("Make in A", context_id=cls.project_a.id)
        cls.process_b = cls._process("Make in B", context_id=cls.project_b.id)
        cls.process_none = cls._process("Make anywhere")
        Plan = cls.env["rea.plan"]
        cls.plan_a = Plan.create({"name": "Plan A", "context_id": cls.project_a.id})
        cls.plan_b = Plan.create({"name": "Plan B", "context_id": cls.project_b.id})
        Commitment = cls.env["rea.commitment"]
        cls.commitment_a = Commitment.create(
            {
                "action_id": cls.action("transfer").id,
                "provider_id": cls.alice.id,
                "receiver_id": cls.project_a.id,
                "context_id": cls.project_a.id,
                "resource_conforms_to_id": cls.credit.id,
                "resource_quantity": 4,
            }
        )
        cls.commitment_b = Commitment.create(
            {
                "action_id": cls.action("transfer").id,
                "provider_id": cls.bob.id,
                "receiver_id": cls.project_b.id,
                "context_id": cls.project_b.id,
                "resource_conforms_to_id": cls.credit.id,
                "resource_quantity": 4,
            }
        )

    @classmethod
    def _raise(cls, account, context, user=None):
        vals = {
            "action_id": cls.action("raise").id,
            "provider_id": context.id,
            "receiver_id": context.id,
            "context_id": context.id,
            "resource_id": account.id,
            "resource_quantity": 1,
        }
        model = cls.env["rea.event"]
        return (model.sudo(user) if user else model).create(vals)

    def _visible(self, user, records):
        return records.sudo(user).search([("id", "in", records.ids)])

    def test_user_contexts_in_one_place(self):
        self.assertEqual(
            set(self.coordinator_a.rea_get_context_ids()),
            {self.project_a.id, self.sub_a.id},
        )
        self.assertEqual(
            set(self.coordinator_net.rea_get_context_ids()),
            {self.network.id, self.project_a.id, self.project_b.id, self.sub_a.id},
        )
        self.assertEqual(self.plain.rea_get_context_ids(), [])
        # Membership gives no context (members see their own records).
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.plain.partner_id.id,
                "object_id": self.project_b.id,
                "type_id": self.member_type.id,
            }
        )
        self.assertEqual(self.plain.rea_get_context_ids(), [])

    def test_contexts_of_others_are_not_told(self):
        """Over RPC a user may ask only for their own contexts."""
        own = self.coordinator_a.sudo(self.coordinator_a).rea_get_context_ids()
        self.assertIn(self.project_a.id, own)
        with self.assertRaises(AccessError):
            self.coordinator_a.sudo(self.plain).rea_get_context_ids()

    def test_events(self):
        events = self.event_a | self.event_sub_a | self.event_b | self.event_plain
        self.assertEqual(
            self._visible(self.coordinator_a, events),
            self.event_a | self.event_sub_a,
        )
        self.assertEqual(
            self._visible(self.coordinator_b, events), self.event_b | self.event_plain
        )
        self.assertEqual(self._visible(self.coordinator_net, events), events)
        self.assertEqual(self._visible(self.plain, events), self.event_plain)
        self.assertEqual(self._visible(self.manager, events), events)
        with self.assertRaises(AccessError):
            self.event_b.sudo(self.coordinator_a).read(["effort_quantity"])
        with self.assertRaises(AccessError):
            self.event_b.sudo(self.coordinator_a).write({"note": "mine"})
        self.event_a.sudo(self.coordinator_a).write({"note": "checked"})
        self.assertEqual(self.event_a.note, "checked")
        # Recording in another context is refused, in one's own it works.
        with self.assertRaises(AccessError), self.cr.savepoint():
            self._raise(self.account_b, self.project_b, user=self.coordinator_a)
        self.assertTrue(self._raise(self.account_a, self.project_a, self.coordinator_a))

    def test_resources(self):
        accounts = self.account_a | self.account_b | self.account_plain
        self.assertEqual(self._visible(self.coordinator_a, accounts), self.account_a)
        self.assertEqual(self._visible(self.coordinator_b, accounts), self.account_b)
        self.assertEqual(
            self._visible(self.coordinator_net, accounts),
            self.account_a | self.account_b,
        )
        self.assertEqual(self._visible(self.plain, accounts), self.account_plain)
        self.assertEqual(self._visible(self.manager, accounts), accounts)
        with self.assertRaises(AccessError):
            self.account_b.sudo(self.coordinator_a).read(["accounting_quantity"])
        # Resources nobody is accountable for are the commons.
        commons = self.Resource.create(
            {"name": "Shared design", "conforms_to_id": self.design.id}
        )
        self.assertEqual(self._visible(self.plain, commons), commons)

    def test_commitments_processes_plans(self):
        for records, in_a in (
            (self.commitment_a | self.commitment_b, self.commitment_a),
            (self.process_a | self.process_b, self.process_a),
            (self.plan_a | self.plan_b, self.plan_a),
        ):
            self.assertEqual(self._visible(self.coordinator_a, records), in_a)
            self.assertEqual(self._visible(self.coordinator_b, records), records - in_a)
            self.assertEqual(self._visible(self.plain, records), records.browse())
            self.assertEqual(self._visible(self.manager, records), records)
            with self.assertRaises(AccessError):
                (records - in_a).sudo(self.coordinator_a).write({"note": "x"})
            in_a.sudo(self.coordinator_a).write({"note": "ok"})
        # Without a context: their creator's.
        self.assertFalse(self._visible(self.plain, self.process_none))
        mine = self.Process.sudo(self.plain).create({"name": "My own process"})
        self.assertEqual(self._visible(self.plain, mine), mine)
        self.assertFalse(self._visible(self.coordinator_a, mine))

    def test_plain_user_cannot_make_themself_coordinator(self):
        Rel = self.env["rea.agent.relationship"].sudo(self.plain)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Rel.create(
                {
                    "subject_id": self.plain.partner_id.id,
                    "object_id": self.project_b.id,
                    "type_id": self.manager_type.id,
                }
            )
        # Nor by turning their membership (given by B's workflows: they may
        # not give it themselves) into a coordination.
        membership = (
            self.env["rea.agent.relationship"]
            .create(
                {
                    "subject_id": self.plain.partner_id.id,
                    "object_id": self.project_b.id,
                    "type_id": self.member_type.id,
                }
            )
            .sudo(self.plain)
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            membership.write({"type_id": self.manager_type.id})
        self.assertNotIn(self.event_b, self.Event.sudo(self.plain).search([]))

    def test_coordinator_cannot_take_another_context(self):
        Rel = self.env["rea.agent.relationship"].sudo(self.coordinator_a)
        other = self.env["res.partner"].create(
            {"name": "Not a project", "agent_type": "organization", "is_context": True}
        )
        for target in (self.project_b, other):
            with self.assertRaises(AccessError), self.cr.savepoint():
                Rel.create(
                    {
                        "subject_id": self.coordinator_a.partner_id.id,
                        "object_id": target.id,
                        "type_id": self.manager_type.id,
                    }
                )
        # Making B part of A would show B's records to A's coordinators.
        with self.assertRaises(AccessError), self.cr.savepoint():
            Rel.create(
                {
                    "subject_id": self.project_b.id,
                    "object_id": self.project_a.id,
                    "type_id": self.child_type.id,
                }
            )
        # B's coordination cannot be ended by A's coordinator either.
        coordination_b = self.env["rea.agent.relationship"].search(
            [
                ("object_id", "=", self.project_b.id),
                ("behavior", "=", "manager"),
            ]
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            coordination_b.sudo(self.coordinator_a).write({"state": "inactive"})
        self.assertEqual(coordination_b.state, "active")

    def test_coordinator_and_manager_appoint_coordinators(self):
        # A's coordinator appoints another coordinator of A; it shows at once.
        self.env["rea.agent.relationship"].sudo(self.coordinator_a).create(
            {
                "subject_id": self.plain.partner_id.id,
                "object_id": self.project_a.id,
                "type_id": self.manager_type.id,
            }
        )
        self.assertIn(self.event_a, self.Event.sudo(self.plain).search([]))
        # A REA manager appoints anyone anywhere; ending it hides again.
        rel = (
            self.env["rea.agent.relationship"]
            .sudo(self.manager)
            .create(
                {
                    "subject_id": self.coordinator_a.partner_id.id,
                    "object_id": self.project_b.id,
                    "type_id": self.manager_type.id,
                }
            )
        )
        self.assertIn(self.event_b, self.Event.sudo(self.coordinator_a).search([]))
        rel.sudo(self.manager).write({"state": "inactive"})
        self.assertNotIn(self.event_b, self.Event.sudo(self.coordinator_a).search([]))

    def test_a_write_moves_nothing_out_of_reach(self):
        """Rules are checked on the values written too: a coordinator cannot
        move their plan into another context."""
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.plan_a.sudo(self.coordinator_a).write(
                {"context_id": self.project_b.id}
            )
        self.plan_a.invalidate_cache()
        self.assertEqual(self.plan_a.context_id, self.project_a)
        self.plan_a.sudo(self.coordinator_a).write({"name": "Plan A, again"})
        self.assertEqual(self.plan_a.name, "Plan A, again")

    def test_an_ended_relationship_keeps_its_end_date(self):
        membership = self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.plain.partner_id.id,
                "object_id": self.project_a.id,
                "type_id": self.member_type.id,
                "state": "active",
            }
        )
        membership.sudo(self.coordinator_a).write({"state": "inactive"})
        self.assertEqual(membership.date_end, fields.Date.context_today(membership))
