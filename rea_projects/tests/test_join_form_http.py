# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_questions, create_project

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class JoinFormCase(ReaHttpCase):
    """Helpers to load a project page and post its join form."""

    def setUp(self):
        super().setUp()
        self.project = create_project(
            self.env, "Form Coop", auto_create_user=False, slug="form-coop"
        )
        self.questions = add_questions(self.env, self.project)
        self.Request = self.env["rea.join.request"]
        self.settle()

    def _base_url(self):
        return "http://%s:%s" % (odoo.tests.common.HOST, odoo.tests.common.PORT)

    def _csrf(self, slug="form-coop"):
        self.settle()
        response = self.url_open("/projects/%s" % slug)
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)

    def _valid_data(self, **overrides):
        q = self.questions
        data = {
            "type_of_user": "individual",
            "name": "Ana Valid",
            "email": "ana.valid@example.org",
            "phone": "+34 600 000 000",
            "city": "Vic",
            q["char"].get_field_name(): "anav",
            q["text"].get_field_name(): "I like seeds",
            q["selection"].get_field_name(): str(q["selection"].option_ids[1].id),
            q["boolean"].get_field_name(): "yes",
            q["number"].get_field_name(): "4.5",
            q["date"].get_field_name(): "2026-05-01",
        }
        data.update(overrides)
        return data

    def _post(self, data, files=None, slug="form-coop", csrf=None):
        data = dict(data, csrf_token=csrf or self._csrf(slug))
        response = self.opener.post(
            self._base_url() + "/projects/%s/join" % slug,
            data=data,
            files=files,
            timeout=30,
        )
        self.env["rea.join.request"].invalidate_cache()
        return response


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestJoinFormHttp(JoinFormCase):
    def test_projects_list_and_page(self):
        secret = create_project(self.env, "Hidden Coop", visibility="private")
        self.settle()
        response = self.url_open("/projects")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Form Coop", response.text)
        self.assertNotIn("Hidden Coop", response.text)
        self.assertEqual(self.url_open("/projects/%s" % secret.slug).status_code, 404)
        self.assertEqual(self.url_open("/projects/no-such-project").status_code, 404)
        page = self.url_open("/projects/form-coop").text
        for question in self.questions.values():
            self.assertIn('name="%s"' % question.get_field_name(), page)

    def test_valid_submission(self):
        files = {
            self.questions["file"].get_field_name(): ("cv.txt", b"my cv", "text/plain")
        }
        response = self._post(self._valid_data(), files=files)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_rea_projects_thanks", response.text)
        request = self.Request.search([("email", "=", "ana.valid@example.org")])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "new")
        self.assertEqual(len(request.answer_ids), 7)
        file_answer = request.answer_ids.filtered(lambda a: a.file_name)
        self.assertEqual(file_answer.file_name, "cv.txt")

    def test_invalid_inputs_keep_no_record(self):
        q = self.questions
        cases = [
            ("name", {"name": ""}),
            ("email", {"email": ""}),
            ("email", {"email": "not an email"}),
            ("phone", {"phone": "call me"}),
            ("type_of_user", {"type_of_user": "robot"}),
            ("country_id", {"country_id": "999999"}),
            ("country_id", {"country_id": "99999999999999999999"}),
            ("city", {"city": "nul\x00char"}),
            (q["text"].get_field_name(), {q["text"].get_field_name(): ""}),
            (q["char"].get_field_name(), {q["char"].get_field_name(): "x" * 300}),
            (q["selection"].get_field_name(), {q["selection"].get_field_name(): "0"}),
            (q["boolean"].get_field_name(), {q["boolean"].get_field_name(): "perhaps"}),
            (q["number"].get_field_name(), {q["number"].get_field_name(): "many"}),
            (q["date"].get_field_name(), {q["date"].get_field_name(): "31/12/2026"}),
        ]
        csrf = self._csrf()
        for field, override in cases:
            data = self._valid_data(name="Kept Name")
            data.update(override)
            response = self._post(data, csrf=csrf)
            self.assertEqual(response.status_code, 200, field)
            self.assertIn('data-field="%s"' % field, response.text, field)
            if field != "name":
                self.assertIn('value="Kept Name"', response.text, field)
            self.assertFalse(
                self.Request.search([("project_id", "=", self.project.id)]), field
            )

    def test_invalid_files(self):
        field = self.questions["file"].get_field_name()
        for upload in (("cv.exe", b"MZ..."), ("cv.txt", b"x" * 5000)):
            response = self._post(self._valid_data(), files={field: upload})
            self.assertIn('data-field="%s"' % field, response.text)
        self.assertFalse(self.Request.search([("project_id", "=", self.project.id)]))

    def test_duplicate_is_refused(self):
        self._post(self._valid_data())
        response = self._post(self._valid_data(email="ANA.valid@example.org "))
        self.assertIn('data-field="email"', response.text)
        self.assertIn("already asked to join", response.text)
        self.assertEqual(
            self.Request.search_count([("project_id", "=", self.project.id)]), 1
        )

    def test_honeypot(self):
        response = self._post(self._valid_data(website_url="http://spam.example"))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.Request.search([("project_id", "=", self.project.id)]))

    def test_csrf_required(self):
        self.settle()
        response = self.opener.post(
            self._base_url() + "/projects/form-coop/join",
            data=self._valid_data(csrf_token="forged"),
            timeout=30,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Request.search([("project_id", "=", self.project.id)]))

    def test_autojoin_and_confirmation_link(self):
        lab = create_project(self.env, "Lab", "autojoin", slug="lab")
        response = self._post(
            {"type_of_user": "individual", "name": "Leo", "email": "leo@example.org"},
            slug="lab",
        )
        self.assertEqual(response.status_code, 200)
        request = self.Request.search([("project_id", "=", lab.id)])
        self.assertEqual(request.state, "new", "waits for the confirmation")
        self.assertIn("confirm your address", response.text)
        response = self.url_open("/projects/confirm/%s" % request.confirmation_token)
        self.Request.invalidate_cache()
        self.assertEqual(request.state, "accepted")
        self.assertIn("Welcome to Lab", response.text)
        # Moderated project: the link of the confirmation e-mail.
        self.project.auto_create_user = True
        self.project.question_ids.write({"required": False})
        self.settle()
        self._post(
            {"type_of_user": "collective", "name": "Coop", "email": "c@example.org"}
        )
        request = self.Request.search([("email", "=", "c@example.org")])
        self.assertTrue(request.confirmation_sent_date)
        response = self.url_open("/projects/confirm/%s" % request.confirmation_token)
        self.env["rea.join.request"].invalidate_cache()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(request.state, "pending")
        self.assertIn("/web/signup", response.text)
        self.assertEqual(
            self.url_open("/projects/confirm/%s" % ("0" * 32)).status_code, 404
        )
