# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from lxml import etree

from odoo.exceptions import UserError, ValidationError
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
        self.assertEqual(rows[:2], ["effort_unit_id", "resource_unit_id"])
        measures = self._arch(
            "rea_value_distribution.rea_event_view_pivot_contribution"
        ).xpath("//field[@type='measure']/@name")
        self.assertEqual(measures, ["effort_quantity", "resource_quantity"])
        groups = self._arch(
            "rea_value_distribution.rea_event_view_graph_contribution"
        ).xpath("//field[@type!='measure']/@name")
        self.assertIn("currency_id", groups)

    # Names, texts and screens of distributions

    def test_distribution_event_names_formatted(self):
        equation = self.equation(
            [{"name": "Fund", "percentage": 100, "agent": self.fund}]
        )
        distribution = self.distribute(equation, 239.4)
        event = distribution.line_ids.event_id
        unit = self.euro.uom_id
        self.assertIn(unit.rea_format_quantity(239.4), event.name)
        self.assertIn("239.40 EUR", event.name)
        self.assertIsNone(RAW_FLOAT.search(event.name), event.name)
        # Cancelling reverses the event under a name written the same way.
        distribution.action_cancel()
        reversal = distribution.line_ids.reversal_event_id
        self.assertTrue(reversal)
        self.assertIsNone(RAW_FLOAT.search(reversal.name), reversal.name)
        # Every event is named so (rea_base writes names with the formatter).
        self.assertIn("239.40 EUR", self.income(239.4).name)

    def test_bucket_texts_formatted(self):
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 90, "rules": [self.work_rule()]},
            ]
        )
        self.work(self.alice, 2)  # 2 hours at 20.00: claims of 40.00
        # 90 % of 506.67 is 456.00: 11.4 per unit of claim.
        result = self.Engine.compute(equation, 506.6666666667)
        summary = self.env["rea.distribution"].format_buckets(result)
        self.assertIn(": 11.4 per unit of claim", summary)
        self.assertIn("Fund (10 % of ", summary)
        self.assertIn("Work (90 % of ", summary)
        fixed = "10 %% of %s to Common fund" % self.money(506.67, self.eur)
        self.assertIn(fixed, summary)
        for raw in ("11.4000", "10.00", "90.00 %", "10.0000"):
            self.assertNotIn(raw, summary)

    def test_percentages_in_messages(self):
        with self.assertRaises(ValidationError) as error:
            self.equation(
                [
                    {"name": "A", "percentage": 60.5, "agent": self.fund},
                    {"name": "B", "percentage": 50, "agent": self.alice},
                ]
            )
        self.assertIn("add up to 110.5 %", error.exception.name)

    def test_wizard_keeps_its_title(self):
        equation = self.equation(
            [{"name": "Fund", "percentage": 100, "agent": self.fund}]
        )
        opened = equation.action_open_distribution_wizard()
        wizard = (
            self.env["rea.distribution.wizard"]
            .with_context(**opened["context"])
            .create({"mode": "amount", "amount": 239.4})
        )
        self.assertTrue(opened["name"])
        for reopened in (wizard.action_preview(), wizard.action_load_income()):
            self.assertEqual(reopened["name"], opened["name"])
            self.assertEqual(reopened["target"], "new")

    def _field(self, xmlid, name, path="//field[@name='%s']"):
        nodes = self._arch(xmlid).xpath(path % name)
        self.assertTrue(nodes, "%s has no field %s" % (xmlid, name))
        return nodes

    def test_amounts_shown_with_their_currency(self):
        # Claims are valued in their equation's currency.
        equation = self.equation(
            [{"name": "Work", "percentage": 100, "rules": [self.work_rule()]}]
        )
        self.work(self.alice, 2)
        claim = self.env["rea.claim"].search([("equation_id", "=", equation.id)])
        self.assertEqual(claim.currency_id, equation.currency_id)
        for xmlid in (
            "rea_value_distribution.rea_claim_view_tree",
            "rea_value_distribution.rea_claim_view_form",
        ):
            self._field(xmlid, "currency_id")
            for name in ("original_value", "value"):
                for node in self._field(xmlid, name):
                    self.assertEqual(node.get("widget"), "monetary", (xmlid, name))
        for name in ("amount", "reduction"):
            node = self._field(
                "rea_value_distribution.rea_claim_view_form",
                name,
                "//field[@name='payment_ids']//field[@name='%s']",
            )[0]
            self.assertEqual(node.get("widget"), "monetary")
        # Contributions: their value (money value, or work at its rate)
        # always with its currency.
        node = self._field(
            "rea_value_distribution.rea_event_view_tree_contribution", "rea_value"
        )[0]
        self.assertEqual(node.get("widget"), "monetary")
        self.assertIn("rea_value_currency_id", node.get("options"))

    def test_no_total_without_currency(self):
        # The web client writes list totals without a currency: the amounts
        # distributed are shown above the lists, with theirs.
        for xmlid in (
            "rea_value_distribution.rea_distribution_wizard_view_form",
            "rea_value_distribution.rea_distribution_view_form",
        ):
            self.assertFalse(self._arch(xmlid).xpath("//field[@sum]"), xmlid)

    def test_quantities_in_their_unit(self):
        # Contributions show the quantities they have, each in its unit.
        xmlid = "rea_value_distribution.rea_event_view_tree_contribution"
        for name, unit in (
            ("effort_quantity", "effort_unit_id"),
            ("resource_quantity", "resource_unit_id"),
        ):
            node = self._field(xmlid, name)[0]
            self.assertEqual(node.get("widget"), "rea_quantity")
            self.assertIn(unit, node.get("options"))
            self.assertIn(name, node.get("attrs"))
        # A saved event hides the quantities it does not have.
        form = etree.fromstring(
            self.env["rea.event"].fields_view_get(
                view_id=self.env.ref("rea_base.rea_event_view_form").id,
                view_type="form",
            )["arch"]
        )
        for name in ("effort_quantity", "resource_quantity"):
            for node in form.xpath(
                "//label[@for='%s'] | //div[@name='%s']" % (name, name)
            ):
                self.assertIn("invisible", node.get("modifiers"), name)

    def test_percentages_in_their_unit(self):
        equation = self.equation(
            [{"name": "Fund", "percentage": 12.5, "agent": self.fund}]
        )
        unit = equation.percent_unit_id
        self.assertEqual(
            unit, self.env.ref("rea_value_distribution.product_uom_percent")
        )
        self.assertEqual(equation.bucket_ids.percent_unit_id, unit)
        self.assertEqual(unit.rea_format_quantity(12.5, with_unit=False), "12.5")
        self.assertEqual(unit.rea_format_quantity(10.0, with_unit=False), "10")
        xmlid = "rea_value_distribution.rea_value_equation_view_form"
        nodes = self._field(xmlid, "percentage") + self._field(
            xmlid, "total_percentage"
        )
        self.assertEqual(len(nodes), 3)
        for node in nodes:
            self.assertEqual(node.get("widget"), "rea_quantity")
            self.assertIn("percent_unit_id", node.get("options"))
