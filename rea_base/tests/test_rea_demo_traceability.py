# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import TransactionCase


class TestReaDemoTraceability(TransactionCase):
    """Track and trace the demo story: the workshop's first standing desk.

    at_install tests run only with demo data, which this test reads.
    """

    def ref(self, xmlid):
        return self.env.ref("rea_base.%s" % xmlid)

    def node(self, level, xmlid):
        record = self.ref(xmlid)
        kind = record._name.split(".")[1]
        return (level, kind, record.id)

    def _nodes(self, flows):
        return [(f["level"], f["kind"], f["res_id"]) for f in flows]

    def test_desk_incoming_tree(self):
        """Desk <- produced by the process <- its inputs (cited design,
        consumed plywood, used CNC, work) <- down to the supplier's opening
        stock."""
        desk = self.ref("rea_resource_desk_demo")
        flows = desk.get_incoming_flows()
        n = self.node
        self.assertEqual(
            self._nodes(flows),
            [
                n(0, "rea_resource_desk_demo"),
                n(1, "rea_event_desk_produce_demo"),
                n(2, "rea_process_desk_demo"),
                # Inputs, in the order they happened.
                n(3, "rea_event_desk_cite_design_demo"),
                n(4, "rea_resource_desk_design_demo"),
                n(5, "rea_event_design_opening_demo"),
                n(3, "rea_event_desk_consume_plywood_demo"),
                n(4, "rea_resource_plywood_demo"),
                n(5, "rea_event_plywood_purchase_demo"),
                n(6, "rea_resource_plywood_supplier_demo"),
                n(7, "rea_event_plywood_opening_demo"),
                n(3, "rea_event_desk_use_cnc_demo"),
                n(4, "rea_resource_cnc_demo"),
                n(5, "rea_event_cnc_opening_demo"),
                n(3, "rea_event_desk_work_jordi_demo"),
                n(3, "rea_event_desk_work_marta_demo"),
            ],
        )
        by_id = {(f["kind"], f["res_id"]): f for f in flows}
        hour = self.env.ref("product.product_uom_hour")
        unit = self.env.ref("product.product_uom_unit")
        # Use and work count their effort, in hours.
        use = by_id[("event", self.ref("rea_event_desk_use_cnc_demo").id)]
        self.assertEqual((use["action"], use["quantity"]), ("use", 3))
        self.assertEqual(use["unit_id"], hour.id)
        work = by_id[("event", self.ref("rea_event_desk_work_jordi_demo").id)]
        self.assertEqual((work["action"], work["quantity"]), ("work", 6))
        self.assertEqual(work["unit_id"], hour.id)
        consume = by_id[("event", self.ref("rea_event_desk_consume_plywood_demo").id)]
        self.assertEqual((consume["action"], consume["quantity"]), ("consume", 2))
        self.assertEqual(consume["unit_id"], unit.id)
        opening = by_id[("event", self.ref("rea_event_plywood_opening_demo").id)]
        self.assertEqual((opening["action"], opening["quantity"]), ("raise", 40))
        self.assertEqual(by_id[("resource", desk.id)]["quantity"], 1)

        # The same tree as back-office lines, each opening its record.
        action = desk.action_view_incoming_flows()
        lines = self.env["rea.trace.line"].search(action["domain"])
        self.assertEqual(len(lines), len(flows))
        process_line = lines.filtered(lambda line: line.kind == "process")
        self.assertEqual(process_line.level, 2)
        self.assertEqual(len(process_line.child_ids), 5)
        self.assertEqual(
            process_line.child_ids.mapped("action"),
            ["cite", "consume", "use", "work", "work"],
        )
        self.assertEqual(
            process_line.action_open_record()["res_id"],
            self.ref("rea_process_desk_demo").id,
        )

    def test_plywood_outgoing_tree(self):
        """The supplier's plywood went to the workshop, into the desk."""
        plywood = self.ref("rea_resource_plywood_supplier_demo")
        n = self.node
        self.assertEqual(
            self._nodes(plywood.get_outgoing_flows()),
            [
                n(0, "rea_resource_plywood_supplier_demo"),
                n(1, "rea_event_plywood_purchase_demo"),
                n(2, "rea_resource_plywood_demo"),
                n(3, "rea_event_desk_consume_plywood_demo"),
                n(4, "rea_process_desk_demo"),
                n(5, "rea_event_desk_produce_demo"),
                n(6, "rea_resource_desk_demo"),
            ],
        )
        # The CNC router was used for the desk and is still there.
        cnc = self.ref("rea_resource_cnc_demo")
        self.assertEqual(
            self._nodes(cnc.get_outgoing_flows())[:3],
            [
                n(0, "rea_resource_cnc_demo"),
                n(1, "rea_event_desk_use_cnc_demo"),
                n(2, "rea_process_desk_demo"),
            ],
        )
        self.assertEqual(cnc.accounting_quantity, 1)
