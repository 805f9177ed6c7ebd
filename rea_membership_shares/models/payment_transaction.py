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
                tx.with_context(**tx._share_actor_context()).sudo()._confirm_invoice()
        return result

    @api.multi
    def _share_actor_context(self):
        """Who signs the messages of the paid flow: the staff member who
        confirms a bank transfer, else the member who paid online (the
        acquirer's feedback runs as superuser or public user)."""
        self.ensure_one()
        return self.env["rea.subscription.request"]._actor_context(
            default=self.partner_id
        )

    def _confirm_invoice(self):
        tx = self
        if self.account_invoice_id.is_capital_release:
            tx = self.with_context(**self._share_actor_context())
        return super(PaymentTransaction, tx)._confirm_invoice()
