# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ReaJoinAnswer(models.Model):
    """The answer of a join request to one question of its project."""

    _name = "rea.join.answer"
    # Refused (AccessError) when a write would move it out of the
    # caller's reach, e.g. into a project they do not coordinate.
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Join Answer"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "rea.join.request", required=True, ondelete="cascade", index=True
    )
    question_id = fields.Many2one(
        "rea.join.question", required=True, ondelete="cascade"
    )
    sequence = fields.Integer(related="question_id.sequence", store=True)
    question_type = fields.Selection(related="question_id.question_type")
    value_text = fields.Text(string="Text")
    value_number = fields.Float(string="Number")
    value_date = fields.Date(string="Date value")
    value_boolean = fields.Boolean(string="Yes / no")
    option_id = fields.Many2one(
        "rea.join.question.option",
        ondelete="restrict",
        domain="[('question_id', '=', question_id)]",
    )
    value_file = fields.Binary(string="File", attachment=True)
    file_name = fields.Char()
    display_value = fields.Char(compute="_compute_display_value")

    _sql_constraints = [
        (
            "question_uniq",
            "unique(request_id, question_id)",
            "A join request answers each question once.",
        ),
    ]

    @api.depends(
        "question_type",
        "value_text",
        "value_number",
        "value_date",
        "value_boolean",
        "option_id",
        "file_name",
    )
    @api.constrains("question_id", "request_id")
    def _check_question_of_the_request(self):
        """An answer answers a question of the project asked to join."""
        for answer in self.sudo():
            if answer.question_id.project_id != answer.request_id.project_id:
                raise ValidationError(
                    _(
                        "An answer must answer a question of the project "
                        "it asks to join."
                    )
                )

    def _compute_display_value(self):
        for answer in self:
            qtype = answer.question_type
            if qtype == "selection":
                value = answer.option_id.name
            elif qtype == "boolean":
                value = _("Yes") if answer.value_boolean else _("No")
            elif qtype == "number":
                value = "%g" % answer.value_number
            elif qtype == "date":
                value = answer.value_date
            elif qtype == "file":
                value = answer.file_name
            else:
                value = answer.value_text
            answer.display_value = value or ""
