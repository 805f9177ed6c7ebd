# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ReaCase


class TestReaTraceability(ReaCase):
    """Track and trace a desk made from plywood, a design, a tool and work."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier_plywood = cls._resource(cls.plywood, 20, agent=cls.supplier)
        cls.purchase = cls._event(
            "transfer",
            provider=cls.supplier,
            receiver=cls.workshop,
            resource_id=cls.supplier_plywood.id,
            resource_quantity=4,
        )
        cls.plywood_stock = cls.purchase.to_resource_id
        cls.design_file = cls._resource(cls.design, 1)
        cls.cnc_machine = cls._resource(cls.cnc, 1)
        cls.make = cls._process(
            "Make desk D-1", cls.spec_make, context_id=cls.workshop.id
        )
        cls.consume = cls._event(
            "consume",
            input_of_id=cls.make.id,
            resource_id=cls.plywood_stock.id,
            resource_quantity=2,
        )
        cls.cite = cls._event(
            "cite",
            input_of_id=cls.make.id,
            resource_id=cls.design_file.id,
            resource_quantity=1,
        )
        cls.use = cls._event(
            "use",
            input_of_id=cls.make.id,
            resource_id=cls.cnc_machine.id,
            effort_quantity=3,
        )
        cls.work = cls._event(
            "work",
            provider=cls.alice,
            input_of_id=cls.make.id,
            resource_conforms_to_id=cls.carpentry.id,
            effort_quantity=5,
        )
        cls.produce = cls._event(
            "produce",
            output_of_id=cls.make.id,
            resource_conforms_to_id=cls.desk.id,
            resource_quantity=1,
            resource_tracking_identifier="D-1",
        )
        cls.desk_d1 = cls.produce.resource_id

    def _nodes(self, flows):
        return [(f["level"], f["kind"], f["res_id"]) for f in flows]

    def test_incoming_flows(self):
        flows = self.desk_d1.get_incoming_flows()
        nodes = self._nodes(flows)
        self.assertEqual(nodes[0], (0, "resource", self.desk_d1.id))
        self.assertEqual(nodes[1], (1, "event", self.produce.id))
        self.assertEqual(nodes[2], (2, "process", self.make.id))
        inputs = [n for n in nodes if n[0] == 3]
        self.assertEqual(
            {n[2] for n in inputs},
            {self.consume.id, self.cite.id, self.use.id, self.work.id},
        )
        input_resources = {n[2] for n in nodes if n[0] == 4}
        self.assertEqual(
            input_resources,
            {self.plywood_stock.id, self.design_file.id, self.cnc_machine.id},
        )
        # Plywood came from the supplier's stock, raised there first.
        self.assertIn((5, "event", self.purchase.id), nodes)
        self.assertIn((6, "resource", self.supplier_plywood.id), nodes)
        opening = self.Event.search(
            [
                ("resource_id", "=", self.supplier_plywood.id),
                ("action_code", "=", "raise"),
            ]
        )
        self.assertIn((7, "event", opening.id), nodes)
        work_line = [
            f for f in flows if f["res_id"] == self.work.id and f["kind"] == "event"
        ]
        self.assertEqual(work_line[0]["quantity"], 5)
        self.assertEqual(work_line[0]["action"], "work")

    def test_outgoing_flows(self):
        nodes = self._nodes(self.supplier_plywood.get_outgoing_flows())
        self.assertEqual(
            nodes,
            [
                (0, "resource", self.supplier_plywood.id),
                (1, "event", self.purchase.id),
                (2, "resource", self.plywood_stock.id),
                (3, "event", self.consume.id),
                (4, "process", self.make.id),
                (5, "event", self.produce.id),
                (6, "resource", self.desk_d1.id),
            ],
        )

    def test_depth_cap_and_cycle_guard(self):
        nodes = self._nodes(self.desk_d1.get_incoming_flows(max_depth=2))
        self.assertEqual(max(n[0] for n in nodes), 2)
        # Repair loop: the desk goes in and comes out of the same process.
        repair = self._process("Fix desk", self.spec_repair)
        self._event(
            "accept",
            input_of_id=repair.id,
            resource_id=self.desk_d1.id,
            resource_quantity=1,
        )
        self._event(
            "modify",
            output_of_id=repair.id,
            resource_id=self.desk_d1.id,
            resource_quantity=1,
        )
        nodes = self._nodes(self.desk_d1.get_incoming_flows())
        self.assertEqual(nodes.count((0, "resource", self.desk_d1.id)), 1)
        # The desk shows up again as an input of the repair, not expanded.
        self.assertIn((4, "resource", self.desk_d1.id), nodes)
        self.assertEqual(self.desk_d1.stage_id, self.spec_repair)

    def test_trace_lines_tree(self):
        action = self.desk_d1.action_view_incoming_flows()
        self.assertEqual(action["res_model"], "rea.trace.line")
        self.assertEqual(action["context"], {"rea_trace_direction": "incoming"})
        lines = self.env["rea.trace.line"].search(action["domain"])
        roots = lines.filtered(lambda line: not line.parent_id)
        self.assertEqual(len(roots), 1)
        self.assertEqual(roots.resource_id, self.desk_d1)
        self.assertEqual(roots.child_ids.event_id, self.produce)
        self.assertEqual(roots.child_ids.child_ids.process_id, self.make)
        self.assertEqual(len(roots.child_ids.child_ids.child_ids), 4)
        action = self.supplier_plywood.action_view_outgoing_flows()
        self.assertEqual(action["context"], {"rea_trace_direction": "outgoing"})
        lines = self.env["rea.trace.line"].search(action["domain"])
        self.assertEqual(len(lines), 7)
        self.assertEqual(set(lines.mapped("direction")), {"outgoing"})
        # The former way of calling still works.
        action = self.supplier_plywood.action_view_trace("outgoing")
        self.assertEqual(len(self.env["rea.trace.line"].search(action["domain"])), 7)

    def test_trace_line_opens_its_record(self):
        action = self.desk_d1.action_view_incoming_flows()
        lines = self.env["rea.trace.line"].search(action["domain"])
        expected = {
            "resource": ("rea.resource", self.desk_d1),
            "event": ("rea.event", self.produce),
            "process": ("rea.process", self.make),
        }
        for line in lines[:3]:
            model, record = expected[line.kind]
            action = line.action_open_record()
            self.assertEqual(action["type"], "ir.actions.act_window")
            self.assertEqual(action["res_model"], model)
            self.assertEqual(action["res_id"], record.id)
            self.assertEqual(action["view_mode"], "form")
            self.assertEqual(action["name"], record.display_name)
        self.assertEqual(lines[:3].mapped("kind"), ["resource", "event", "process"])
        # An event line of an input resource opens the event, not the resource.
        use_line = lines.filtered(lambda line: line.event_id == self.use)
        self.assertEqual(use_line.action_open_record()["res_id"], self.use.id)
        self.assertEqual(use_line.quantity, 3)
        self.assertEqual(use_line.unit_id, self.uom_hour)
