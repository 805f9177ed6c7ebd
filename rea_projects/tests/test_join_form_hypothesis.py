# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from .test_join_form_http import CSRF_RE, JoinFormCase

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is pinned in requirements
    given = None

if given:
    TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
    VALUE = st.one_of(
        TEXT,
        st.sampled_from(["", "yes", "no", "1", "-3.5", "2026-01-31", "individual"]),
        st.integers().map(str),
        st.emails(),
    )
    FORM = st.fixed_dictionaries(
        {
            "name": VALUE,
            "email": st.one_of(st.emails(), VALUE),
            "type_of_user": st.one_of(
                st.sampled_from(["individual", "collective"]), VALUE
            ),
            "phone": VALUE,
            "country_id": VALUE,
            "website_url": st.sampled_from(["", "", "", "http://bot"]),
        }
    )
    ANSWERS = st.lists(VALUE, min_size=7, max_size=7)

    @odoo.tests.common.at_install(False)
    @odoo.tests.common.post_install(True)
    class TestJoinFormHypothesis(JoinFormCase):
        @settings(
            max_examples=200,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(form=FORM, answers=ANSWERS)
        def test_random_posts(self, form, answers):
            if not getattr(self, "_csrf_token", None):
                self._csrf_token = CSRF_RE.search(
                    self.url_open("/projects/form-coop").text
                ).group(1)
            questions = list(self.questions.values())
            data = dict(form)
            for question, value in zip(questions, answers):
                if question.question_type != "file":
                    data[question.get_field_name()] = value
            domain = [("project_id", "=", self.project.id)]
            before = self.Request.search(domain)
            response = self._post(data, csrf=self._csrf_token)
            self.assertLess(response.status_code, 500, response.text[:2000])
            self.assertEqual(response.status_code, 200)
            new = self.Request.search(domain) - before
            self.assertLessEqual(len(new), 1)
            if new:
                # A written request is whole: valid e-mail, every required
                # question answered.
                self.assertTrue(self.Request.is_valid_email(new.email))
                required = self.project.question_ids.filtered("required")
                self.assertEqual(
                    required & new.answer_ids.mapped("question_id"), required
                )
                self.assertIn("o_rea_projects_thanks", response.text)
            else:
                self.assertTrue(
                    "o_rea_projects_error" in response.text
                    or "o_rea_projects_thanks" in response.text
                )
