# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import SharesCase
from .test_operation import ShareOperationCase, days_ago


class TestShareOperationAccounting(ShareOperationCase):
    """Each executed operation has its accounting document: balanced, on
    the right accounts, for the right partners and amounts."""

    def test_transfer_entry(self):
        operation = self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        move = operation.move_id
        self.assertEqual(move.journal_id.type, "general")
        self.assertEqual(move.date, operation.effective_date)
        self.assertEqual(move.ref, operation.name)
        # The capital (2 x 50) leaves Alice's line for Bob's, same account.
        self.assertBalancedMove(
            move,
            {
                (self.capital_account, self.alice): 100.0,
                (self.capital_account, self.bob): -100.0,
            },
        )
        # Each member's capital on the books matches the shares held.
        self.assertAlmostEqual(
            self.partner_balance(self.capital_account, self.alice), -150.0
        )
        self.assertAlmostEqual(
            self.partner_balance(self.capital_account, self.bob), -150.0
        )
        self.assertFalse(operation.invoice_id)

    def test_sell_back_vendor_bill(self):
        operation = self.run_operation("sell_back", self.alice, self.share_a, 3)
        bill = operation.invoice_id
        self.assertEqual(bill.type, "in_invoice")
        self.assertEqual(bill.state, "open")
        self.assertEqual(bill.partner_id, self.alice)
        self.assertEqual(bill.account_id, self.cooperator_account)
        self.assertEqual(bill.journal_id.type, "purchase")
        self.assertEqual(bill.amount_total, 150.0)
        self.assertFalse(bill.tax_line_ids)
        self.assertEqual(bill.invoice_line_ids.account_id, self.capital_account)
        self.assertEqual(operation.move_id, bill.move_id)
        # Capital debited, the member is owed it on the cooperator account.
        self.assertBalancedMove(
            bill.move_id,
            {
                (self.capital_account, self.alice): 150.0,
                (self.cooperator_account, self.alice): -150.0,
            },
        )
        self.assertAlmostEqual(
            self.partner_balance(self.capital_account, self.alice), -100.0
        )

    def test_sell_back_bill_payment_records_rea_money(self):
        operation = self.run_operation("sell_back", self.bob, self.share_a, 1)
        bill = operation.invoice_id
        bank = self.env["account.journal"].create(
            {
                "name": "Share test bank",
                "code": "RSOB",
                "type": "bank",
                "company_id": self.company.id,
                "default_debit_account_id": self.bank_account.id,
                "default_credit_account_id": self.bank_account.id,
            }
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.bob.id,
                "amount": 50.0,
                "journal_id": bank.id,
                "payment_method_id": self.env.ref(
                    "account.account_payment_method_manual_out"
                ).id,
                "invoice_ids": [(6, 0, bill.ids)],
            }
        )
        self.assertAlmostEqual(
            self.partner_balance(self.cooperator_account, self.bob), -50.0
        )
        payment.post()
        self.assertEqual(bill.state, "paid")
        money = operation.rea_exchange_id.transfer_ids.filtered("is_currency")
        self.assertEqual(money.state, "complete")
        self.assertEqual(money.actual_quantity, 50.0)
        self.assertEqual(operation.rea_exchange_id.state, "complete")
        # Nothing is owed to Bob any more on the cooperator account.
        self.assertAlmostEqual(
            self.partner_balance(self.cooperator_account, self.bob), 0.0
        )

    def test_sell_back_journal_entry(self):
        operation = self.new_operation(
            "sell_back", self.alice, self.share_a, 5, redemption_document="move"
        )
        operation.action_submit()
        operation.sudo(self.coop_manager).action_approve()
        operation.action_execute()
        self.assertFalse(operation.invoice_id)
        move = operation.move_id
        self.assertEqual(move.journal_id.type, "general")
        self.assertBalancedMove(
            move,
            {
                (self.capital_account, self.alice): 250.0,
                (self.cooperator_account, self.alice): -250.0,
            },
        )
        # All her capital gone: the member's capital line is back to zero.
        self.assertAlmostEqual(
            self.partner_balance(self.capital_account, self.alice), 0.0
        )

    def test_redemption_document_default_from_company(self):
        self.company.share_redemption_document = "move"
        operation = self.new_operation("sell_back", self.alice, self.share_a, 1)
        self.assertEqual(operation.redemption_document, "move")

    def test_conversion_between_accounts(self):
        operation = self.run_operation(
            "conversion",
            self.alice,
            self.share_a,
            2,
            share_to_product_id=self.share_b.id,
        )
        self.assertBalancedMove(
            operation.move_id,
            {
                (self.capital_account, self.alice): 100.0,
                (self.capital_b_account, self.alice): -100.0,
            },
        )
        self.assertAlmostEqual(
            self.partner_balance(self.capital_b_account, self.alice), -100.0
        )

    def test_conversion_same_account_no_entry(self):
        operation = self.run_operation(
            "conversion",
            self.alice,
            self.share_a,
            1,
            share_to_product_id=self.share_c.id,
        )
        self.assertEqual(self.held(self.alice, self.share_c), 5)
        self.assertFalse(operation.move_id)
        messages = operation.message_ids.mapped("body")
        self.assertTrue(
            any("No journal entry" in (body or "") for body in messages), messages
        )


class TestShareOperationMails(ShareOperationCase):
    """Transfer (receiver), update (giver), no shares left; each switchable."""

    def test_transfer_mails(self):
        self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        received = self.mails_to(self.bob, "shares transferred to you")
        self.assertEqual(len(received), 1)
        self.assertIn("Alice Baker", received.body_html)
        self.assertTrue(received.attachment_ids, "certificate attached")
        update = self.mails_to(self.alice, "your shares were updated")
        self.assertEqual(len(update), 1)
        self.assertIn("Bob Miller", update.body_html)
        self.assertFalse(self.mails_to(self.alice, "no more shares"))
        self.assertFalse(self.mails_to(self.bob, "your shares were updated"))

    def test_no_shares_left_mail(self):
        self.run_operation("sell_back", self.bob, self.share_a, 1)
        left = self.mails_to(self.bob, "you hold no more shares")
        self.assertEqual(len(left), 1)
        self.assertIn("no longer a member", left.body_html)
        self.assertFalse(left.attachment_ids)
        self.assertFalse(self.mails_to(self.bob, "your shares were updated"))

    def test_mails_switched_off(self):
        self.company.write(
            {
                "share_mail_transfer": False,
                "share_mail_update": False,
                "share_mail_no_shares_left": False,
            }
        )
        self.run_operation(
            "transfer", self.bob, self.share_a, 1, receiver_id=self.carol.id
        )
        self.assertFalse(self.mails_to(self.carol, "shares transferred to you"))
        self.assertFalse(self.mails_to(self.bob, "you hold no more shares"))
        self.run_operation("sell_back", self.alice, self.share_a, 1)
        self.assertFalse(self.mails_to(self.alice, "your shares were updated"))


class TestOperationAfterSubscription(SharesCase):
    """From a real paid subscription (capital release invoice and its
    payment) to a transfer and a sell-back: each member's capital on the
    books follows their shares."""

    def test_subscription_then_transfer_and_sell_back(self):
        request = self.make_request(quantity=4)
        request.action_validate()
        self.pay(request, date=days_ago(20))
        self.assertEqual(request.state, "paid")
        member = request.partner_id
        self.assertEqual(member.get_share_quantity(self.share_a), 4)
        capital = self.share_a.product_tmpl_id.get_share_equity_account(self.company)
        cooperator = self.company.share_receivable_account_id

        def balance(account, partner):
            lines = self.env["account.move.line"].search(
                [("account_id", "=", account.id), ("partner_id", "=", partner.id)]
            )
            return sum(lines.mapped("balance"))

        self.assertAlmostEqual(balance(capital, member), -200.0)
        self.assertAlmostEqual(balance(cooperator, member), 0.0)
        friend = self.env["res.partner"].create(
            {"name": "Joan Amic", "email": "joan@example.org"}
        )
        manager = self.env["res.users"].create(
            {
                "name": "Share manager",
                "login": "rso_integration_manager",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref(
                                "rea_membership_shares.group_share_manager"
                            ).id,
                        ],
                    )
                ],
            }
        )
        Operation = self.env["rea.share.operation"]
        transfer = Operation.create(
            {
                "type": "transfer",
                "partner_id": member.id,
                "receiver_id": friend.id,
                "share_product_id": self.share_a.id,
                "quantity": 1,
            }
        )
        transfer.action_submit()
        transfer.sudo(manager).action_approve()
        transfer.action_execute()
        self.assertAlmostEqual(balance(capital, member), -150.0)
        self.assertAlmostEqual(balance(capital, friend), -50.0)
        self.assertTrue(friend.cooperator_number)
        sell_back = Operation.create(
            {
                "type": "sell_back",
                "partner_id": member.id,
                "share_product_id": self.share_a.id,
                "quantity": 3,
                "redemption_document": "bill",
            }
        )
        sell_back.action_submit()
        sell_back.sudo(manager).action_approve()
        sell_back.action_execute()
        self.assertAlmostEqual(balance(capital, member), 0.0)
        # The member is owed 150 on the cooperator account until paid.
        self.assertAlmostEqual(balance(cooperator, member), -150.0)
        self.assertEqual(sell_back.invoice_id.residual, 150.0)
        self.assertTrue(member.is_former_member)
        # REA: the member's share account is empty, the friend's has 1.
        template = self.share_a.product_tmpl_id
        self.assertEqual(member.get_rea_account(template).accounting_quantity, 0)
        self.assertEqual(friend.get_rea_account(template).accounting_quantity, 1)
