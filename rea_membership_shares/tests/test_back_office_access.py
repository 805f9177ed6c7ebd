# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import SharesCase


def read_form(record, view_type="form"):
    """Read a record as the web client does: every field its default view
    holds, and the fields of its x2many lists."""
    view = record.fields_view_get(view_type=view_type)
    record.read(list(view["fields"]))
    for name, field in view["fields"].items():
        for sub in field.get("views", {}).values():
            record[name].read(list(sub["fields"]))
    return view


class TestBackOfficeAccess(SharesCase):
    """The project coordinator and the cooperative user open the screens
    their menus lead to without an access error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = cls.make_coordinator("access_coordinator")
        cls.coop_user = cls.make_user(
            "access_coop_user",
            ["base.group_user", "rea_membership_shares.group_share_user"],
        )
        cls.coop_billing = cls.make_user(
            "access_coop_billing",
            [
                "base.group_user",
                "rea_membership_shares.group_share_user",
                "account.group_account_invoice",
            ],
        )
        cls.request = cls.make_request(email="access.member@example.org")
        cls.request.action_validate()
        cls.other_request = cls.make_request(
            email="access.other@example.org", project_id=cls.other_project.id
        )

    def test_settings_menu_only_for_administrators(self):
        menu = self.env.ref("rea_membership_shares.menu_share_settings")
        Menu = self.env["ir.ui.menu"]
        for user in (self.coordinator, self.coop_user, self.coop_billing):
            self.assertNotIn(menu, Menu.sudo(user).search([]), user.login)
        self.assertIn(menu, Menu.search([]))

    def test_project_form(self):
        for user in (self.coordinator, self.coop_user):
            for project in (self.project, self.other_project):
                read_form(project.sudo(user))

    def test_coordinator_reads_the_requests_of_their_projects(self):
        Request = self.Request.sudo(self.coordinator)
        both = [self.request.id, self.other_request.id]
        self.assertEqual(Request.search([("id", "in", both)]), self.request)
        self.assertEqual(self.project.sudo(self.coordinator).share_request_count, 1)
        self.assertEqual(
            self.other_project.sudo(self.coordinator).share_request_count, 0
        )
        view = read_form(Request.browse(self.request.id))
        # They read them: the workflow's buttons are the cooperative users'.
        doc = etree.fromstring(view["arch"])
        for name in ("action_validate", "action_cancel", "action_view_invoice"):
            [button] = doc.xpath("//button[@name='%s']" % name)
            self.assertEqual(button.get("invisible"), "1", name)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Request.browse(self.request.id).write({"city": "Elsewhere"})
        # A cooperative user still reads all of them.
        self.assertEqual(
            self.Request.sudo(self.coop_user).search([("id", "in", both)]),
            self.request | self.other_request,
        )

    def test_partner_form_of_a_coordinator(self):
        partners = self.project.partner_id | self.request.partner_id
        for partner in partners:
            view = read_form(partner.sudo(self.coordinator))
            self.assertNotIn("share_line_ids", view["fields"])
            view = read_form(partner.sudo(self.coop_user))
            self.assertIn("share_line_ids", view["fields"])

    def _confirm_payment_shown(self, user):
        view = self.Request.sudo(user).fields_view_get(view_type="form")
        doc = etree.fromstring(view["arch"])
        [button] = doc.xpath("//button[@name='action_open_payment_wizard']")
        return button.get("invisible") != "1"

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_payment_confirmed_by_billing_users_only(self):
        self.assertFalse(self._confirm_payment_shown(self.coop_user))
        with self.assertRaises(AccessError):
            self.request.sudo(self.coop_user).action_open_payment_wizard()
        self.assertTrue(self._confirm_payment_shown(self.coop_billing))
        action = self.request.sudo(self.coop_billing).action_open_payment_wizard()
        self.assertEqual(action["name"], "Confirm payment")  # the dialog's title
        Wizard = (
            self.env[action["res_model"]]
            .sudo(self.coop_billing)
            .with_context(**action["context"])
        )
        wizard = Wizard.create(
            {
                "journal_id": self.bank_journal.id,
                "amount": self.request.invoice_id.residual,
                "reference": "BILLING-1",
            }
        )
        read_form(wizard)
        wizard.action_confirm()
        self.assertEqual(self.request.invoice_id.state, "paid")
