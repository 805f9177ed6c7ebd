# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError

from .common import ReaCase


class TestReaEventCorrectionNet(ReaCase):
    """A correction's reversal and re-entry are checked on their net effect
    on each resource: the reversal alone may go below zero when part of the
    quantity is used since; the result may not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.process = cls._process("Make desks", cls.spec_make)

    def _consume(self, resource, quantity):
        return self._event(
            "consume",
            input_of_id=self.process.id,
            resource_id=resource.id,
            resource_quantity=quantity,
        )

    def assertRefusedUnchanged(self, event, new_quantity, message, resources):
        """``event.correct(new_quantity)`` is refused with ``message``, and
        nothing is written: no event, the event not corrected, the
        quantities of ``resources`` as they were."""
        quantities = {
            resource: (resource.accounting_quantity, resource.onhand_quantity)
            for resource in resources
        }
        events_before = self.Event.search_count([])
        with self.assertRaises(UserError) as error:
            event.correct(new_quantity=new_quantity)
        self.assertEqual(error.exception.name, message)
        self.assertEqual(self.Event.search_count([]), events_before)
        self.assertFalse(event.is_corrected)
        self.assertFalse(event.correction_ids)
        for resource, (accounting, onhand) in quantities.items():
            self.assertQuantities(resource, accounting, onhand)

    def test_demo_opening_balance_corrected_after_use(self):
        """The demo opening balance of 40 sheets, 12 of them sold since,
        corrected to 41: 29 left, not 'Not enough ... -12.0'."""
        opening = self.env.ref("rea_base.rea_event_plywood_opening_demo")
        stock = opening.resource_id
        self.assertQuantities(stock, 28, 28)
        self.assertRefusedUnchanged(
            opening,
            5,
            "Not enough Plywood sheets 18 mm (Boscos stock): this event would "
            "take its accounting quantity to -7.0 Unit(s).",
            stock,
        )
        reversal, reentry = opening.correct(new_quantity=41)
        self.assertEqual(reversal.corrects_event_id, opening)
        self.assertEqual(reversal.resource_quantity, -40)
        self.assertEqual(reentry.resource_quantity, 41)
        self.assertFalse(reentry.corrects_event_id)
        self.assertTrue(opening.is_corrected)
        self.assertQuantities(stock, 29, 29)

    def test_raise_corrected_after_use(self):
        """Raise 40, consume 12, correct the raise: to 41 leaves 29; to 5
        would leave -7 and is refused with nothing written."""
        stock = self._resource(self.plywood)
        opening = self._event("raise", resource_id=stock.id, resource_quantity=40)
        self._consume(stock, 12)
        self.assertQuantities(stock, 28, 28)
        self.assertRefusedUnchanged(
            opening,
            5,
            "Not enough Plywood sheet: this event would take its accounting "
            "quantity to -7.0 Unit(s).",
            stock,
        )
        # The reversal alone is refused as well: nothing re-enters.
        with self.assertRaises(UserError):
            opening.correct()
        self.assertQuantities(stock, 28, 28)
        reversal, reentry = opening.correct(new_quantity=41)
        self.assertEqual(
            (reversal.resource_quantity, reentry.resource_quantity), (-40, 41)
        )
        self.assertQuantities(stock, 29, 29)
        # The exact amount used leaves zero, which is allowed.
        reentry.correct(new_quantity=12)
        self.assertQuantities(stock, 0, 0)

    def test_transfer_corrected_after_receiver_used_part(self):
        """Alice transfers 6 sheets to Bob, who uses 4: correcting the
        transfer to 5 leaves Bob 1 (his reversal alone would be -4)."""
        source = self._resource(self.plywood, 10, agent=self.alice)
        target = self._resource(self.plywood, agent=self.bob)
        transfer = self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=6,
        )
        self._consume(target, 4)
        self.assertQuantities(source, 4, 4)
        self.assertQuantities(target, 2, 2)
        self.assertRefusedUnchanged(
            transfer,
            3,
            "Not enough Plywood sheet: this event would take its accounting "
            "quantity to -1.0 Unit(s).",
            source | target,
        )
        reversal, reentry = transfer.correct(new_quantity=5)
        self.assertEqual(reversal.corrects_event_id, transfer)
        self.assertEqual(
            (reversal.resource_quantity, reentry.resource_quantity), (-6, 5)
        )
        self.assertEqual(reentry.to_resource_id, target)
        self.assertQuantities(source, 5, 5)
        self.assertQuantities(target, 1, 1)
        # The provider's side is checked on its net effect too.
        self._consume(source, 4)
        second = reentry.correct(new_quantity=6)
        self.assertEqual(len(second), 2)
        self.assertQuantities(source, 0, 0)
        self.assertQuantities(target, 2, 2)
        self.assertRefusedUnchanged(
            second[1],
            7,
            "Not enough Plywood sheet: this event would take its accounting "
            "quantity to -1.0 Unit(s).",
            source | target,
        )

    def test_consume_corrected(self):
        """A consume corrected up is refused only past what there is; one
        corrected down gives back the difference."""
        stock = self._resource(self.plywood, 10)
        consume = self._consume(stock, 8)
        self.assertRefusedUnchanged(
            consume,
            11,
            "Not enough Plywood sheet: this event would take its accounting "
            "quantity to -1.0 Unit(s).",
            stock,
        )
        reversal, reentry = consume.correct(new_quantity=10)
        self.assertEqual(
            (reversal.resource_quantity, reentry.resource_quantity), (-8, 10)
        )
        self.assertQuantities(stock, 0, 0)
        reentry.correct(new_quantity=3)
        self.assertQuantities(stock, 7, 7)

    def test_produce_corrected_after_use(self):
        """Produce 10 desks, consume 8, correct the produce to 9: 1 left."""
        produce = self._event(
            "produce",
            output_of_id=self.process.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=10,
        )
        desks = produce.resource_id
        self._consume(desks, 8)
        self.assertRefusedUnchanged(
            produce,
            7,
            "Not enough %s: this event would take its accounting quantity to "
            "-1.0 Unit(s)." % desks.display_name,
            desks,
        )
        reversal, reentry = produce.correct(new_quantity=9)
        self.assertEqual(reversal.corrects_event_id, produce)
        self.assertEqual(reentry.resource_id, desks)
        self.assertQuantities(desks, 1, 1)

    def test_net_of_events_recorded_together(self):
        """``_create_net`` checks any events on their net effect, and keeps
        nothing when the net is below zero."""
        stock = self._resource(self.plywood, 2)
        consume = self.action("consume").id
        vals = {
            "action_id": consume,
            "provider_id": self.workshop.id,
            "receiver_id": self.workshop.id,
            "input_of_id": self.process.id,
            "resource_id": stock.id,
            "resource_quantity": 3,
        }
        raise_vals = dict(vals, action_id=self.action("raise").id, input_of_id=False)
        events = self.Event._create_net([vals, raise_vals])
        self.assertEqual(events.mapped("action_id.code"), ["consume", "raise"])
        self.assertQuantities(stock, 2, 2)
        events_before = self.Event.search_count([])
        with self.assertRaises(UserError):
            self.Event._create_net([vals, dict(raise_vals, resource_quantity=0.5)])
        self.assertEqual(self.Event.search_count([]), events_before)
        self.assertQuantities(stock, 2, 2)
