# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase, at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

INTERNAL_GROUPS = ("base.group_user", "rea_base.group_rea_user")


def create_internal_user(env, login, groups=INTERNAL_GROUPS):
    return (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(
            {
                "name": login.title(),
                "login": login,
                "password": login,
                "email": "%s@example.org" % login,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
            }
        )
    )


class TestInvoiceCountContext(SavepointCase):
    """The portal's invoice count answers 0, without raising, to internal
    users who may not read invoices; nothing else changes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = create_internal_user(cls.env, "rx_no_billing")

    def test_count_raises_outside_the_portal_layout(self):
        invoices = self.env["account.invoice"].sudo(self.user)
        self.assertFalse(invoices.check_access_rights("read", raise_exception=False))
        with self.assertRaises(AccessError):
            invoices.search_count([])
        with self.assertRaises(AccessError):
            invoices.search([])

    def test_count_is_zero_in_the_portal_layout(self):
        invoices = (
            self.env["account.invoice"]
            .sudo(self.user)
            .with_context(rea_portal_layout=True)
        )
        self.assertEqual(invoices.search_count([]), 0)
        # Reading stays refused: no invoice access comes with the key.
        with self.assertRaises(AccessError):
            invoices.search([])

    def test_billing_users_count_as_before(self):
        invoices = self.env["account.invoice"].with_context(rea_portal_layout=True)
        self.assertEqual(
            invoices.search_count([]),
            self.env["account.invoice"].search_count([]),
        )


@at_install(False)
@post_install(True)
class TestPortalInternalUsers(ReaHttpCase):
    """/my pages open for internal users without billing rights (Odoo's
    account counted their invoices as them and every page answered 403)."""

    def setUp(self):
        super().setUp()
        create_internal_user(self.env, "rx_internal")
        self.settle()
        self.authenticate("rx_internal", "rx_internal")

    def test_my_home_and_account_open(self):
        for url in ("/my", "/my/home", "/my/account"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
        home = self.url_open("/my").text
        self.assertNotIn('href="/my/invoices"', home)

    def test_invoices_stay_refused(self):
        # The refusal is expected: Odoo's logging of it (with its traceback)
        # is silenced so that the run's log shows only real trouble.
        with mute_logger("odoo.addons.website.models.ir_http", "odoo.http"):
            response = self.url_open("/my/invoices")
        self.assertEqual(response.status_code, 403)
