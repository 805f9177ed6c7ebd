# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools.misc import formatLang

from .common import ExchangeCase


class TestExchangeTotals(ExchangeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Project A sells 2 boards to member A for 30 EUR: delivered, 10 paid.
        cls.sale_exchange = cls.sale(cls.member_a, boards=2, price=30.0)
        goods, money = cls.sides(cls.sale_exchange)
        goods.record_event()
        money.record_event(10.0)
        # Member A gives 0.12345678 FAIR to project A (one transfer).
        cls.donation = cls.make_exchange(
            "donation_faircoin",
            cls.member_a,
            cls.project_a,
            context=cls.project_a,
            start_date="2020-05-01",
        )
        cls.donation.transfer_ids.record_event(0.12345678)
        # Member A repairs for 3 hours, to be paid 45.5 FAIR.
        cls.service = cls.make_exchange(
            "service_faircoin", cls.member_a, cls.project_a, context=cls.project_a
        )
        work, payment = cls.sides(cls.service)
        work.resource_conforms_to_id = cls.repair
        work.add_commitment(3.0)
        work.record_event()
        payment.add_commitment(45.5, due="2030-02-01 10:00:00")

    def assertLine(self, line, income, outgo, committed_in, committed_out):
        self.assertAlmostEqual(line["income"], income, places=8)
        self.assertAlmostEqual(line["outgo"], outgo, places=8)
        self.assertAlmostEqual(line["balance"], income - outgo, places=8)
        self.assertAlmostEqual(line["committed_in"], committed_in, places=8)
        self.assertAlmostEqual(line["committed_out"], committed_out, places=8)
        self.assertAlmostEqual(
            line["future_balance"],
            income - outgo + committed_in - committed_out,
            places=8,
        )

    def test_member_totals_in_several_units(self):
        totals = self.totals_by_unit(self.member_a.get_exchange_totals())
        self.assertEqual(
            set(totals), {self.uom_unit.name, "EUR", "FAIR", self.uom_hour.name}
        )
        self.assertLine(totals[self.uom_unit.name], 2.0, 0.0, 0.0, 0.0)
        self.assertLine(totals["EUR"], 0.0, 10.0, 0.0, 20.0)
        self.assertLine(totals["FAIR"], 0.0, 0.12345678, 45.5, 0.0)
        self.assertLine(totals[self.uom_hour.name], 0.0, 3.0, 0.0, 0.0)

    def test_the_other_side_mirrors(self):
        """A's income is the project's outgo: the agent's perspective."""
        totals = self.totals_by_unit(self.project_a.get_exchange_totals())
        self.assertLine(totals[self.uom_unit.name], 0.0, 2.0, 0.0, 0.0)
        self.assertLine(totals["EUR"], 10.0, 0.0, 20.0, 0.0)
        self.assertLine(totals["FAIR"], 0.12345678, 0.0, 0.0, 45.5)
        self.assertLine(totals[self.uom_hour.name], 3.0, 0.0, 0.0, 0.0)

    def test_eight_decimals(self):
        totals = self.totals_by_unit(self.member_a.get_exchange_totals())
        fair = totals["FAIR"]
        self.assertEqual(
            fair["unit"].rea_format_quantity(fair["balance"]), "-0.12345678 FAIR"
        )
        account = self.member_a.get_rea_account(self.faircoin)
        self.assertEqual(account.accounting_quantity, -0.12345678)
        event = self.donation.transfer_ids.event_ids
        self.env.cr.execute(
            "SELECT resource_quantity FROM rea_event WHERE id = %s", (event.id,)
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0.12345678)

    def test_filters_restrict_the_totals(self):
        recent = [("start_date", ">", "2021-01-01")]
        totals = self.totals_by_unit(self.member_a.get_exchange_totals(domain=recent))
        self.assertLine(totals["FAIR"], 0.0, 0.0, 45.5, 0.0)
        one_sided = [("transfer_count", "=", 1)]
        totals = self.totals_by_unit(
            self.member_a.get_exchange_totals(domain=one_sided)
        )
        self.assertEqual(set(totals), {"FAIR"})
        self.assertLine(totals["FAIR"], 0.0, 0.12345678, 0.0, 0.0)

    def test_cancelled_commitments_no_longer_count(self):
        self.service.action_cancel()
        totals = self.totals_by_unit(self.member_a.get_exchange_totals())
        self.assertLine(totals["FAIR"], 0.0, 0.12345678, 0.0, 0.0)
        self.assertLine(totals[self.uom_hour.name], 0.0, 3.0, 0.0, 0.0)

    def test_context_with_sub_agents(self):
        """The network alone, then with its projects; transfers inside the
        group cancel out."""
        internal = self.make_exchange(
            "internal_fiat", self.network, self.project_a, context=self.network
        )
        internal.transfer_ids.record_event(100.0)
        alone = self.totals_by_unit(self.network.get_exchange_totals())
        self.assertEqual(set(alone), {"EUR"})
        self.assertLine(alone["EUR"], 0.0, 100.0, 0.0, 0.0)
        group = self.totals_by_unit(
            self.network.get_exchange_totals(include_sub_agents=True)
        )
        self.assertLine(group["EUR"], 10.0, 0.0, 20.0, 0.0)
        self.assertLine(group["FAIR"], 0.12345678, 0.0, 0.0, 45.5)

    def test_queries_do_not_grow_with_exchanges(self):
        """The same queries for 3 exchanges as for 9, the first call of the
        process included (nothing it looks up is cached for the next)."""

        def count_queries():
            self.Exchange.invalidate_cache()
            before = self.env.cr.sql_log_count
            self.member_a.get_exchange_totals()
            return self.env.cr.sql_log_count - before

        few = count_queries()
        for _i in range(6):
            exchange = self.sale(self.member_a)
            for transfer in exchange.transfer_ids:
                transfer.record_event()
        self.assertEqual(count_queries(), few)
        self.assertLessEqual(few, 5)

    def test_agent_summary(self):
        """The partner's smart button opens the totals box over the list."""
        action = self.member_a.action_view_rea_exchanges()
        summary = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(action["context"]["rea_agent_id"], self.member_a.id)
        self.assertEqual(len(summary.exchange_ids), 3)
        self.assertIn("0.12345678", summary.totals_html)
        self.assertIn("Euro", summary.totals_html)
        summary.exchange_type_id = self.exchange_type("donation_faircoin")
        self.assertEqual(summary.exchange_ids, self.donation)
        self.assertNotIn("Euro", summary.totals_html)
        list_action = summary.action_open_exchanges()
        self.assertEqual(self.Exchange.search(list_action["domain"]), self.donation)
        self.assertEqual(self.member_a.rea_exchange_count, 3)
        gives = self.Exchange.with_context(rea_agent_id=self.member_a.id).search(
            [("agent_gives", "=", True)]
        )
        self.assertEqual(gives, self.donation)
        receives = self.Exchange.with_context(rea_agent_id=self.project_a.id).search(
            [("agent_receives", "=", True)]
        )
        self.assertEqual(receives, self.donation)


class TestExchangeTotalsPerResourceType(ExchangeCase):
    def test_two_share_types_in_one_unit_are_two_lines(self):
        """Shares of two types are both counted in Units: the balance has
        a line for each type, named after it, never their sum."""
        other_share = self._resource_type("Other share", "share", negative=True)
        for share_type, quantity in ((self.share, 2.0), (other_share, 5.0)):
            exchange = self.make_exchange(
                "donation_gift",
                self.project_a,
                self.member_a,
                context=self.project_a,
            )
            transfer = exchange.transfer_ids[:1]
            transfer.resource_conforms_to_id = share_type
            transfer.record_event(quantity)
        totals = self.Exchange.get_totals(self.member_a)
        shares = {
            line["resource_type"].name: line["income"]
            for line in totals
            if line["unit"] == self.uom_unit
        }
        self.assertEqual(shares, {"Network share": 2.0, "Other share": 5.0})

    def test_money_is_written_with_its_currency(self):
        """Amounts read as Odoo writes money everywhere in the portal."""
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        goods, money = self.sides(exchange)
        currency = self.euro.rea_get_display_currency()
        self.assertTrue(currency)
        expected = formatLang(self.env, 30.0, currency_obj=currency)
        self.assertEqual(money.format_quantity(30.0), expected)
        self.assertIn(currency.symbol, money.get_summary())
        self.assertNotIn(self.uom_eur.name, money.get_summary())
        self.assertEqual(goods.format_quantity(2.0), "2 %s" % self.uom_unit.name)
