# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ReaShareReferralSource(models.Model):
    """An answer to "How did you hear about us?" on the subscription form."""

    _name = "rea.share.referral.source"
    _description = "Referral source of subscription requests"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(
        default=True, help="Archived answers are no longer offered on the form."
    )

    @api.multi
    def unlink(self):
        used = (
            self.env["rea.subscription.request"]
            .sudo()
            .search_count([("referral_source_id", "in", self.ids)])
        )
        if used:
            raise UserError(
                _(
                    "%d subscription requests give this answer: archive it "
                    "instead of deleting it."
                )
                % used
            )
        return super().unlink()
