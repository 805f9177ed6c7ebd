# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase


def days_ago(days):
    return fields.Date.to_string(
        fields.Date.from_string(fields.Date.today()) - timedelta(days=days)
    )


class ShareOperationCase(SavepointCase):
    """A project with three share types (two on one capital account), its
    accounts and journals, members holding shares bought at given dates, and
    the users of the access tests. Holdings are given the way a paid
    subscription gives them (share lines, register line, REA event,
    cooperator number, membership) plus the capital release entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        env = cls.env
        cls.company = env.user.company_id
        Account = env["account.account"]

        def account(code, xmlid, reconcile=False):
            return Account.create(
                {
                    "code": code,
                    "name": "Share test %s" % code,
                    "user_type_id": env.ref(xmlid).id,
                    "reconcile": reconcile,
                    "company_id": cls.company.id,
                }
            )

        cls.capital_account = account("RSO1001", "account.data_account_type_equity")
        cls.capital_b_account = account("RSO1002", "account.data_account_type_equity")
        cls.cooperator_account = account(
            "RSO4160", "account.data_account_type_receivable", True
        )
        cls.bank_account = account("RSO5500", "account.data_account_type_liquidity")
        cls.payable_account = account(
            "RSO4400", "account.data_account_type_payable", True
        )
        Journal = env["account.journal"]
        cls.misc_journal = Journal.create(
            {
                "name": "Share test entries",
                "code": "RSOM",
                "type": "general",
                "sequence": 1,
                "company_id": cls.company.id,
            }
        )
        cls.purchase_journal = Journal.create(
            {
                "name": "Share test bills",
                "code": "RSOP",
                "type": "purchase",
                "sequence": 1,
                "company_id": cls.company.id,
            }
        )
        cls.company.write(
            {
                "share_equity_account_id": cls.capital_account.id,
                "share_receivable_account_id": cls.cooperator_account.id,
                "share_one_type_per_member": False,
                "share_mail_transfer": True,
                "share_mail_update": True,
                "share_mail_no_shares_left": True,
                "share_redemption_document": "bill",
                "share_board_representative": "Ada Board",
            }
        )
        # Money accounts in the company currency (no exchange rates).
        env.ref("rea_exchanges.product_template_euro").rea_currency_id = (
            cls.company.currency_id
        )
        cls.project = env["rea.project"].create(
            {
                "name": "Bakery cooperative",
                "join_style": "shares",
                "visibility": "public",
            }
        )
        cls.share_a = cls._share_type("Share A", 50.0, cls.capital_account)
        cls.share_b = cls._share_type("Share B", 25.0, cls.capital_b_account)
        # Same capital account as A: converting needs no entry.
        cls.share_c = cls._share_type("Share C", 10.0, cls.capital_account)
        cls.share_individuals = cls._share_type(
            "Share for individuals",
            50.0,
            cls.capital_account,
            share_for_companies=False,
        )

        Partner = env["res.partner"]

        def person(name):
            return Partner.create(
                {
                    "name": name,
                    "email": "%s@example.org" % name.lower().replace(" ", "."),
                    "agent_type": "individual",
                    "property_account_payable_id": cls.payable_account.id,
                }
            )

        cls.alice = person("Alice Baker")
        cls.bob = person("Bob Miller")
        cls.carol = person("Carol Outsider")
        cls.coop_company = Partner.create(
            {
                "name": "Flour Company",
                "is_company": True,
                "email": "flour@example.org",
                "agent_type": "organization",
                "property_account_payable_id": cls.payable_account.id,
            }
        )
        cls.give_shares(cls.alice, cls.share_a, 3, days_ago(60))
        cls.give_shares(cls.alice, cls.share_a, 2, days_ago(30))
        cls.give_shares(cls.bob, cls.share_a, 1, days_ago(40))

        def user(login, groups, partner=None):
            vals = {
                "name": login.title(),
                "login": login,
                "password": login,
                "email": "%s@example.org" % login,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
            }
            if partner:
                # A user takes the name of its partner, not the reverse.
                vals.update(partner_id=partner.id, name=partner.name)
            return env["res.users"].create(vals)

        cls.coop_user = user(
            "rso_user", ["base.group_user", "rea_membership_shares.group_share_user"]
        )
        cls.coop_manager = user(
            "rso_manager",
            [
                "base.group_user",
                "rea_membership_shares.group_share_manager",
                "account.group_account_invoice",
            ],
        )
        cls.plain_user = user("rso_plain", ["base.group_user"])
        cls.portal_alice = user("rso_alice", ["base.group_portal"], cls.alice)
        cls.portal_bob = user("rso_bob", ["base.group_portal"], cls.bob)

    @classmethod
    def _share_type(cls, name, price, account, **vals):
        values = {
            "name": name,
            "is_share": True,
            "share_project_id": cls.project.id,
            "list_price": price,
            "property_account_income_id": account.id,
            "taxes_id": [(6, 0, [])],
        }
        values.update(vals)
        return cls.env["product.product"].create(values)

    @classmethod
    def give_shares(cls, partner, product, quantity, date):
        """What a paid subscription leaves: holdings, register, REA event,
        membership and the capital credited to the member (paid in)."""
        env = cls.env
        env["rea.share.ledger"].issue(
            partner, product, quantity, date, company=cls.company
        )
        amount = quantity * product.list_price
        account = product.product_tmpl_id.get_share_equity_account(cls.company)
        move = env["account.move"].create(
            {
                "journal_id": cls.misc_journal.id,
                "date": date,
                "ref": "Capital release %s" % partner.name,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Capital paid in",
                            "account_id": cls.bank_account.id,
                            "partner_id": partner.id,
                            "debit": amount,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Capital",
                            "account_id": account.id,
                            "partner_id": partner.id,
                            "credit": amount,
                        },
                    ),
                ],
            }
        )
        move.post()
        return move

    def new_operation(self, op_type, partner, product, quantity, user=None, **vals):
        values = {
            "type": op_type,
            "partner_id": partner.id,
            "share_product_id": product.id,
            "quantity": quantity,
        }
        values.update(vals)
        model = self.env["rea.share.operation"]
        if user:
            model = model.sudo(user)
        return model.create(values)

    def run_operation(self, op_type, partner, product, quantity, **vals):
        """Create, submit, approve (as manager) and execute an operation."""
        operation = self.new_operation(op_type, partner, product, quantity, **vals)
        operation.action_submit()
        operation.sudo(self.coop_manager).action_approve()
        operation.action_execute()
        self.assertEqual(operation.state, "done")
        return operation

    # Assertions

    def held(self, partner, product):
        return partner.get_share_quantity(product)

    def assertRegisterMatchesHoldings(self, partner, product):
        """The register (in minus out) gives what the share lines hold."""
        lines = self.env["rea.share.register"].search(
            [
                "|",
                ("partner_id", "=", partner.id),
                ("partner_to_id", "=", partner.id),
                "|",
                ("share_product_id", "=", product.id),
                ("share_to_product_id", "=", product.id),
            ]
        )
        total = 0
        for line in lines:
            if line.type == "subscription" and line.share_product_id == product:
                total += line.quantity
            elif line.type == "transfer" and line.share_product_id == product:
                if line.partner_to_id == partner:
                    total += line.quantity
                if line.partner_id == partner:
                    total -= line.quantity
            elif line.type == "sell_back" and line.share_product_id == product:
                total -= line.quantity
            elif line.type == "conversion" and line.partner_id == partner:
                if line.share_product_id == product:
                    total -= line.quantity
                if line.share_to_product_id == product:
                    total += line.quantity_to
        self.assertEqual(total, self.held(partner, product))

    def partner_balance(self, account, partner):
        """Balance (debit - credit) of ``partner`` on ``account``."""
        groups = self.env["account.move.line"].read_group(
            [("account_id", "=", account.id), ("partner_id", "=", partner.id)],
            ["partner_id", "balance"],
            ["partner_id"],
        )
        return groups[0]["balance"] if groups else 0.0

    def assertBalancedMove(self, move, expected):
        """``expected``: {(account, partner): balance} of the posted move."""
        self.assertEqual(move.state, "posted")
        lines = move.line_ids
        self.assertAlmostEqual(
            sum(lines.mapped("debit")), sum(lines.mapped("credit")), places=2
        )
        got = {}
        for line in lines:
            key = (line.account_id, line.partner_id)
            got[key] = got.get(key, 0.0) + line.debit - line.credit
        self.assertEqual(
            {(a.code, p.name): round(b, 2) for (a, p), b in got.items()},
            {(a.code, p.name): round(b, 2) for (a, p), b in expected.items()},
        )

    def mails_to(self, partner, subject):
        """E-mails queued for ``partner`` whose subject contains ``subject``."""
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )
        return mails.filtered(
            lambda m: partner in m.recipient_ids and subject in (m.subject or "")
        )


class TestShareOperation(ShareOperationCase):
    """Transfers, sell-backs and conversions: holdings, register, members."""

    def test_transfer_to_member(self):
        operation = self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        self.assertEqual(self.held(self.alice, self.share_a), 3)
        self.assertEqual(self.held(self.bob, self.share_a), 3)
        register = operation.register_ids
        self.assertEqual(len(register), 1)
        self.assertEqual(register.type, "transfer")
        self.assertEqual(register.partner_id, self.alice)
        self.assertEqual(register.partner_to_id, self.bob)
        self.assertEqual(register.total_amount, 100.0)
        self.assertTrue(self.alice.is_cooperator)
        self.assertFalse(self.alice.is_former_member)
        for partner in (self.alice, self.bob):
            self.assertRegisterMatchesHoldings(partner, self.share_a)
        # Newest shares leave first: Alice keeps the oldest line (3 shares).
        lines = self.alice.share_line_ids
        self.assertEqual(lines.mapped("quantity"), [3])
        self.assertEqual(lines.effective_date, days_ago(60))
        # Bob's new line starts at the effective date of the transfer.
        self.assertIn(
            operation.effective_date, self.bob.share_line_ids.mapped("effective_date")
        )

    def test_transfer_to_non_member(self):
        self.assertFalse(self.carol.cooperator_number)
        self.assertFalse(self.project.is_member(self.carol))
        operation = self.run_operation(
            "transfer", self.bob, self.share_a, 1, receiver_id=self.carol.id
        )
        self.assertEqual(self.held(self.carol, self.share_a), 1)
        self.assertTrue(self.carol.is_cooperator)
        self.assertTrue(self.carol.cooperator_number)
        self.assertNotEqual(self.carol.cooperator_number, self.bob.cooperator_number)
        self.assertTrue(self.project.is_member(self.carol))
        # Bob gave his only share: former member, membership ended.
        self.assertEqual(self.held(self.bob, self.share_a), 0)
        self.assertFalse(self.bob.is_cooperator)
        self.assertTrue(self.bob.is_former_member)
        self.assertFalse(self.project.is_member(self.bob))
        self.assertEqual(operation.register_ids.partner_to_id, self.carol)
        for partner in (self.bob, self.carol):
            self.assertRegisterMatchesHoldings(partner, self.share_a)

    def test_sell_back_partial(self):
        operation = self.run_operation("sell_back", self.alice, self.share_a, 3)
        self.assertEqual(self.held(self.alice, self.share_a), 2)
        # Newest first: the 2 shares of 30 days ago went, then 1 of the 3 older.
        self.assertEqual(self.alice.share_line_ids.mapped("quantity"), [2])
        self.assertEqual(self.alice.share_line_ids.effective_date, days_ago(60))
        self.assertTrue(self.alice.is_cooperator)
        self.assertEqual(operation.register_ids.type, "sell_back")
        self.assertEqual(operation.register_ids.quantity, 3)
        self.assertEqual(operation.done_amount, 150.0)
        self.assertRegisterMatchesHoldings(self.alice, self.share_a)

    def test_sell_back_all_makes_former_member(self):
        self.run_operation("sell_back", self.alice, self.share_a, 5)
        self.assertEqual(self.held(self.alice, self.share_a), 0)
        self.assertFalse(self.alice.share_line_ids)
        self.assertFalse(self.alice.is_cooperator)
        self.assertTrue(self.alice.is_former_member)
        self.assertFalse(self.project.is_member(self.alice))
        # The cooperator number stays: it identifies her in the register.
        self.assertTrue(self.alice.cooperator_number)
        self.assertRegisterMatchesHoldings(self.alice, self.share_a)

    def test_conversion(self):
        operation = self.run_operation(
            "conversion",
            self.alice,
            self.share_a,
            2,
            share_to_product_id=self.share_b.id,
        )
        # 2 x 50 = 100 = 4 x 25
        self.assertEqual(operation.quantity_to, 4)
        self.assertEqual(self.held(self.alice, self.share_a), 3)
        self.assertEqual(self.held(self.alice, self.share_b), 4)
        register = operation.register_ids
        self.assertEqual(register.type, "conversion")
        self.assertEqual(register.share_to_product_id, self.share_b)
        self.assertEqual(register.quantity_to, 4)
        self.assertEqual(self.alice.share_total_value, 250.0)
        self.assertRegisterMatchesHoldings(self.alice, self.share_a)
        self.assertRegisterMatchesHoldings(self.alice, self.share_b)

    def test_conversion_must_give_whole_shares(self):
        # 1 x 25 cannot buy shares of 50 or of 10 exactly... 25/10 = 2.5
        self.give_shares(self.bob, self.share_b, 1, days_ago(10))
        operation = self.new_operation(
            "conversion", self.bob, self.share_b, 1, share_to_product_id=self.share_c.id
        )
        with self.assertRaisesRegex(UserError, "whole number"):
            operation.action_submit()
        self.assertEqual(operation.state, "draft")

    def test_conversion_same_type_refused(self):
        operation = self.new_operation(
            "conversion",
            self.alice,
            self.share_a,
            1,
            share_to_product_id=self.share_a.id,
        )
        with self.assertRaisesRegex(UserError, "two different share types"):
            operation.action_submit()

    def test_future_date_refused(self):
        today = fields.Date.context_today(self.env["rea.share.operation"])
        future = fields.Date.to_string(
            fields.Date.from_string(today) + timedelta(days=1)
        )
        with self.assertRaisesRegex(ValidationError, "future"), self.env.cr.savepoint():
            self.new_operation(
                "sell_back", self.alice, self.share_a, 1, effective_date=future
            )
        operation = self.new_operation("sell_back", self.alice, self.share_a, 1)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            operation.effective_date = future

    def test_today_of_whoever_entered_it_is_not_future(self):
        # 25 hours apart: the two users never share a calendar day.
        self.coop_user.tz = "Pacific/Kiritimati"
        self.coop_manager.tz = "Pacific/Pago_Pago"
        Operation = self.env["rea.share.operation"]
        entered_today = fields.Date.context_today(
            Operation.with_context(tz="Pacific/Kiritimati")
        )
        self.assertGreater(
            entered_today,
            fields.Date.context_today(Operation.with_context(tz="Pacific/Pago_Pago")),
        )
        operation = self.new_operation(
            "sell_back",
            self.alice,
            self.share_a,
            1,
            user=self.coop_user,
            effective_date=entered_today,
        )
        operation.sudo(self.coop_user).action_submit()
        operation.sudo(self.coop_manager).action_approve()
        self.assertEqual(operation.state, "approved")
        # The day after the creator's today is still the future for all.
        tomorrow = fields.Date.to_string(
            fields.Date.from_string(entered_today) + timedelta(days=1)
        )
        with self.assertRaisesRegex(ValidationError, "future"), self.env.cr.savepoint():
            self.new_operation(
                "sell_back",
                self.alice,
                self.share_a,
                1,
                user=self.coop_user,
                effective_date=tomorrow,
            )

    def test_giver_holds_too_little(self):
        operation = self.new_operation("sell_back", self.bob, self.share_a, 2)
        self.assertEqual(operation.held_quantity, 1)
        with self.assertRaisesRegex(UserError, "holds 1 shares"):
            operation.action_submit()
        self.assertEqual(operation.state, "draft")
        self.assertEqual(self.held(self.bob, self.share_a), 1)

    def test_giver_holds_too_little_at_effective_date(self):
        # Alice holds 5 shares today but only 3 forty-five days ago.
        operation = self.new_operation(
            "transfer",
            self.alice,
            self.share_a,
            4,
            receiver_id=self.bob.id,
            effective_date=days_ago(45),
        )
        self.assertEqual(operation.held_quantity, 3)
        with self.assertRaisesRegex(UserError, "holds 3 shares"):
            operation.action_submit()
        operation.effective_date = fields.Date.context_today(operation)
        operation.action_submit()
        self.assertEqual(operation.state, "submitted")

    def test_holdings_rechecked_at_execution(self):
        # Two approved sell-backs of the same shares: the second one fails.
        first = self.new_operation("sell_back", self.bob, self.share_a, 1)
        second = self.new_operation("sell_back", self.bob, self.share_a, 1)
        for operation in first | second:
            operation.action_submit()
            operation.sudo(self.coop_manager).action_approve()
        first.action_execute()
        with self.assertRaisesRegex(UserError, "holds 0 shares"):
            second.action_execute()
        self.assertEqual(second.state, "approved")
        self.assertFalse(second.register_ids)

    def test_receiver_checks(self):
        # A share type for individuals only cannot go to a company.
        self.give_shares(self.bob, self.share_individuals, 1, days_ago(5))
        operation = self.new_operation(
            "transfer",
            self.bob,
            self.share_individuals,
            1,
            receiver_id=self.coop_company.id,
        )
        with self.assertRaisesRegex(UserError, "not offered to companies"):
            operation.action_submit()
        # Maximum value per member, shares already held included.
        self.share_a.share_max_value = 300.0
        operation = self.new_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        operation.action_submit()  # 50 held + 100 = 150 <= 300
        self.share_a.share_max_value = 120.0
        with self.assertRaisesRegex(UserError, "more than the maximum"):
            operation.sudo(self.coop_manager).action_approve()
        # One share type per member.
        self.share_a.share_max_value = 0.0
        self.company.share_one_type_per_member = True
        transfer = self.new_operation(
            "transfer", self.bob, self.share_individuals, 1, receiver_id=self.alice.id
        )
        with self.assertRaisesRegex(UserError, "one share type per member"):
            transfer.action_submit()

    def test_transfer_to_self_refused(self):
        operation = self.new_operation(
            "transfer", self.alice, self.share_a, 1, receiver_id=self.alice.id
        )
        with self.assertRaisesRegex(UserError, "themselves"):
            operation.action_submit()

    def test_state_machine(self):
        operation = self.new_operation("sell_back", self.alice, self.share_a, 1)
        self.assertTrue(operation.name.startswith("SHOP/"))
        with self.assertRaisesRegex(UserError, "cannot be executed"):
            operation.action_execute()
        operation.action_submit()
        with self.assertRaisesRegex(UserError, "cannot be submitted"):
            operation.action_submit()
        operation.action_draft()
        self.assertEqual(operation.state, "draft")
        operation.action_submit()
        operation.sudo(self.coop_manager).action_approve()
        self.assertEqual(operation.approved_by_id, self.coop_manager)
        operation.action_cancel()
        self.assertEqual(operation.state, "cancelled")
        with self.assertRaisesRegex(UserError, "cannot be executed"):
            operation.action_execute()
        self.assertEqual(self.held(self.alice, self.share_a), 5)
        done = self.run_operation("sell_back", self.alice, self.share_a, 1)
        with self.assertRaisesRegex(UserError, "cannot be cancelled"):
            done.action_cancel()
        with self.assertRaisesRegex(UserError, "deleted"):
            done.unlink()

    def test_rea_events(self):
        """The shares move between the share-account resources."""
        template = self.share_a.product_tmpl_id
        alice_account = self.alice.get_rea_account(template)
        bob_account = self.bob.get_rea_account(template)
        project_account = self.project.partner_id.get_rea_account(template)
        self.assertEqual(alice_account.accounting_quantity, 5)
        project_before = project_account.accounting_quantity
        transfer = self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.bob.id
        )
        event = transfer.rea_exchange_id.transfer_ids.event_ids
        self.assertEqual(len(event), 1)
        self.assertEqual(event.action_id, self.env.ref("rea_base.action_transfer"))
        self.assertEqual(event.resource_id, alice_account)
        self.assertEqual(event.to_resource_id, bob_account)
        self.assertEqual(event.resource_quantity, 2)
        self.assertEqual(alice_account.accounting_quantity, 3)
        self.assertEqual(bob_account.accounting_quantity, 3)
        # Sell-back: shares back to the project, money owed to the member.
        sell_back = self.run_operation("sell_back", self.bob, self.share_a, 3)
        exchange = sell_back.rea_exchange_id
        self.assertEqual(exchange.provider_id, self.bob)
        self.assertEqual(exchange.receiver_id, self.project.partner_id)
        shares = exchange.transfer_ids.filtered(lambda t: not t.is_currency)
        money = exchange.transfer_ids.filtered("is_currency")
        self.assertEqual(shares.event_ids.to_resource_id, project_account)
        self.assertEqual(bob_account.accounting_quantity, 0)
        self.assertEqual(project_account.accounting_quantity, project_before + 3)
        self.assertEqual(money.provider_id, self.project.partner_id)
        self.assertEqual(money.receiver_id, self.bob)
        self.assertEqual(money.committed_quantity, 150.0)
        self.assertEqual(money.state, "pending")
        self.assertEqual(sell_back.invoice_id.rea_exchange_id, exchange)
        # Conversion: old shares back to the project, new ones out of it.
        conversion = self.run_operation(
            "conversion",
            self.alice,
            self.share_a,
            1,
            share_to_product_id=self.share_b.id,
        )
        events = conversion.rea_exchange_id.transfer_ids.mapped("event_ids")
        self.assertEqual(
            sorted((e.provider_id.name, e.resource_quantity) for e in events),
            sorted([("Alice Baker", 1.0), (self.project.partner_id.name, 2.0)]),
        )
        self.assertEqual(
            self.alice.get_rea_account(
                self.share_b.product_tmpl_id
            ).accounting_quantity,
            2,
        )
