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

    def maybe(strategy):
        """A field now valid, now random, now absent."""
        return st.one_of(strategy, VALUE, st.none())

    @odoo.tests.common.at_install(False)
    @odoo.tests.common.post_install(True)
    class TestFormHypothesis(ShareFormCase):
        def setUp(self):
            super().setUp()
            # Posts without a file: the document is then optional.
            self.company.share_id_document_required = False
            self.settle()
            self._csrf_tokens = {}

        def form_strategy(self):
            valid = self.person_data()
            company = self.company_data()
            fields = {
                key: maybe(st.just(value))
                for key, value in dict(valid, **company).items()
            }
            fields["email"] = maybe(st.emails())
            fields["company_email"] = maybe(st.emails())
            fields["quantity"] = maybe(st.integers(-5, 30).map(str))
            fields["share_product_id"] = maybe(
                st.sampled_from(
                    [str(self.share_person.id), str(self.share_company.id), "0"]
                )
            )
            fields["birthdate"] = maybe(st.dates().map(lambda d: d.isoformat()))
            fields["subscription_amount"] = maybe(st.just("0.01"))
            fields["company"] = maybe(st.sampled_from(["0", "1"]))
            fields["website_url"] = st.sampled_from(["", "", "", "", "http://bot"])
            return st.fixed_dictionaries(fields)

        def csrf(self, url):
            if url not in self._csrf_tokens:
                self._csrf_tokens[url] = self.get_csrf(url)
            return self._csrf_tokens[url]

        def test_random_posts(self):
            urls = st.sampled_from(
                [
                    "/become_cooperator",
                    "/become_company_cooperator",
                    "/projects/seed-coop/shares",
                ]
            )
            random_forms = st.tuples(urls, self.form_strategy()).map(
                lambda case: (
                    case[0],
                    {key: value for key, value in case[1].items() if value is not None},
                )
            )
            cases = random_forms

            @settings(
                max_examples=200,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=cases)
            def check(case):
                url, data = case
                before = self.counts()
                known = self.Request.search([])
                response = self.post_form(url, data, csrf=self.csrf(url))
                self.assertLess(response.status_code, 500, response.text[:2000])
                self.assertEqual(response.status_code, 200)
                new = self.Request.search([]) - known
                self.assertLessEqual(len(new), 1)
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
