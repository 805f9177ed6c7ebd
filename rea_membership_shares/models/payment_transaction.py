# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.multi
    def write(self, vals):
        """A bank transfer confirmed as received (done) pays its capital
        release request like an online payment does."""
        result = super().write(vals)
        if vals.get("state") == "done":
            for tx in self.filtered(
                lambda t: t.acquirer_id.provider == "transfer"
                and t.account_invoice_id.is_capital_release
                and t.account_invoice_id.state == "open"
            ):
                tx.sudo()._confirm_invoice()
        return result
