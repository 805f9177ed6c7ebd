# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import UserError

from .common import ValueCase


class TestClaimOpening(ValueCase):
    """Claims are opened, provisionally valued, when contributions are
    recorded and when an equation goes live; the first distribution that
    pays a claim values it for good."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice 10 h x 20 = 200, Bob 8 h x 25 (his rate) = 200.
        cls.ev_alice = cls.work(cls.alice, 10)
        cls.ev_bob = cls.work(cls.bob, 8)

    def claims(self, equation):
        self.env["rea.claim"].invalidate_cache()
        return self.env["rea.claim"].search([("equation_id", "=", equation.id)])

    def claim_of(self, equation, event):
        return self.claims(equation).filtered(lambda c: c.event_id == event)

    def test_going_live_opens_claims(self):
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}], live=False
        )
        self.assertFalse(self.claims(equation))
        equation.live = True
        claims = self.claims(equation)
        self.assertEqual(claims.mapped("event_id"), self.ev_alice | self.ev_bob)
        self.assertTrue(all(claims.mapped("provisional")))
        self.assertEqual(
            {(c.agent_id, c.original_value, c.value) for c in claims},
            {(self.alice, 200.0, 200.0), (self.bob, 200.0, 200.0)},
        )
        self.assertEqual(set(claims.mapped("context_id")), {self.workshop})
        self.assertEqual(set(claims.mapped("claim_type")), {"debt"})
        # Not live any more: nothing was paid on them, they go.
        equation.live = False
        self.assertFalse(self.claims(equation))
        equation.live = True
        equation.active = False
        self.assertFalse(self.claims(equation))

    def test_recording_a_contribution_opens_its_claim(self):
        equation = self.equation(
            [
                {"percentage": 50, "rules": [self.work_rule()]},
                {
                    "percentage": 50,
                    "rules": [self.work_rule(formula="quantity", claim_type="equity")],
                },
            ]
        )
        event = self.work(self.carol, 5, skill=self.design_work, process=self.design)
        claims = self.claim_of(equation, event)
        # One claim per bucket: 5 h x 30 under the first, 5 under the second.
        self.assertEqual(
            sorted((c.claim_type, c.original_value) for c in claims),
            [("debt", 150.0), ("equity", 5.0)],
        )
        self.assertTrue(all(claims.mapped("provisional")))
        self.assertEqual(event.rea_claim_ids, claims)
        # Events that are not contributions, or of another context, claim
        # nothing here.
        income = self.income(500.0)
        self.assertFalse(income.rea_claim_ids)
        garden = self.process("Garden", context=self.other_project)
        other = self.work(self.alice, 3, process=garden, context=self.other_project)
        self.assertFalse(other.rea_claim_ids)

    def test_recorded_together_open_claims_together(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        action = self.work_action
        events = self.env["rea.event"].create_batch(
            [
                {
                    "action_id": action.id,
                    "provider_id": who.id,
                    "receiver_id": self.workshop.id,
                    "resource_conforms_to_id": self.carpentry.id,
                    "effort_quantity": hours,
                    "effort_unit_id": self.uom_hour.id,
                    "input_of_id": self.make.id,
                    "context_id": self.workshop.id,
                    "has_point_in_time": "2026-03-12 10:00:00",
                    "is_contribution": True,
                }
                for who, hours in ((self.alice, 1.0), (self.carol, 2.0))
            ]
        )
        self.assertEqual(
            [c.original_value for e in events for c in self.claim_of(equation, e)],
            [20.0, 40.0],
        )

    def test_sub_projects_open_claims_in_the_network(self):
        child = self.env.ref("rea_base.relationship_type_child")
        self.relate(self.other_project, self.workshop, child)
        garden = self.process("Garden", context=self.other_project)
        with_subs = self.equation(
            [
                {
                    "percentage": 100,
                    "include_sub_agents": True,
                    "rules": [self.work_rule()],
                }
            ]
        )
        without = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        event = self.work(self.alice, 3, process=garden, context=self.other_project)
        self.assertEqual(self.claim_of(with_subs, event).original_value, 60.0)
        self.assertFalse(self.claim_of(without, event))

    def test_first_payment_fixes_the_value(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        claim = self.claim_of(equation, self.ev_bob)
        self.assertEqual(claim.original_value, 200.0)
        # Bob's rate changes before any distribution: the provisional value
        # is out of date, the distribution values the claim again.
        self.bob.rea_skill_rate_ids.value_per_unit = 30.0
        first = self.distribute(equation, 220.0)
        # Alice 200 and Bob 240 share 220: half of each claim.
        self.assertEqual(self.by_agent(first), {self.alice: 100.0, self.bob: 120.0})
        self.env["rea.claim"].invalidate_cache()
        self.assertFalse(claim.provisional)
        self.assertEqual(claim.original_value, 240.0)
        self.assertAlmostEqual(claim.value, 120.0)
        self.assertAlmostEqual(claim.paid_amount, 120.0)
        # Once paid, the value stays: a new rate changes nothing.
        self.bob.rea_skill_rate_ids.value_per_unit = 50.0
        second = self.distribute(equation, 1000.0)
        self.assertEqual(self.by_agent(second), {self.alice: 100.0, self.bob: 120.0})
        self.env["rea.claim"].invalidate_cache()
        self.assertEqual(claim.original_value, 240.0)
        self.assertEqual(claim.value, 0.0)

    def test_preview_matches_confirm_on_provisional_claims(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        self.bob.rea_skill_rate_ids.value_per_unit = 30.0
        preview = self.Engine.compute(equation, 220.0)
        self.assertEqual(preview["agents"], {self.alice.id: 100.0, self.bob.id: 120.0})
        # The preview writes nothing.
        self.assertEqual(self.claim_of(equation, self.ev_bob).original_value, 200.0)
        self.assertTrue(self.claim_of(equation, self.ev_bob).provisional)
        distribution = self.distribute(equation, 220.0)
        self.assertEqual(
            {line.agent_id.id: line.amount for line in distribution.line_ids},
            preview["agents"],
        )

    def test_missing_claims_are_opened_by_the_distribution(self):
        """Contributions inserted without the ORM (imports) have no claim
        yet: the distribution opens them as before."""
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        self.env.cr.execute(
            "DELETE FROM rea_claim WHERE event_id = %s", (self.ev_alice.id,)
        )
        distribution = self.distribute(equation, 200.0)
        self.assertEqual(
            self.by_agent(distribution), {self.alice: 100.0, self.bob: 100.0}
        )
        claim = self.claim_of(equation, self.ev_alice)
        self.assertEqual((claim.original_value, claim.value), (200.0, 100.0))
        self.assertFalse(claim.provisional)

    def test_rule_changes_open_claims_afresh(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        general = equation.bucket_ids.rule_ids
        self.distribute(equation, 100.0)
        paid = self.claim_of(equation, self.ev_alice)
        self.assertEqual((paid.original_value, paid.value), (200.0, 150.0))
        later = self.work(self.carol, 5, skill=self.design_work, process=self.design)
        self.assertEqual(self.claim_of(equation, later).original_value, 150.0)
        # A new formula: the unpaid claim is valued by it, paid ones keep
        # their value.
        general.formula = "quantity * valuePerUnit * 2"
        self.assertEqual(self.claim_of(equation, later).original_value, 300.0)
        self.assertTrue(self.claim_of(equation, later).provisional)
        self.assertEqual(
            (paid.original_value, paid.value, paid.provisional), (200.0, 150.0, False)
        )
        # A more specific rule takes the unpaid design work.
        specific = self.env["rea.value.equation.rule"].create(
            dict(
                self.work_rule(formula="quantity"),
                bucket_id=equation.bucket_ids.id,
                resource_type_ids=[(6, 0, self.design_work.ids)],
            )
        )
        claim = self.claim_of(equation, later)
        self.assertEqual((claim.rule_id, claim.original_value), (specific, 5.0))
        # Without it, the general rule takes it again.
        specific.unlink()
        claim = self.claim_of(equation, later)
        self.assertEqual((claim.rule_id, claim.original_value), (general, 300.0))
        # A bucket now paying a fixed recipient has no claims to open.
        equation.bucket_ids.write({"distribution_agent_id": self.fund.id})
        self.assertFalse(self.claim_of(equation, later))
        self.assertTrue(self.claim_of(equation, self.ev_alice))

    def test_saving_an_equation_opens_its_claims_once(self):
        """An equation saved with its buckets and rules opens each bucket's
        claims once, after all of them are written."""
        calls = []
        # The claim ledger opens claims (the engine's open_claims before).
        ledger_class = type(self.env["rea.claim.ledger"])
        original = ledger_class.open_claims

        def count(ledger, buckets, *args, **kwargs):
            calls.append(buckets)
            return original(ledger, buckets, *args, **kwargs)

        ledger_class.open_claims = count
        try:
            equation = self.equation(
                [
                    {"percentage": 40, "rules": [self.work_rule()]},
                    {"percentage": 40, "rules": [self.work_rule(formula="quantity")]},
                ]
            )
        finally:
            ledger_class.open_claims = original
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls[0], equation.bucket_ids)
        self.assertEqual(len(self.claims(equation)), 4)

    def test_correction_drops_the_unpaid_claim(self):
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        events = self.ev_alice.correct(new_effort_quantity=4.0)
        reversal, reentry = events
        self.assertFalse(self.claim_of(equation, self.ev_alice))
        self.assertFalse(self.claim_of(equation, reversal))
        self.assertEqual(self.claim_of(equation, reentry).original_value, 80.0)
        # The reversal withdrawn, the first event counts again.
        reversal.unlink()
        self.assertEqual(self.claim_of(equation, self.ev_alice).original_value, 200.0)

    def test_validation_opens_claims(self):
        self.workshop.write({"rea_require_validation": True, "rea_validation_count": 1})
        equation = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        self.assertFalse(self.claims(equation))
        user_bob = self.env["res.users"].create(
            {
                "name": "Bob",
                "login": "vd_open_bob",
                "partner_id": self.bob.id,
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
        self.ev_alice.sudo(user_bob).action_validate()
        self.assertEqual(self.claims(equation).mapped("event_id"), self.ev_alice)
        # Validation no longer asked: every contribution has its claim.
        self.workshop.rea_require_validation = False
        self.assertEqual(
            self.claims(equation).mapped("event_id"), self.ev_alice | self.ev_bob
        )

    def test_failing_formula_does_not_refuse_a_contribution(self):
        """A formula failing on a new contribution opens no claim for it:
        the contribution is recorded, the distribution names it."""
        equation = self.equation(
            [
                {
                    "percentage": 100,
                    "rules": [self.work_rule(formula="quantity / (30 - valuePerUnit)")],
                }
            ]
        )
        self.assertEqual(len(self.claims(equation)), 2)
        design = self.work(self.carol, 5, skill=self.design_work, process=self.design)
        self.assertTrue(design.exists())
        self.assertFalse(self.claim_of(equation, design))
        with self.assertRaises(UserError) as error:
            self.distribute(equation, 100.0)
        self.assertIn(design.name, error.exception.name)
        # Saving the equation's rule checks every contribution, and says so.
        with self.assertRaises(UserError):
            equation.bucket_ids.rule_ids.formula = "quantity / (valuePerUnit - 20)"

    def test_share_buckets_open_claims_when_distributing(self):
        equation = self.equation(
            [
                {
                    "percentage": 100,
                    "filter_method": "shipment",
                    "rules": [self.work_rule()],
                }
            ]
        )
        self.assertFalse(self.claims(equation))
