# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaContextCoordinatedMixin(models.AbstractModel):
    """Records of a context (field ``context_id``) that its coordinators
    manage (the record rules scope them with res.users rea_get_context_ids)."""

    _name = "rea.context.coordinated.mixin"
    _description = "Records managed by the coordinators of their context"

    # Its compute and search are named apart from those of rea.exchange
    # (rea_exchanges): this mixin overrides nothing there.
    coordinator_ids = fields.Many2many(
        "res.partner",
        string="Coordinators",
        compute="_compute_context_coordinator_ids",
        search="_search_context_coordinator_ids",
        help="Agents coordinating the context (or a network it is part of).",
    )

    @api.multi
    def _compute_context_coordinator_ids(self):
        for record in self:
            record.coordinator_ids = record.context_id.get_rea_coordinators()

    @api.model
    def _search_context_coordinator_ids(self, operator, value):
        return self.env["res.partner"].search_rea_coordinated(
            "context_id", operator, value
        )
