# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from .common import ValueCase


class TestDistributionGuards(ValueCase):
    """Who may distribute (access refused before any business rule), the
    shares adding up to the cent, previews that cannot go stale, and
    contributions told alike in the back office and on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        internal = cls.env.ref("base.group_user")
        rea_user = cls.env.ref("rea_base.group_rea_user")

        def user(login, groups):
            return Users.create(
                {
                    "name": login,
                    "login": "%s_vd_guards" % login,
                    "groups_id": [(6, 0, [g.id for g in groups])],
                }
            )

        cls.staff = user("staff", [internal, rea_user])
        cls.coordinator = user("coordinator", [internal, rea_user])
        cls.member = user("member", [cls.env.ref("base.group_portal")])
        cls.relate(
            cls.coordinator.partner_id,
            cls.workshop,
            cls.env.ref("rea_base.relationship_type_manager"),
        )
        # Three equal claims of 20: 100 does not split into cents evenly.
        for who in (cls.alice, cls.bob, cls.carol):
            cls.work(who, 1, skill=cls.design_work)
        cls.shared = cls.equation(
            [
                {
                    "percentage": 100,
                    "rules": [
                        cls.work_rule(
                            claim_type="equity",
                            formula="1",
                            resource_type_ids=[(6, 0, cls.design_work.ids)],
                        )
                    ],
                }
            ]
        )
        cls.other_equation = cls.equation(
            [{"percentage": 100, "agent": cls.fund}], context=cls.other_project
        )

    def wizard(self, user, equation=None, **vals):
        equation = equation or self.shared
        values = {
            "context_id": equation.context_id.id,
            "equation_id": equation.id,
            "mode": "amount",
            "amount": 100.0,
        }
        values.update(vals)
        return self.env["rea.distribution.wizard"].sudo(user).create(values)

    def distribution_count(self):
        return self.env["rea.distribution"].search_count([])

    # Who may distribute

    def test_wizard_buttons_refuse_who_may_not_distribute(self):
        before = self.distribution_count()
        cases = [
            (self.staff, self.shared),  # works for no context
            (self.coordinator, self.other_equation),  # another project's
            (self.member, self.shared),  # portal member of nothing here
        ]
        for user, equation in cases:
            # None of them reads the equation: no wizard opens on it (it
            # would tell its name), so no button is reached.
            with self.assertRaises(AccessError, msg=user.login):
                self.wizard(user, equation)
        # One who reads the equation but may not distribute is refused at
        # each button: a portal member of the context reads nothing, so a
        # wizard opened on the context's equation by a manager is not theirs.
        wizard = self.wizard(self.env.user, self.shared)
        for method in ("action_load_income", "action_preview", "action_confirm"):
            with self.assertRaises(AccessError, msg=method):
                getattr(wizard.sudo(self.staff), method)()
        self.assertFalse(wizard.previewed)
        self.assertFalse(wizard.preview_line_ids)
        self.assertEqual(self.distribution_count(), before)

    def test_wizard_context_must_be_distributable(self):
        # The coordinator's equation, but the income of another context.
        wizard = self.wizard(self.coordinator, context_id=self.other_project.id)
        with self.assertRaises(AccessError):
            wizard.action_load_income()

    def test_coordinator_and_manager_distribute(self):
        wizard = self.wizard(self.coordinator)
        wizard.action_preview()
        self.assertTrue(wizard.previewed)
        action = wizard.action_confirm()
        distribution = self.env["rea.distribution"].browse(action["res_id"])
        self.assertEqual(distribution.distributed_amount, 100.0)
        self.assertTrue(self.wizard(self.env.user).action_load_income())

    def test_equation_create_and_move_refused_outside_contexts(self):
        Equation = self.env["rea.value.equation"]
        values = {"name": "Elsewhere", "context_id": self.other_project.id}
        with self.assertRaises(AccessError):
            Equation.sudo(self.coordinator).create(dict(values))
        with self.assertRaises(AccessError):
            Equation.sudo(self.staff).create(dict(values))
        self.assertFalse(Equation.search([("name", "=", "Elsewhere")]))
        own = Equation.sudo(self.coordinator).create(
            dict(values, context_id=self.workshop.id)
        )
        with self.assertRaises(AccessError):
            own.write({"context_id": self.other_project.id})
        self.assertEqual(own.sudo().context_id, self.workshop)
        # Coordinators archive an equation; deleting it is for managers.
        with self.assertRaises(AccessError):
            own.unlink()

    def test_buckets_and_rules_read_as_their_equation(self):
        """Who may not read an equation reads none of its buckets and rules
        (they tell what the context pays whom)."""
        buckets = self.shared.bucket_ids
        rules = buckets.mapped("rule_ids")
        self.assertTrue(buckets and rules)
        for user in (self.staff, self.coordinator):
            Bucket = self.env["rea.value.equation.bucket"].sudo(user)
            Rule = self.env["rea.value.equation.rule"].sudo(user)
            mine = user == self.coordinator
            self.assertEqual(
                bool(Bucket.search([("id", "in", buckets.ids)])), mine, user.login
            )
            self.assertEqual(bool(Rule.search([("id", "in", rules.ids)])), mine)
        other = self.other_equation.bucket_ids
        with self.assertRaises(AccessError):
            other.sudo(self.coordinator).read(["percentage"])
        # Nor add to another context's equation: refused as access, before
        # the constraints read the equation.
        Bucket = self.env["rea.value.equation.bucket"].sudo(self.coordinator)
        with self.assertRaises(AccessError):
            Bucket.create(
                {
                    "name": "Not mine",
                    "equation_id": self.other_equation.id,
                    "percentage": 10,
                    "distribution_agent_id": self.fund.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["rea.value.equation.rule"].sudo(self.coordinator).create(
                {
                    "bucket_id": other.id,
                    "action_id": self.env.ref("rea_base.action_work").id,
                    "formula": "1",
                }
            )

    def test_equation_navigation(self):
        with self.assertRaises(AccessError):
            self.shared.sudo(self.member).action_view_distributions()
        with self.assertRaises(AccessError):
            self.shared.sudo(self.staff).action_view_distributions()
        with self.assertRaises(AccessError):
            self.shared.sudo(self.staff).action_open_distribution_wizard()
        with self.assertRaises(AccessError):
            self.other_equation.sudo(self.coordinator).action_open_distribution_wizard()
        shared = self.shared.sudo(self.coordinator)
        self.assertEqual(
            shared.action_view_distributions()["domain"],
            [("equation_id", "=", self.shared.id)],
        )
        self.assertEqual(
            shared.action_open_distribution_wizard()["res_model"],
            "rea.distribution.wizard",
        )

    # Rounding: no cent unassigned

    def test_preview_lines_add_up_to_the_amount(self):
        wizard = self.wizard(self.env.user)
        wizard.action_preview()
        amounts = wizard.preview_line_ids.mapped("amount")
        self.assertEqual(sorted(round(a, 2) for a in amounts), [33.33, 33.33, 33.34])
        self.assertEqual(round(sum(amounts), 2), 100.0)
        self.assertEqual(wizard.preview_distributed, 100.0)
        distribution = self.env["rea.distribution"].browse(
            wizard.action_confirm()["res_id"]
        )
        self.assertEqual(round(sum(distribution.line_ids.mapped("amount")), 2), 100.0)
        self.assertEqual(round(sum(distribution.detail_ids.mapped("amount")), 2), 100.0)

    def test_round_shares_largest_remainder(self):
        # Rounded each to the nearest: 10.00 + 10.00 + 79.99 = 99.99.
        shares = self.Engine._round_shares([10.004, 10.004, 79.992], self.eur)
        self.assertEqual(shares, [10.01, 10.0, 79.99])
        self.assertEqual(round(sum(shares), 2), 100.0)
        shares = self.Engine._round_shares([100 / 7.0] * 7, self.eur)
        self.assertEqual(round(sum(shares), 2), 100.0)
        self.assertEqual(sorted({round(share, 2) for share in shares}), [14.28, 14.29])

    # Previews never go stale

    def test_changing_inputs_clears_the_preview(self):
        wizard = self.wizard(self.env.user)
        wizard.action_preview()
        self.assertTrue(wizard.preview_line_ids)
        values = wizard.read()[0]
        values = {
            name: value[0] if isinstance(value, tuple) else value
            for name, value in values.items()
        }
        for name, new in (("mode", "income"), ("amount", 90.0)):
            changed = dict(values, **{name: new})
            result = wizard.onchange(changed, name, wizard._onchange_spec())
            self.assertIs(result["value"].get("previewed"), False, name)
            self.assertIn(
                (5,), [tuple(c[:1]) for c in result["value"]["preview_line_ids"]]
            )

    def test_confirm_refuses_a_stale_preview(self):
        before = self.distribution_count()
        wizard = self.wizard(self.env.user)
        wizard.action_preview()
        wizard.write({"amount": 90.0})
        with self.assertRaisesRegex(UserError, "preview again"):
            wizard.action_confirm()
        self.assertEqual(self.distribution_count(), before)
        wizard.action_preview()
        wizard.action_confirm()
        self.assertEqual(self.distribution_count(), before + 1)

    # Contributions in the back office as on the portal

    def test_work_value_and_validation_state(self):
        event = self.work(self.bob, 2)  # Bob's carpentry rate: 25 an hour
        self.assertFalse(event.money_value)
        self.assertEqual(event.rea_value, 50.0)
        self.assertEqual(event.rea_value_currency_id, self.eur)
        self.assertEqual(self.work(self.alice, 2).rea_value, 40.0)  # skill: 20
        money = self.money_contribution(self.carol, 350.0)
        self.assertEqual(
            (money.rea_value, money.rea_value_currency_id),
            (350.0, self.euro.rea_currency_id),
        )
        self.assertFalse(event.rea_validated)
        self.assertEqual(event.rea_validation_state, "not_required")
        self.assertEqual(
            event.rea_validation_state, event.get_rea_validation_state()[0]
        )
        Event = self.env["rea.event"]
        self.assertIn(
            event, Event.search([("rea_validation_state", "=", "not_required")])
        )
        self.assertNotIn(
            event, Event.search([("rea_validation_state", "=", "waiting")])
        )
        self.workshop.rea_require_validation = True
        event.invalidate_cache()
        self.assertEqual(event.rea_validation_state, "waiting")
        self.assertIn(event, Event.search([("rea_validation_state", "=", "waiting")]))
        self.assertNotIn(
            event, Event.search([("rea_validation_state", "!=", "waiting")])
        )
