# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaProcessSpecification(models.Model):
    """Kind of process; also used as the stage of a resource."""

    _name = "rea.process.specification"
    _description = "REA Process Specification"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    note = fields.Text(translate=True)
    image = fields.Binary(attachment=True)
    context_id = fields.Many2one(
        "res.partner", string="In scope of", domain=[("is_context", "=", True)]
    )
