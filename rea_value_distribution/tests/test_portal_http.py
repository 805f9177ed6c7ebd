# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo import SUPERUSER_ID, api

from odoo.addons.rea_base.models.decimal_precision import (
    REA_QUANTITY,
    REA_QUANTITY_DEFAULT_DIGITS,
)
from odoo.addons.rea_base.tests.http_common import authenticate_session


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestPortalHttp(odoo.tests.HttpCase):
    """Portal member Alice and Bob share a distribution: each sees only
    their own contributions, lines and statement."""

    def setUp(self):
        super().setUp()
        # The requests run on the registry's test cursor: make data there.
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True}
            )
            self._make_data(env)

    def _make_data(self, env):
        Partner = env["res.partner"]
        hour = env.ref("product.product_uom_hour")
        self.workshop = Partner.create(
            {"name": "Portal Workshop", "agent_type": "project", "is_context": True}
        )
        self.process = env["rea.process"].create(
            {"name": "Portal desks", "context_id": self.workshop.id}
        )
        skill = env["product.template"].create(
            {
                "name": "Portal carpentry",
                "type": "service",
                "rea_behavior": "work",
                "uom_id": hour.id,
                "uom_po_id": hour.id,
                "rea_effort_uom_id": hour.id,
                "rea_value_per_unit": 20.0,
            }
        )
        portal = env.ref("base.group_portal")
        member = env.ref("rea_base.relationship_type_member")
        partners = []
        for name, login in (("Alice Portal", "vd_alice"), ("Bob Portal", "vd_bob")):
            user = env["res.users"].create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "groups_id": [(6, 0, [portal.id])],
                }
            )
            env["rea.agent.relationship"].create(
                {
                    "subject_id": user.partner_id.id,
                    "object_id": self.workshop.id,
                    "type_id": member.id,
                    "state": "active",
                }
            )
            partners.append(user.partner_id)
        alice, bob = partners
        self.warm_precisions(env)
        work_alice = self.work(env, alice, 10, skill, "Alice sawing")
        self.work(env, bob, 5, skill, "Bob sanding")
        equation = env["rea.value.equation"].create(
            {
                "name": "Portal equation",
                "context_id": self.workshop.id,
                "percentage_behavior": "straight",
                "live": True,
                "currency_id": env.user.company_id.currency_id.id,
                "money_type_id": env.ref("rea_exchanges.product_template_euro").id,
                "bucket_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Work",
                            "percentage": 100,
                            "rule_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "action_id": env.ref("rea_base.action_work").id,
                                        "formula": "quantity * valuePerUnit",
                                        "claim_type": "debt",
                                    },
                                )
                            ],
                        },
                    )
                ],
            }
        )
        result = env["rea.distribution.engine"].compute(equation, 300.0)
        distribution = env["rea.distribution"].create_from_result(
            equation, result, "2026-04-01"
        )
        lines = distribution.line_ids
        line_alice = lines.filtered(lambda ln: ln.agent_id == alice)
        line_bob = lines.filtered(lambda ln: ln.agent_id == bob)
        # Plain values: the records' cursor is the test cursor.
        self.work_alice_id = work_alice.id
        self.line_alice_id = line_alice.id
        self.line_bob_id = line_bob.id
        self.distribution_name = distribution.name
        self.own_payment_ids = line_alice.get_claim_payments().ids
        self.other_payment_ids = line_bob.get_claim_payments().ids

    @staticmethod
    def warm_precisions(env):
        """Fill the precision caches that creating users cleared: on a miss
        Odoo 11 reads field digits through a new cursor, which in test mode
        is the shared test cursor; closing it destroys the savepoint events
        are recorded in."""
        precision = env["decimal.precision"]
        for name in precision.search([]).mapped("name"):
            precision.precision_get(name)
        precision.rea_precision_get(REA_QUANTITY, REA_QUANTITY_DEFAULT_DIGITS)

    def work(self, env, who, hours, skill, note):
        return env["rea.event"].create(
            {
                "action_id": env.ref("rea_base.action_work").id,
                "provider_id": who.id,
                "receiver_id": self.workshop.id,
                "resource_conforms_to_id": skill.id,
                "effort_quantity": hours,
                "effort_unit_id": env.ref("product.product_uom_hour").id,
                "input_of_id": self.process.id,
                "context_id": self.workshop.id,
                "has_point_in_time": "2026-03-10 10:00:00",
                "is_contribution": True,
                "note": note,
            }
        )

    def authenticate(self, login, password):
        return authenticate_session(self, login, password)

    def url_open(self, url, data=None, timeout=60):
        return super().url_open(url, data=data, timeout=timeout)

    def test_own_lists_only(self):
        self.assertTrue(self.line_alice_id and self.line_bob_id)
        self.authenticate("vd_alice", "vd_alice")
        page = self.url_open("/my/contributions")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alice sawing", page.text)
        # Hours in their unit's precision, trailing zeros dropped.
        self.assertIn("10 Hour(s)", page.text)
        self.assertNotIn("10.00", page.text)
        self.assertNotIn("Bob sanding", page.text)
        self.assertIn("o_rea_vd_contribution_%s" % self.work_alice_id, page.text)
        page = self.url_open("/my/distributions")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_rea_vd_distribution_line_%s" % self.line_alice_id, page.text)
        self.assertNotIn("o_rea_vd_distribution_line_%s" % self.line_bob_id, page.text)
        home = self.url_open("/my/home")
        self.assertIn("o_rea_vd_home_contributions", home.text)
        self.assertIn("o_rea_vd_home_distributions", home.text)

    def test_detail_own_and_other(self):
        self.authenticate("vd_alice", "vd_alice")
        page = self.url_open("/my/distributions/%s" % self.line_alice_id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_rea_vd_details", page.text)
        self.assertTrue(self.own_payment_ids and self.other_payment_ids)
        for payment_id in self.own_payment_ids:
            self.assertIn("o_rea_vd_claim_payment_%s" % payment_id, page.text)
        for payment_id in self.other_payment_ids:
            self.assertNotIn("o_rea_vd_claim_payment_%s" % payment_id, page.text)
        page = self.url_open("/my/distributions/%s" % self.line_bob_id)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(self.distribution_name, page.text)

    def test_pdf_own_and_other(self):
        self.authenticate("vd_alice", "vd_alice")
        # On the test cursor Odoo 11 renders the report as HTML (a request
        # cannot run wkhtmltopdf there): test_statement checks the PDF itself.
        response = self.url_open("/my/distributions/%s/pdf" % self.line_alice_id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(b"Distribution statement", response.content)
        response = self.url_open("/my/distributions/%s/pdf" % self.line_bob_id)
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")

    def test_public_redirected(self):
        response = self.url_open("/my/distributions/%s" % self.line_alice_id)
        self.assertIn("/web/login", response.url)
