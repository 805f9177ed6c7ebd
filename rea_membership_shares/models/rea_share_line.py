# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaShareLine(models.Model):
    """Shares a member holds now, one line per acquisition.

    Lines are written only by the share ledger (``rea.share.ledger``),
    which keeps the register and the REA share accounts in step and links
    each line to the REA event(s) that recorded the acquisition
    (``rea_event_ids``).
    """

    _name = "rea.share.line"
    _inherit = ["rea.share.aggregate.mixin"]
    _description = "Share holding"
    _order = "effective_date, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        ondelete="restrict",
        index=True,
    )
    project_id = fields.Many2one(
        "rea.project", required=True, ondelete="restrict", index=True
    )
    share_product_id = fields.Many2one(
        "product.product",
        string="Share type",
        required=True,
        ondelete="restrict",
        index=True,
    )
    quantity = fields.Integer(required=True)
    share_unit_price = fields.Monetary(
        string="Unit price", required=True, currency_field="currency_id"
    )
    total_amount = fields.Monetary(
        compute="_compute_total_amount",
        store=True,
        currency_field="currency_id",
    )
    effective_date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    rea_event_ids = fields.Many2many(
        "rea.event",
        "rea_share_line_rea_event_rel",
        "share_line_id",
        "event_id",
        string="REA events",
        readonly=True,
        copy=False,
        help="The events that recorded this acquisition: the shares moving "
        "into the member's share account. A corrected date replaces them by "
        "their re-entry.",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A share line holds shares."),
    ]

    @api.depends("quantity", "share_unit_price")
    def _compute_total_amount(self):
        for line in self:
            line.total_amount = line.quantity * line.share_unit_price
