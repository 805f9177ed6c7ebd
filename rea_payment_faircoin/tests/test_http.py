# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase, at_install, post_install

from ..faircoin.address import encode_address
from .txbuilder import make_hash160


@at_install(False)
@post_install(True)
class TestPaymentPageHttp(HttpCase):
    """The form post, the payment page and its QR code through HTTP. In
    Odoo 11 the requests of a test run on the registry's test cursor: the
    data is made there."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            self.address = encode_address(make_hash160("http wallet"), "test")
            acquirer = env["payment.acquirer"].create(
                {
                    "name": "FairCoin http",
                    "provider": "faircoin",
                    "view_template_id": env.ref(
                        "rea_payment_faircoin.faircoin_form"
                    ).id,
                    "faircoin_network": "test",
                    "faircoin_address": self.address,
                }
            )
            fair = env.ref("rea_payment_faircoin.currency_fair")
            tx = env["payment.transaction"].create(
                {
                    "acquirer_id": acquirer.id,
                    "amount": 7.5,
                    "currency_id": fair.id,
                    "partner_country_id": env.ref("base.be").id,
                    "reference": "FAIR-HTTP-1",
                }
            )
            self.tx_id, self.token = tx.id, tx.faircoin_access_token

    def test_form_post_and_page(self):
        response = self.url_open(
            "/payment/faircoin/feedback",
            data={"reference": "FAIR-HTTP-1", "return_url": "https://evil.example"},
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "/payment/faircoin/pay/%d/%s" % (self.tx_id, self.token), response.url
        )
        page = response.text
        self.assertIn("7.50000000 FAIR", page)
        self.assertIn(self.address, page)
        self.assertIn("faircoin:%s?amount=7.5&amp;" % self.address, page)
        self.assertIn('href="/my"', page)  # no redirect to another site
        img = re.search(r"<img[^>]*o_faircoin_qr[^>]*>", page).group(0)
        qr_url = re.search(r'src="([^"]+)"', img).group(1).replace("&amp;", "&")
        qr = self.url_open(qr_url, timeout=60)
        self.assertEqual(qr.status_code, 200)
        self.assertTrue(qr.content.startswith(b"\x89PNG"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # The ORM cache is shared by this thread's environments: the
            # request ran in the server's thread.
            env["payment.transaction"].invalidate_cache()
            tx = env["payment.transaction"].browse(self.tx_id)
            self.assertEqual(tx.state, "pending")

    def test_wrong_token(self):
        response = self.url_open("/payment/faircoin/pay/%d/%s" % (self.tx_id, "0" * 32))
        self.assertEqual(response.status_code, 404)
