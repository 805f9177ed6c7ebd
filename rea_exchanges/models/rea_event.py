# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .rea_transfer_type import TRANSFER_ACTION_CODES


class ReaEvent(models.Model):
    _inherit = "rea.event"

    transfer_id = fields.Many2one(
        "rea.transfer",
        string="Exchange transfer",
        ondelete="restrict",
        index=True,
    )
    exchange_id = fields.Many2one(
        related="transfer_id.exchange_id",
        string="Exchange",
        store=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    invoice_id = fields.Many2one(
        "account.invoice",
        ondelete="restrict",
        index=True,
        help="The invoice whose payment this event records.",
    )

    @api.model
    def _rea_readable_reference_fields(self):
        return super()._rea_readable_reference_fields() + ["transfer_id"]

    @api.constrains("transfer_id")
    def _check_transfer(self):
        for event in self.sudo().filtered("transfer_id"):
            transfer = event.transfer_id
            if event.action_id.code not in TRANSFER_ACTION_CODES:
                raise ValidationError(
                    _("Only transfer events can fulfil the transfer %s.")
                    % transfer.name
                )
            mismatch = (
                event.action_id != transfer.action_id
                or event.provider_id != transfer.provider_id
                or event.receiver_id != transfer.receiver_id
                or event.resource_conforms_to_id != transfer.resource_conforms_to_id
            )
            if mismatch:
                raise ValidationError(
                    _(
                        "The event does not match the transfer %s: same action, "
                        "provider, receiver and resource type expected."
                    )
                    % transfer.name
                )
            if transfer.state == "cancelled" and not event.corrects_event_id:
                raise ValidationError(
                    _("The transfer %s is cancelled.") % transfer.name
                )

    @api.multi
    def _get_correction_copy_fields(self):
        # A reversal or re-entry stays in the exchange and with the invoice.
        return super()._get_correction_copy_fields() + ["transfer_id", "invoice_id"]
