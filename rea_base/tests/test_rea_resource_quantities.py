# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError

from .common import ReaCase


class TestReaResourceQuantities(ReaCase):
    """``rea.resource.move_quantities``: the one method that moves resource
    quantities (the effects of events call it), never below zero unless the
    resource type allows it."""

    def setUp(self):
        super().setUp()
        self.stock = self._resource(self.plywood, 10)
        self.other = self._resource(self.plywood, 0, agent=self.alice)
        self.account = self._resource(self.credit, 5, agent=self.alice)

    def test_moves_both_quantities_by_deltas(self):
        new = self.Resource.move_quantities(
            [
                {
                    self.stock.id: {
                        "accounting_quantity": -4.0,
                        "onhand_quantity": -3.0,
                    },
                    self.other.id: {"accounting_quantity": 4.0},
                },
                {self.other.id: {"onhand_quantity": 3.0}},
            ]
        )
        self.assertQuantities(self.stock, 6, 7)
        self.assertQuantities(self.other, 4, 3)
        self.assertEqual(new[self.stock.id]["accounting_quantity"], 6)
        self.assertEqual(new[self.other.id]["onhand_quantity"], 3)
        # Nothing to move, nothing done.
        self.assertEqual(self.Resource.move_quantities([{}]), {})

    def test_refuses_below_zero(self):
        with self.assertRaisesRegex(UserError, "Not enough .*accounting quantity"):
            self.Resource.move_quantities(
                [{self.stock.id: {"accounting_quantity": -10.5}}]
            )
        # Each step is checked as it comes: a later increase does not hide
        # a step going below zero, and nothing is stored.
        with self.assertRaisesRegex(UserError, "Not enough .*on-hand quantity"):
            self.Resource.move_quantities(
                [
                    {self.stock.id: {"onhand_quantity": -11.0}},
                    {self.stock.id: {"onhand_quantity": 5.0}},
                ]
            )
        self.assertQuantities(self.stock, 10, 10)
        # Down to zero exactly is fine.
        self.Resource.move_quantities([{self.stock.id: {"accounting_quantity": -10.0}}])
        self.assertQuantities(self.stock, 0, 10)

    def test_negative_allowed_by_resource_type(self):
        self.Resource.move_quantities(
            [{self.account.id: {"accounting_quantity": -8.0}}]
        )
        self.assertQuantities(self.account, -3, 5)

    def test_limits_given_by_the_caller(self):
        # The facts of events carry the limits: nothing read again, and
        # they are what is checked.
        limits = {self.stock.id: self.stock._get_quantity_limits()}
        self.assertFalse(limits[self.stock.id].allow_negative)
        limits[self.stock.id]["allow_negative"] = True
        self.Resource.move_quantities(
            [{self.stock.id: {"accounting_quantity": -12.0}}], limits
        )
        self.assertQuantities(self.stock, -2, 10)

    def test_events_move_through_it(self):
        # The same refusal, worded the same, for an event.
        with self.assertRaisesRegex(UserError, "Not enough .*accounting quantity"):
            self._event(
                "transfer",
                resource_id=self.stock.id,
                to_resource_id=self.other.id,
                resource_quantity=11,
            )
        self._event(
            "transfer",
            resource_id=self.stock.id,
            to_resource_id=self.other.id,
            resource_quantity=4,
        )
        self.assertQuantities(self.stock, 6, 6)
        self.assertQuantities(self.other, 4, 4)
