# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"
    _depends = {"account.invoice": ["is_capital_release"]}

    is_capital_release = fields.Boolean(string="Capital release request", readonly=True)

    def _select(self):
        return super()._select() + ", sub.is_capital_release as is_capital_release"

    def _sub_select(self):
        return (
            super()._sub_select()
            + ", COALESCE(ai.is_capital_release, FALSE) AS is_capital_release"
        )

    def _group_by(self):
        return super()._group_by() + ", ai.is_capital_release"

    @api.model
    def _where_calc(self, domain, active_test=True):
        # Capital is not turnover: res.partner._invoice_total asks (through
        # this context key) for the partner's invoiced total without the
        # capital release requests.
        if self.env.context.get("rea_shares_exclude_capital_release"):
            domain = list(domain or []) + [("is_capital_release", "=", False)]
        return super()._where_calc(domain, active_test=active_test)
