# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import fields
from odoo.tests.common import at_install, post_install
from odoo.tools.misc import format_date

from .common import SharesCase

# Two 1x1 PNGs (different pixels): the bottom logos.
SIGNATURE = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    b"YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
LOGO2 = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
    b"z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@at_install(False)
@post_install(True)
class TestSubscriptionRegisterReport(SharesCase):
    """The subscription register PDF and the certificate's bottom logos."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls.make_request(
            email="reg.draft@example.org",
            firstname="Dora",
            lastname="Draft",
            date="2026-03-01",
            quantity=3,
        )
        cls.paid = cls.make_request(
            email="reg.paid@example.org",
            firstname="Pere",
            lastname="Paid",
            date="2026-02-01",
            quantity=4,
        )
        cls.paid.action_validate()

    def html(self, xmlid, records):
        report = self.env.ref("rea_membership_shares.%s" % xmlid)
        content, kind = report.render_qweb_html(records.ids)
        self.assertEqual(kind, "html")
        return content.decode("utf-8")

    def test_report_action(self):
        report = self.env.ref(
            "rea_membership_shares.action_report_subscription_register"
        )
        self.assertEqual(report.model, "rea.subscription.request")
        self.assertEqual(report.report_type, "qweb-pdf")
        self.assertIn(
            self.env.ref("rea_membership_shares.group_share_user"), report.groups_id
        )

    def test_subscription_register_html(self):
        self.pay(self.paid, date="2026-02-10")
        html = self.html("action_report_subscription_register", self.draft | self.paid)
        self.assertIn("Subscription register", html)
        self.assertEqual(html.count("rea_subscription_line"), 2)
        self.assertIn("Dora Draft", html)
        self.assertIn("Pere Paid", html)
        self.assertIn(self.paid.partner_id.cooperator_number, html)
        self.assertIn("Wind share A", html)
        # 3 and 4 shares of 50; total 350.
        self.assertIn("150.00", html)
        self.assertIn("200.00", html)
        self.assertIn("350.00", html)
        self.assertIn(">Draft<", html.replace("\n", "").replace(" ", ""))
        self.assertIn(">Paid<", html.replace("\n", "").replace(" ", ""))
        # By request date: February's first.
        self.assertLess(html.index("Pere Paid"), html.index("Dora Draft"))
        # Printed on today's date, in the reader's format.
        today = fields.Date.context_today(self.paid.with_context(tz=self.env.user.tz))
        printed = " ".join(re.sub(r"<[^>]+>", "", html).split())
        self.assertIn("printed on %s" % format_date(self.env, today), printed)

    def test_certificate_bottom_logos(self):
        self.pay(self.paid, date="2026-02-10")
        partner = self.paid.partner_id
        html = self.html("action_report_share_certificate", partner)
        self.assertNotIn("rea_share_bottom_logos", html)
        self.company.share_bottom_logo1 = SIGNATURE
        html = self.html("action_report_share_certificate", partner)
        self.assertIn("rea_share_bottom_logo1", html)
        self.assertIn(SIGNATURE.decode()[:40], html)
        self.assertNotIn("rea_share_bottom_logo2", html)
        self.company.write({"share_bottom_logo1": False, "share_bottom_logo2": LOGO2})
        html = self.html("action_report_share_certificate", partner)
        self.assertNotIn("rea_share_bottom_logo1", html)
        self.assertIn("rea_share_bottom_logo2", html)
        self.assertIn(LOGO2.decode()[:60], html)
