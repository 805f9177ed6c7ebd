# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaJoinQuestionOption(models.Model):
    _name = "rea.join.question.option"
    # Refused (AccessError) when a write would move it out of the
    # caller's reach, e.g. into a project they do not coordinate.
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Join Question Option"
    _order = "sequence, id"

    question_id = fields.Many2one(
        "rea.join.question", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
