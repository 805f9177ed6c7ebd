# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

PORTS = range(8220, 8230)
ANSWERS = {
    "/ok": b'{"eur-fair": 0.05}',
    "/nested": b'{"data": {"rate": 25.0}}',
    "/absurd": b'{"eur-fair": 1000}',
    "/zero": b'{"eur-fair": 0}',
    "/text": b"<html>maintenance</html>",
    "/missing": b"{}",
}


class _RateHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.5)
        body = ANSWERS.get(self.path)
        if body is None and self.path != "/slow":
            self.send_response(404)
            self.end_headers()
            return
        body = body or b'{"eur-fair": 0.05}'
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The slow source's client gave up first, as the test wants.
            self.close_connection = True

    def log_message(self, *args):
        pass


class TestRateSource(SavepointCase):
    """The rate URL against a stand-in HTTP server on loopback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.httpd = None
        for port in PORTS:
            try:
                cls.httpd = ThreadingHTTPServer(("127.0.0.1", port), _RateHandler)
                break
            except OSError:
                continue
        assert cls.httpd, "no free port in 8220-8229"
        cls.httpd.daemon_threads = True
        cls.thread = threading.Thread(target=cls.httpd.serve_forever)
        cls.thread.daemon = True
        cls.thread.start()
        cls.base = "http://127.0.0.1:%d" % cls.httpd.server_address[1]
        cls.fair = cls.env.ref("rea_payment_faircoin.currency_fair")
        cls.fair.write(
            {
                "rea_rate_json_key": "eur-fair",
                "rea_rate_kind": "price",
                "rea_rate_min": 0.001,
                "rea_rate_max": 100.0,
                "rea_rate_timeout": 0.5,
            }
        )

    @classmethod
    def tearDownClass(cls):
        cls.httpd.shutdown()
        cls.httpd.server_close()
        super().tearDownClass()

    def rates(self):
        return self.env["res.currency.rate"].search(
            [("currency_id", "=", self.fair.id)], order="name desc, id desc"
        )

    def test_fetch_price(self):
        self.fair.rea_rate_url = self.base + "/ok"
        self.env["res.currency"]._cron_fetch_rates()
        self.assertAlmostEqual(self.rates()[0].rate, 20.0, places=6)
        self.assertFalse(self.fair.rea_rate_last_error)
        self.assertTrue(self.fair.rea_rate_last_fetch)
        # Fetched twice the same day: one rate, updated.
        count = len(self.rates())
        self.fair.write(
            {
                "rea_rate_url": self.base + "/nested",
                "rea_rate_json_key": "data.rate",
                "rea_rate_kind": "rate",
            }
        )
        self.fair.action_fetch_rate()
        self.assertEqual(len(self.rates()), count)
        self.assertAlmostEqual(self.rates()[0].rate, 25.0, places=6)

    @mute_logger("odoo.addons.rea_payment_faircoin.models.res_currency")
    def test_bad_sources_keep_the_rate(self):
        self.fair.rea_rate_url = self.base + "/ok"
        self.fair.action_fetch_rate()
        before = self.rates()[0].rate
        for path, reason in (
            ("/absurd", "above the highest"),
            ("/zero", "not a positive number"),
            ("/text", "did not answer JSON"),
            ("/missing", "no key"),
            ("/slow", "in time"),
            ("/nowhere", "failed"),
        ):
            self.fair.rea_rate_url = self.base + path
            self.env["res.currency"]._cron_fetch_rates()
            self.assertIn(reason, self.fair.rea_rate_last_error, path)
            self.assertEqual(self.rates()[0].rate, before, path)
        with self.assertRaisesRegex(UserError, "not updated"):
            self.fair.action_fetch_rate()
