# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from ..models.rea_subscription_request_demo import DEFERRED_PARAM
from .common import SharesCase


class TestDemoSteps(SharesCase):
    """Demo steps that need accounting run at once when the company has a
    chart, else once a chart is loaded."""

    def test_runs_at_once_with_a_chart(self):
        request = self.make_request()
        self.assertTrue(self.Request._demo_accounting_ready())
        request._demo_validate_and_pay()
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.invoice_id.state, "paid")
        self.assertFalse(self.env["ir.config_parameter"].get_param(DEFERRED_PARAM))
        # Members are told which account to pay capital to.
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        self.assertTrue(journal.bank_account_id.acc_number)

    def test_deferred_steps_run_after_the_chart(self):
        paid = self.make_request()
        validated = self.make_request(email="other.member@example.org")
        # As when no chart exists yet: the steps are kept for later.
        paid._demo_defer("validate_and_pay")
        validated._demo_defer("validate")
        self.assertEqual(paid.state, "draft")
        self.assertTrue(self.env["ir.config_parameter"].get_param(DEFERRED_PARAM))
        # What the chart loading calls once the accounts exist.
        self.Request._demo_run_deferred()
        self.assertEqual(paid.state, "paid")
        self.assertEqual(validated.state, "done")
        self.assertEqual(validated.invoice_id.state, "open")
        self.assertFalse(self.env["ir.config_parameter"].get_param(DEFERRED_PARAM))
        # Nothing left to run: a second chart changes nothing.
        self.assertFalse(self.Request._demo_run_deferred())


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestDemoMember(ReaHttpCase):
    """The demo member (login portal) holds paid shares in the demo share
    project, which offers its services, and downloads her certificate."""

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            "rea_membership_shares.demo_request_portal_member",
            raise_if_not_found=False,
        ):
            self.skipTest("installed without demo data")

    def test_demo_member_sees_her_shares(self):
        project = self.env.ref("rea_membership_shares.demo_project_shares")
        self.assertTrue(project.has_service("shares"))
        request = self.env.ref("rea_membership_shares.demo_request_portal_member")
        member = self.env.ref("base.partner_demo_portal")
        self.assertEqual(request.partner_id, member)
        self.assertEqual(request.state, "paid")
        self.assertEqual(request.invoice_id.state, "paid")
        self.assertTrue(member.is_cooperator)
        self.authenticate("portal", "portal")
        page = self.url_open("/my/shares")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Share A (users)", page.text)
        self.assertIn("/my/shares/certificate", page.text)
        certificate = self.url_open("/my/shares/certificate")
        self.assertEqual(certificate.status_code, 200)
        self.assertIn(member.name, certificate.text)
        self.assertIn("Solar Commons", certificate.text)
        self.assertIn("/my/shares", self.url_open("/my/home").text)
