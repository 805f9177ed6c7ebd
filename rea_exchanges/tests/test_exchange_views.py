# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.addons.rea_base.tests.test_rea_quantity_views import ReaQuantityViewCase

from .common import ExchangeCase

TRANSFER_UNITS = {"actual_quantity": "unit_id", "committed_quantity": "unit_id"}


class TestExchangeViews(ReaQuantityViewCase):
    """Transfers and exchanges show quantities in their unit, and never
    add up several units."""

    def test_transfers_in_their_unit(self):
        for view_type in ("tree", "form"):
            self.assert_quantities_in_units(
                "rea.transfer", TRANSFER_UNITS, view_type=view_type
            )
        self.assert_no_sum("rea.transfer", TRANSFER_UNITS)
        self.assert_rows_by_unit(
            "rea.transfer", "unit_id", "rea_exchanges.rea_transfer_view_pivot"
        )
        self.assert_rows_by_unit(
            "rea.transfer", "unit_id", "rea_exchanges.rea_transfer_view_graph", "graph"
        )

    def test_exchange_list_shows_each_amount_with_its_unit(self):
        self.assert_quantities_in_units(
            "rea.exchange",
            {"amount": "amount_unit_id"},
            "rea_exchanges.rea_exchange_view_tree",
        )
        self.assert_no_sum("rea.exchange", {"amount"})


class TestExchangeAmount(ExchangeCase):
    def test_amount_is_the_money_transfer(self):
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        money = self.sides(exchange)[1]
        self.assertEqual(exchange.amount_unit_id, money.unit_id)
        self.assertEqual(exchange.amount_unit_id.name, "EUR")
        self.assertEqual(exchange.amount, 30.0)
