# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ReaCase


class TestReaPartyRules(ReaCase):
    """Being named a party reads a record, it does not record one in another
    context: events and commitments of a context are created and changed by
    those who work for it, and by its active members for their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Users = cls.env["res.users"]

        def user(login):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
                }
            )

        cls.project_a = Partner.create(
            {"name": "Party A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Party B", "agent_type": "project", "is_context": True}
        )
        cls.plain = user("pr_plain")
        cls.coordinator_a = user("pr_coordinator_a")
        cls.coordinator_b = user("pr_coordinator_b")
        cls.member_b = user("pr_member_b")
        Rel = cls.env["rea.agent.relationship"]
        manager = cls.env.ref("rea_base.relationship_type_manager")
        for coordinator, project in (
            (cls.coordinator_a, cls.project_a),
            (cls.coordinator_b, cls.project_b),
        ):
            Rel.create(
                {
                    "subject_id": coordinator.partner_id.id,
                    "object_id": project.id,
                    "type_id": manager.id,
                }
            )
        cls.membership_b = Rel.create(
            {
                "subject_id": cls.member_b.partner_id.id,
                "object_id": cls.project_b.id,
                "type_id": cls.env.ref("rea_base.relationship_type_member").id,
            }
        )
        cls.process_b = cls._process("Build B", context_id=cls.project_b.id)
        cls.euro = cls.credit

    def _commitment_vals(self, user):
        return {
            "action_id": self.action("transfer").id,
            "context_id": self.project_b.id,
            "provider_id": self.project_b.id,
            "receiver_id": user.partner_id.id,
            "resource_conforms_to_id": self.euro.id,
            "resource_quantity": 5,
        }

    def _work_vals(self, user, **vals):
        vals.update(
            {
                "action_id": self.action("work").id,
                "context_id": self.project_b.id,
                "provider_id": user.partner_id.id,
                "receiver_id": self.project_b.id,
                "resource_conforms_to_id": self.carpentry.id,
                "effort_quantity": 40,
            }
        )
        return vals

    def test_member_contexts(self):
        self.assertEqual(
            self.member_b.sudo(self.member_b).rea_get_member_context_ids(),
            [self.project_b.id],
        )
        self.assertFalse(self.plain.sudo(self.plain).rea_get_member_context_ids())
        with self.assertRaises(AccessError):
            self.member_b.sudo(self.plain).rea_get_member_context_ids()
        # Ending the membership takes the context away at once.
        self.membership_b.write({"state": "inactive"})
        self.assertFalse(self.member_b.sudo(self.member_b).rea_get_member_context_ids())

    def test_party_out_of_context_cannot_commit(self):
        Commitment = self.env["rea.commitment"]
        before = Commitment.search_count([])
        for user in (self.plain, self.coordinator_a):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Commitment.sudo(user).create(self._commitment_vals(user))
        self.assertEqual(Commitment.search_count([]), before)
        commitment = Commitment.sudo(self.coordinator_b).create(
            self._commitment_vals(self.plain)
        )
        # The party reads it, and may not change it.
        self.assertEqual(commitment.sudo(self.plain).resource_quantity, 5)
        with self.assertRaises(AccessError):
            commitment.sudo(self.plain).write({"resource_quantity": 9999})
        with self.assertRaises(AccessError):
            commitment.sudo(self.plain).unlink()
        self.assertEqual(commitment.resource_quantity, 5)
        commitment.sudo(self.coordinator_b).write({"resource_quantity": 7})
        self.assertEqual(commitment.resource_quantity, 7)

    def test_party_out_of_context_cannot_record_work(self):
        Event = self.env["rea.event"]
        before = Event.search_count([])
        for user in (self.plain, self.coordinator_a):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Event.sudo(user).create(
                    self._work_vals(user, input_of_id=self.process_b.id)
                )
        self.assertEqual(Event.search_count([]), before)

    def test_member_records_own_work(self):
        Event = self.env["rea.event"]
        event = Event.sudo(self.member_b).create(
            self._work_vals(self.member_b, input_of_id=self.process_b.id)
        )
        self.assertEqual(event.context_id, self.project_b)
        self.assertEqual(event.effort_quantity, 40)
        self.assertIn(event, self.process_b.input_event_ids)
        # Their own only: not another's work in B, not into B's process
        # under another context.
        process_a = self._process("Build A", context_id=self.project_a.id)
        for vals in (
            self._work_vals(self.plain, input_of_id=self.process_b.id),
            self._work_vals(self.member_b, input_of_id=process_a.id),
        ):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                Event.sudo(self.member_b).create(vals)
        self.assertEqual(
            Event.search_count([("provider_id", "=", self.plain.partner_id.id)]), 0
        )
        self.assertFalse(process_a.input_event_ids)
        # Once the membership ends, so does recording in B.
        self.membership_b.write({"state": "inactive"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Event.sudo(self.member_b).create(
                self._work_vals(self.member_b, input_of_id=self.process_b.id)
            )

    def test_coordinator_records_all_in_context(self):
        event = (
            self.env["rea.event"]
            .sudo(self.coordinator_b)
            .create(self._work_vals(self.member_b, input_of_id=self.process_b.id))
        )
        self.assertIn(event, self.process_b.input_event_ids)
        commitment = (
            self.env["rea.commitment"]
            .sudo(self.coordinator_b)
            .create(self._commitment_vals(self.member_b))
        )
        self.assertEqual(commitment.context_id, self.project_b)
