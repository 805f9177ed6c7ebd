# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools.safe_eval import safe_eval

from .common import SharesCase


class TestCapitalReleaseInvoicing(SharesCase):
    """Capital release requests are capital, not sales: out of the
    partner's invoiced total, the customer invoice list and the invoice
    analysis, but listed in the cooperative's own menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls.make_request()
        cls.request.action_validate()
        cls.capital_release = cls.request.invoice_id
        cls.partner = cls.request.partner_id
        revenue = cls.env["account.account"].search(
            [
                ("company_id", "=", cls.company.id),
                (
                    "user_type_id",
                    "=",
                    cls.env.ref("account.data_account_type_revenue").id,
                ),
            ],
            limit=1,
        )
        cls.sale = cls.env["account.invoice"].create(
            {
                "partner_id": cls.partner.id,
                "type": "out_invoice",
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Consulting",
                            "quantity": 1,
                            "price_unit": 77.0,
                            "account_id": revenue.id,
                            "invoice_line_tax_ids": [(6, 0, [])],
                        },
                    )
                ],
            }
        )
        cls.sale.action_invoice_open()

    def action_records(self, xmlid):
        action = self.env.ref(xmlid)
        domain = safe_eval(action.domain or "[]")
        return self.env[action.res_model].search(domain)

    def test_report_has_the_flag(self):
        Report = self.env["account.invoice.report"]
        flagged = Report.search([("is_capital_release", "=", True)])
        self.assertIn(self.partner, flagged.mapped("partner_id"))
        own = Report.search([("partner_id", "=", self.partner.id)])
        self.assertEqual(len(own), 2)
        by_flag = {line.is_capital_release: line.price_total for line in own}
        self.assertAlmostEqual(by_flag[True], 100.0)
        self.assertAlmostEqual(by_flag[False], 77.0)

    def test_invoiced_total_leaves_capital_out(self):
        self.assertEqual(self.capital_release.state, "open")
        # The total has no dependencies: drop a value computed before the
        # sale existed.
        self.partner.invalidate_cache()
        self.assertAlmostEqual(self.partner.total_invoiced, 77.0)
        # Still out once paid, and a plain search of the report still
        # sees the capital release lines (only the total asks to drop them).
        self.pay(self.request)
        self.assertEqual(self.request.state, "paid")
        self.partner.invalidate_cache()
        self.assertAlmostEqual(self.partner.total_invoiced, 77.0)
        self.assertTrue(
            self.env["account.invoice.report"].search(
                [
                    ("partner_id", "=", self.partner.id),
                    ("is_capital_release", "=", True),
                ]
            )
        )

    def test_customer_invoice_menus(self):
        invoices = self.action_records("account.action_invoice_tree1")
        self.assertIn(self.sale, invoices)
        self.assertNotIn(self.capital_release, invoices)
        analysis = self.action_records("account.action_account_invoice_report_all")
        self.assertIn(self.partner, analysis.mapped("partner_id"))
        self.assertFalse(analysis.filtered("is_capital_release"))
        releases = self.action_records(
            "rea_membership_shares.action_capital_release_invoices"
        )
        self.assertIn(self.capital_release, releases)
        self.assertNotIn(self.sale, releases)

    def test_capital_release_menus_open_the_customer_form(self):
        """Capital release requests are customer invoices: both menus open
        them in the customer invoice form, not the vendor bill's."""
        customer_form = self.env.ref("account.invoice_form")
        for xmlid in (
            "rea_membership_shares.action_capital_release_invoices",
            "rea_membership_shares.action_capital_release_to_pay",
        ):
            action = self.env.ref(xmlid)
            forms = action.view_ids.filtered(lambda v: v.view_mode == "form")
            self.assertEqual(forms.mapped("view_id"), customer_form, xmlid)

    def test_register_payment_menu_lists_open_requests(self):
        to_pay = self.action_records(
            "rea_membership_shares.action_capital_release_to_pay"
        )
        self.assertIn(self.capital_release, to_pay)
        self.assertNotIn(self.sale, to_pay)
        self.pay(self.request)
        to_pay = self.action_records(
            "rea_membership_shares.action_capital_release_to_pay"
        )
        self.assertNotIn(self.capital_release, to_pay)
        menu = self.env.ref("rea_membership_shares.menu_capital_release_to_pay")
        self.assertEqual(
            menu.action,
            self.env.ref("rea_membership_shares.action_capital_release_to_pay"),
        )

    def test_membership_status_lists(self):
        candidates = self.action_records(
            "rea_membership_shares.action_cooperator_candidates"
        )
        # Validated, unpaid: a candidate, not yet a cooperator.
        self.assertTrue(self.partner.is_cooperator_candidate)
        self.assertFalse(self.partner.is_cooperator)
        self.assertIn(self.partner, candidates)
        self.assertNotIn(
            self.partner,
            self.action_records("rea_membership_shares.action_cooperators"),
        )
        self.pay(self.request)
        self.assertFalse(self.partner.is_cooperator_candidate)
        self.assertTrue(self.partner.is_cooperator)
        self.assertNotIn(
            self.partner,
            self.action_records("rea_membership_shares.action_cooperator_candidates"),
        )
        self.assertIn(
            self.partner,
            self.action_records("rea_membership_shares.action_cooperators"),
        )
