# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import SharesCase


class TestSubscriptionWorkflowAccess(SharesCase):
    """Who runs the workflow of subscription requests: cooperative users;
    members and coordinators, who read them, are refused with an AccessError
    before any business rule (validation writes as superuser)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.make_coordinator("wf_share_coordinator")
        cls.coop_billing = cls.make_user(
            "wf_share_billing",
            [
                "base.group_user",
                "rea_membership_shares.group_share_user",
                "account.group_account_invoice",
            ],
        )
        cls.member_request = cls.make_request(email="wf.member@example.org")
        cls.member_request.action_validate()
        cls.member = cls.make_user(
            "wf_share_member",
            ["base.group_portal"],
            partner_id=cls.member_request.partner_id.id,
        )

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_member_runs_no_step_of_their_request(self):
        """The member reads their request; every step is refused as access,
        not by the state machine (which would let a right state through)."""
        request = self.member_request.sudo(self.member)
        self.assertEqual(request.read(["state"])[0]["state"], "done")
        for method in (
            "action_validate",
            "action_unblock",
            "action_block",
            "action_cancel",
            "action_open_payment_wizard",
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(request, method)()
        self.assertEqual(self.member_request.state, "done")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_coordinator_reads_but_does_not_process(self):
        """Coordinators read their project's requests; processing them
        (validating invoices the company's capital) is the cooperative
        users'."""
        request = self.make_request(email="wf.coord@example.org")
        mine = request.sudo(self.coordinator)
        self.assertEqual(mine.read(["state"])[0]["state"], "draft")
        for method in ("action_validate", "action_block", "action_cancel"):
            with self.assertRaises(AccessError, msg=method):
                getattr(mine, method)()
        self.assertEqual(request.state, "draft")
        with self.assertRaises(AccessError):
            self.Request.sudo(self.coordinator).create(
                self.person_values(email="wf.coord.new@example.org")
            )
        # Cooperative users do it.
        request.sudo(self.coop_billing).action_validate()
        self.assertEqual(request.state, "done")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_payment_wizard_needs_billing_rights(self):
        with self.assertRaises(AccessError):
            self.member_request.sudo(self.coordinator).action_open_payment_wizard()
        action = self.member_request.sudo(
            self.coop_billing
        ).action_open_payment_wizard()
        self.assertEqual(action["res_model"], "rea.subscription.payment")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_office_subscription_access_before_values(self):
        """Access comes before the values check: an incomplete request says
        'access' to who may not create requests, what is missing to who
        may."""
        partner = self.env["res.partner"].create({"name": "Half Known"})
        before = self.Request.search_count([])
        for user, error in (
            (self.coordinator, AccessError),
            (self.member, AccessError),
            (self.coop_billing, ValidationError),
        ):
            wizard = (
                self.env["rea.subscription.create"]
                .sudo(user)
                .create(
                    {
                        "partner_id": partner.id,
                        "project_id": self.project.id,
                        "share_product_id": self.share_a.id,
                        "quantity": 2,
                    }
                )
            )
            with self.assertRaises(error, msg=user.login):
                wizard.action_create()
        self.assertEqual(self.Request.search_count([]), before)
