# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

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

    def test_commitment_lines_load_their_unit(self):
        """The commitment lines of a transfer show 30.00 EUR, not
        30.00000000: their unit is loaded with them."""
        self.assert_units_loaded("rea.transfer", "rea_exchanges.rea_transfer_view_form")
        self.assert_units_loaded("rea.exchange", "rea_exchanges.rea_exchange_view_form")

    def test_exchange_list_shows_each_amount_with_its_unit(self):
        self.assert_quantities_in_units(
            "rea.exchange",
            {"amount": "amount_unit_id"},
            "rea_exchanges.rea_exchange_view_tree",
        )
        self.assert_no_sum("rea.exchange", {"amount"})

    def due_fields(self, model, view_xmlid, view_type):
        """Every due date field shown by the view, its embedded line lists
        included: [(model, field, type, widget, in an editable list)]."""
        view = self.env[model].fields_view_get(
            view_id=self.env.ref(view_xmlid).id, view_type=view_type
        )
        found = []

        def walk(model, arch, fields):
            root = etree.fromstring(arch)
            editable = bool(root.tag == "tree" and root.get("editable"))
            for node in root.xpath("//field"):
                name = node.get("name")
                if name in ("due", "due_date"):
                    kind = fields[name]["type"]
                    found.append((model, name, kind, node.get("widget"), editable))
            for description in fields.values():
                for sub in (description.get("views") or {}).values():
                    walk(description["relation"], sub["arch"], sub["fields"])

        walk(model, view["arch"], view["fields"])
        return found

    def test_due_dates_without_time(self):
        """'Next due 03/08/2027', not '03/08/2027 10:00:00': a due date is a
        day to people, on transfers and their planned commitment lines. The
        lines people type a day in edit the commitment's due day (a date),
        not its moment with a date widget: that one stores the picked day at
        midnight UTC, shown as the day before west of UTC."""
        next_due = ("rea.transfer", "due", "datetime", "date", False)
        due_day = ("rea.commitment", "due_date", "date", None, True)
        for model, view_xmlid, view_type, expected in (
            (
                "rea.transfer",
                "rea_exchanges.rea_transfer_view_tree",
                "tree",
                [next_due],
            ),
            ("rea.transfer", "rea_exchanges.rea_transfer_view_form", "form", [due_day]),
            (
                "rea.exchange",
                "rea_exchanges.rea_exchange_view_form",
                "form",
                [next_due, due_day],
            ),
        ):
            found = self.due_fields(model, view_xmlid, view_type)
            self.assertEqual(sorted(found), sorted(expected), view_xmlid)


class TestExchangeAmount(ExchangeCase):
    def test_amount_is_the_money_transfer(self):
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        money = self.sides(exchange)[1]
        self.assertEqual(exchange.amount_unit_id, money.unit_id)
        self.assertEqual(exchange.amount_unit_id.name, "EUR")
        self.assertEqual(exchange.amount, 30.0)


class TestTransferAnalysisTotals(ExchangeCase):
    """The transfers analysis never adds boards and euros."""

    def test_no_total_across_units(self):
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        domain = [("exchange_id", "=", exchange.id)]
        measures = ["actual_quantity", "committed_quantity"]
        (total,) = self.Transfer.read_group(domain, measures, [])
        for measure in measures:
            self.assertIs(total[measure], False, measure)
        groups = self.Transfer.read_group(domain, ["unit_id"] + measures, ["unit_id"])
        by_unit = {g["unit_id"][0]: g for g in groups}
        self.assertAlmostEqual(by_unit[self.uom_unit.id]["committed_quantity"], 2.0)
        euros = by_unit[self.uom_eur.id]
        self.assertAlmostEqual(euros["committed_quantity"], 30.0)
        self.assertEqual(
            euros["__rea_formats"]["committed_quantity"],
            {"digits": self.uom_eur.rea_get_digits(), "money": True},
        )
