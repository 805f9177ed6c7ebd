# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ValueCase


class TestRollup(ValueCase):
    """Value per unit rolled up from contributions, purchases and producing
    processes; the explanation tree gives the same numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.build_desk_recipe()
        cls.Rollup = cls.env["rea.value.rollup"]

    def test_purchase_paid_from_common_account(self):
        # 200 paid for 10 boards.
        self.assertAlmostEqual(self.Rollup.compute_value_per_unit(self.wood), 20.0)
        tree = self.wood.get_value_explanation()
        purchase = tree["children"][0]
        self.assertEqual(purchase["kind"], "purchase")
        self.assertAlmostEqual(purchase["quantity"], 10.0)
        self.assertAlmostEqual(purchase["value"], 200.0)
        self.assertEqual(purchase["children"][0]["kind"], "payment")

    def test_contribution_and_cited_design(self):
        self.assertAlmostEqual(
            self.Rollup.compute_value_per_unit(self.cnc_machine), 1000.0
        )
        # Carol 5 h of design x 30.
        self.assertAlmostEqual(
            self.Rollup.compute_value_per_unit(self.desk_design), 150.0
        )

    def test_multi_level_recipe(self):
        # Tops: (6 x 20 + 4 x 20 + 2 x 5) / 3 = 70.
        self.assertAlmostEqual(self.Rollup.compute_value_per_unit(self.tops), 70.0)
        # Desks: (2 x 70 + 2 x 25 + 10 % x 190) / 2 = 104.5.
        self.assertAlmostEqual(self.Rollup.compute_value_per_unit(self.desks), 104.5)
        (self.tops | self.desks).action_roll_up_value()
        self.assertAlmostEqual(self.tops.value_per_unit, 70.0)
        self.assertAlmostEqual(self.desks.value_per_unit, 104.5)

    def test_explanation_tree_equals_rollup(self):
        tree = self.desks.get_value_explanation()
        self.assertAlmostEqual(tree["value"], 209.0)
        self.assertAlmostEqual(tree["quantity"], 2.0)
        self.assertAlmostEqual(tree["value_per_unit"], 104.5)
        (process,) = tree["children"]
        self.assertEqual(process["kind"], "process")
        self.assertEqual(process["res_id"], self.assemble.id)
        inputs = {child["kind"]: child for child in process["children"]}
        self.assertEqual(set(inputs), {"consume", "work", "cite"})
        self.assertAlmostEqual(inputs["consume"]["value"], 140.0)
        self.assertAlmostEqual(inputs["work"]["value"], 50.0)
        self.assertAlmostEqual(inputs["cite"]["value"], 19.0)
        tops = inputs["consume"]["children"][0]
        self.assertEqual(tops["res_id"], self.tops.id)
        self.assertAlmostEqual(tops["value_per_unit"], 70.0)
        self.assertAlmostEqual(tops["value"], 210.0)
        # Every node is the sum of its children, down the tree.
        self._check_sums(tree)
        html = self.desks.value_explanation
        self.assertIn("Assemble desks", html)
        self.assertIn("104.50", html)
        self.assertIn("Oak board", html)

    def _check_sums(self, node):
        children = node["children"]
        if node["kind"] in ("resource", "process") and children:
            self.assertAlmostEqual(
                sum(c["value"] for c in children)
                * (
                    node["value"] / node["process_value"]
                    if node["kind"] == "process" and node["process_value"]
                    else 1.0
                ),
                node["value"],
                msg=node["label"],
            )
        for child in children:
            self._check_sums(child)

    def test_two_producing_processes(self):
        stool = self.resource_type("Stool", "produced")
        first = self.process("Stools, first batch", self.spec_make)
        second = self.process("Stools, second batch", self.spec_make)
        # 3 h x 20 = 60 for 2 stools; 4 h x 25 = 100 for 3 stools; Carol
        # brings 1 stool worth 40: (60 + 100 + 40) / 6 = 33.33.
        self.work(self.alice, 3, process=first)
        stools = self.produce(first, stool, 2.0)
        self.work(self.bob, 4, process=second)
        self.produce(second, stool, 3.0, resource=stools)
        self.bring(self.carol, stool, 1.0, 40.0, resource=stools)
        stools.action_roll_up_value()
        self.assertAlmostEqual(stools.value_per_unit, 33.33)
        tree = stools.get_value_explanation()
        by_process = {
            c["res_id"]: c["value"] for c in tree["children"] if c["kind"] == "process"
        }
        self.assertEqual(by_process, {first.id: 60.0, second.id: 100.0})

    def test_cycle_is_safe(self):
        compost = self.resource_type("Compost", "consumable")
        soil = self.resource_type("Soil", "produced")
        # Alice brings 10 compost worth 100 (10 each). Process P makes 2 soil
        # from 1 compost and 1 h of work (20); process Q makes 1 compost
        # from 1 soil. Rolling compost meets compost again: that path counts
        # 0, so soil = 20 / 2 = 10 and compost = (100 + 10) / 11 = 10.
        # Rolling soil first, the loop is cut at soil: compost = 100 / 11,
        # soil = (100 / 11 + 20) / 2 = 160 / 11.
        brought = self.bring(self.alice, compost, 10.0, 100.0)
        heap = brought.resource_id
        p = self.process("Make soil")
        self.consume(p, heap, 1.0)
        worked = self.work(self.alice, 1, process=p)
        ground = self.produce(p, soil, 2.0)
        q = self.process("Make compost")
        self.consume(q, ground, 1.0)
        self.produce(q, compost, 1.0, resource=heap)
        self.assertAlmostEqual(self.Rollup.compute_value_per_unit(heap), 10.0)
        self.assertAlmostEqual(self.Rollup.compute_value_per_unit(ground), 160.0 / 11)
        # All 11 compost: the whole contribution, and half of the soil
        # process (1 of 2 soil consumed) for Alice's work; the walk stops
        # where compost comes back.
        shares = self.env["rea.income.share"].get_resource_shares(heap, 11.0)
        self.assertAlmostEqual(shares[brought.id]["share"], 100.0)
        self.assertAlmostEqual(shares[worked.id]["share"], 10.0)
        self.assertAlmostEqual(shares[worked.id]["fraction"], 0.5)

    def test_purchase_of_several_goods_with_an_expense(self):
        # 4 chairs (listed 300) and 2 stools (listed 100) with their
        # transport (a service: an expense), 500 paid: the chairs carry
        # 300 / 400 of it = 375 (93.75 each), the stools 125 (62.5 each).
        chair = self.resource_type("Chair", "consumable")
        stool = self.resource_type("Stool", "consumable")
        transport = self.env["product.template"].create(
            {"name": "Transport", "type": "service", "rea_behavior": "other"}
        )
        for resource_type in (chair, stool, transport):
            resource_type.rea_allow_negative_stock = True
        exchange = self.env["rea.exchange"].create(
            {
                "exchange_type_id": self.env.ref(
                    "rea_exchanges.exchange_type_purchase_fiat"
                ).id,
                "provider_id": self.supplier.id,
                "receiver_id": self.workshop.id,
                "context_id": self.workshop.id,
                "start_date": "2026-02-12",
            }
        )
        goods = self.env.ref("rea_exchanges.transfer_type_purchase_fiat_goods")
        received = {}
        for resource_type, quantity, listed in (
            (chair, 4.0, 300.0),
            (stool, 2.0, 100.0),
            (transport, 1.0, 0.0),
        ):
            event = exchange.add_transfer(goods, resource_type).record_event(
                quantity,
                date="2026-02-12",
                extra_vals={"money_value": listed, "currency_id": self.eur.id},
            )
            received[resource_type] = event.to_resource_id
        exchange.add_transfer(
            self.env.ref("rea_exchanges.transfer_type_purchase_fiat_payment")
        ).record_event(500.0, date="2026-02-12")
        self.assertAlmostEqual(
            self.Rollup.compute_value_per_unit(received[chair]), 93.75
        )
        self.assertAlmostEqual(
            self.Rollup.compute_value_per_unit(received[stool]), 62.5
        )

    def test_roll_up_needs_write_access(self):
        user = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "outsider_rollup",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.desks.sudo(user).action_roll_up_value()
        self.assertFalse(self.desks.value_per_unit)

    def test_explanation_labels_formatted(self):
        # Percentages and quantities as people write them, not raw floats.
        tree = self.desks.get_value_explanation()
        (process,) = tree["children"]
        cite = [c for c in process["children"] if c["kind"] == "cite"][0]
        self.assertIn(", 10 % of the other inputs", cite["label"])
        self.assertIn(" for 2 produced, 2 of them", process["label"])
        self.assertIn(": 209.00 for", process["label"])
        self.assertIn("quantity 2 value 209.00", self.desks.value_explanation)
