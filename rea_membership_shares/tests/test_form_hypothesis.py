# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from .test_website_form import ShareFormCase

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is pinned in requirements
    given = None

if given:
    TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
    VALUE = st.one_of(
        TEXT,
        st.sampled_from(
            ["", " ", "on", "0", "1", "-3", "2", "1990-05-17", "31/12/2000", "female"]
        ),
        st.integers().map(str),
        st.emails(),
    )

    @odoo.tests.common.at_install(False)
    @odoo.tests.common.post_install(True)
    class TestFormHypothesis(ShareFormCase):
        def setUp(self):
            super().setUp()
            # Posts without a file: the document is then optional.
            self.company.share_id_document_required = False
            self.settle()
            self._csrf_tokens = {}

        def mutation_strategy(self):
            """(field, value) pairs that replace a field of a valid form: a
            random value, now and then a plausible one, or the field removed
            (None)."""
            valid = dict(self.person_data(), **self.company_data())
            field_names = sorted(valid) + ["company", "subscription_amount"]
            plausible = {
                "email": st.emails(),
                "company_email": st.emails(),
                "quantity": st.integers(-5, 30).map(str),
                "share_product_id": st.sampled_from(
                    [str(self.share_person.id), str(self.share_company.id), "0"]
                ),
                "birthdate": st.dates().map(lambda d: d.isoformat()),
                "subscription_amount": st.just("0.01"),
                "company": st.sampled_from(["0", "1"]),
            }
            return st.sampled_from(field_names).flatmap(
                lambda name: st.tuples(
                    st.just(name),
                    st.one_of(plausible.get(name, VALUE), VALUE, st.none()),
                )
            )

        def case_strategy(self):
            """(url, form, untouched): a valid form of the page, most often
            left whole, else with one or two fields changed."""
            targets = st.sampled_from(
                [
                    ("/become_cooperator", False),
                    ("/become_company_cooperator", True),
                    ("/projects/seed-coop/shares", False),
                    ("/projects/seed-coop/shares", True),
                ]
            )
            mutations = st.one_of(
                st.just([]),
                st.just([]),
                st.lists(self.mutation_strategy(), min_size=1, max_size=2),
            )
            honeypot = st.sampled_from(["", "", "", "", "", "", "", "http://bot"])
            # Valid quantities: at least 2 for people, 1000 at most (50 each).
            quantity = st.integers(2, 20)
            return st.tuples(targets, mutations, honeypot, quantity).map(
                self.build_case
            )

        def build_case(self, case):
            (url, is_company), mutations, honeypot, quantity = case
            data = self.company_data() if is_company else self.person_data()
            data["quantity"] = str(quantity)
            if url.startswith("/projects/"):
                data["company"] = "1" if is_company else "0"
            data["website_url"] = honeypot
            for name, value in mutations:
                if value is None:
                    data.pop(name, None)
                else:
                    data[name] = value
            return url, data, not mutations and not honeypot

        def csrf(self, url):
            if url not in self._csrf_tokens:
                self._csrf_tokens[url] = self.get_csrf(url)
            return self._csrf_tokens[url]

        def test_random_posts(self):
            cases = self.case_strategy()
            whole = []

            @settings(
                max_examples=240,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=cases)
            def check(case):
                url, data, untouched = case
                before = self.counts()
                known = self.Request.search([])
                response = self.post_form(url, data, csrf=self.csrf(url))
                self.assertLess(response.status_code, 500, response.text[:2000])
                self.assertEqual(response.status_code, 200)
                new = self.Request.search([]) - known
                self.assertLessEqual(len(new), 1)
                if untouched:
                    # A valid form makes exactly one request.
                    self.assertEqual(len(new), 1, response.text[:2000])
                    whole.append(url)
                # A request never brings a partner: validation does.
                self.assertEqual(self.counts()[1], before[1])
                if not new:
                    self.assertEqual(self.counts(), before)
                    self.assertTrue(
                        "o_rea_shares_errors" in response.text
                        or "o_rea_shares_thanks" in response.text
                    )
                    return
                # A written request is whole and priced by the server.
                self.assertFalse(data.get("website_url"))
                self.assertIn("o_rea_shares_thanks", response.text)
                self.assertEqual(new.state, "draft")
                self.assertEqual(new.source, "website")
                self.assertEqual(new.project_id, self.project)
                product = new.share_product_id
                self.assertEqual(new.share_unit_price, product.list_price)
                self.assertAlmostEqual(
                    new.subscription_amount, new.quantity * product.list_price
                )
                self.assertGreaterEqual(new.quantity, 1)
                self.assertTrue(new.email and new.firstname and new.lastname)
                self.assertTrue(new.data_policy_approved)
                self.assertTrue(new.street and new.city and new.country_id)
                if new.is_company:
                    self.assertEqual(product, self.share_company)
                    self.assertTrue(new.company_name and new.company_email)
                else:
                    self.assertEqual(product, self.share_person)
                    self.assertTrue(new.birthdate)
                self.assertFalse(new.check_values(new._get_check_values()))
                # Later examples start from a clean slate (maximum values).
                new.unlink()

            check()
            # Most forms were valid: the checks of a written request ran.
            self.assertGreaterEqual(len(whole), 40)
            self.assertEqual(
                set(whole),
                {
                    "/become_cooperator",
                    "/become_company_cooperator",
                    "/projects/seed-coop/shares",
                },
            )
