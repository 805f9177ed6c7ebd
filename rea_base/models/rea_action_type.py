# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaActionType(models.Model):
    """A user-facing kind of event mapped onto one ValueFlows action.

    Lets a cooperative speak its own words ("Time contribution", "Sale")
    while the effects stay those of the underlying action.
    """

    _name = "rea.action.type"
    _description = "REA Action Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    action_id = fields.Many2one(
        "rea.action", string="ValueFlows action", required=True, ondelete="restrict"
    )
    is_contribution = fields.Boolean(
        string="Contribution", help="Events of this type are contributions by default."
    )
    note = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The action type code must be unique."),
    ]
