# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io

from werkzeug.datastructures import FileStorage

from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase

from .common import add_questions, create_project


class TestJoinQuestion(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = create_project(cls.env, "Questions")
        cls.q = add_questions(cls.env, cls.project)

    def _invalid(self, kind, raw):
        with self.assertRaises(ValidationError):
            self.q[kind].parse_answer(raw)

    def _upload(self, name, content):
        return FileStorage(stream=io.BytesIO(content), filename=name)

    def test_required_and_optional(self):
        self._invalid("text", "  ")
        self._invalid("selection", None)
        self.assertIsNone(self.q["char"].parse_answer(""))
        self.assertIsNone(self.q["file"].parse_answer(""))

    def test_types(self):
        self.assertEqual(self.q["char"].parse_answer(" Ana ")["value_text"], "Ana")
        self._invalid("char", "x" * 300)
        self._invalid("char", "a\x00b")
        option = self.q["selection"].option_ids[0]
        self.assertEqual(
            self.q["selection"].parse_answer(str(option.id))["option_id"], option.id
        )
        self._invalid("selection", "abc")
        other = create_project(self.env, "Other")
        other_q = add_questions(self.env, other)["selection"]
        self._invalid("selection", str(other_q.option_ids[0].id))
        self.assertIs(self.q["boolean"].parse_answer("no")["value_boolean"], False)
        self._invalid("boolean", "maybe")
        self.assertEqual(self.q["number"].parse_answer("3,5")["value_number"], 3.5)
        for raw in ("abc", "nan", "inf", "1e300"):
            self._invalid("number", raw)
        self.assertEqual(
            self.q["date"].parse_answer("2026-03-01")["value_date"], "2026-03-01"
        )
        for raw in ("01/03/2026", "2026-02-30", "0001-01-01"):
            self._invalid("date", raw)

    def test_file(self):
        vals = self.q["file"].parse_answer(self._upload("cv.PDF", b"%PDF-1"))
        self.assertEqual(vals["file_name"], "cv.PDF")
        self._invalid("file", self._upload("cv.exe", b"MZ"))
        self._invalid("file", self._upload("cv.pdf", b"x" * 2000))
        self._invalid("file", self._upload("cv.pdf", b""))

    def test_selection_needs_options(self):
        with self.assertRaises(ValidationError):
            self.env["rea.join.question"].create(
                {
                    "project_id": self.project.id,
                    "name": "Pick",
                    "question_type": "selection",
                }
            )

    def test_answers_display(self):
        request = self.env["rea.join.request"].create(
            {
                "project_id": self.project.id,
                "name": "Ana",
                "email": "ana@example.org",
                "answer_ids": [
                    (0, 0, self.q["number"].parse_answer("4")),
                    (0, 0, self.q["boolean"].parse_answer("yes")),
                ],
            }
        )
        self.assertEqual(
            sorted(request.answer_ids.mapped("display_value")), ["4", "Yes"]
        )
