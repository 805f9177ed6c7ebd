# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ReaCommitment(models.Model):
    _inherit = "rea.commitment"

    transfer_id = fields.Many2one(
        "rea.transfer",
        string="Exchange transfer",
        ondelete="cascade",
        index=True,
    )
    # Cascade like transfer_id: deleting an exchange deletes its plans in one
    # statement (a 'set null' here would conflict with that cascade).
    exchange_id = fields.Many2one(
        related="transfer_id.exchange_id",
        string="Exchange",
        store=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )

    @api.model
    def create(self, vals):
        if vals.get("transfer_id"):
            transfer = self.env["rea.transfer"].browse(vals["transfer_id"])
            vals = transfer.prepare_commitment_vals(vals)
        return super().create(vals)

    @api.constrains(
        "transfer_id",
        "action_id",
        "provider_id",
        "receiver_id",
        "resource_conforms_to_id",
    )
    def _check_transfer(self):
        for commitment in self.sudo().filtered("transfer_id"):
            transfer = commitment.transfer_id
            if (
                commitment.action_id != transfer.action_id
                or commitment.provider_id != transfer.provider_id
                or commitment.receiver_id != transfer.receiver_id
                or commitment.resource_conforms_to_id
                != transfer.resource_conforms_to_id
            ):
                raise ValidationError(
                    _(
                        "The commitment does not match the transfer %s: same "
                        "action, provider, receiver and resource type expected."
                    )
                    % transfer.name
                )
