# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from urllib.parse import quote

from ..faircoin.address import to_sat
from .common import FaircoinCase


class TestPaymentPage(FaircoinCase):
    def test_conversion_keeps_8_decimals(self):
        self._set_rate(self.fair, 0.333333)
        tx = self.make_tx(12.34, pending=False)
        # 12.34 x 0.333333 = 4.11332922: beyond the currency's 6 decimals.
        self.assertEqual(to_sat(tx.faircoin_amount), 411332922)
        self.assertAlmostEqual(tx.faircoin_rate, 0.333333, places=8)
        self.assertEqual(tx.amount, 12.34)
        self.assertEqual(tx.state, "draft")
        self.assertTrue(tx.faircoin_expiry)

    def test_uri_and_qr(self):
        self._set_rate(self.fair, 0.333333)
        tx = self.make_tx(12.34, pending=False)
        self.assertEqual(
            tx.faircoin_uri,
            "faircoin:%s?amount=4.11332922&label=%s&message=%s"
            % (self.address, quote(self.company.name, safe=""), tx.reference),
        )
        self.assertEqual(
            tx.faircoin_qr_url,
            "/report/barcode/?type=QR&value=%s&width=240&height=240"
            % quote(tx.faircoin_uri, safe=""),
        )
        png = self.env["ir.actions.report"].barcode("QR", tx.faircoin_uri, 240, 240)
        self.assertTrue(png.startswith(b"\x89PNG"))

    def test_rendered_form_and_details(self):
        tx = self.make_tx(10.0, pending=False)
        form = self.acquirer.render(tx.reference, tx.amount, tx.currency_id.id)
        form = form.decode() if isinstance(form, bytes) else form
        self.assertIn("/payment/faircoin/feedback", form)
        self.assertIn(tx.reference, form)
        values = self.acquirer.faircoin_form_generate_values(
            {"reference": tx.reference}
        )
        self.assertEqual(values["faircoin_amount_text"], "20.00000000")
        html = self.env["ir.ui.view"].render_template(
            "rea_payment_faircoin.faircoin_pay_details", values
        )
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("20.00000000 FAIR", html)
        self.assertIn(self.address, html)
        self.assertIn('href="faircoin:%s?amount=20&amp;' % self.address, html)
        self.assertIn("/report/barcode/?type=QR&amp;value=faircoin%3A", html)
        self.assertIn("Test network", html)

    def test_feedback_goes_pending(self):
        tx = self.make_tx(10.0, pending=False)
        self.Tx.form_feedback(
            {"reference": tx.reference, "amount": "10.00"}, "faircoin"
        )
        self.assertEqual(tx.state, "pending")
        self.assertIn("Waiting for 20.00000000 FAIR", tx.state_message)
