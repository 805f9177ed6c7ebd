# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from lxml import etree

from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from .common import ValueCase

# A float as Python prints it ("200.0"), not as people read amounts.
RAW_FLOAT = re.compile(r"\d\.\d(?!\d)")


class TestHumanFormat(ValueCase):
    """Amounts in messages and explanations in their currency, dates in the
    reader's format, and no total adding unlike units or currencies."""

    def money(self, value, currency):
        return formatLang(self.env, value, currency_obj=currency)

    def test_equation_distributes_in_its_money_currency(self):
        equation = self.Equation.create(
            {
                "name": "In euros",
                "context_id": self.workshop.id,
                "money_type_id": self.euro.id,
            }
        )
        self.assertEqual(equation.currency_id, self.euro.rea_currency_id)
        self.assertEqual(equation.currency_id, self.env.ref("base.EUR"))

    def test_wizard_amounts_in_the_income_currency(self):
        equation = self.equation(
            [{"name": "Work", "percentage": 100, "rules": [self.work_rule()]}]
        )
        self.work(self.alice, 2)
        income = self.income(150.0)
        wizard = self.env["rea.distribution.wizard"].create(
            {
                "context_id": self.workshop.id,
                "equation_id": equation.id,
                "mode": "income",
                "income_line_ids": [
                    (0, 0, {"event_id": income.id, "available": 150.0, "amount": 200.0})
                ],
            }
        )
        euro = self.env.ref("base.EUR")
        self.assertEqual(wizard.income_line_ids.currency_id, euro)
        with self.assertRaises(UserError) as error:
            wizard.action_preview()
        message = error.exception.name
        self.assertIn(self.money(150.0, euro), message)
        self.assertIn(self.money(200.0, euro), message)
        self.assertIsNone(RAW_FLOAT.search(message), message)

    def test_explanations_formatted(self):
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 90, "rules": [self.work_rule()]},
            ]
        )
        self.work(self.alice, 2, date="2026-03-10")
        self.work(self.bob, 3, date="2026-03-11")
        distribution = self.distribute(equation, 200.0)
        currency = equation.currency_id
        detail = distribution.detail_ids.filtered(lambda d: d.agent_id == self.alice)
        self.assertIn(self.money(detail.amount, currency), detail.explanation)
        self.assertIn(format_date(self.env, "2026-03-10"), detail.explanation)
        self.assertNotIn("2026-03-10", detail.explanation)
        for text in distribution.detail_ids.mapped("explanation") + [
            distribution.bucket_summary
        ]:
            self.assertIsNone(RAW_FLOAT.search(text), text)
        self.assertIn(self.money(200.0, currency), distribution.bucket_summary)

    def _arch(self, xmlid):
        return etree.fromstring(self.env.ref(xmlid).arch)

    def test_no_total_across_units_or_currencies(self):
        for xmlid in (
            "rea_value_distribution.rea_event_view_tree_contribution",
            "rea_value_distribution.rea_distribution_line_view_tree",
            "rea_value_distribution.rea_claim_view_tree",
        ):
            self.assertFalse(self._arch(xmlid).xpath("//field[@sum]"), xmlid)
        # Pivots and graphs group amounts by currency, quantities by unit.
        rows = self._arch(
            "rea_value_distribution.rea_distribution_line_view_pivot"
        ).xpath("//field[@type='row']/@name")
        self.assertEqual(rows[0], "currency_id")
        rows = self._arch(
            "rea_value_distribution.rea_event_view_pivot_contribution"
        ).xpath("//field[@type='row']/@name")
        self.assertEqual(rows[:2], ["effort_unit_id", "currency_id"])
        groups = self._arch(
            "rea_value_distribution.rea_event_view_graph_contribution"
        ).xpath("//field[@type!='measure']/@name")
        self.assertIn("currency_id", groups)
