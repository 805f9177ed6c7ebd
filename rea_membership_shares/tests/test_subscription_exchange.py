# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import SharesCase


class TestSubscriptionExchange(SharesCase):
    """A validated request's exchange plans what the member commits to (the
    shares in, the money out); once paid, the same shows as done."""

    def totals(self, request):
        lines = self.env["rea.exchange"].get_totals(
            request.partner_id, domain=[("id", "=", request.exchange_id.id)]
        )
        return {line["resource_type"]: line for line in lines}

    def test_validated_request_commits_shares_and_money(self):
        request = self.make_request(quantity=2)
        request.action_validate()
        exchange = request.exchange_id
        self.assertEqual(exchange.state, "pending")
        shares = request._get_share_transfer()
        money = exchange.get_money_transfer()
        self.assertAlmostEqual(
            sum(shares.commitment_ids.mapped("resource_quantity")), 2
        )
        self.assertAlmostEqual(
            sum(money.commitment_ids.mapped("resource_quantity")),
            request.invoice_id.amount_total,
        )
        totals = self.totals(request)
        share_line = totals[self.share_a.product_tmpl_id]
        self.assertAlmostEqual(share_line["committed_in"], 2)
        self.assertAlmostEqual(share_line["balance"], 0)
        money_line = totals[money.resource_conforms_to_id]
        self.assertAlmostEqual(
            money_line["committed_out"], request.invoice_id.amount_total
        )

        self.pay(request)
        self.assertEqual(request.state, "paid")
        self.assertEqual(exchange.state, "complete")
        totals = self.totals(request)
        share_line = totals[self.share_a.product_tmpl_id]
        self.assertAlmostEqual(share_line["committed_in"], 0)
        self.assertAlmostEqual(share_line["income"], 2)
        money_line = totals[money.resource_conforms_to_id]
        self.assertAlmostEqual(money_line["committed_out"], 0)
        self.assertAlmostEqual(money_line["outgo"], request.invoice_id.amount_total)
