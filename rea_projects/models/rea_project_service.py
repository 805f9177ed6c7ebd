# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaProjectService(models.Model):
    """A service a project can switch on for its members (skills, shares...).

    Services are data so that later modules add their own (e.g. shares
    from rea_membership_shares) without touching this module.
    """

    _name = "rea.project.service"
    _description = "REA Project Service"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The service code must be unique."),
    ]

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "code" in vals:
            self.env["rea.project"]._clear_service_caches()
        return result

    @api.multi
    def unlink(self):
        result = super().unlink()
        self.env["rea.project"]._clear_service_caches()
        return result
