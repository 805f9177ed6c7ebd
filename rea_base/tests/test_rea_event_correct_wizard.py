# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from .common import ReaCase


class TestReaEventCorrectWizard(ReaCase):
    """The correction wizard: right quantities in, reversal and re-entry out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["rea.event.correct.wizard"]
        cls.process = cls._process("Make desks", cls.spec_make)
        cls.user = cls.env["res.users"].create(
            {
                "name": "REA wizard user",
                "login": "rea_wizard_user",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )
        cls.employee = cls.env["res.users"].create(
            {
                "name": "Employee without REA",
                "login": "rea_wizard_employee",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.plywood_stock = cls._resource(cls.plywood, 10)
        cls.consume = cls._event(
            "consume",
            input_of_id=cls.process.id,
            resource_id=cls.plywood_stock.id,
            resource_quantity=3,
            note="Cut for desk D-1.",
        )

    def _wizard(self, event, **vals):
        """Open the wizard as the event form's Correct button does."""
        action = event.action_open_correct_wizard()
        self.assertEqual(action["res_model"], "rea.event.correct.wizard")
        self.assertEqual(action["target"], "new")
        wizard_model = event.env["rea.event.correct.wizard"]
        return wizard_model.with_context(**action["context"]).create(vals)

    def _run(self, wizard):
        action = wizard.action_correct()
        self.assertEqual(action["res_model"], "rea.event")
        return self.Event.search(action["domain"]).sorted("id")

    def test_defaults_are_the_recorded_quantities(self):
        wizard = self._wizard(self.consume)
        self.assertEqual(wizard.event_id, self.consume)
        self.assertEqual(wizard.event_quantity, "resource")
        self.assertEqual(wizard.resource_quantity, 3)
        self.assertEqual(wizard.recorded_resource_quantity, 3)
        self.assertEqual(wizard.resource_unit_id, self.uom_unit)
        self.assertEqual(wizard.effort_quantity, 0)
        # Opened from the event itself (active_id) or created with it.
        wizard = self.Wizard.with_context(
            active_model="rea.event", active_id=self.consume.id
        ).create({})
        self.assertEqual(wizard.event_id, self.consume)
        self.assertEqual(wizard.resource_quantity, 3)
        wizard = self.Wizard.create({"event_id": self.consume.id})
        self.assertEqual(wizard.resource_quantity, 3)

    def test_corrects_quantities_as_correct_does(self):
        wizard = self._wizard(
            self.consume, resource_quantity=2, note="Only two sheets were cut."
        )
        reversal, reentry = self._run(wizard)
        self.assertEqual(reversal.corrects_event_id, self.consume)
        self.assertEqual(reversal.resource_quantity, -3)
        self.assertEqual(reversal.note, "Only two sheets were cut.")
        self.assertFalse(reentry.corrects_event_id)
        self.assertEqual(reentry.resource_quantity, 2)
        self.assertEqual(reentry.input_of_id, self.process)
        self.assertEqual(reentry.note, "Cut for desk D-1.")
        self.assertTrue(self.consume.is_corrected)
        self.assertQuantities(self.plywood_stock, 8, 8)

    def test_corrects_effort(self):
        work = self._event(
            "work",
            provider=self.alice,
            input_of_id=self.process.id,
            resource_conforms_to_id=self.carpentry.id,
            effort_quantity=8,
        )
        wizard = self._wizard(work, effort_quantity=6)
        self.assertEqual(wizard.event_quantity, "effort")
        self.assertEqual(wizard.effort_unit_id, self.uom_hour)
        reversal, reentry = self._run(wizard)
        self.assertEqual(reversal.effort_quantity, -8)
        self.assertEqual(reentry.effort_quantity, 6)
        self.assertEqual(reentry.effort_unit_id, self.uom_hour)
        self.assertFalse(reentry.resource_quantity)
        self.assertEqual(reentry.provider_id, self.alice)

    def test_corrects_one_quantity_of_two(self):
        """Changing the effort of a use keeps its resource quantity."""
        cnc = self._resource(self.cnc, 1)
        use = self._event(
            "use",
            input_of_id=self.process.id,
            resource_id=cnc.id,
            resource_quantity=1,
            effort_quantity=3,
        )
        reversal, reentry = self._run(self._wizard(use, effort_quantity=2))
        self.assertEqual(reversal.effort_quantity, -3)
        self.assertEqual(reentry.resource_quantity, 1)
        self.assertEqual(reentry.effort_quantity, 2)

    def test_zero_quantities_only_reverse(self):
        events = self._run(self._wizard(self.consume, resource_quantity=0))
        self.assertEqual(len(events), 1)
        self.assertEqual(events.corrects_event_id, self.consume)
        self.assertQuantities(self.plywood_stock, 10, 10)

    def test_rea_user_corrects(self):
        # REA users correct the events of the contexts they coordinate.
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.user.partner_id.id,
                "object_id": self.workshop.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        consume = self.consume.sudo(self.user)
        reentry = self._run(self._wizard(consume, resource_quantity=1))[1]
        self.assertEqual(reentry.create_uid, self.user)
        self.assertQuantities(self.plywood_stock, 9, 9)
        with self.assertRaises(AccessError):
            self._wizard(self.consume.sudo(self.employee), resource_quantity=1)

    def test_bad_input_is_refused_and_leaves_no_record(self):
        events_before = self.Event.search_count([])
        for vals, message in (
            ({"resource_quantity": -1}, "cannot be negative"),
            ({"effort_quantity": -0.5}, "cannot be negative"),
            ({"resource_quantity": 3}, "nothing to correct"),
            ({}, "nothing to correct"),
        ):
            wizard = self._wizard(self.consume, **vals)
            with self.assertRaises(UserError) as error:
                wizard.action_correct()
            self.assertIn(message, error.exception.name)
        # A re-entry the resource cannot afford: the reversal goes too.
        with self.assertRaises(UserError) as error:
            self._wizard(self.consume, resource_quantity=11).action_correct()
        self.assertIn("Not enough", error.exception.name)
        self.assertEqual(self.Event.search_count([]), events_before)
        self.assertFalse(self.consume.is_corrected)
        self.assertQuantities(self.plywood_stock, 7, 7)

    def test_corrected_event_and_reversal_are_refused(self):
        reversal, reentry = self.consume.correct(new_quantity=2)
        events_before = self.Event.search_count([])
        with self.assertRaises(UserError) as error:
            self._wizard(self.consume, resource_quantity=1).action_correct()
        self.assertIn("already been corrected", error.exception.name)
        with self.assertRaises(UserError) as error:
            self._wizard(reversal, resource_quantity=1).action_correct()
        self.assertIn("is a correcting event", error.exception.name)
        self.assertEqual(self.Event.search_count([]), events_before)
        self.assertQuantities(self.plywood_stock, 8, 8)
        # The re-entry is an ordinary event: it can be corrected in turn.
        self._run(self._wizard(reentry, resource_quantity=1))
        self.assertQuantities(self.plywood_stock, 9, 9)
