# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    is_capital_release = fields.Boolean(
        string="Capital release request", readonly=True, copy=False, index=True
    )
    subscription_request_id = fields.Many2one(
        "rea.subscription.request",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
    )

    @api.multi
    def action_invoice_paid(self):
        """Only a full settlement counts: the request becomes paid (or
        cancelled when a refund settled it)."""
        to_check = self.filtered(lambda i: i.is_capital_release and i.state == "open")
        result = super().action_invoice_paid()
        if self.env.context.get("rea_shares_no_paid_flow"):
            return result
        # Who settled the invoice signs the request's messages.
        actor = self.env["rea.subscription.request"]._actor_context()
        for invoice in to_check.filtered(lambda i: i.state == "paid"):
            request = invoice.with_context(**actor).sudo().subscription_request_id
            if request:
                request._on_capital_release_paid(invoice.sudo())
        return result
