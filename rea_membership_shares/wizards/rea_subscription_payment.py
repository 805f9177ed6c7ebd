# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from ..formatting import format_amount


class ReaSubscriptionPayment(models.TransientModel):
    """Staff confirm that a manual payment (bank transfer, cash...) of a
    capital release request arrived: it is registered on the invoice with
    Odoo's payments, so the usual paid flow runs.

    A payment is an entry of the legal ledger: it is confirmed by the
    cooperative users who may also register it on the invoice in Odoo
    (*Accounting / Billing*), as the invoice's own *Register Payment*
    button asks."""

    _name = "rea.subscription.payment"
    _description = "Confirm a share payment"

    request_id = fields.Many2one("rea.subscription.request", required=True)
    invoice_id = fields.Many2one(
        related="request_id.invoice_id", string="Capital release request", readonly=True
    )
    residual = fields.Monetary(
        related="request_id.invoice_id.residual", string="Amount due", readonly=True
    )
    currency_id = fields.Many2one(related="request_id.currency_id", readonly=True)
    journal_id = fields.Many2one(
        "account.journal",
        string="Received on",
        required=True,
        domain=[("type", "in", ("bank", "cash"))],
        default=lambda self: self._default_journal(),
    )
    amount = fields.Monetary(string="Received amount", required=True)
    payment_date = fields.Date(required=True, default=fields.Date.context_today)
    reference = fields.Char(
        required=True, help="Reference of the bank transfer or receipt."
    )

    @api.model
    def _default_journal(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
            limit=1,
        )

    @api.onchange("request_id")
    def _onchange_request_id(self):
        if self.request_id.invoice_id:
            self.amount = self.request_id.invoice_id.residual

    @api.model
    def _check_caller(self):
        """Only cooperative users with the Billing rights confirm payments:
        the accounting below runs with elevated rights."""
        user = self.env.user
        if user._is_superuser():
            return
        if not (
            user.has_group("rea_membership_shares.group_share_user")
            and user.has_group("account.group_account_invoice")
        ):
            raise AccessError(
                _(
                    "Only cooperative users who may register payments "
                    "(Accounting / Billing) can confirm a share payment."
                )
            )

    @api.model
    def default_get(self, fields_list):
        self._check_caller()
        return super().default_get(fields_list)

    @api.multi
    def _check(self):
        self.ensure_one()
        self._check_caller()
        invoice = self.request_id.invoice_id
        if self.request_id.state != "done" or invoice.state != "open":
            raise UserError(
                _(
                    "Only validated requests with an open capital release "
                    "request can be paid."
                )
            )
        if float_compare(self.amount, 0.0, precision_digits=2) <= 0:
            raise UserError(_("The received amount must be positive."))
        if float_compare(self.amount, invoice.residual, precision_digits=2) > 0:
            raise UserError(
                _("The received amount is more than the %s still due.")
                % format_amount(self.env, invoice.residual, invoice.currency_id)
            )
        if self.payment_date > fields.Date.context_today(self):
            raise UserError(_("The payment date cannot be in the future."))

    @api.multi
    def action_confirm(self):
        self._check()
        # The paid flow runs as superuser: its messages are signed by the
        # staff member confirming the payment.
        actor = self.env["rea.subscription.request"]._actor_context()
        invoice = self.request_id.invoice_id.with_context(**actor).sudo()
        method = self.env.ref("account.account_payment_method_manual_in")
        payment = (
            self.env["account.payment"]
            .with_context(**actor)
            .sudo()
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": self.amount,
                    "currency_id": invoice.currency_id.id,
                    "journal_id": self.journal_id.id,
                    "payment_date": self.payment_date,
                    "communication": self.reference,
                    "payment_method_id": method.id,
                    "invoice_ids": [(6, 0, invoice.ids)],
                }
            )
        )
        payment.post()
        self.request_id.message_post(
            body=_("Payment of %(amount)s received (%(ref)s).")
            % {
                "amount": format_amount(self.env, self.amount, invoice.currency_id),
                "ref": self.reference,
            }
        )
        return {"type": "ir.actions.act_window_close"}
