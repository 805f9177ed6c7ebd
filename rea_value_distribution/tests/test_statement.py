# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from odoo.addons.rea_base.tests.http_common import real_pdf

from .common import ValueCase

STATEMENT = "rea_value_distribution.action_report_distribution_statement"


@at_install(False)
@post_install(True)
class TestStatement(ValueCase):
    """Portal members' access to contributions and distributions, the
    statement report, validation and payout states."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        portal = cls.env.ref("base.group_portal")
        cls.portal_alice = cls.portal_user(cls.alice, "alice_vd_portal", portal)
        cls.portal_bob = cls.portal_user(cls.bob, "bob_vd_portal", portal)
        cls.work_alice = cls.work(cls.alice, 10)
        cls.work_bob = cls.work(cls.bob, 5)
        journal = cls.env["account.journal"].search(
            [("type", "=", "purchase")], limit=1
        )
        expense = cls.env["account.account"].search(
            [
                (
                    "user_type_id",
                    "=",
                    cls.env.ref("account.data_account_type_expenses").id,
                )
            ],
            limit=1,
        )
        cls.equation_moves = cls.equation(
            [{"name": "Work", "percentage": 100, "rules": [cls.work_rule()]}],
            payout_method="move",
            payout_journal_id=journal.id,
            payout_account_id=expense.id,
        )
        result = cls.Engine.compute(cls.equation_moves, 300.0)
        cls.distribution = cls.env["rea.distribution"].create_from_result(
            cls.equation_moves, result, "2026-04-01"
        )
        lines = cls.distribution.line_ids
        cls.line_alice = lines.filtered(lambda ln: ln.agent_id == cls.alice)
        cls.line_bob = lines.filtered(lambda ln: ln.agent_id == cls.bob)

    @classmethod
    def portal_user(cls, partner, login, group):
        return cls.env["res.users"].create(
            {
                "name": partner.name,
                "login": login,
                "partner_id": partner.id,
                "groups_id": [(6, 0, [group.id])],
            }
        )

    def test_distribution_split(self):
        # Alice 10 h x 20 = 200, Bob 5 h x 25 (his rate) = 125: 300 shared.
        self.assertAlmostEqual(self.line_alice.amount, 184.62, places=2)
        self.assertAlmostEqual(self.line_bob.amount, 115.38, places=2)
        self.assertTrue(self.line_alice.move_id)

    def test_portal_reads_own_distribution_records_only(self):
        Line = self.env["rea.distribution.line"].sudo(self.portal_alice)
        self.assertEqual(Line.search([]), self.line_alice)
        with self.assertRaises(AccessError):
            self.line_bob.sudo(self.portal_alice).read(["amount"])
        with self.assertRaises(AccessError):
            self.line_alice.sudo(self.portal_alice).write({"amount": 1000.0})
        details = self.env["rea.distribution.detail"].sudo(self.portal_alice).search([])
        self.assertTrue(details)
        self.assertEqual(details.mapped("agent_id"), self.alice)
        payments = self.env["rea.claim.payment"].sudo(self.portal_alice).search([])
        self.assertEqual(payments.mapped("event_id"), self.work_alice)
        claims = self.env["rea.claim"].sudo(self.portal_alice).search([])
        self.assertEqual(claims.mapped("agent_id"), self.alice)
        self.assertEqual(
            self.env["rea.distribution"].sudo(self.portal_alice).search([]),
            self.distribution,
        )
        # Bob's own view is his line only.
        self.assertEqual(
            self.env["rea.distribution.line"].sudo(self.portal_bob).search([]),
            self.line_bob,
        )
        # Nor are the distributed income records shown to portal users.
        with self.assertRaises(AccessError):
            self.env["rea.distribution.income"].sudo(self.portal_alice).search([])

    def test_portal_reads_own_contributions_and_validations(self):
        Event = self.env["rea.event"].sudo(self.portal_alice)
        contributions = Event.search([("is_contribution", "=", True)])
        self.assertIn(self.work_alice, contributions)
        self.assertNotIn(self.work_bob, contributions)
        Validation = self.env["rea.contribution.validation"]
        on_alice = Validation.create(
            {"event_id": self.work_alice.id, "partner_id": self.carol.id}
        )
        on_bob = Validation.create(
            {"event_id": self.work_bob.id, "partner_id": self.carol.id}
        )
        by_alice = Validation.create(
            {"event_id": self.work_bob.id, "partner_id": self.alice.id}
        )
        seen = Validation.sudo(self.portal_alice).search([])
        self.assertIn(on_alice, seen)
        self.assertIn(by_alice, seen)
        self.assertNotIn(on_bob, seen)
        with self.assertRaises(AccessError):
            on_bob.sudo(self.portal_alice).read(["partner_id"])
        with self.assertRaises(AccessError):
            Validation.sudo(self.portal_alice).create(
                {"event_id": self.work_alice.id, "partner_id": self.alice.id}
            )

    def test_statement_html(self):
        report = self.env.ref(STATEMENT)
        self.assertEqual(report.model, "rea.distribution.line")
        self.assertEqual(report.report_type, "qweb-pdf")
        content, kind = report.render_qweb_html(self.line_alice.ids)
        self.assertEqual(kind, "html")
        html = content.decode("utf-8")
        self.assertIn("Distribution statement", html)
        self.assertIn(self.distribution.name, html)
        self.assertIn("Alice", html)
        self.assertIn("Fusta Workshop", html)
        self.assertIn("184.62", html)
        self.assertIn(self.line_alice.move_id.name, html)
        self.assertIn(self.work_alice.name, html)
        self.assertIn("rea_statement_claims", html)
        # Bob's contribution is not on Alice's statement.
        self.assertNotIn(self.work_bob.name, html)
        self.assertNotIn("115.38", html)

    def test_statement_pdf(self):
        with real_pdf():
            content, kind = self.env.ref(STATEMENT).render_qweb_pdf(self.line_alice.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))

    def test_print_statements_from_distribution(self):
        action = self.distribution.action_print_statements()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"],
            "rea_value_distribution.report_distribution_statement",
        )
        self.assertEqual(
            sorted(action["context"]["active_ids"]),
            sorted(self.distribution.line_ids.ids),
        )

    def test_validation_states(self):
        self.assertEqual(
            self.work_alice.get_rea_validation_state(), ("not_required", 0)
        )
        self.workshop.write({"rea_require_validation": True, "rea_validation_count": 2})
        self.assertEqual(self.work_alice.get_rea_validation_state(), ("waiting", 2))
        Validation = self.env["rea.contribution.validation"]
        Validation.create({"event_id": self.work_alice.id, "partner_id": self.bob.id})
        self.assertEqual(self.work_alice.get_rea_validation_state(), ("waiting", 1))
        Validation.create({"event_id": self.work_alice.id, "partner_id": self.carol.id})
        self.assertEqual(self.work_alice.get_rea_validation_state(), ("validated", 0))

    def test_distributed_income_counts_in_exchange_balances(self):
        """Alice's balances (/my/exchanges, the agent summary) hold what
        she was distributed, and nothing more once it is cancelled."""
        event = self.line_alice.event_id
        self.assertTrue(event)

        def balance():
            lines = [
                line
                for line in self.alice.get_exchange_totals()
                if line["unit"] == event.resource_unit_id
            ]
            return sum(line["balance"] for line in lines), lines

        total, lines = balance()
        self.assertEqual(len(lines), 1, lines)
        self.assertEqual(lines[0]["resource_type"], event.resource_conforms_to_id)
        self.assertAlmostEqual(total, self.line_alice.amount, places=2)
        self.assertAlmostEqual(lines[0]["income"], event.resource_quantity, places=2)
        # Filtered to some exchanges (a type, a state, dates), the totals are
        # those exchanges' only: no distributed income.
        filtered = self.alice.get_exchange_totals(
            domain=[("state", "=", "complete")], other_events=False
        )
        self.assertFalse(
            [line for line in filtered if line["unit"] == event.resource_unit_id]
        )
        summary = self.env["rea.exchange.summary"].create(
            {"partner_id": self.alice.id, "state": "complete"}
        )
        self.assertTrue(summary._has_filters())
        self.distribution.action_cancel()
        self.assertTrue(self.line_alice.reversal_event_id)
        total, lines = balance()
        self.assertAlmostEqual(total, 0.0, places=2)

    def test_others_distributed_income_stays_theirs(self):
        """Asked over RPC by another member, Alice's balances do not show
        what she was distributed (events count under their own rules)."""
        event = self.line_alice.event_id
        own = self.alice.sudo(self.portal_alice).get_exchange_totals()
        self.assertTrue([ln for ln in own if ln["unit"] == event.resource_unit_id])
        seen = self.alice.sudo(self.portal_bob).get_exchange_totals()
        self.assertFalse([ln for ln in seen if ln["unit"] == event.resource_unit_id])

    def test_payout_states(self):
        self.assertEqual(self.line_alice.get_payout_state(), "to_pay")
        self.assertEqual(
            self.line_alice.get_payout_reference(), self.line_alice.move_id.name
        )
        self.distribution.action_cancel()
        self.assertEqual(self.line_alice.get_payout_state(), "reversed")
        plain = self.equation([{"percentage": 100, "rules": [self.work_rule()]}])
        line = self.distribute(plain, 50.0).line_ids[:1]
        self.assertEqual(line.get_payout_state(), "none")
        self.assertEqual(line.get_payout_reference(), "")
