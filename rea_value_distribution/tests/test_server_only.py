# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api
from odoo.exceptions import AccessError

from .common import ValueCase


class TestServerOnly(ValueCase):
    """The engine, the claim ledger and the rollup are the server's own
    API: remote callers (Odoo's RPC dispatch) are refused, whatever their
    rights, and nothing changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.work(cls.alice, 10)
        cls.equation([{"percentage": 100, "rules": [cls.work_rule()]}])
        cls.member = cls.env["res.users"].create(
            {
                "name": "Alice",
                "login": "vd_server_only_alice",
                "partner_id": cls.alice.id,
                "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )
        # REA users edit skills (rea_base); only managers set their rates.
        cls.rea_user = cls.env["res.users"].create(
            {
                "name": "Carol",
                "login": "vd_server_only_carol",
                "partner_id": cls.carol.id,
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )

    def call_kw(self, user, model, method, args):
        return api.call_kw(self.env[model].sudo(user), method, args, {})

    def test_remote_calls_are_refused(self):
        claims = self.env["rea.claim"].search_count([])
        self.assertTrue(claims)
        calls = (
            ("rea.distribution.engine", "get_claim_rows", [{"claims_table": "x"}]),
            ("rea.distribution.engine", "compute", [1, 100.0]),
            ("rea.claim.ledger", "drop_provisional", []),
            ("rea.claim.ledger", "open_claims", [[1]]),
            ("rea.value.rollup", "explain", [1]),
            ("rea.agent.skill", "get_rate", [self.bob.id, self.carpentry.id]),
        )
        for user in (self.member, self.env.user):
            for model, method, args in calls:
                with self.assertRaisesRegex(AccessError, "cannot be called remotely"):
                    self.call_kw(user, model, method, args)
        self.assertEqual(self.env["rea.claim"].search_count([]), claims)

    def test_member_cannot_move_a_rated_skill(self):
        skill = self.env["rea.agent.skill"].search([("partner_id", "=", self.bob.id)])
        self.assertEqual(skill.value_per_unit, 25.0)
        for vals in ({"partner_id": self.alice.id}, {"skill_id": self.design_work.id}):
            with self.assertRaises(AccessError):
                skill.sudo(self.rea_user).write(vals)
        self.assertEqual((skill.partner_id, skill.skill_id), (self.bob, self.carpentry))
        # Nor change another person's skill at all (their own, or managers).
        with self.assertRaises(AccessError):
            skill.sudo(self.rea_user).write({"level": "3"})
        skill.write({"level": "3"})
        self.assertEqual(skill.level, "3")
        self.assertEqual(
            self.env["rea.agent.skill"].get_rate(self.bob, self.carpentry), 25.0
        )
