# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaResourceRoleType(models.Model):
    _name = "rea.resource.role.type"
    _description = "REA Resource Role Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_owner = fields.Boolean(
        string="Owner role",
        help="Agents in this role own a share of the resource.",
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The role type code must be unique."),
    ]
