# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ReaCase

# ValueFlows 1.0 action table: inputOutput, pairsWith, createResource,
# eventQuantity, accountingEffect, onhandEffect, location, containment,
# accountable, stage, state ("-" = notApplicable, "decInc" = decrementIncrement).
VF_TABLE = """
produce output - optional resource increment increment new - new update update
consume input - - resource decrement decrement - - - - update
use input - - both - - - - - - update
work input - - effort - - - - - - -
cite input - - resource - - - - - - update
deliverService outputInput - - resource - - - - - - -
pickup input dropoff - resource - decrement update - - - update
dropoff output pickup - resource - increment update - - update update
accept input modify - resource - decrement update - - - update
modify output accept - resource - increment update - - update update
combine input - - resource - decrement - update - - update
separate output - - resource - increment - remove - update update
transfer - - optionalTo resource decInc decInc updateTo - updateTo - updateTo
transferAllRights - - optionalTo resource decInc - - - updateTo - updateTo
transferCustody - - optionalTo resource - decInc updateTo - - - updateTo
move - - optionalTo resource decInc decInc updateTo - - - updateTo
copy - - optionalTo resource incrementTo incrementTo new - new - updateTo
raise - - optional resource increment increment - - new - update
lower - - optional resource decrement decrement - - new - update
"""
COLUMNS = (
    "input_output",
    "pairs_with_id",
    "create_resource",
    "event_quantity",
    "accounting_effect",
    "onhand_effect",
    "location_effect",
    "containment_effect",
    "accountable_effect",
    "stage_effect",
    "state_effect",
)


class TestReaActions(ReaCase):
    """Each of the 19 ValueFlows actions, resources before and after."""

    def test_00_action_table(self):
        """The shipped actions carry the ValueFlows 1.0 table exactly."""
        rows = [line.split() for line in VF_TABLE.strip().splitlines()]
        self.assertEqual(self.env["rea.action"].search_count([]), 19)
        for row in rows:
            action = self.action(row[0])
            self.assertEqual(len(action), 1, row[0])
            for column, expected in zip(COLUMNS, row[1:]):
                if column == "pairs_with_id":
                    self.assertEqual(action.pairs_with_id.code or "-", expected)
                    continue
                value = action[column]
                value = {"notApplicable": "-", "decrementIncrement": "decInc"}.get(
                    value, value
                )
                self.assertEqual(value, expected, "%s.%s" % (row[0], column))
        self.assertTrue(self.env.ref("rea_base.action_produce").label)
        self.assertEqual(
            self.env.ref("rea_base.action_type_time_contribution").action_id,
            self.action("work"),
        )

    def test_produce_into_existing_resource(self):
        desks = self._resource(self.desk, 1)
        process = self._process("Make desks", self.spec_make)
        event = self._event(
            "produce",
            output_of_id=process.id,
            resource_id=desks.id,
            resource_quantity=2,
            resource_state="pass",
        )
        self.assertQuantities(desks, 3, 3)
        self.assertEqual(desks.stage_id, self.spec_make)
        self.assertEqual(desks.state, "pass")
        self.assertFalse(event.created_resource_id)
        self.assertEqual(event.resource_unit_id, self.uom_unit)
        self.assertEqual(event.resource_conforms_to_id, self.desk)

    def test_produce_creates_resource(self):
        process = self._process("Make a desk", self.spec_make)
        count = self.Resource.search_count([])
        event = self._event(
            "produce",
            receiver=self.alice,
            output_of_id=process.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
            resource_tracking_identifier="D-001",
            to_location_id=self.workshop_shed.id,
        )
        desk = event.resource_id
        self.assertEqual(self.Resource.search_count([]), count + 1)
        self.assertEqual(event.created_resource_id, desk)
        self.assertQuantities(desk, 1, 1)
        self.assertEqual(desk.conforms_to_id, self.desk)
        self.assertEqual(desk.unit_id, self.uom_unit)
        self.assertEqual(desk.tracking_identifier, "D-001")
        self.assertEqual(desk.primary_accountable_id, self.alice)
        self.assertEqual(desk.current_location_id, self.workshop_shed)
        self.assertEqual(desk.stage_id, self.spec_make)

    def test_consume(self):
        plywood = self._resource(self.plywood, 10)
        process = self._process("Make desks", self.spec_make)
        self._event(
            "consume",
            input_of_id=process.id,
            resource_id=plywood.id,
            resource_quantity=3,
            resource_state="cut",
        )
        self.assertQuantities(plywood, 7, 7)
        self.assertEqual(plywood.state, "cut")

    def test_use(self):
        cnc = self._resource(self.cnc, 1)
        process = self._process("Make desks", self.spec_make)
        event = self._event(
            "use",
            input_of_id=process.id,
            resource_id=cnc.id,
            effort_quantity=2.5,
            resource_state="needs oiling",
        )
        self.assertQuantities(cnc, 1, 1)
        self.assertEqual(cnc.state, "needs oiling")
        self.assertEqual(event.effort_unit_id, self.uom_hour)
        self.assertIn(event, process.input_event_ids)

    def test_work(self):
        process = self._process("Make desks", self.spec_make)
        resources_before = self.Resource.search_count([])
        event = self._event(
            "work",
            provider=self.alice,
            input_of_id=process.id,
            resource_conforms_to_id=self.carpentry.id,
            effort_quantity=5,
        )
        self.assertEqual(event.effort_quantity, 5)
        self.assertEqual(event.effort_unit_id, self.uom_hour)
        self.assertFalse(event.resource_id)
        self.assertEqual(self.Resource.search_count([]), resources_before)
        self.assertIn("5", event.name)

    def test_event_name_writes_quantity_in_its_unit(self):
        """Names carry the unit's precision, never a raw or cut float."""
        fine = self.env["product.uom"].create(
            {
                "name": "mg-test",
                "category_id": self.uom_kg.category_id.id,
                "uom_type": "smaller",
                "factor": 1000000.0,
                "rounding": 0.00000001,
            }
        )
        dust = self._resource_type("Dust", "consumable", uom=fine)
        process = self._process("Grind", self.spec_make)
        event = self._event(
            "produce",
            output_of_id=process.id,
            resource_conforms_to_id=dust.id,
            resource_quantity=12.34567891,
            resource_unit_id=fine.id,
        )
        self.assertIn("12.34567891 mg-test", event.name)
        same = self.Event._compute_names_from_facts(
            self.Event.browse(event.id)._read_event_rows()
        )
        self.assertEqual(same[event.id], event.name)

    def test_effort_only_event_name_and_trace_node(self):
        """Use and work count effort: name and trace show it, with its unit."""
        cnc = self._resource(self.cnc, 1)
        process = self._process("Make desks", self.spec_make)
        use = self._event(
            "use", input_of_id=process.id, resource_id=cnc.id, effort_quantity=2.5
        )
        work = self._event(
            "work",
            provider=self.alice,
            input_of_id=process.id,
            resource_conforms_to_id=self.carpentry.id,
            effort_quantity=4,
        )
        for event, quantity in ((use, 2.5), (work, 4)):
            self.assertIn("%g %s" % (quantity, self.uom_hour.name), event.name)
            node = event._trace_node(1)
            self.assertEqual(node["quantity"], quantity)
            self.assertEqual(node["unit_id"], self.uom_hour.id)
        self.assertEqual(use.name, "uses 2.5 %s %s" % (self.uom_hour.name, cnc.name))
        # A resource quantity, when given, still comes first.
        plywood = self._resource(self.plywood, 5)
        consume = self._event(
            "consume",
            input_of_id=process.id,
            resource_id=plywood.id,
            resource_quantity=2,
        )
        self.assertEqual(consume._trace_node(1)["quantity"], 2)
        self.assertEqual(consume._trace_node(1)["unit_id"], self.uom_unit.id)

    def test_cite(self):
        design = self._resource(self.design, 1)
        process = self._process("Make desks", self.spec_make)
        self._event(
            "cite",
            input_of_id=process.id,
            resource_id=design.id,
            resource_quantity=1,
            resource_state="v2",
        )
        self.assertQuantities(design, 1, 1)
        self.assertEqual(design.state, "v2")

    def test_deliver_service(self):
        process = self._process("Sharpen tools", self.spec_repair)
        event = self._event(
            "deliverService",
            provider=self.workshop,
            receiver=self.bob,
            output_of_id=process.id,
            resource_conforms_to_id=self.carpentry.id,
            resource_quantity=1,
        )
        self.assertFalse(event.resource_id)
        self.assertFalse(event.created_resource_id)
        self.assertIn(event, process.output_event_ids)

    def test_pickup_and_dropoff(self):
        apples = self._resource(
            self.apples, 50, agent=self.supplier, current_location_id=self.supplier.id
        )
        transport = self._process("Truck run", self.spec_transport)
        pickup = self._event(
            "pickup",
            provider=self.supplier,
            receiver=self.bob,
            input_of_id=transport.id,
            resource_id=apples.id,
            resource_quantity=50,
            to_location_id=self.depot.id,
            resource_state="loaded",
        )
        # Custody left the shelf; the owner's rights did not move.
        self.assertQuantities(apples, 50, 0)
        self.assertEqual(apples.current_location_id, self.depot)
        self.assertEqual(apples.state, "loaded")
        self.assertEqual(pickup.action_id.pairs_with_id, self.action("dropoff"))
        self._event(
            "dropoff",
            provider=self.bob,
            receiver=self.workshop,
            output_of_id=transport.id,
            resource_id=apples.id,
            resource_quantity=50,
            to_location_id=self.workshop_shed.id,
            resource_state="delivered",
        )
        self.assertQuantities(apples, 50, 50)
        self.assertEqual(apples.current_location_id, self.workshop_shed)
        self.assertEqual(apples.stage_id, self.spec_transport)
        self.assertEqual(apples.state, "delivered")
        self.assertEqual(apples.primary_accountable_id, self.supplier)

    def test_accept_and_modify(self):
        chair = self._resource(
            self.desk, 1, agent=self.bob, current_location_id=self.bob.id
        )
        repair = self._process("Fix a wobbly desk", self.spec_repair)
        self._event(
            "accept",
            provider=self.bob,
            receiver=self.workshop,
            input_of_id=repair.id,
            resource_id=chair.id,
            resource_quantity=1,
            to_location_id=self.workshop_shed.id,
        )
        self.assertQuantities(chair, 1, 0)
        self.assertEqual(chair.current_location_id, self.workshop_shed)
        self._event(
            "modify",
            provider=self.workshop,
            receiver=self.bob,
            output_of_id=repair.id,
            resource_id=chair.id,
            resource_quantity=1,
            to_location_id=self.bob.id,
            resource_state="repaired",
        )
        self.assertQuantities(chair, 1, 1)
        self.assertEqual(chair.current_location_id, self.bob)
        self.assertEqual(chair.stage_id, self.spec_repair)
        self.assertEqual(chair.state, "repaired")
        self.assertEqual(chair.primary_accountable_id, self.bob)

    def test_combine_and_separate(self):
        crate = self._resource(self.desk, 1)
        apples = self._resource(self.apples, 20)
        packing = self._process("Pack apples", self.spec_pack)
        self._event(
            "combine",
            input_of_id=packing.id,
            resource_id=apples.id,
            to_resource_id=crate.id,
            resource_quantity=20,
            resource_state="packed",
        )
        self.assertQuantities(apples, 20, 0)
        self.assertEqual(apples.contained_in_id, crate)
        self.assertIn(apples, crate.contains_ids)
        self.assertEqual(apples.state, "packed")
        self.assertQuantities(crate, 1, 1)
        unpacking = self._process("Unpack apples", self.spec_pack)
        self._event(
            "separate",
            output_of_id=unpacking.id,
            resource_id=apples.id,
            resource_quantity=20,
        )
        self.assertQuantities(apples, 20, 20)
        self.assertFalse(apples.contained_in_id)
        self.assertEqual(apples.stage_id, self.spec_pack)

    def test_combine_into_process_output(self):
        """Without a to-resource, the container is the process output."""
        apples = self._resource(self.apples, 5)
        packing = self._process("Pack a crate", self.spec_pack)
        produce = self._event(
            "produce",
            output_of_id=packing.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
        )
        self._event(
            "combine",
            input_of_id=packing.id,
            resource_id=apples.id,
            resource_quantity=5,
        )
        self.assertEqual(apples.contained_in_id, produce.resource_id)
        self.assertQuantities(apples, 5, 0)

    def test_transfer(self):
        source = self._resource(self.plywood, 10, agent=self.alice)
        target = self._resource(self.plywood, 1, agent=self.supplier)
        self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=4,
            to_location_id=self.depot.id,
            resource_state="sold",
        )
        self.assertQuantities(source, 6, 6)
        self.assertQuantities(target, 5, 5)
        self.assertEqual(target.primary_accountable_id, self.bob)
        self.assertEqual(target.current_location_id, self.depot)
        self.assertEqual(target.state, "sold")
        self.assertEqual(source.primary_accountable_id, self.alice)
        self.assertFalse(source.state)

    def test_transfer_creates_to_resource(self):
        source = self._resource(
            self.plywood, 10, agent=self.alice, tracking_identifier="LOT-7"
        )
        event = self._event(
            "transfer",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            resource_quantity=3,
        )
        target = event.to_resource_id
        self.assertTrue(target)
        self.assertEqual(event.created_resource_id, target)
        self.assertQuantities(source, 7, 7)
        self.assertQuantities(target, 3, 3)
        self.assertEqual(target.primary_accountable_id, self.bob)
        self.assertEqual(target.conforms_to_id, self.plywood)
        self.assertEqual(target.tracking_identifier, "LOT-7")

    def test_transfer_all_rights(self):
        source = self._resource(
            self.plywood, 10, agent=self.alice, current_location_id=self.alice.id
        )
        target = self._resource(self.plywood, 0, agent=self.supplier)
        self._event(
            "transferAllRights",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=4,
            to_location_id=self.depot.id,
        )
        # Rights move, goods stay where they are.
        self.assertQuantities(source, 6, 10)
        self.assertQuantities(target, 4, 0)
        self.assertEqual(target.primary_accountable_id, self.bob)
        self.assertFalse(target.current_location_id)

    def test_transfer_custody(self):
        source = self._resource(self.plywood, 10, agent=self.alice)
        target = self._resource(self.plywood, 0, agent=self.alice)
        self._event(
            "transferCustody",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            to_resource_id=target.id,
            resource_quantity=4,
            to_location_id=self.depot.id,
            resource_state="on loan",
        )
        self.assertQuantities(source, 10, 6)
        self.assertQuantities(target, 0, 4)
        # Custody is not ownership.
        self.assertEqual(target.primary_accountable_id, self.alice)
        self.assertEqual(target.current_location_id, self.depot)
        self.assertEqual(target.state, "on loan")

    def test_transfer_custody_creates_resource_keeping_owner(self):
        source = self._resource(self.plywood, 10, agent=self.alice)
        event = self._event(
            "transferCustody",
            provider=self.alice,
            receiver=self.bob,
            resource_id=source.id,
            resource_quantity=2,
        )
        self.assertQuantities(event.to_resource_id, 0, 2)
        self.assertEqual(event.to_resource_id.primary_accountable_id, self.alice)

    def test_move(self):
        wallet_1 = self._resource(self.credit, 100, agent=self.bob)
        wallet_2 = self._resource(self.credit, 5, agent=self.bob)
        self._event(
            "move",
            provider=self.bob,
            receiver=self.bob,
            resource_id=wallet_1.id,
            to_resource_id=wallet_2.id,
            resource_quantity=30,
        )
        self.assertQuantities(wallet_1, 70, 70)
        self.assertQuantities(wallet_2, 35, 35)
        self.assertEqual(wallet_2.primary_accountable_id, self.bob)

    def test_copy(self):
        design = self._resource(self.design, 1, agent=self.workshop)
        event = self._event(
            "copy",
            provider=self.workshop,
            receiver=self.alice,
            resource_id=design.id,
            resource_quantity=1,
            to_location_id=self.alice.id,
        )
        copy = event.to_resource_id
        self.assertEqual(event.created_resource_id, copy)
        self.assertQuantities(design, 1, 1)
        self.assertQuantities(copy, 1, 1)
        self.assertEqual(copy.primary_accountable_id, self.alice)
        self.assertEqual(copy.current_location_id, self.alice)
        # Copying again into the existing copy only adds to it.
        self._event(
            "copy",
            provider=self.workshop,
            receiver=self.alice,
            resource_id=design.id,
            to_resource_id=copy.id,
            resource_quantity=1,
        )
        self.assertQuantities(design, 1, 1)
        self.assertQuantities(copy, 2, 2)

    def test_raise(self):
        plywood = self._resource(self.plywood, 0)
        self._event(
            "raise",
            resource_id=plywood.id,
            resource_quantity=12,
            resource_state="counted",
        )
        self.assertQuantities(plywood, 12, 12)
        self.assertEqual(plywood.state, "counted")

    def test_raise_creates_resource(self):
        event = self._event(
            "raise",
            receiver=self.bob,
            resource_conforms_to_id=self.credit.id,
            resource_quantity=50,
        )
        self.assertQuantities(event.resource_id, 50, 50)
        self.assertEqual(event.resource_id.primary_accountable_id, self.bob)

    def test_lower(self):
        plywood = self._resource(self.plywood, 12)
        self._event(
            "lower",
            resource_id=plywood.id,
            resource_quantity=2,
            resource_state="damaged",
        )
        self.assertQuantities(plywood, 10, 10)
        self.assertEqual(plywood.state, "damaged")

    def test_lower_creates_resource_when_negative_allowed(self):
        """A mutual credit account may start below zero."""
        event = self._event(
            "lower",
            receiver=self.alice,
            resource_conforms_to_id=self.credit.id,
            resource_quantity=20,
        )
        self.assertQuantities(event.resource_id, -20, -20)

    def test_action_type(self):
        process = self._process("Make desks", self.spec_make)
        event = self.Event.create(
            {
                "action_type_id": self.env.ref(
                    "rea_base.action_type_time_contribution"
                ).id,
                "provider_id": self.alice.id,
                "receiver_id": self.workshop.id,
                "input_of_id": process.id,
                "effort_quantity": 2,
                "effort_unit_id": self.uom_hour.id,
            }
        )
        self.assertEqual(event.action_id, self.action("work"))
        self.assertTrue(event.is_contribution)
