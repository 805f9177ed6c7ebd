# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError

from .common import ValueCase


class TestIncomeShares(ValueCase):
    """Who contributed to what was delivered, and distributions of income
    by process, plan and shipment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.build_desk_recipe()
        cls.Share = cls.env["rea.income.share"]
        cls.transfer_action = cls.env.ref("rea_base.action_transfer")

    def assertShares(self, shares, expected):
        got = {
            event.id: (shares[event.id]["share"], shares[event.id]["fraction"])
            for event in expected
        }
        for event, (share, fraction) in expected.items():
            self.assertAlmostEqual(got[event.id][0], share, msg=event.name)
            self.assertAlmostEqual(got[event.id][1], fraction, msg=event.name)

    def test_shipment_of_part_of_the_production(self):
        # 1 of the 2 desks: half of "Assemble desks" (value 209).
        # - Bob's work 50 x 1/2 = 25;
        # - 1 top of 3 consumed: a third of "Cut tops": Alice's work 80 / 3;
        #   2 of the 10 boards: 40 of the 200 paid from the common account
        #   (Alice 300, Bob 100 of 400 in): Alice 30, Bob 10; the CNC use
        #   10 / 3 credited to Carol, who brought the machine (1000);
        # - the design cited for 19 / 2 = 9.5 of its 150: Carol's design work.
        # Total 104.5, the value of one desk.
        shipment = self.ship(self.desks, 1.0)
        shares = self.Share.get_shipment_shares(shipment)
        self.assertShares(
            shares,
            {
                self.assemble_bob: (25.0, 0.5),
                self.cut_alice: (80.0 / 3, 1.0 / 3),
                self.money_alice: (30.0, 0.1),
                self.money_bob: (10.0, 0.1),
                self.cnc_in: (10.0 / 3, 1.0 / 300),
                self.design_carol: (9.5, 9.5 / 150),
            },
        )
        self.assertAlmostEqual(sum(s["share"] for s in shares.values()), 104.5)

    def test_consumed_input_recursion(self):
        # The 3 tops: all of "Cut tops" = 210: Alice 80, 6 of 10 boards
        # (120 of the payment: Alice 90, Bob 30), CNC use 10 to Carol.
        shares = self.Share.get_resource_shares(self.tops, 3.0)
        self.assertShares(
            shares,
            {
                self.cut_alice: (80.0, 1.0),
                self.money_alice: (90.0, 0.3),
                self.money_bob: (30.0, 0.3),
                self.cnc_in: (10.0, 0.01),
            },
        )
        self.assertAlmostEqual(sum(s["share"] for s in shares.values()), 210.0)

    def test_not_a_shipment(self):
        with self.assertRaises(UserError):
            self.Share.get_shipment_shares(self.cut_alice)

    def _equation(self, method):
        return self.equation(
            [
                {
                    "percentage": 100,
                    "filter_method": method,
                    "rules": [
                        self.work_rule(),
                        {
                            "action_id": self.transfer_action.id,
                            "formula": "quantity",
                            "claim_type": "equity",
                        },
                    ],
                }
            ],
            behavior="remaining",
        )

    def test_distribution_by_process(self):
        # "Assemble desks" entirely: Bob's work 50; 2 of 3 tops: Alice's
        # work 80 x 2/3 = 53.33; 4 of 10 boards, 80 of the payment: the
        # money contributions claim 300 x 0.2 = 60 and 100 x 0.2 = 20; the
        # design cited for 19 of 150: Carol's work claim 150 x 19/150 = 19.
        # (Carol's CNC is a raise: no rule for it.) 202.33 of claims, paid in
        # full out of 1000 (remaining mode never pays more than a claim).
        equation = self._equation("process")
        bucket = equation.bucket_ids
        filters = {bucket.id: {"process_ids": self.assemble.ids}}
        result = self.Engine.compute(equation, 1000.0, filters)
        self.assertEqual(
            result["agents"],
            {self.alice.id: 113.33, self.bob.id: 70.0, self.carol.id: 19.0},
        )
        self.assertAlmostEqual(result["undistributed"], 797.67)
        distribution = self.distribute(equation, 1000.0, filters)
        claim = self.env["rea.claim"].search([("event_id", "=", self.cut_alice.id)])
        self.assertAlmostEqual(claim.original_value, 80.0)
        # Debt-like: what this income paid is off the claim.
        self.assertAlmostEqual(claim.value, 80.0 - 160.0 / 3, places=2)
        self.assertEqual(
            self.by_agent(distribution),
            {self.alice: 113.33, self.bob: 70.0, self.carol: 19.0},
        )

    def test_distribution_by_shipment_in_the_wizard(self):
        # One desk (see test_shipment_of_part_of_the_production), claims:
        # Bob 25 + 10 = 35, Alice 26.67 + 30 = 56.67, Carol's design 9.5.
        equation = self._equation("shipment")
        shipment = self.ship(self.desks, 1.0)
        wizard = self.env["rea.distribution.wizard"].create(
            {
                "context_id": self.workshop.id,
                "equation_id": equation.id,
                "mode": "amount",
                "amount": 1000.0,
                "date": "2026-04-01",
                "bucket_filter_ids": [
                    (
                        0,
                        0,
                        {
                            "bucket_id": equation.bucket_ids.id,
                            "shipment_ids": [(6, 0, shipment.ids)],
                        },
                    )
                ],
            }
        )
        self.assertEqual(wizard.bucket_filter_ids.filter_method, "shipment")
        wizard.action_preview()
        amounts = {}
        for line in wizard.preview_line_ids:
            amounts[line.agent_id] = amounts.get(line.agent_id, 0.0) + line.amount
        self.assertEqual(
            {agent: round(amount, 2) for agent, amount in amounts.items()},
            {self.alice: 56.67, self.bob: 35.0, self.carol: 9.5},
        )

    def test_distribution_by_plan(self):
        # Both processes in one plan: "Cut tops" feeds "Assemble desks", so
        # only the latter is walked from: the same claims as by process.
        plan = self.env["rea.plan"].create({"name": "Desk order"})
        (self.cut | self.assemble).write({"plan_id": plan.id})
        equation = self._equation("plan")
        result = self.Engine.compute(
            equation, 1000.0, {equation.bucket_ids.id: {"plan_id": plan.id}}
        )
        self.assertEqual(
            result["agents"],
            {self.alice.id: 113.33, self.bob.id: 70.0, self.carol.id: 19.0},
        )
