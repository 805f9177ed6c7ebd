# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from ..models.rea_transfer_type import QUANTITY_DIGITS


class ReaTransferRecord(models.TransientModel):
    """Record that (part of) a transfer happened."""

    _name = "rea.transfer.record"
    # Created only on records the user may read (no names or figures
    # of other projects through the wizard).
    _inherit = ["rea.wizard.target.mixin"]
    _rea_wizard_targets = ("transfer_id",)
    _description = "Record a transfer"

    transfer_id = fields.Many2one("rea.transfer", required=True, ondelete="cascade")
    resource_conforms_to_id = fields.Many2one(
        related="transfer_id.resource_conforms_to_id", readonly=True
    )
    unit_id = fields.Many2one(related="transfer_id.unit_id", readonly=True)
    remaining_quantity = fields.Float(
        related="transfer_id.remaining_quantity", readonly=True
    )
    quantity = fields.Float(
        required=True,
        digits=QUANTITY_DIGITS,
        default=lambda self: self._default_quantity(),
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    from_resource_id = fields.Many2one(
        "rea.resource",
        string="From resource",
        help="Leave empty for the transfer's resource or the provider's account.",
    )
    to_resource_id = fields.Many2one(
        "rea.resource",
        string="To resource",
        help="Leave empty for the transfer's resource or the receiver's account.",
    )
    note = fields.Text()

    @api.model
    def _default_quantity(self):
        transfer_id = self.env.context.get("default_transfer_id")
        if not transfer_id:
            return 0.0
        return self.env["rea.transfer"].browse(transfer_id).remaining_quantity

    @api.multi
    def action_record(self):
        self.ensure_one()
        # Access before the business checks of record_event.
        self.transfer_id._check_can_manage()
        self.transfer_id.record_event(
            self.quantity,
            date=self.date,
            note=self.note,
            from_resource=self.from_resource_id or None,
            to_resource=self.to_resource_id or None,
        )
        return {"type": "ir.actions.act_window_close"}
