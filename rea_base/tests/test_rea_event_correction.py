# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ReaCase


class TestReaEventCorrection(ReaCase):
    """Corrections reverse and re-enter; a manager delete undoes exactly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process = cls._process("Make desks", cls.spec_make)
        cls.manager = cls.env["res.users"].create(
            {
                "name": "REA manager",
                "login": "rea_correction_manager",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_manager").id])],
            }
        )
        cls.user = cls.env["res.users"].create(
            {
                "name": "REA user",
                "login": "rea_correction_user",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )
        # REA users correct the events of the contexts they coordinate.
        cls.env["rea.agent.relationship"].create(
            {
                "subject_id": cls.user.partner_id.id,
                "object_id": cls.workshop.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
            }
        )

    def test_correct_consume(self):
        """ValueFlows 'Correcting errors': reverse 3, re-enter 2."""
        plywood = self._resource(self.plywood, 10)
        wrong = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        self.assertQuantities(plywood, 7, 7)
        reversal, reentry = wrong.correct(new_quantity=2)
        self.assertEqual(reversal.corrects_event_id, wrong)
        self.assertEqual(reversal.resource_quantity, -3)
        self.assertEqual(reversal.input_of_id, self.process)
        self.assertTrue(wrong.is_corrected)
        self.assertEqual(wrong.correction_ids, reversal)
        self.assertFalse(reentry.corrects_event_id)
        self.assertEqual(reentry.resource_quantity, 2)
        self.assertQuantities(plywood, 8, 8)

    def test_action_reverse(self):
        """The Reverse button takes no argument (the client passes the
        context) and records the reversing correction only."""
        plywood = self._resource(self.plywood, 10)
        wrong = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        action = wrong.sudo(self.user).action_reverse()
        self.assertEqual(action["res_model"], "rea.event")
        reversal = self.Event.search(action["domain"])
        self.assertEqual(len(reversal), 1)
        self.assertEqual(reversal.corrects_event_id, wrong)
        self.assertEqual(reversal.resource_quantity, -3)
        self.assertTrue(wrong.is_corrected)
        self.assertQuantities(plywood, 10, 10)
        with self.assertRaises(ValidationError):
            wrong.action_reverse()

    def test_correction_is_all_or_nothing(self):
        """A refused re-entry leaves the reversal out too."""
        plywood = self._resource(self.plywood, 10)
        event = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        events_before = self.Event.search_count([])
        with self.assertRaises(UserError):
            event.correct(new_quantity=12)
        self.assertEqual(self.Event.search_count([]), events_before)
        self.assertFalse(event.is_corrected)
        self.assertFalse(event.correction_ids)
        self.assertQuantities(plywood, 7, 7)

    def test_correction_restores_previous_state(self):
        """Reversing a transfer puts quantities, location, accountable agent
        and state back as they were."""
        source = self._resource(self.plywood, 10, agent=self.alice)
        target = self._resource(
            self.plywood, 2, agent=self.supplier, current_location_id=self.supplier.id
        )
        transfer = self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=4,
            to_location_id=self.depot.id,
            resource_state="sold",
        )
        self.assertEqual(target.primary_accountable_id, self.bob)
        events = transfer.correct()
        self.assertEqual(len(events), 1)
        self.assertQuantities(source, 10, 10)
        self.assertQuantities(target, 2, 2)
        self.assertEqual(target.primary_accountable_id, self.supplier)
        self.assertEqual(target.current_location_id, self.supplier)
        self.assertFalse(target.state)

    def test_correct_resource_creating_event(self):
        event = self._event(
            "produce",
            output_of_id=self.process.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=3,
        )
        desk = event.resource_id
        resources = self.Resource.search_count([])
        reversal, reentry = event.correct(new_quantity=1)
        self.assertEqual(self.Resource.search_count([]), resources)
        self.assertEqual(reversal.resource_id, desk)
        self.assertEqual(reentry.resource_id, desk)
        self.assertQuantities(desk, 1, 1)

    def test_correct_work_effort(self):
        work = self._event(
            "work",
            provider=self.alice,
            input_of_id=self.process.id,
            effort_quantity=8,
            effort_unit_id=self.uom_hour.id,
        )
        reversal, reentry = work.correct(new_effort_quantity=6)
        self.assertEqual(reversal.effort_quantity, -8)
        self.assertEqual(reentry.effort_quantity, 6)

    def test_correct_only_once_and_exactly(self):
        plywood = self._resource(self.plywood, 10)
        event = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        event.correct(new_quantity=2)
        with self.assertRaises(ValidationError):
            event.correct(new_quantity=1)
        other = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=1,
        )
        with self.assertRaises(ValidationError) as error:
            self._event(
                "consume",
                input_of_id=self.process.id,
                resource_id=plywood.id,
                resource_quantity=-0.5,
                corrects_event_id=other.id,
            )
        self.assertIn("reverses", error.exception.name)
        self.assertQuantities(plywood, 7, 7)

    def test_manager_delete_reverses_exactly(self):
        source = self._resource(self.plywood, 10, agent=self.alice)
        target = self._resource(
            self.plywood, 2, agent=self.supplier, current_location_id=self.supplier.id
        )
        transfer = self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=4,
            to_location_id=self.depot.id,
        )
        later = self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=1,
        )
        transfer.sudo(self.manager).unlink()
        self.assertFalse(transfer.exists())
        # Only the deleted event's share is undone; the later one stays.
        self.assertQuantities(source, 9, 9)
        self.assertQuantities(target, 3, 3)
        # The later event set the accountable agent too, so it stays Bob.
        self.assertEqual(target.primary_accountable_id, self.bob)
        self.assertEqual(target.current_location_id, self.supplier)
        later.sudo(self.manager).unlink()
        self.assertQuantities(source, 10, 10)
        self.assertQuantities(target, 2, 2)
        self.assertEqual(target.primary_accountable_id, self.supplier)

    def test_manager_delete_removes_created_resource(self):
        event = self._event(
            "produce",
            output_of_id=self.process.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
        )
        desk = event.resource_id
        event.sudo(self.manager).unlink()
        self.assertFalse(desk.exists())

    def test_delete_reserved_to_managers(self):
        plywood = self._resource(self.plywood, 10)
        event = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        with self.assertRaises(AccessError):
            event.sudo(self.user).unlink()
        self.assertTrue(event.exists())
        self.assertQuantities(plywood, 7, 7)

    def test_delete_corrected_event_needs_corrections_deleted_first(self):
        plywood = self._resource(self.plywood, 10)
        event = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=3,
        )
        reversal, reentry = event.correct(new_quantity=2)
        with self.assertRaises(UserError):
            event.sudo(self.manager).unlink()
        (reversal | reentry).sudo(self.manager).unlink()
        self.assertFalse(event.is_corrected)
        self.assertQuantities(plywood, 7, 7)
        event.sudo(self.manager).unlink()
        self.assertQuantities(plywood, 10, 10)
        # Deleting a whole correction chain at once works too.
        other = self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=plywood.id,
            resource_quantity=4,
        )
        events = other | other.correct(new_quantity=1)
        self.assertQuantities(plywood, 9, 9)
        events.sudo(self.manager).unlink()
        self.assertQuantities(plywood, 10, 10)

    def test_commitment_fulfilment_follows_corrections(self):
        commitment = self.env["rea.commitment"].create(
            {
                "action_id": self.action("produce").id,
                "provider_id": self.workshop.id,
                "receiver_id": self.bob.id,
                "resource_conforms_to_id": self.desk.id,
                "resource_quantity": 4,
                "resource_unit_id": self.uom_unit.id,
                "output_of_id": self.process.id,
                "due": "2026-12-01 12:00:00",
            }
        )
        self.assertEqual(commitment.unfulfilled_quantity, 4)
        first = self.Event.create(commitment._prepare_event_vals(quantity=3))
        self.assertEqual(commitment.fulfilled_quantity, 3)
        self.assertEqual(commitment.unfulfilled_quantity, 1)
        self.assertFalse(commitment.finished)
        first.correct(new_quantity=2)
        self.assertEqual(commitment.fulfilled_quantity, 2)
        self.Event.create(commitment._prepare_event_vals())
        self.assertEqual(commitment.fulfilled_quantity, 4)
        self.assertEqual(commitment.unfulfilled_quantity, 0)
        self.assertTrue(commitment.finished)
        with self.assertRaises(ValidationError):
            self._event(
                "raise",
                resource_id=first.resource_id.id,
                resource_quantity=1,
                commitment_id=commitment.id,
            )
