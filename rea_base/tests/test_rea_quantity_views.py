# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import ast

from lxml import etree

from odoo.tests.common import TransactionCase

# Quantity fields and the unit they are counted in.
QUANTITY_UNITS = {
    "rea.event": {
        "resource_quantity": "resource_unit_id",
        "effort_quantity": "effort_unit_id",
    },
    "rea.commitment": {
        "resource_quantity": "resource_unit_id",
        "effort_quantity": "effort_unit_id",
        "fulfilled_quantity": "resource_unit_id",
        "unfulfilled_quantity": "resource_unit_id",
    },
    "rea.resource": {
        "accounting_quantity": "unit_id",
        "onhand_quantity": "unit_id",
    },
}


def quantity_nodes(arch, fnames):
    """The top-level nodes of ``fnames`` in ``arch`` (not those of the
    sub-views of one2many fields)."""
    root = etree.fromstring(arch)
    for node in root.iter("field"):
        if node.get("name") not in fnames:
            continue
        if any(
            a.tag in ("tree", "form", "kanban")
            for a in node.iterancestors()
            if a is not root
        ):
            continue
        yield root, node


class ReaQuantityViewCase(TransactionCase):
    """Helpers to check how views show quantities."""

    def get_arch(self, model, view_xmlid=None, view_type="tree"):
        view = self.env.ref(view_xmlid) if view_xmlid else None
        return self.env[model].fields_view_get(
            view_id=view.id if view else None, view_type=view_type
        )["arch"]

    def assert_quantities_in_units(
        self, model, units, view_xmlid=None, view_type="tree"
    ):
        arch = self.get_arch(model, view_xmlid, view_type)
        found = False
        for root, node in quantity_nodes(arch, units):
            found = True
            fname = node.get("name")
            if node.get("invisible") == "1":
                continue
            self.assertEqual(node.get("widget"), "rea_quantity", (model, fname))
            options = ast.literal_eval(node.get("options") or "{}")
            unit_field = options.get("unit_field")
            self.assertEqual(unit_field, units[fname], (model, fname))
            names = [n.get("name") for n in root.iter("field")]
            self.assertIn(unit_field, names, "the unit is loaded with the view")
        self.assertTrue(found, (model, view_type))
        return arch

    def assert_no_sum(self, model, fnames, view_xmlid=None):
        arch = self.get_arch(model, view_xmlid, "tree")
        for _root, node in quantity_nodes(arch, fnames):
            self.assertFalse(
                node.get("sum") or node.get("avg"),
                "%s.%s adds quantities of several units" % (model, node.get("name")),
            )

    def assert_units_loaded(self, model, view_xmlid, view_type="form"):
        """Every ``rea_quantity`` field of the view, and of the lists and
        forms of its one2many fields, has its unit in the same (sub-)view:
        without it the widget cannot know the unit and shows the field's
        full precision (8 decimals for 30.00 EUR)."""
        view = self.env.ref(view_xmlid)
        desc = self.env[model].fields_view_get(view_id=view.id, view_type=view_type)
        checked = self._check_units_loaded(view_xmlid, desc["arch"], desc["fields"])
        self.assertTrue(checked, "%s shows no quantity" % view_xmlid)

    def _check_units_loaded(self, where, arch, fields):
        root = etree.fromstring(arch)
        names = {n.get("name") for n in root.iter("field")}
        checked = 0
        for node in root.iter("field"):
            if node.get("widget") != "rea_quantity":
                continue
            unit_field = ast.literal_eval(node.get("options") or "{}").get("unit_field")
            self.assertIn(
                unit_field,
                names,
                "%s: the unit of %s is not loaded" % (where, node.get("name")),
            )
            checked += 1
        # Odoo moves the inline views of one2many fields out of the arch.
        for fname, field in fields.items():
            for sub_type, sub in (field.get("views") or {}).items():
                checked += self._check_units_loaded(
                    "%s/%s.%s" % (where, fname, sub_type), sub["arch"], sub["fields"]
                )
        return checked

    def assert_rows_by_unit(self, model, unit_field, view_xmlid, view_type="pivot"):
        root = etree.fromstring(self.get_arch(model, view_xmlid, view_type))
        rows = [n.get("name") for n in root.iter("field") if n.get("type") == "row"]
        cols = [n.get("name") for n in root.iter("field") if n.get("type") == "col"]
        self.assertTrue(
            (rows and rows[0] == unit_field) or unit_field in cols,
            "%s: each figure in one unit (%s first)" % (view_xmlid, unit_field),
        )


class TestReaQuantityViews(ReaQuantityViewCase):
    def test_lists_and_forms_show_quantities_in_their_unit(self):
        for model, units in QUANTITY_UNITS.items():
            for view_type in ("tree", "form"):
                self.assert_quantities_in_units(model, units, view_type=view_type)

    def test_no_total_across_units(self):
        self.assert_no_sum("rea.event", QUANTITY_UNITS["rea.event"])
        self.assert_no_sum("rea.resource", QUANTITY_UNITS["rea.resource"])
        self.assert_no_sum("rea.commitment", QUANTITY_UNITS["rea.commitment"])

    def test_no_client_side_sum_of_unit_quantities(self):
        """A list's column sum is written by the web client with the field's
        own digits ("7.00000000"), not the unit's: no view of the suite
        (embedded lists included) sums a quantity shown in its unit."""
        views = self.env["ir.ui.view"].search(
            [("type", "in", ("tree", "form")), ("model", "=like", "rea.%")]
        )
        self.assertTrue(views)
        for view in views:
            root = etree.fromstring(view.arch_db.encode())
            for node in root.iter("field"):
                if node.get("widget") == "rea_quantity":
                    self.assertFalse(
                        node.get("sum") or node.get("avg"),
                        "%s sums %s" % (view.xml_id, node.get("name")),
                    )

    def test_lines_of_forms_load_their_unit(self):
        self.assert_units_loaded("rea.commitment", "rea_base.rea_commitment_view_form")
        self.assert_units_loaded("rea.plan", "rea_base.rea_plan_view_form")

    def test_event_analysis_by_unit(self):
        self.assert_rows_by_unit(
            "rea.event", "resource_unit_id", "rea_base.rea_event_view_pivot"
        )
        self.assert_rows_by_unit(
            "rea.event", "effort_unit_id", "rea_base.rea_event_view_graph", "graph"
        )
