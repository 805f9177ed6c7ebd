# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api
from odoo.exceptions import AccessError

from .test_operation import ShareOperationCase


class TestShareOperationSecurity(ShareOperationCase):
    """Cooperative users prepare operations, managers approve them; a portal
    member reads only the operations they take part in."""

    def test_user_prepares_manager_approves(self):
        operation = self.new_operation(
            "sell_back", self.alice, self.share_a, 1, user=self.coop_user
        )
        operation.action_submit()
        self.assertEqual(operation.state, "submitted")
        with self.assertRaisesRegex(AccessError, "managers approve"):
            operation.action_approve()
        self.assertEqual(operation.state, "submitted")
        operation.sudo(self.coop_manager).action_approve()
        self.assertEqual(operation.state, "approved")
        # The user executes what a manager approved.
        operation.action_execute()
        self.assertEqual(operation.state, "done")
        self.assertEqual(self.held(self.alice, self.share_a), 4)
        with self.assertRaises(AccessError):
            operation.copy().unlink()

    def test_plain_and_portal_users_cannot_create(self):
        for user in (self.plain_user, self.portal_alice):
            with self.assertRaises(AccessError):
                self.new_operation("sell_back", self.alice, self.share_a, 1, user=user)

    def test_portal_member_sees_own_operations(self):
        alice_op = self.new_operation("sell_back", self.alice, self.share_a, 1)
        bob_op = self.new_operation("sell_back", self.bob, self.share_a, 1)
        to_bob = self.new_operation(
            "transfer", self.alice, self.share_a, 1, receiver_id=self.bob.id
        )
        Operation = self.env["rea.share.operation"]
        seen_by_alice = Operation.sudo(self.portal_alice).search([])
        self.assertIn(alice_op, seen_by_alice)
        self.assertIn(to_bob, seen_by_alice)
        self.assertNotIn(bob_op, seen_by_alice)
        seen_by_bob = Operation.sudo(self.portal_bob).search([])
        self.assertEqual(seen_by_bob, bob_op | to_bob)
        with self.assertRaises(AccessError):
            bob_op.sudo(self.portal_alice).read(["quantity"])
        self.assertEqual(alice_op.sudo(self.portal_alice).quantity, 1)
        with self.assertRaises(AccessError):
            alice_op.sudo(self.portal_alice).write({"quantity": 2})
        with self.assertRaises(AccessError):
            alice_op.sudo(self.portal_alice).action_approve()

    def test_plain_user_cannot_read(self):
        operation = self.new_operation("sell_back", self.alice, self.share_a, 1)
        with self.assertRaises(AccessError):
            operation.sudo(self.plain_user).read(["quantity"])

    def test_remote_calls_cannot_reach_the_ledger(self):
        """Holdings are read and written by the server's flows: a member
        calling the ledger or another member's holdings remotely (Odoo's RPC
        dispatch) is refused, and the register does not move."""
        lines = self.env["rea.share.line"].search_count([])
        calls = (
            ("res.partner", "get_share_holdings", [[self.alice.id]]),
            ("res.partner", "get_share_quantity", [[self.alice.id], self.share_a.id]),
            ("res.partner", "find_cooperator", [{"email": "alice@example.org"}]),
            ("rea.share.ledger", "held", [self.alice.id]),
            (
                "rea.share.ledger",
                "issue",
                [self.bob.id, self.share_a.id, 5, "2026-01-01"],
            ),
            ("rea.share.ledger", "redeem", [self.alice.id, self.share_a.id, 1, False]),
        )
        for user in (self.portal_bob, self.coop_manager):
            for model, method, args in calls:
                with self.assertRaisesRegex(AccessError, "cannot be called remotely"):
                    api.call_kw(self.env[model].sudo(user), method, args, {})
        self.assertEqual(self.env["rea.share.line"].search_count([]), lines)
        # The server's own code still reads them.
        self.assertEqual(self.alice.get_share_quantity(self.share_a), 5)
