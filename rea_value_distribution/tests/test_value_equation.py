# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..models.formula import FORMULA_VARIABLES, formula_sql
from .common import ValueCase


class TestValueEquation(ValueCase):
    """Equations, formulas, buckets, rules and the distribution algorithm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice 10 h x 20 = 200, Bob 8 h x 25 (his rate) = 200,
        # Carol 5 h design x 30 = 150.
        cls.ev_alice = cls.work(cls.alice, 10)
        cls.ev_bob = cls.work(cls.bob, 8)
        cls.ev_carol = cls.work(cls.carol, 5, skill=cls.design_work, process=cls.design)

    # Formulas and checks

    def test_formula_rejected_with_reason(self):
        for formula, reason in (
            ("quantity * price", "unknown name"),
            ("__import__('os').system('ls')", "__import__"),
            ("quantity *", "syntax"),
            ("value.__class__", "__class__"),
            ("open('/etc/passwd')", "open"),
            ("quantity / (value - value)", "division by zero"),
            ("'abc'", "not a number"),
            ("quantity * 1e300 * 1e300", "out of range"),
        ):
            with self.assertRaises(ValidationError) as error:
                self.equation(
                    [{"percentage": 50, "rules": [self.work_rule(formula=formula)]}]
                )
            self.assertIn(reason, error.exception.name, formula)

    def test_formula_accepted(self):
        equation = self.equation(
            [
                {
                    "percentage": 50,
                    "rules": [
                        self.work_rule(
                            formula="quantity * valuePerUnit + 0 * pricePerUnit "
                            "+ 0 * valuePerUnitOfUse + 0 * value"
                        )
                    ],
                }
            ]
        )
        result = self.Engine.compute(equation, 1000.0)
        self.assertAlmostEqual(result["buckets"][0]["claims_total"], 550.0)

    def test_formulas_in_sql_as_in_python(self):
        """Arithmetic formulas are evaluated in SQL, the others in Python:
        both give the same claims."""
        columns = {name: "v.%s" % name for name in FORMULA_VARIABLES}
        self.assertEqual(
            formula_sql("-quantity * 2 / valuePerUnit", columns),
            "(((-v.quantity) * '2.0'::float8) / NULLIF(v.valuePerUnit, 0))",
        )
        for other in ("quantity ** 2", "quantity % 2", "quantity if value else 1"):
            self.assertIsNone(formula_sql(other, columns), other)
        sql_formula = "quantity * valuePerUnit * 1.1 / 3 - 0.25"
        python_formula = "(%s) ** 1" % sql_formula
        results = []
        for formula in (sql_formula, python_formula):
            equation = self.equation(
                [{"percentage": 100, "rules": [self.work_rule(formula=formula)]}],
                live=False,
            )
            result = self.Engine.compute(equation, 300.0)
            rows = self.Engine.get_claim_rows(result)
            results.append(
                (result["agents"], sorted((r["event_id"], r["original"]) for r in rows))
            )
        self.assertEqual(results[0], results[1])
        # 10 h x 20 x 1.1 / 3 - 0.25, to the last bit.
        self.assertIn((self.ev_alice.id, 10 * 20.0 * 1.1 / 3 - 0.25), results[0][1])

    def test_formula_failing_on_an_event(self):
        """A formula that fails on some event names it, whether SQL or
        Python evaluates it, and leaves the transaction usable."""
        # Both fail on Alice's 10 h at 20 only.
        for formula, reason in (
            ("quantity / (valuePerUnit - 20)", "division by zero"),
            ("quantity * 1.7e307 / (valuePerUnit - 19.99)", "out of range"),
        ):
            equation = self.equation(
                [{"percentage": 100, "rules": [self.work_rule(formula=formula)]}],
                live=False,
            )
            with self.assertRaises(UserError) as error:
                self.Engine.compute(equation, 100.0)
            self.assertIn(self.ev_alice.name, error.exception.name)
            self.assertIn(reason, error.exception.name)
            self.assertEqual(equation.search_count([("id", "=", equation.id)]), 1)

    def test_percentage_checks(self):
        with self.assertRaises(ValidationError):
            self.equation([{"percentage": 120, "agent": self.alice}])
        with self.assertRaises(ValidationError):
            self.equation([{"percentage": -1, "agent": self.alice}])
        with self.assertRaises(ValidationError):
            self.equation(
                [
                    {"percentage": 60, "agent": self.alice},
                    {"percentage": 50, "agent": self.bob},
                ]
            )
        # Remaining mode: each bucket takes a share of what is left.
        equation = self.equation(
            [
                {"percentage": 60, "agent": self.alice},
                {"percentage": 50, "agent": self.bob},
            ],
            behavior="remaining",
        )
        self.assertAlmostEqual(equation.total_percentage, 110.0)

    # Percentage behaviours, fixed recipient, remainder

    def test_straight_with_fixed_recipient_and_remainder(self):
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {
                    "name": "Work",
                    "percentage": 55,
                    "rules": [self.work_rule(claim_type="equity")],
                },
            ]
        )
        distribution = self.distribute(equation, 1000.0)
        amounts = self.by_agent(distribution)
        self.assertEqual(amounts[self.fund], 100.0)
        # 550 shared pro rata 200/200/150.
        self.assertEqual(amounts[self.alice], 200.0)
        self.assertEqual(amounts[self.bob], 200.0)
        self.assertEqual(amounts[self.carol], 150.0)
        # 35 % is not placed: it stays undistributed, not dumped on anyone.
        self.assertEqual(distribution.distributed_amount, 650.0)
        self.assertEqual(distribution.undistributed_amount, 350.0)
        self.assertFalse(distribution.rounding_residue)

    def test_remaining_behaviour(self):
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 100, "rules": [self.work_rule()]},
                {"name": "Rest", "percentage": 50, "agent": self.carol},
            ],
            behavior="remaining",
        )
        distribution = self.distribute(equation, 1000.0)
        amounts = self.by_agent(distribution)
        self.assertEqual(amounts[self.fund], 100.0)
        # 900 left; debt claims total 550: paid in full, never more.
        self.assertEqual(amounts[self.alice], 200.0)
        self.assertEqual(amounts[self.bob], 200.0)
        # Carol: 150 for her claim + 50 % of the 350 left.
        self.assertEqual(amounts[self.carol], 150.0 + 175.0)
        self.assertEqual(distribution.undistributed_amount, 175.0)

    def test_straight_debt_never_overpaid(self):
        """A straight bucket larger than the debts pays them off, no more
        (claims never go negative); the rest stays undistributed."""
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        distribution = self.distribute(equation, 1000.0)
        self.assertEqual(distribution.distributed_amount, 550.0)
        self.assertEqual(distribution.undistributed_amount, 450.0)
        claims = self.env["rea.claim"].search([("equation_id", "=", equation.id)])
        self.assertEqual(len(claims), 3)
        self.assertTrue(all(c.value == 0.0 for c in claims))

    # Rule filters

    def test_rule_filters(self):
        action_type = self.env["rea.action.type"].create(
            {"name": "Volunteer work", "action_id": self.work_action.id}
        )
        volunteer = self.Event.create(
            dict(
                self.ev_alice.copy_data()[0],
                action_type_id=action_type.id,
                effort_quantity=2,
                has_point_in_time="2026-03-11 10:00:00",
            )
        )
        cases = (
            (
                {"process_specification_ids": [(6, 0, self.spec_design.ids)]},
                {self.carol: 150.0},
            ),
            (
                {"resource_type_ids": [(6, 0, self.carpentry.ids)]},
                {self.alice: 240.0, self.bob: 200.0},
            ),
            ({"action_type_id": action_type.id}, {self.alice: 40.0}),
            ({"action_id": self.use_action.id, "formula": "quantity"}, {}),
        )
        for rule_vals, expected in cases:
            equation = self.equation(
                [
                    {
                        "percentage": 100,
                        "rules": [self.work_rule(claim_type="equity", **rule_vals)],
                    }
                ],
                behavior="remaining",
            )
            result = self.Engine.compute(equation, 10000.0)
            got = {
                self.env["res.partner"].browse(a): v
                for a, v in result["agents"].items()
            }
            self.assertEqual(got, expected, rule_vals)
        self.assertTrue(volunteer.exists())

    def test_most_specific_rule_wins(self):
        equation = self.equation(
            [
                {
                    "percentage": 100,
                    "rules": [
                        self.work_rule(formula="quantity"),
                        self.work_rule(
                            formula="quantity * 100",
                            process_specification_ids=[(6, 0, self.spec_design.ids)],
                        ),
                    ],
                }
            ],
            behavior="remaining",
        )
        result = self.Engine.compute(equation, 10000.0)
        # Each event counted once: Carol's by the design rule only.
        self.assertEqual(result["claim_count"], 3)
        self.assertEqual(len(self.Engine.get_claim_rows(result)), 3)
        self.assertEqual(result["agents"][self.carol.id], 500.0)
        self.assertEqual(result["agents"][self.alice.id], 10.0)

    def test_date_filter(self):
        self.work(self.alice, 1, date="2026-05-31")
        equation = self.equation(
            [
                {
                    "percentage": 100,
                    "filter_method": "dates",
                    "rules": [self.work_rule()],
                }
            ],
            behavior="remaining",
        )
        bucket = equation.bucket_ids
        result = self.Engine.compute(
            equation,
            10000.0,
            {bucket.id: {"date_from": "2026-05-01", "date_to": "2026-05-31"}},
        )
        # The end date is inclusive.
        self.assertEqual(result["agents"], {self.alice.id: 20.0})
        result = self.Engine.compute(
            equation, 10000.0, {bucket.id: {"date_to": "2026-03-10"}}
        )
        self.assertEqual(result["distributed"], 550.0)

    def test_process_and_plan_filters(self):
        plan = self.env["rea.plan"].create({"name": "Desk order"})
        self.design.plan_id = plan
        equation = self.equation(
            [
                {
                    "percentage": 50,
                    "filter_method": "process",
                    "rules": [self.work_rule()],
                },
                {
                    "percentage": 50,
                    "filter_method": "plan",
                    "rules": [self.work_rule(formula="quantity")],
                },
            ],
        )
        first, second = equation.bucket_ids
        result = self.Engine.compute(
            equation,
            400.0,
            {first.id: {"process_ids": self.make.ids}, second.id: {"plan_id": plan.id}},
        )
        self.assertEqual(
            result["agents"],
            {self.alice.id: 100.0, self.bob.id: 100.0, self.carol.id: 5.0},
        )

    def test_sub_projects_included(self):
        child = self.env.ref("rea_base.relationship_type_child")
        self.relate(self.other_project, self.workshop, child)
        garden = self.process("Garden", context=self.other_project)
        self.work(self.bob, 4, process=garden, context=self.other_project)
        rules = [self.work_rule()]
        alone = self.equation(
            [{"percentage": 100, "rules": rules}], behavior="remaining"
        )
        self.assertEqual(
            self.Engine.compute(alone, 5000.0)["agents"][self.bob.id], 200.0
        )
        included = self.equation(
            [{"percentage": 100, "include_sub_agents": True, "rules": rules}],
            behavior="remaining",
        )
        self.assertEqual(
            self.Engine.compute(included, 5000.0)["agents"][self.bob.id], 300.0
        )

    # Claim types over two distributions

    def _two_runs(self, claim_type, amount):
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule(claim_type=claim_type)]}]
        )
        first = self.distribute(equation, amount)
        second = self.distribute(equation, amount, date="2026-05-01")
        claim = self.env["rea.claim"].search(
            [("equation_id", "=", equation.id), ("event_id", "=", self.ev_alice.id)]
        )
        return first, second, claim

    def test_debt_like_claims(self):
        first, second, claim = self._two_runs("debt", 330.0)
        # 330 of 550: 60 % of each claim; then the remaining 40 % (220).
        self.assertEqual(self.by_agent(first)[self.alice], 120.0)
        self.assertEqual(self.by_agent(second)[self.alice], 80.0)
        self.assertEqual(second.distributed_amount, 220.0)
        self.assertEqual(second.undistributed_amount, 110.0)
        self.assertEqual(claim.original_value, 200.0)
        self.assertEqual(claim.value, 0.0)
        self.assertAlmostEqual(claim.paid_amount, 200.0)

    def test_equity_like_claims(self):
        first, second, claim = self._two_runs("equity", 330.0)
        self.assertEqual(self.by_agent(first)[self.alice], 120.0)
        self.assertEqual(self.by_agent(second)[self.alice], 120.0)
        self.assertEqual(claim.value, 200.0)

    def test_once_claims(self):
        first, second, claim = self._two_runs("once", 330.0)
        self.assertEqual(self.by_agent(first)[self.alice], 120.0)
        self.assertFalse(second.line_ids)
        self.assertEqual(second.undistributed_amount, 330.0)
        self.assertEqual(claim.value, 0.0)

    # Rounding

    def test_rounding_residue_to_largest(self):
        self.work(self.carol, 1.6666667, skill=self.design_work, process=self.design)
        equation = self.equation(
            [
                {
                    "percentage": 100,
                    "rules": [self.work_rule(claim_type="equity", formula="1")],
                }
            ]
        )
        distribution = self.distribute(equation, 100.0)
        # Four equal claims of 25.00; make it three unequal: 100 / 3.
        self.assertEqual(distribution.distributed_amount, 100.0)
        equation3 = self.equation(
            [
                {
                    "percentage": 100,
                    "rules": [
                        self.work_rule(
                            claim_type="equity",
                            formula="1",
                            resource_type_ids=[(6, 0, self.carpentry.ids)],
                        )
                    ],
                }
            ]
        )
        self.work(self.carol, 1)
        result = self.Engine.compute(equation3, 100.0)
        # 33.33 x 3 = 99.99: the cent goes to the largest (first) recipient.
        self.assertEqual(sorted(result["agents"].values()), [33.33, 33.33, 33.34])
        self.assertEqual(result["distributed"], 100.0)
        self.assertEqual(result["undistributed"], 0.0)
        self.assertAlmostEqual(result["residue"], 0.01)

    # Preview, confirm, cancel

    def test_preview_equals_confirm(self):
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 70, "rules": [self.work_rule()]},
            ]
        )
        income = self.income(700.0)
        self.env.user.partner_id.is_context = False
        wizard = self.env["rea.distribution.wizard"].create(
            {
                "context_id": self.workshop.id,
                "equation_id": equation.id,
                "mode": "income",
                "date": "2026-04-01",
                "income_line_ids": [
                    (0, 0, {"event_id": income.id, "available": 700.0, "amount": 500.0})
                ],
            }
        )
        wizard.action_preview()
        preview = sorted(
            (
                ln.agent_id.id,
                ln.bucket_id.id,
                ln.rule_id.id,
                ln.claim_count,
                ln.amount,
                ln.explanation,
            )
            for ln in wizard.preview_line_ids
        )
        self.assertTrue(preview)
        self.assertIn(
            self.ev_alice.name,
            wizard.preview_line_ids.filtered(
                lambda ln: ln.agent_id == self.alice
            ).explanation,
        )
        action = wizard.action_confirm()
        distribution = self.env["rea.distribution"].browse(action["res_id"])
        written = sorted(
            (
                d.agent_id.id,
                d.bucket_id.id,
                d.rule_id.id,
                d.claim_count,
                d.amount,
                d.explanation,
            )
            for d in distribution.detail_ids
        )
        self.assertEqual(preview, written)
        self.assertEqual(wizard.preview_distributed, distribution.distributed_amount)
        self.assertEqual(distribution.amount, 500.0)
        # Partial distribution: 200 of the income is left.
        left = self.Event.get_undistributed_income(self.workshop)
        self.assertAlmostEqual(left[income.id], 200.0)
        # Frozen equation: later edits do not change the record.
        equation.bucket_ids[0].percentage = 5
        snapshot = distribution.get_equation_snapshot()
        self.assertEqual(snapshot["buckets"][0]["percentage"], 10.0)
        # One distribution event per agent, money from the context.
        alice_line = distribution.line_ids.filtered(
            lambda ln: ln.agent_id == self.alice
        )
        self.assertEqual(alice_line.event_id.receiver_id, self.alice)
        self.assertEqual(alice_line.event_id.resource_quantity, alice_line.amount)
        self.assertEqual(
            alice_line.event_id.to_resource_id.accounting_quantity, alice_line.amount
        )
        # More than what is left is refused.
        wizard2 = self.env["rea.distribution.wizard"].create(
            {
                "context_id": self.workshop.id,
                "equation_id": equation.id,
                "income_line_ids": [(0, 0, {"event_id": income.id, "amount": 250.0})],
            }
        )
        with self.assertRaises(UserError):
            wizard2.action_preview()

    def test_not_live_only_preview(self):
        equation = self.equation([{"percentage": 50, "agent": self.fund}], live=False)
        result = self.Engine.compute(equation, 100.0)
        self.assertEqual(result["distributed"], 50.0)
        with self.assertRaises(UserError):
            self.env["rea.distribution"].create_from_result(
                equation, result, "2026-04-01"
            )

    def test_cancel_restores_claims(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        first = self.distribute(equation, 330.0)
        claim = self.env["rea.claim"].search(
            [("equation_id", "=", equation.id), ("event_id", "=", self.ev_alice.id)]
        )
        self.assertAlmostEqual(claim.value, 80.0)
        account = self.alice.get_rea_account(self.euro)
        self.assertEqual(account.accounting_quantity, 120.0)
        first.action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertAlmostEqual(claim.value, 200.0)
        self.assertEqual(account.accounting_quantity, 0.0)
        self.assertTrue(first.line_ids[0].reversal_event_id)
        with self.assertRaises(UserError):
            first.action_cancel()
        # The next distribution sees the whole debt again.
        second = self.distribute(equation, 330.0)
        self.assertEqual(self.by_agent(second)[self.alice], 120.0)

    def test_claim_payments_per_claim(self):
        """What each detail paid on each claim reads as claim payments."""
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        distribution = self.distribute(equation, 330.0)
        payments = distribution.claim_payment_ids
        self.assertEqual(
            len(payments),
            self.env["rea.claim"].search_count([("equation_id", "=", equation.id)]),
        )
        for detail in distribution.detail_ids:
            paid = payments.filtered(lambda p, d=detail: p.detail_id == d)
            self.assertTrue(paid)
            self.assertEqual(set(paid.mapped("agent_id")), {detail.agent_id})
            self.assertAlmostEqual(sum(paid.mapped("amount")), detail.amount, 2)
        claim = self.env["rea.claim"].search(
            [("equation_id", "=", equation.id), ("event_id", "=", self.ev_alice.id)]
        )
        self.assertEqual(claim.payment_ids.distribution_id, distribution)
        self.assertEqual(claim.payment_ids.event_id, self.ev_alice)
        self.assertAlmostEqual(claim.payment_ids.amount, 120.0)
        self.assertAlmostEqual(claim.payment_ids.reduction, 120.0)
        # Payments are what the distribution wrote: nobody edits them.
        manager = self.env["res.users"].create(
            {
                "name": "Distribution manager",
                "login": "vd_payment_manager",
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_manager").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.env["rea.claim.payment"].sudo(manager).create(
                {"claim_id": claim.id, "distribution_id": distribution.id}
            )

    def test_old_payment_table_moves_into_details(self):
        """A database from before the view had a table of payments: its rows
        move into the details' arrays and the view takes its place."""
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        distribution = self.distribute(equation, 330.0)

        def payments():
            self.env["rea.claim.payment"].invalidate_cache()
            return {
                (p.claim_id.id, p.detail_id.id): (p.amount, p.reduction)
                for p in self.env["rea.claim.payment"].search(
                    [("distribution_id", "=", distribution.id)]
                )
            }

        expected = payments()
        self.assertEqual(len(expected), 3)
        cr = self.env.cr
        # The old layout, as an update finds it (rolled back with the test).
        cr.execute(
            "CREATE TABLE rea_vd_old_payments AS SELECT row_number() OVER () AS id, "
            "claim_id, distribution_id, amount, reduction FROM rea_claim_payment"
        )
        cr.execute(
            "UPDATE rea_distribution_detail SET claim_ids = NULL, "
            "claim_amounts = NULL, claim_reductions = NULL"
        )
        cr.execute("DROP VIEW rea_claim_payment")
        cr.execute("ALTER TABLE rea_vd_old_payments RENAME TO rea_claim_payment")
        self.env["rea.claim.payment"].init()
        self.assertEqual(tools.table_kind(cr, "rea_claim_payment"), "v")
        self.assertEqual(payments(), expected)

    def test_share_rounding_to_nothing_pays_no_claim(self):
        """An agent whose share rounds to zero gets no line, and its claims
        are neither valued nor reduced by that distribution."""
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        nothing = self.distribute(equation, 0.004)
        self.assertFalse(nothing.line_ids)
        self.assertFalse(nothing.claim_payment_ids)
        claims = self.env["rea.claim"].search([("equation_id", "=", equation.id)])
        self.assertEqual(len(claims), 3)
        self.assertTrue(all(claims.mapped("provisional")))
        self.assertEqual(claims.mapped("value"), claims.mapped("original_value"))
        second = self.distribute(equation, 330.0)
        self.assertEqual(self.by_agent(second)[self.alice], 120.0)

    def test_validation_required(self):
        self.workshop.write({"rea_require_validation": True, "rea_validation_count": 2})
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}], behavior="remaining"
        )
        self.assertFalse(self.Engine.compute(equation, 1000.0)["agents"])
        user_bob = self._user("bob", self.bob)
        user_carol = self._user("carol", self.carol)
        user_alice = self._user("alice", self.alice)
        outsider = self._user(
            "out", self.env["res.partner"].create({"name": "Outsider"})
        )
        with self.assertRaises(UserError):
            self.ev_alice.sudo(user_alice).action_validate()
        # An outsider does not even read the contribution (record rules).
        with self.assertRaises(AccessError):
            self.ev_alice.sudo(outsider).action_validate()
        # A portal account of a member vouches for nothing over RPC.
        portal_bob = self.env["res.users"].create(
            {
                "name": "Bob (portal)",
                "login": "bob_portal_validation",
                "partner_id": self.bob.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.ev_alice.sudo(portal_bob).action_validate()
        self.assertFalse(self.ev_alice.rea_validation_ids)
        self.ev_alice.sudo(user_bob).action_validate()
        with self.assertRaises(UserError):
            self.ev_alice.sudo(user_bob).action_validate()
        self.assertFalse(self.ev_alice.rea_validated)
        self.assertFalse(self.Engine.compute(equation, 1000.0)["agents"])
        self.ev_alice.sudo(user_carol).action_validate()
        self.assertTrue(self.ev_alice.rea_validated)
        self.assertEqual(
            self.ev_alice.rea_validation_ids.mapped("partner_id"), self.bob | self.carol
        )
        self.assertEqual(
            self.Engine.compute(equation, 1000.0)["agents"], {self.alice.id: 200.0}
        )

    def _user(self, login, partner):
        return self.env["res.users"].create(
            {
                "name": partner.name,
                "login": login,
                "partner_id": partner.id,
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
