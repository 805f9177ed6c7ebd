# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError

from .common import ValueCase


class TestContextRules(ValueCase):
    """Value equations, distributions and claims: the coordinator of a
    context sees and changes its own, not another context's; a plain REA
    user only what they are paid; REA managers all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        rea_user = cls.env.ref("rea_base.group_rea_user")
        manager_type = cls.env.ref("rea_base.relationship_type_manager")

        def user(login, partner=None, group=rea_user):
            vals = {"name": login, "login": login, "groups_id": [(6, 0, [group.id])]}
            if partner:
                vals["partner_id"] = partner.id
            return Users.create(vals)

        cls.coord_a = user("vd_rules_coord_a")
        cls.coord_b = user("vd_rules_coord_b")
        cls.relate(cls.coord_a.partner_id, cls.workshop, manager_type)
        cls.relate(cls.coord_b.partner_id, cls.other_project, manager_type)
        cls.plain_alice = user("vd_rules_alice", partner=cls.alice)
        cls.manager = user(
            "vd_rules_manager", group=cls.env.ref("rea_base.group_rea_manager")
        )
        cls.work(cls.alice, 10)
        garden = cls.process("Garden", context=cls.other_project)
        cls.work(cls.carol, 4, process=garden, context=cls.other_project)
        cls.eq_a = cls.equation([{"percentage": 100, "rules": [cls.work_rule()]}])
        cls.eq_b = cls.equation(
            [{"percentage": 100, "rules": [cls.work_rule()]}],
            context=cls.other_project,
        )
        cls.dist_a = cls.distribute(cls, cls.eq_a, 100.0)
        cls.dist_b = cls.distribute(cls, cls.eq_b, 100.0)
        cls.equations = cls.eq_a | cls.eq_b
        cls.distributions = cls.dist_a | cls.dist_b
        cls.claims = cls.env["rea.claim"].search(
            [("equation_id", "in", cls.equations.ids)]
        )

    def _seen(self, user, records):
        return records.sudo(user).search([("id", "in", records.ids)])

    def test_value_equations(self):
        self.assertEqual(self._seen(self.coord_a, self.equations), self.eq_a)
        self.assertEqual(self._seen(self.coord_b, self.equations), self.eq_b)
        self.assertFalse(self._seen(self.plain_alice, self.equations))
        self.assertEqual(self._seen(self.manager, self.equations), self.equations)
        with self.assertRaises(AccessError):
            self.eq_b.sudo(self.coord_a).read(["name"])
        with self.assertRaises(AccessError):
            self.eq_b.sudo(self.coord_a).write({"name": "Hijack"})
        with self.assertRaises(AccessError):
            self.eq_b.bucket_ids.sudo(self.coord_a).write({"name": "Hijack"})
        self.eq_a.sudo(self.coord_a).write({"name": "Workshop sharing"})
        self.assertEqual(self.eq_a.name, "Workshop sharing")

    def test_distributions_and_claims(self):
        self.assertEqual(self._seen(self.coord_a, self.distributions), self.dist_a)
        self.assertEqual(self._seen(self.coord_b, self.distributions), self.dist_b)
        self.assertEqual(
            self._seen(self.manager, self.distributions), self.distributions
        )
        claims_a = self.claims.filtered(lambda c: c.context_id == self.workshop)
        self.assertTrue(claims_a and claims_a != self.claims)
        self.assertEqual(self._seen(self.coord_a, self.claims), claims_a)
        self.assertEqual(self._seen(self.coord_b, self.claims), self.claims - claims_a)
        # Alice, a plain REA user, sees what she is paid, nothing else.
        self.assertEqual(
            self._seen(self.plain_alice, self.claims).mapped("agent_id"), self.alice
        )
        self.assertEqual(self._seen(self.plain_alice, self.distributions), self.dist_a)
        with self.assertRaises(AccessError):
            self.dist_b.sudo(self.coord_a).read(["name"])

    def test_preview_of_another_context_refused(self):
        Wizard = self.env["rea.distribution.wizard"].sudo(self.coord_a)
        with self.assertRaises((AccessError, ValidationError)):
            Wizard.create(
                {
                    "context_id": self.other_project.id,
                    "equation_id": self.eq_b.id,
                    "mode": "amount",
                    "amount": 10,
                }
            ).action_preview()

    def test_members_read_their_contexts_contributions_only(self):
        """Bob, a plain REA user and member of the workshop, reads its
        contributions (to validate them), changes none, and reads nothing
        else of the workshop nor of the garden."""
        bob = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "vd_rules_bob",
                    "login": "vd_rules_bob",
                    "partner_id": self.bob.id,
                    "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
                }
            )
        )
        contributions = self.Event.search(
            [("is_contribution", "=", True), ("provider_id", "!=", self.bob.id)]
        )
        workshop = contributions.filtered(lambda e: e.context_id == self.workshop)
        garden = contributions.filtered(lambda e: e.context_id == self.other_project)
        self.assertTrue(workshop and garden)
        seen = self.Event.sudo(bob).search([("id", "in", contributions.ids)])
        self.assertEqual(seen, workshop)
        with self.assertRaises(AccessError):
            workshop[0].sudo(bob).write({"note": "changed"})
        income = self.income(50.0)
        self.assertFalse(self.Event.sudo(bob).search([("id", "=", income.id)]))
        workshop.filtered(lambda e: e.provider_id == self.alice)[:1].sudo(
            bob
        ).action_validate()
