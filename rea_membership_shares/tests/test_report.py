# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import re

from odoo import fields
from odoo.tests.common import at_install, post_install
from odoo.tools.misc import format_date

from odoo.addons.rea_base.tests.http_common import real_pdf

from .test_operation import ShareOperationCase, days_ago

# A 1x1 PNG: the board signature printed on certificates.
SIGNATURE = (
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    b"YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@at_install(False)
@post_install(True)
class TestShareReports(ShareOperationCase):
    """The three PDFs: certificate, capital release request, register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.share_signature = SIGNATURE
        cls.bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "BE71 0961 2345 6769",
                "partner_id": cls.company.partner_id.id,
                "company_id": cls.company.id,
            }
        )
        cls.invoice = cls.env["account.invoice"].create(
            {
                "type": "out_invoice",
                "partner_id": cls.carol.id,
                "journal_id": cls.company.get_share_journal().id,
                "account_id": cls.cooperator_account.id,
                "is_capital_release": True,
                "partner_bank_id": cls.bank.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Share B",
                            "product_id": cls.share_b.id,
                            "quantity": 4,
                            "price_unit": 25.0,
                            "account_id": cls.capital_b_account.id,
                        },
                    )
                ],
            }
        )
        cls.invoice.action_invoice_open()

    def report(self, xmlid):
        return self.env.ref("rea_membership_shares.%s" % xmlid)

    def html(self, xmlid, records):
        content, kind = self.report(xmlid).render_qweb_html(records.ids)
        self.assertEqual(kind, "html")
        return content.decode("utf-8")

    def test_report_actions(self):
        for xmlid, model in (
            ("action_report_share_certificate", "res.partner"),
            ("action_report_capital_release", "account.invoice"),
            ("action_report_cooperator_register", "rea.share.register"),
        ):
            report = self.report(xmlid)
            self.assertEqual(report.model, model)
            self.assertEqual(report.report_type, "qweb-pdf")

    def test_certificate_html(self):
        html = self.html("action_report_share_certificate", self.alice)
        self.assertIn("Share certificate", html)
        self.assertIn("Alice Baker", html)
        self.assertIn(self.alice.cooperator_number, html)
        self.assertIn("Share A", html)
        self.assertIn("Ada Board", html)
        self.assertIn("rea_share_signature", html)
        self.assertIn(SIGNATURE.decode()[:40], html)
        # 5 shares of 50: the total value.
        self.assertIn(">5<", html.replace(" ", ""))
        self.assertIn("250.00", html)
        # Member since her first shares.
        self.assertIn(format_date(self.env, self.alice.effective_date), html)
        self.assertEqual(self.alice.effective_date, days_ago(60))

    def test_certificate_names_the_project_and_formats_dates(self):
        html = self.html("action_report_share_certificate", self.alice)
        # The project that issued the shares, the company keeps the register.
        statement = html[html.index("rea_certificate_statement") :]
        statement = re.sub(r"<[^>]+>", "", statement[: statement.index("</p>")])
        statement = " ".join(statement.split())
        self.assertIn("of the capital of %s" % self.project.partner_id.name, statement)
        self.assertIn("kept by %s" % self.company.name, statement)
        self.assertIn(self.project.partner_id.name, html[: html.index("statement")])
        # Every date in the member's language format, not ISO.
        today = fields.Date.context_today(self.alice)
        self.assertIn(format_date(self.env, today), html)
        self.assertNotIn(today, html)
        # Another language writes dates its own way.
        self.env["res.lang"].load_lang("fr_FR")
        self.alice.lang = "fr_FR"
        html_fr = self.html("action_report_share_certificate", self.alice)
        self.assertIn(format_date(self.env, today, lang_code="fr_FR"), html_fr)
        self.assertIn(
            format_date(self.env, self.alice.effective_date, lang_code="fr_FR"),
            html_fr,
        )

    def test_certificate_after_transfer(self):
        self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.carol.id
        )
        html = self.html("action_report_share_certificate", self.carol)
        self.assertIn("Carol Outsider", html)
        self.assertIn(self.carol.cooperator_number, html)
        self.assertIn("100.00", html)

    def test_capital_release_html(self):
        invoice = self.invoice
        html = self.html("action_report_capital_release", invoice)
        self.assertIn("Capital release request", html)
        self.assertIn(invoice.number, html)
        self.assertIn("Carol Outsider", html)
        self.assertIn("100.00", html)
        self.assertIn("Please pay", html)
        self.assertIn("rea_payment_reference", html)
        self.assertIn("BE71 0961 2345 6769", html)

    def test_cooperator_register_html(self):
        self.run_operation("sell_back", self.bob, self.share_a, 1)
        lines = self.env["rea.share.register"].search(
            [("partner_id", "in", (self.alice | self.bob).ids)]
        )
        self.assertEqual(len(lines), 4)
        html = self.html("action_report_cooperator_register", lines)
        self.assertIn("Cooperator register", html)
        for line in lines:
            self.assertIn(">%d<" % line.register_number, html.replace(" ", ""))
        self.assertIn("Sell-back", html)
        self.assertIn("Bob Miller", html)
        self.assertIn(self.alice.cooperator_number, html)
        # Printed on today's date, in the reader's format.
        printed = " ".join(re.sub(r"<[^>]+>", "", html).split())
        today = fields.Date.context_today(lines[0].with_context(tz=self.env.user.tz))
        self.assertIn("printed on %s" % format_date(self.env, today), printed)
        # Printed in register order.
        numbers = sorted(lines.mapped("register_number"))
        positions = [html.replace(" ", "").index(">%d<" % number) for number in numbers]
        self.assertEqual(positions, sorted(positions))

    def test_reports_render_pdf(self):
        """wkhtmltopdf turns each report into a PDF."""
        with real_pdf():
            for xmlid, records in (
                ("action_report_share_certificate", self.alice),
                ("action_report_capital_release", self.invoice),
                (
                    "action_report_cooperator_register",
                    self.env["rea.share.register"].search(
                        [("partner_id", "=", self.alice.id)]
                    ),
                ),
            ):
                content, kind = self.report(xmlid).render_qweb_pdf(records.ids)
                self.assertEqual(kind, "pdf", xmlid)
                self.assertTrue(content.startswith(b"%PDF"), xmlid)
                self.assertGreater(len(content), 1000, xmlid)

    def test_certificate_mail_attachment_is_certificate(self):
        """The transfer mail attaches the receiver's certificate."""
        self.run_operation(
            "transfer", self.alice, self.share_a, 1, receiver_id=self.bob.id
        )
        mail = self.mails_to(self.bob, "shares transferred to you")
        self.assertEqual(len(mail.attachment_ids), 1)
        content = base64.b64decode(mail.attachment_ids.datas).decode("utf-8")
        self.assertIn("Bob Miller", content)
        self.assertIn("Share certificate", content)
