# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaDistributionIncome(models.Model):
    """How much of an income event a distribution shared."""

    _name = "rea.distribution.income"
    _description = "REA Distributed Income"

    distribution_id = fields.Many2one(
        "rea.distribution", required=True, ondelete="cascade", index=True
    )
    state = fields.Selection(related="distribution_id.state", store=True, readonly=True)
    event_id = fields.Many2one(
        "rea.event",
        string="Income event",
        required=True,
        ondelete="restrict",
        index=True,
    )
    amount = fields.Float(digits=(16, 8))
    unit_id = fields.Many2one(
        related="event_id.resource_unit_id", string="Unit", readonly=True
    )
