# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaContributionValidation(models.Model):
    """One member vouching for another member's contribution."""

    _name = "rea.contribution.validation"
    _description = "REA Contribution Validation"
    _order = "date desc, id desc"

    event_id = fields.Many2one(
        "rea.event", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Validated by", required=True, readonly=True
    )
    user_id = fields.Many2one("res.users", readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)

    _sql_constraints = [
        (
            "event_partner_uniq",
            "unique(event_id, partner_id)",
            "A member validates a contribution once.",
        )
    ]
