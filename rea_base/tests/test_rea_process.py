# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError

from .common import ReaCase


class TestReaProcess(ReaCase):
    """Plans, processes and commitments; resource roles and containment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env["rea.plan"].create(
            {"name": "Desks for the library", "due": "2026-12-15"}
        )
        cls.make = cls._process(
            "Make library desks", cls.spec_make, plan_id=cls.plan.id
        )
        Commitment = cls.env["rea.commitment"]
        cls.deliver = Commitment.create(
            {
                "action_id": cls.action("transfer").id,
                "provider_id": cls.workshop.id,
                "receiver_id": cls.bob.id,
                "resource_conforms_to_id": cls.desk.id,
                "resource_quantity": 2,
                "resource_unit_id": cls.uom_unit.id,
                "plan_id": cls.plan.id,
                "independent_demand_of_id": cls.plan.id,
                "due": "2026-12-15 10:00:00",
            }
        )
        cls.labour = Commitment.create(
            {
                "action_id": cls.action("work").id,
                "provider_id": cls.alice.id,
                "receiver_id": cls.workshop.id,
                "resource_conforms_to_id": cls.carpentry.id,
                "effort_quantity": 10,
                "effort_unit_id": cls.uom_hour.id,
                "input_of_id": cls.make.id,
                "plan_id": cls.plan.id,
                "due": "2026-12-10 10:00:00",
            }
        )

    def test_plan_groups_processes_and_commitments(self):
        self.assertEqual(self.plan.process_ids, self.make)
        self.assertEqual(self.plan.process_count, 1)
        self.assertEqual(self.plan.commitment_count, 2)
        self.assertEqual(self.plan.independent_demand_ids, self.deliver)
        self.assertEqual(self.make.input_commitment_ids, self.labour)
        self.assertIn("Work", self.labour.name)

    def test_work_commitment_fulfilled_in_effort(self):
        self.assertEqual(self.labour.unfulfilled_quantity, 10)
        event = self.Event.create(self.labour._prepare_event_vals(quantity=4))
        self.assertEqual(event.effort_quantity, 4)
        self.assertEqual(event.effort_unit_id, self.uom_hour)
        self.assertEqual(self.labour.fulfilled_quantity, 4)
        self.assertEqual(self.labour.unfulfilled_quantity, 6)
        self.Event.create(self.labour._prepare_event_vals())
        self.assertTrue(self.labour.finished)
        self.assertEqual(self.make.input_event_count, 2)

    def test_record_event_button_prefills_what_remains(self):
        """Work opens an effort, a transfer a resource quantity, as their
        action counts them; the form's defaults record a valid event."""
        action = self.labour.action_record_event()
        self.assertEqual(action["res_model"], "rea.event")
        self.assertEqual(action["view_mode"], "form")
        context = action["context"]
        self.assertEqual(context["default_commitment_id"], self.labour.id)
        self.assertEqual(context["default_action_id"], self.action("work").id)
        self.assertEqual(context["default_provider_id"], self.alice.id)
        self.assertEqual(context["default_input_of_id"], self.make.id)
        self.assertEqual(context["default_effort_quantity"], 10)
        self.assertEqual(context["default_effort_unit_id"], self.uom_hour.id)
        self.assertNotIn("default_resource_quantity", context)
        event = self.Event.with_context(**context).create({"effort_quantity": 4})
        self.assertEqual(event.commitment_id, self.labour)
        self.assertEqual(event.effort_unit_id, self.uom_hour)
        context = self.labour.action_record_event()["context"]
        self.assertEqual(context["default_effort_quantity"], 6)
        self.Event.with_context(**context).create({})
        self.assertTrue(self.labour.finished)

        context = self.deliver.action_record_event()["context"]
        self.assertEqual(context["default_resource_quantity"], 2)
        self.assertEqual(context["default_resource_unit_id"], self.uom_unit.id)
        self.assertNotIn("default_effort_quantity", context)

    def test_use_commitment_in_effort(self):
        """Use counts resource and effort: a promise of machine hours is
        fulfilled in hours."""
        cnc = self._resource(self.cnc, 1)
        commitment = self.env["rea.commitment"].create(
            {
                "action_id": self.action("use").id,
                "provider_id": self.workshop.id,
                "receiver_id": self.workshop.id,
                "resource_id": cnc.id,
                "effort_quantity": 3,
                "effort_unit_id": self.uom_hour.id,
                "input_of_id": self.make.id,
            }
        )
        self.assertEqual(commitment.unfulfilled_quantity, 3)
        context = commitment.action_record_event()["context"]
        self.assertEqual(context["default_effort_quantity"], 3)
        self.assertNotIn("default_resource_quantity", context)
        self.Event.with_context(**context).create({})
        self.assertEqual(commitment.fulfilled_quantity, 3)
        self.assertTrue(commitment.finished)

    def test_process_finish_and_dates(self):
        self.make.action_finish()
        self.assertTrue(self.make.finished)
        self.make.action_reopen()
        self.assertFalse(self.make.finished)
        with self.assertRaises(ValidationError):
            self.make.write(
                {
                    "has_beginning": "2026-12-02 08:00:00",
                    "has_end": "2026-12-01 08:00:00",
                }
            )
        with self.assertRaises(ValidationError):
            self._event(
                "raise",
                resource_id=self._resource(self.plywood).id,
                resource_quantity=1,
                has_beginning="2026-12-02 08:00:00",
                has_end="2026-12-01 08:00:00",
            )

    def test_event_over_a_period_is_dated_by_its_end(self):
        event = self._event(
            "work",
            provider=self.alice,
            input_of_id=self.make.id,
            effort_quantity=2,
            effort_unit_id=self.uom_hour.id,
            has_beginning="2026-12-01 08:00:00",
            has_end="2026-12-01 10:00:00",
        )
        self.assertEqual(event.has_point_in_time, "2026-12-01 10:00:00")

    def test_resource_roles_and_shares(self):
        tool = self._resource(self.cnc, 1)
        owner = self.env.ref("rea_base.resource_role_type_owner")
        Role = self.env["rea.resource.role"]
        Role.create(
            {
                "resource_id": tool.id,
                "agent_id": self.alice.id,
                "role_type_id": owner.id,
                "share_percentage": 60,
            }
        )
        with self.assertRaises(ValidationError):
            Role.create(
                {
                    "resource_id": tool.id,
                    "agent_id": self.bob.id,
                    "role_type_id": owner.id,
                    "share_percentage": 50,
                }
            )
        self.assertTrue(owner.is_owner)
        self.assertFalse(self.env.ref("rea_base.resource_role_type_contact").is_owner)

    def test_containment_cycle_refused(self):
        crate = self._resource(self.desk)
        box = self._resource(self.desk, contained_in_id=crate.id)
        with self.assertRaises(ValidationError):
            crate.contained_in_id = box
