# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError, ValidationError

from .common import ReaCase


class TestReaEventValidation(ReaCase):
    """Bad events are refused with a clear message and leave nothing behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process = cls._process("Make desks", cls.spec_make)
        cls.plywood_stock = cls._resource(cls.plywood, 10)
        cls.other_stock = cls._resource(cls.plywood, 0, agent=cls.alice)
        cls.spare_stock = cls._resource(cls.plywood, 0)

    def assertRefused(self, message, code, exception=ValidationError, **vals):
        """Recording fails with ``message`` and changes nothing."""
        events = self.Event.search_count([])
        resources = self.Resource.search_count([])
        quantities = self.Resource.search([]).read(
            ["accounting_quantity", "onhand_quantity"]
        )
        provider = vals.pop("provider", self.workshop)
        receiver = vals.pop("receiver", self.workshop)
        event_vals = dict(
            vals,
            action_id=self.action(code).id,
            provider_id=provider.id,
            receiver_id=receiver.id,
        )
        with self.assertRaises(exception) as error:
            self.Event.create(dict(event_vals))
        self.assertIn(message, error.exception.name)
        # Created together with a valid event, the same check refuses the
        # same event with the same message.
        valid = {
            "action_id": self.action("raise").id,
            "provider_id": self.workshop.id,
            "receiver_id": self.workshop.id,
            "resource_id": self.spare_stock.id,
            "resource_quantity": 1,
        }
        with self.assertRaises(exception) as batch_error:
            self.Event.create_batch([valid, event_vals])
        self.assertEqual(batch_error.exception.name, error.exception.name)
        self.assertEqual(self.Event.search_count([]), events)
        self.assertEqual(self.Resource.search_count([]), resources)
        self.assertEqual(
            self.Resource.search([]).read(["accounting_quantity", "onhand_quantity"]),
            quantities,
        )

    def test_provider_and_receiver_required(self):
        action = self.action("raise")
        for missing in ("provider_id", "receiver_id"):
            vals = {
                "action_id": action.id,
                "provider_id": self.workshop.id,
                "receiver_id": self.workshop.id,
                "resource_id": self.plywood_stock.id,
                "resource_quantity": 1,
            }
            del vals[missing]
            with self.assertRaises(ValidationError) as error:
                self.Event.create(vals)
            self.assertIn(self.Event._fields[missing].string, error.exception.name)
        self.assertQuantities(self.plywood_stock, 10, 10)

    def test_input_needs_input_of(self):
        self.assertRefused(
            "set the process it is input of",
            "consume",
            resource_id=self.plywood_stock.id,
            resource_quantity=1,
        )

    def test_input_cannot_be_output(self):
        self.assertRefused(
            "cannot be output of a process",
            "consume",
            input_of_id=self.process.id,
            output_of_id=self.process.id,
            resource_id=self.plywood_stock.id,
            resource_quantity=1,
        )

    def test_output_needs_output_of(self):
        self.assertRefused(
            "set the process it is output of",
            "produce",
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
        )

    def test_transfer_not_in_process(self):
        for field in ("input_of_id", "output_of_id"):
            self.assertRefused(
                "not in a process",
                "transfer",
                resource_id=self.plywood_stock.id,
                to_resource_id=self.other_stock.id,
                resource_quantity=1,
                **{field: self.process.id},
            )

    def test_work_carries_effort(self):
        self.assertRefused(
            "carries an effort quantity",
            "work",
            input_of_id=self.process.id,
            resource_quantity=3,
            effort_quantity=3,
            effort_unit_id=self.uom_hour.id,
        )
        self.assertRefused(
            "needs an effort quantity",
            "work",
            input_of_id=self.process.id,
            resource_conforms_to_id=self.carpentry.id,
        )

    def test_units_must_match(self):
        self.assertRefused(
            "is counted in",
            "raise",
            resource_id=self.plywood_stock.id,
            resource_quantity=1,
            resource_unit_id=self.uom_kg.id,
        )
        self.assertRefused(
            "is counted in",
            "transfer",
            resource_id=self.plywood_stock.id,
            to_resource_id=self._resource(self.apples).id,
            resource_quantity=1,
        )

    def test_quantities_positive(self):
        self.assertRefused(
            "must be positive",
            "raise",
            resource_id=self.plywood_stock.id,
            resource_quantity=-1,
        )
        self.assertRefused(
            "needs a resource quantity",
            "raise",
            resource_id=self.plywood_stock.id,
            resource_quantity=0,
        )

    def test_no_negative_on_hand(self):
        self.assertRefused(
            "Not enough",
            "consume",
            exception=UserError,
            input_of_id=self.process.id,
            resource_id=self.plywood_stock.id,
            resource_quantity=11,
        )
        self.assertRefused(
            "Not enough",
            "transfer",
            exception=UserError,
            resource_id=self.plywood_stock.id,
            to_resource_id=self.other_stock.id,
            resource_quantity=10.5,
        )

    def test_negative_allowed_by_resource_type(self):
        account = self._resource(self.credit, 5, agent=self.alice)
        self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=account.id,
            resource_quantity=8,
        )
        self.assertQuantities(account, -3, -3)

    def test_refused_creation_leaves_no_resource(self):
        """A lower event that would create a resource below zero is refused
        whole: no event, no new resource."""
        self.assertRefused(
            "Not enough",
            "lower",
            exception=UserError,
            resource_conforms_to_id=self.plywood.id,
            resource_quantity=1,
        )

    def test_resource_required(self):
        self.assertRefused(
            "needs the resource it affects",
            "consume",
            input_of_id=self.process.id,
            resource_conforms_to_id=self.plywood.id,
            resource_quantity=1,
        )
        self.assertRefused(
            "needs a resource or the resource type",
            "produce",
            output_of_id=self.process.id,
            resource_quantity=1,
            resource_unit_id=self.uom_unit.id,
        )

    def test_what_is_cited_or_delivered(self):
        self.assertRefused(
            "needs a resource or a resource type",
            "cite",
            input_of_id=self.process.id,
            resource_quantity=1,
            resource_unit_id=self.uom_unit.id,
        )
        self.assertRefused(
            "needs a resource or a resource type",
            "deliverService",
            output_of_id=self.process.id,
            resource_quantity=1,
            resource_unit_id=self.uom_unit.id,
        )

    def test_resource_must_conform(self):
        self.assertRefused(
            "is not a",
            "raise",
            resource_id=self.plywood_stock.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
        )

    def test_no_to_resource_on_consume(self):
        self.assertRefused(
            "has no receiving resource",
            "consume",
            input_of_id=self.process.id,
            resource_id=self.plywood_stock.id,
            to_resource_id=self.other_stock.id,
            resource_quantity=1,
        )

    def test_action_type_must_match(self):
        self.assertRefused(
            "is a 'Work'",
            "consume",
            input_of_id=self.process.id,
            resource_id=self.plywood_stock.id,
            resource_quantity=1,
            action_type_id=self.env.ref("rea_base.action_type_time_contribution").id,
        )

    def test_scope_must_be_context_agent(self):
        self.assertRefused(
            "is not a context agent",
            "raise",
            resource_id=self.plywood_stock.id,
            resource_quantity=1,
            context_id=self.bob.id,
        )

    def test_events_are_immutable(self):
        event = self._event(
            "raise", resource_id=self.plywood_stock.id, resource_quantity=1
        )
        with self.assertRaises(UserError) as error:
            event.write({"resource_quantity": 5})
        self.assertIn("cannot be changed", error.exception.name)
        # The engine's context key cannot be forged by a client.
        with self.assertRaises(UserError):
            event.with_context(rea_event_engine=True).write({"resource_quantity": 5})
        self.assertEqual(event.resource_quantity, 1)
        self.assertQuantities(self.plywood_stock, 11, 11)
        # Harmless fields stay editable.
        event.write({"note": "Counted twice", "is_contribution": True})
        self.assertEqual(event.note, "Counted twice")

    def test_resource_quantities_only_through_events(self):
        with self.assertRaises(UserError):
            self.plywood_stock.write({"accounting_quantity": 99})
        with self.assertRaises(UserError):
            self.plywood_stock.write({"onhand_quantity": 0})
        with self.assertRaises(UserError):
            self.Resource.create(
                {"conforms_to_id": self.plywood.id, "onhand_quantity": 3}
            )
        with self.assertRaises(UserError):
            self.plywood_stock.unlink()
        self.assertQuantities(self.plywood_stock, 10, 10)
