# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import TransactionCase


class TestExchangeDemo(TransactionCase):
    """The demo exchanges load with the states and balances they tell."""

    def ref(self, xmlid):
        return self.env.ref("rea_exchanges.%s" % xmlid)

    def test_demo_states(self):
        expected = {
            "rea_exchange_share_jordi_demo": "complete",
            "rea_exchange_sale_laia_demo": "pending",
            "rea_exchange_donation_pau_demo": "complete",
            "rea_exchange_purchase_planks_demo": "pending",
            "rea_exchange_loan_network_demo": "pending",
            "rea_exchange_internal_network_demo": "cancelled",
            "rea_exchange_portal_share_demo": "pending",
            "rea_exchange_gift_marta_demo": "empty",
        }
        for xmlid, state in expected.items():
            self.assertEqual(self.ref(xmlid).state, state, xmlid)
        planks = self.ref("rea_transfer_purchase_planks_goods_demo")
        self.assertEqual(
            (planks.actual_quantity, planks.committed_quantity), (6.0, 10.0)
        )

    def test_demo_balances(self):
        """Balances of this module's demo exchanges: other modules' demo
        data (e.g. the portal member's money exchanges of
        rea_value_distribution) add exchanges to the same members."""
        own = self.env["ir.model.data"].search(
            [("module", "=", "rea_exchanges"), ("model", "=", "rea.exchange")]
        )
        domain = [("id", "in", own.mapped("res_id"))]
        pau = self.env.ref("rea_base.res_partner_pau_demo")
        totals = {
            line["unit"].name: line for line in pau.get_exchange_totals(domain=domain)
        }
        self.assertAlmostEqual(totals["FAIR"]["outgo"], 12.34567891, places=8)
        portal = self.env.ref("base.partner_demo_portal")
        totals = {
            line["unit"].name: line
            for line in portal.get_exchange_totals(domain=domain)
        }
        self.assertEqual(totals["EUR"]["outgo"], 20.0)
        self.assertAlmostEqual(totals["FAIR"]["committed_out"], 30.5, places=8)
