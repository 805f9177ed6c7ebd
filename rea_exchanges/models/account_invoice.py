# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class AccountInvoice(models.Model):
    """Invoices of exchanges: their payment is the money transfer."""

    _inherit = "account.invoice"

    rea_exchange_id = fields.Many2one(
        "rea.exchange",
        string="Exchange",
        ondelete="set null",
        index=True,
        readonly=True,
        copy=False,
    )
    rea_event_ids = fields.One2many(
        "rea.event",
        "invoice_id",
        string="Economic events",
        readonly=True,
        help="Transfers recorded by the payment of this invoice.",
    )

    @api.model
    def search_count(self, args):
        # Odoo's portal layout counts the user's invoices as the user: for
        # internal users without billing rights (coordinators, timesheet
        # workers) that raised and every /my page answered 403. The portal
        # asks with this context key (see controllers/portal.py); they have
        # no invoice to list, so the count is 0 and the entry stays hidden.
        if self.env.context.get("rea_portal_layout") and not self.check_access_rights(
            "read", raise_exception=False
        ):
            return 0
        return super().search_count(args)

    @api.multi
    def action_invoice_paid(self):
        newly_paid = self.filtered(lambda i: i.state == "open" and i.rea_exchange_id)
        result = super().action_invoice_paid()
        for invoice in newly_paid.filtered(lambda i: i.state == "paid"):
            # Accountants need no REA rights: the payment itself is the
            # authority to record the transfer it mirrors.
            invoice.rea_exchange_id.sudo().record_invoice_payment(invoice.sudo())
        return result

    @api.multi
    def action_invoice_re_open(self):
        undone = self.filtered(lambda i: i.state == "paid" and i.rea_exchange_id)
        result = super().action_invoice_re_open()
        for invoice in undone:
            invoice.rea_exchange_id.sudo().cancel_invoice_payment(invoice.sudo())
        return result
