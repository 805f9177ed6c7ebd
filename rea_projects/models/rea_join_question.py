# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii
import datetime
import math
import os

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

QUESTION_TYPES = [
    ("char", "Text"),
    ("text", "Long text"),
    ("selection", "Selection"),
    ("boolean", "Yes / no"),
    ("number", "Number"),
    ("date", "Date"),
    ("file", "File upload"),
]
MAX_CHAR = 256
MAX_TEXT = 10000


class ReaJoinQuestion(models.Model):
    """A question of a project's join form."""

    _name = "rea.join.question"
    # Refused (AccessError) when a write would move it out of the
    # caller's reach, e.g. into a project they do not coordinate.
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Join Question"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "rea.project", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Label", required=True, translate=True)
    help = fields.Text(translate=True)
    question_type = fields.Selection(QUESTION_TYPES, required=True, default="char")
    required = fields.Boolean()
    active = fields.Boolean(default=True)
    option_ids = fields.One2many(
        "rea.join.question.option", "question_id", string="Options", copy=True
    )
    max_file_size_kb = fields.Integer(string="Maximum file size (KB)", default=2048)
    allowed_extensions = fields.Char(
        default="pdf,png,jpg,jpeg,odt,doc,docx,txt",
        help="Comma-separated file extensions accepted for uploads.",
    )

    @api.constrains("question_type", "option_ids")
    def _check_options(self):
        for question in self:
            if question.question_type == "selection" and not question.option_ids:
                raise ValidationError(
                    _("The selection question '%s' needs options.") % question.name
                )

    @api.constrains("max_file_size_kb")
    def _check_max_file_size(self):
        for question in self:
            if question.max_file_size_kb < 0:
                raise ValidationError(_("The maximum file size cannot be negative."))

    @api.multi
    def get_field_name(self):
        """Name of the form input of this question."""
        self.ensure_one()
        return "question_%d" % self.id

    @api.multi
    def get_allowed_extensions(self):
        self.ensure_one()
        return [
            ext.strip().lower().lstrip(".")
            for ext in (self.allowed_extensions or "").split(",")
            if ext.strip()
        ]

    @api.multi
    def parse_answer(self, raw):
        """Check a submitted value; return answer values or raise.

        ``raw`` is a string, or a file object (werkzeug FileStorage) for
        file questions. Returns a dict for ``rea.join.answer`` (without
        request) or None when the question is left empty.
        Raises ValidationError with the message shown next to the field.
        """
        self.ensure_one()
        method = getattr(self, "_parse_answer_%s" % self.question_type)
        if self.question_type == "file":
            empty = (
                raw is None
                or isinstance(raw, str)
                or not getattr(raw, "filename", None)
            )
        else:
            raw = raw if isinstance(raw, str) else ""
            raw = raw.strip()
            empty = not raw
            # PostgreSQL refuses NUL characters in text.
            if "\x00" in raw:
                raise ValidationError(_("This answer holds invalid characters."))
        if empty:
            if self.required:
                raise ValidationError(_("This question is required."))
            return None
        vals = method(raw)
        vals["question_id"] = self.id
        return vals

    def _parse_answer_char(self, raw):
        if len(raw) > MAX_CHAR:
            raise ValidationError(_("Please keep it under %d characters.") % MAX_CHAR)
        return {"value_text": raw}

    def _parse_answer_text(self, raw):
        if len(raw) > MAX_TEXT:
            raise ValidationError(_("Please keep it under %d characters.") % MAX_TEXT)
        return {"value_text": raw}

    def _parse_answer_selection(self, raw):
        try:
            option_id = int(raw)
        except ValueError:
            option_id = 0
        if option_id not in self.option_ids.ids:
            raise ValidationError(_("Please choose one of the options."))
        return {"option_id": option_id}

    def _parse_answer_boolean(self, raw):
        if raw not in ("yes", "no"):
            raise ValidationError(_("Please answer yes or no."))
        return {"value_boolean": raw == "yes", "value_text": raw}

    def _parse_answer_number(self, raw):
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            number = None
        if number is None or math.isnan(number) or math.isinf(number):
            raise ValidationError(_("Please enter a number."))
        if abs(number) >= 1e15:
            raise ValidationError(_("This number is too large."))
        return {"value_number": number}

    def _parse_answer_date(self, raw):
        try:
            date = datetime.datetime.strptime(raw, "%Y-%m-%d").date()
        except ValueError:
            raise ValidationError(_("Please enter a date as YYYY-MM-DD."))
        if date.year < 1900:
            raise ValidationError(_("Please enter a date as YYYY-MM-DD."))
        return {"value_date": fields.Date.to_string(date)}

    def _parse_answer_file(self, upload):
        filename = os.path.basename(upload.filename.replace("\\", "/"))[:200]
        extension = os.path.splitext(filename)[1].lower().lstrip(".")
        allowed = self.get_allowed_extensions()
        if allowed and extension not in allowed:
            raise ValidationError(
                _("Files of this type are not accepted (allowed: %s).")
                % ", ".join(allowed)
            )
        limit = self.max_file_size_kb * 1024
        content = upload.read(limit + 1) if limit else upload.read()
        if limit and len(content) > limit:
            raise ValidationError(
                _("The file is larger than %d KB.") % self.max_file_size_kb
            )
        if not content:
            raise ValidationError(_("The file is empty."))
        try:
            data = base64.b64encode(content)
        except (binascii.Error, TypeError):
            raise ValidationError(_("The file could not be read."))
        return {"value_file": data, "file_name": filename}
