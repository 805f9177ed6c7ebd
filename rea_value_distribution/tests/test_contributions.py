# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from .common import ValueCase


class TestContributions(ValueCase):
    """Timesheet sync, payouts in accounting and access rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group_user = cls.env.ref("rea_base.group_rea_user")
        cls.user_alice = cls.env["res.users"].create(
            {
                "name": "Alice",
                "login": "alice_vd",
                "partner_id": cls.alice.id,
                "groups_id": [
                    (
                        6,
                        0,
                        [group_user.id, cls.env.ref("project.group_project_user").id],
                    )
                ],
            }
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Alice", "user_id": cls.user_alice.id}
        )
        cls.project = cls.env["project.project"].create(
            {
                "name": "Desks",
                "rea_context_id": cls.workshop.id,
                "rea_skill_id": cls.carpentry.id,
            }
        )

    def _line(self, hours):
        return self.env["account.analytic.line"].create(
            {
                "name": "Sanding",
                "project_id": self.project.id,
                "user_id": self.user_alice.id,
                "employee_id": self.employee.id,
                "unit_amount": hours,
                "date": "2026-03-02",
            }
        )

    def test_timesheet_sync(self):
        line = self._line(3)
        event = line.rea_event_id
        self.assertTrue(event.is_contribution)
        self.assertEqual(event.provider_id, self.alice)
        self.assertEqual(event.context_id, self.workshop)
        self.assertEqual(event.effort_quantity, 3)
        self.assertEqual(event.resource_conforms_to_id, self.carpentry)
        self.assertEqual(event.money_value, 60.0)
        self.assertEqual(event.timesheet_line_id, line)
        line.unit_amount = 5
        self.assertTrue(event.is_corrected)
        new_event = line.rea_event_id
        self.assertEqual(new_event.effort_quantity, 5)
        line.unlink()
        self.assertTrue(new_event.is_corrected)
        # Only the live event would count: none is left.
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}], behavior="remaining"
        )
        self.assertFalse(self.Engine.compute(equation, 1000.0)["agents"])
        # A line on a project without context makes no event.
        other = self.env["project.project"].create({"name": "Private"})
        line = self.env["account.analytic.line"].create(
            {
                "name": "x",
                "project_id": other.id,
                "user_id": self.user_alice.id,
                "unit_amount": 2,
            }
        )
        self.assertFalse(line.rea_event_id)

    def _journal_accounts(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase")], limit=1
        )
        expense = self.env["account.account"].search(
            [
                (
                    "user_type_id",
                    "=",
                    self.env.ref("account.data_account_type_expenses").id,
                )
            ],
            limit=1,
        )
        return journal, expense

    def test_payout_journal_entries_and_cancel(self):
        self.work(self.alice, 10)
        journal, expense = self._journal_accounts()
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}],
            payout_method="move",
            payout_journal_id=journal.id,
            payout_account_id=expense.id,
        )
        distribution = self.distribute(equation, 100.0)
        line = distribution.line_ids
        self.assertEqual(line.move_id.state, "posted")
        debit = line.move_id.line_ids.filtered(lambda ln: ln.debit)
        self.assertEqual(debit.account_id, expense)
        self.assertEqual(debit.debit, 100.0)
        credit = line.move_id.line_ids.filtered(lambda ln: ln.credit)
        self.assertEqual(credit.partner_id, self.alice)
        distribution.action_cancel()
        self.assertTrue(line.reversal_move_id)
        self.assertTrue(credit.reconciled)

    def test_payout_bills_and_paid_refusal(self):
        self.work(self.alice, 10)
        journal, expense = self._journal_accounts()
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}],
            payout_method="invoice",
            payout_journal_id=journal.id,
            payout_account_id=expense.id,
        )
        distribution = self.distribute(equation, 100.0)
        bill = distribution.line_ids.invoice_id
        self.assertEqual(bill.type, "in_invoice")
        self.assertEqual(bill.state, "open")
        self.assertEqual(bill.amount_total, 100.0)
        bank = self.env["account.journal"].search([("type", "=", "bank")], limit=1)
        bill.pay_and_reconcile(bank, 40.0)
        with self.assertRaises(UserError):
            distribution.action_cancel()
        self.assertEqual(distribution.state, "done")

    def test_cancel_unpaid_bill(self):
        self.work(self.alice, 10)
        journal, expense = self._journal_accounts()
        equation = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}],
            payout_method="invoice",
            payout_journal_id=journal.id,
            payout_account_id=expense.id,
        )
        distribution = self.distribute(equation, 100.0)
        distribution.action_cancel()
        line = distribution.line_ids
        self.assertEqual(line.refund_id.type, "in_refund")
        self.assertEqual(line.invoice_id.state, "paid")

    def test_access_rules(self):
        self.work(self.alice, 10)
        self.work(self.bob, 8)
        garden_process = self.process("Garden", context=self.other_project)
        self.work(self.carol, 4, process=garden_process, context=self.other_project)
        eq_a = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        eq_b = self.equation(
            [{"percentage": 100, "rules": [self.work_rule()]}],
            context=self.other_project,
        )
        dist_a = self.distribute(eq_a, 100.0)
        dist_b = self.distribute(eq_b, 100.0)
        Line = self.env["rea.distribution.line"].sudo(self.user_alice)
        self.assertEqual(Line.search([]).mapped("agent_id"), self.alice)
        self.assertEqual(
            self.env["rea.claim"].sudo(self.user_alice).search([]).mapped("agent_id"),
            self.alice,
        )
        self.assertEqual(
            self.env["rea.distribution"].sudo(self.user_alice).search([]), dist_a
        )
        # A coordinator of the garden project sees the garden only.
        coordinator = self.env["res.partner"].create({"name": "Dana"})
        self.relate(
            coordinator,
            self.other_project,
            self.env.ref("rea_base.relationship_type_manager"),
        )
        user_dana = self.env["res.users"].create(
            {
                "name": "Dana",
                "login": "dana_vd",
                "partner_id": coordinator.id,
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
        Distribution = self.env["rea.distribution"].sudo(user_dana)
        self.assertEqual(Distribution.search([]), dist_b)
        with self.assertRaises(AccessError):
            dist_a.sudo(user_dana).read(["name"])
        # Equations: readable by all, changed by coordinators only.
        eq_b.sudo(user_dana).name = "Garden sharing"
        with self.assertRaises(AccessError):
            eq_a.sudo(user_dana).write({"name": "Hijack"})
        # Distributing: coordinators of the context only (an access refusal,
        # from opening the wizard on an equation one does not read).
        with self.assertRaises(AccessError):
            self.env["rea.distribution.wizard"].sudo(user_dana).create(
                {
                    "context_id": self.workshop.id,
                    "equation_id": eq_a.id,
                    "mode": "amount",
                    "amount": 10,
                }
            )

    def test_members_declare_skills_managers_set_rates(self):
        """A rate is the value per hour of a declared skill (one model,
        rea.agent.skill): members declare skills, REA managers set what an
        hour of them is worth."""
        Skill = self.env["rea.agent.skill"]
        rate = self.bob.rea_skill_rate_ids
        self.assertEqual(
            (rate.skill_id, rate.value_per_unit, rate.level),
            (self.carpentry, 25.0, "2"),
        )
        self.assertEqual(Skill.get_rate(self.bob, self.carpentry), 25.0)
        self.assertEqual(Skill.get_rate(self.alice, self.carpentry), 20.0)
        as_alice = Skill.sudo(self.user_alice)
        skill = as_alice.create(
            {"partner_id": self.alice.id, "skill_id": self.design_work.id}
        )
        skill.write({"level": "3"})
        with self.assertRaises(AccessError):
            skill.write({"value_per_unit": 99.0})
        with self.assertRaises(AccessError):
            as_alice.create(
                {
                    "partner_id": self.alice.id,
                    "skill_id": self.carpentry.id,
                    "value_per_unit": 99.0,
                }
            )
        with self.assertRaises(AccessError):
            rate.sudo(self.user_alice).unlink()
        skill.unlink()
