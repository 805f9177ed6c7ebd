# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from .common import ReaCase


class TestReaAggregateUnit(ReaCase):
    """Grouped sums of events (pivot, graph, grouped lists) never add
    quantities of different units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.boards = cls._resource(cls.plywood, 3.0)  # Units
        cls.fruit = cls._resource(cls.apples, 2.5)  # kg
        cls.lathe = cls._resource(cls.cnc, 1.0)
        cls.work = cls._event(
            "work",
            provider=cls.alice,
            input_of_id=cls._process("Make desks", cls.spec_make).id,
            resource_conforms_to_id=cls.carpentry.id,
            effort_quantity=1.5,
        )
        resources = cls.boards | cls.fruit | cls.lathe
        cls.domain = [
            "|",
            ("resource_id", "in", resources.ids),
            ("id", "=", cls.work.id),
        ]

    def test_grand_total_of_several_units_is_empty(self):
        (total,) = self.Event.read_group(
            self.domain, ["resource_quantity", "effort_quantity"], []
        )
        self.assertIs(total["resource_quantity"], False)
        # Effort is in hours only: its sum stays, written in hours.
        self.assertAlmostEqual(total["effort_quantity"], 1.5)
        self.assertEqual(
            total["__rea_formats"]["effort_quantity"], {"digits": 2, "money": False}
        )

    def test_groups_by_unit_keep_their_sums(self):
        groups = self.Event.read_group(
            self.domain,
            ["resource_unit_id", "resource_quantity"],
            ["resource_unit_id"],
        )
        sums = {
            g["resource_unit_id"][0]: g["resource_quantity"]
            for g in groups
            if g["resource_unit_id"]
        }
        self.assertAlmostEqual(sums[self.uom_unit.id], 4.0)
        self.assertAlmostEqual(sums[self.uom_kg.id], 2.5)
        formats = {
            g["resource_unit_id"][0]: g["__rea_formats"]["resource_quantity"]
            for g in groups
            if g["resource_unit_id"]
        }
        for unit in self.uom_unit | self.uom_kg:
            self.assertEqual(
                formats[unit.id],
                {"digits": unit.rea_get_digits(), "money": unit.rea_money},
            )

    def test_groups_without_a_unit_say_so(self):
        """Work events carry no resource unit: their group's format is None
        (the pivot writes "0", not "0.00000000")."""
        groups = self.Event.read_group(
            self.domain, ["resource_unit_id", "resource_quantity"], ["resource_unit_id"]
        )
        (plain,) = [g for g in groups if not g["resource_unit_id"]]
        self.assertIsNone(plain["__rea_formats"]["resource_quantity"])
        by_action = self.Event.read_group(
            [("id", "=", self.work.id)],
            ["action_id", "resource_quantity"],
            ["action_id"],
        )
        self.assertIsNone(by_action[0]["__rea_formats"]["resource_quantity"])

    def test_other_groups_of_one_unit_keep_their_sums(self):
        groups = self.Event.read_group(
            self.domain + [("resource_unit_id", "!=", False)],
            ["resource_id", "resource_quantity"],
            ["resource_id"],
        )
        by_resource = {g["resource_id"][0]: g["resource_quantity"] for g in groups}
        self.assertAlmostEqual(by_resource[self.fruit.id], 2.5)
        self.assertAlmostEqual(by_resource[self.boards.id], 3.0)

    def test_default_pivot_shows_no_cross_unit_total(self):
        """The read_group calls of the default events pivot, as the web
        client makes them: only groups of one unit carry a sum."""
        arch = etree.fromstring(self.Event.fields_view_get(view_type="pivot")["arch"])
        rows = [f.get("name") for f in arch.iter("field") if f.get("type") == "row"]
        cols = [
            (
                "%s:%s" % (f.get("name"), f.get("interval"))
                if f.get("interval")
                else f.get("name")
            )
            for f in arch.iter("field")
            if f.get("type") == "col"
        ]
        measures = [
            f.get("name") for f in arch.iter("field") if f.get("type") == "measure"
        ]
        self.assertEqual(rows[0], "resource_unit_id", "rows by unit first")
        for i in range(len(rows) + 1):
            for j in range(len(cols) + 1):
                groupby = rows[:i] + cols[:j]
                names = [spec.split(":")[0] for spec in groupby]
                for group in self.Event.read_group(
                    self.domain, names + measures, groupby, lazy=False
                ):
                    domain = self.domain + group.get("__domain", [])
                    events = self.Event.search(domain)
                    units = events.mapped("resource_unit_id")
                    for measure in measures:
                        if len(units) > 1:
                            self.assertIs(group[measure], False, groupby)
                        else:
                            self.assertAlmostEqual(
                                group[measure] or 0.0,
                                sum(events.mapped(measure)),
                                msg=groupby,
                            )
