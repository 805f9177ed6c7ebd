# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import itertools
import socket

from odoo import fields
from odoo.tests.common import SavepointCase

from ..faircoin.address import address_script, encode_address, to_sat
from .electrum_standin import ElectrumStandin
from .txbuilder import build_transaction, make_hash160

_refs = itertools.count(1)


def closed_port():
    """A loopback port where nothing listens (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class FaircoinCase(SavepointCase):
    """An acquirer on the test network pointing at a live stand-in Electrum
    server on loopback; FAIR at 2 per unit of the company currency."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.standin = ElectrumStandin().start()
        cls.Tx = cls.env["payment.transaction"]
        cls.company = cls.env.ref("base.main_company")
        cls.currency = cls.company.currency_id
        cls.fair = cls.env.ref("rea_payment_faircoin.currency_fair")
        cls._set_rate(cls.currency, 1.0)
        cls._set_rate(cls.fair, 2.0)
        cls.address = encode_address(make_hash160("our wallet"), "test")
        cls.script = address_script(cls.address)
        cls.other_address = encode_address(make_hash160("someone else"), "test")
        cls.other_script = address_script(cls.other_address)
        cls.acquirer = cls.env["payment.acquirer"].create(
            {
                "name": "FairCoin test",
                "provider": "faircoin",
                "company_id": cls.company.id,
                "view_template_id": cls.env.ref(
                    "rea_payment_faircoin.faircoin_form"
                ).id,
                "environment": "test",
                "faircoin_network": "test",
                "faircoin_address": cls.address,
                "faircoin_electrum_host": "127.0.0.1",
                "faircoin_electrum_port": cls.standin.port,
                "faircoin_electrum_tls": False,
                "faircoin_timeout": 1.0,
                "faircoin_confirmations": 3,
                "faircoin_window": 60,
                "faircoin_tolerance": 0.0,
            }
        )
        Partner = cls.env["res.partner"]
        cls.member = Partner.create({"name": "FAIR member", "agent_type": "individual"})
        cls.project = Partner.create(
            {"name": "FAIR project", "agent_type": "project", "is_context": True}
        )
        cls.acquirer.faircoin_receiver_id = cls.project

    @classmethod
    def tearDownClass(cls):
        cls.standin.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.standin.reset()

    @classmethod
    def _set_rate(cls, currency, rate):
        Rate = cls.env["res.currency.rate"]
        today = fields.Date.today()
        Rate.search([("currency_id", "=", currency.id), ("name", ">=", today)]).unlink()
        Rate.create(
            {
                "currency_id": currency.id,
                "name": today,
                "rate": rate,
                "company_id": cls.company.id,
            }
        )

    def make_tx(self, amount=10.0, partner=None, pending=True, **vals):
        values = {
            "acquirer_id": self.acquirer.id,
            "amount": amount,
            "currency_id": self.currency.id,
            "partner_id": (partner or self.member).id,
            "partner_country_id": self.env.ref("base.be").id,
            "reference": "FAIR-TEST-%d" % next(_refs),
        }
        values.update(vals)
        tx = self.Tx.create(values)
        if pending:
            self.Tx.form_feedback({"reference": tx.reference}, "faircoin")
            self.assertEqual(tx.state, "pending")
        return tx

    def pay(self, tx_or_sat, height=0, script=None, extra_outputs=()):
        """Put on the stand-in chain a transaction paying our address."""
        sat = (
            tx_or_sat
            if isinstance(tx_or_sat, int)
            else to_sat(tx_or_sat.faircoin_amount)
        )
        outputs = [(sat, script or self.script)] + list(extra_outputs)
        raw = build_transaction(outputs)
        return self.standin.add_transaction(raw, height)

    def confirmed_height(self, count):
        """Block height at which a transaction has ``count`` confirmations."""
        return self.standin.tip - count + 1

    def watch(self, *txs):
        return self.Tx.browse([t.id for t in txs]).faircoin_watch()
