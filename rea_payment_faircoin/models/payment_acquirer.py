# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..faircoin.electrum import ElectrumClient

_logger = logging.getLogger(__name__)

FAIR_DIGITS = (16, 8)


class PaymentAcquirer(models.Model):
    """FairCoin acquirer: the payer sends FAIR to one of our addresses, an
    Electrum-protocol server tells what reached it. No key on the server."""

    _name = "payment.acquirer"
    _inherit = ["payment.acquirer", "rea.faircoin.address.mixin"]

    provider = fields.Selection(selection_add=[("faircoin", "FairCoin")])
    faircoin_network = fields.Selection(
        [("main", "Main network"), ("test", "Test network")],
        string="FairCoin network",
        default="main",
    )
    faircoin_address_mode = fields.Selection(
        [
            ("fixed", "One receiving address"),
            ("context", "One address per project (its FairCoin account)"),
        ],
        string="Receiving address",
        default="fixed",
        help="Per project: a payment for a project (the context of the "
        "invoice's exchange) goes to the address of the project's FairCoin "
        "account; payments without one go to the address below.",
    )
    faircoin_address = fields.Char(
        string="FairCoin address",
        copy=True,
        help="Where payers send their FAIR (FairCoin 2 address of the chosen "
        "network). Only the address: no private key is stored.",
    )
    faircoin_receiver_id = fields.Many2one(
        "res.partner",
        string="Receiving agent",
        help="Agent receiving the FAIR when no project address is used "
        "(recorded as the receiver of the REA transfer). Empty: the company.",
    )
    faircoin_electrum_host = fields.Char(
        string="Electrum server", help="Host name of an Electrum-protocol server."
    )
    faircoin_electrum_port = fields.Integer(string="Port", default=51812)
    faircoin_electrum_tls = fields.Boolean(string="TLS", default=True)
    faircoin_electrum_tls_verify = fields.Boolean(
        string="Verify the TLS certificate",
        default=True,
        help="Untick for servers with a self-signed certificate.",
    )
    faircoin_timeout = fields.Float(
        string="Server timeout (seconds)",
        default=10.0,
        help="How long to wait for the server before giving up until the " "next run.",
    )
    faircoin_confirmations = fields.Integer(
        string="Confirmations required",
        default=3,
        help="Blocks that must confirm a payment before it is done (one block "
        "every 3 minutes or so).",
    )
    faircoin_window = fields.Integer(
        string="Payment window (minutes)",
        default=120,
        help="A payment with nothing seen on the chain by then is cancelled.",
    )
    faircoin_tolerance = fields.Float(
        string="Tolerance (FAIR)",
        digits=FAIR_DIGITS,
        help="A payment short by at most this much is still accepted.",
    )

    @api.constrains("provider", "faircoin_address", "faircoin_network")
    def _check_faircoin_address(self):
        return super()._check_faircoin_address()

    @api.multi
    def _faircoin_network(self):
        return self.faircoin_network

    @api.multi
    def _faircoin_address_checked(self):
        return self.provider == "faircoin" and bool(self.faircoin_address)

    @api.constrains(
        "faircoin_confirmations",
        "faircoin_window",
        "faircoin_tolerance",
        "faircoin_timeout",
    )
    def _check_faircoin_numbers(self):
        for acquirer in self.filtered(lambda a: a.provider == "faircoin"):
            if acquirer.faircoin_confirmations < 1:
                raise UserError(_("At least one confirmation is required."))
            if acquirer.faircoin_window < 1:
                raise UserError(_("The payment window must be positive."))
            if acquirer.faircoin_tolerance < 0:
                raise UserError(_("The tolerance cannot be negative."))
            if acquirer.faircoin_timeout <= 0:
                raise UserError(_("The server timeout must be positive."))

    # Journal: payment creates one per acquirer module named payment_<x>;
    # this module's name does not follow that pattern.

    @api.model
    def _create_missing_journal_for_acquirers(self, company=None):
        journals = super()._create_missing_journal_for_acquirers(company=company)
        company = company or self.env.user.company_id
        acquirers = self.search(
            [
                ("provider", "=", "faircoin"),
                ("journal_id", "=", False),
                ("company_id", "=", company.id),
            ]
        )
        for acquirer in acquirers.filtered(lambda a: a.company_id.chart_template_id):
            acquirer.journal_id = self.env["account.journal"].create(
                acquirer._prepare_account_journal_vals()
            )
            journals |= acquirer.journal_id
        return journals

    @api.multi
    def _prepare_account_journal_vals(self):
        vals = super()._prepare_account_journal_vals()
        if self.provider == "faircoin":
            # Journal codes are short; the acquirer name may not be.
            code = "FAIR"
            journal_model = self.env["account.journal"]
            suffix = 1
            while journal_model.search_count(
                [("code", "=", code), ("company_id", "=", self.company_id.id)]
            ):
                suffix += 1
                code = "FAIR%d" % suffix
            vals["code"] = code
        return vals

    # Form flow (as payment_transfer): the form posts the reference to our
    # feedback route, which sets the transaction pending and shows the
    # page with the address, amount, URI and QR code.

    @api.multi
    def faircoin_get_form_action_url(self):
        return "/payment/faircoin/feedback"

    @api.multi
    def faircoin_form_generate_values(self, values):
        """Add the FAIR amount, address and URI of the transaction being paid
        (looked up by reference), for templates that show them."""
        tx = self.env["payment.transaction"].sudo()
        if values.get("reference"):
            tx = tx.search([("reference", "=", values["reference"])], limit=1)
        if tx and tx.provider == "faircoin":
            values.update(tx.get_faircoin_payment_values())
        return values

    # Chain access

    @api.model
    def get_faircoin_watched(self):
        """The FairCoin acquirers whose pending payments the scheduled job
        checks: those with an Electrum server to ask (published or not, so
        payments still pending on an acquirer taken offline are settled)."""
        return self.search(
            [("provider", "=", "faircoin"), ("faircoin_electrum_host", "!=", False)]
        )

    @api.multi
    def get_faircoin_client(self):
        """An (unconnected) Electrum client for this acquirer's server;
        use it as a context manager."""
        self.ensure_one()
        return ElectrumClient(
            self.faircoin_electrum_host,
            self.faircoin_electrum_port,
            use_tls=self.faircoin_electrum_tls,
            verify_tls=self.faircoin_electrum_tls_verify,
            timeout=self.faircoin_timeout,
        )

    @api.multi
    def get_faircoin_receiving(self, receiver=None):
        """``(address, receiving agent)`` for a payment to ``receiver`` (a
        context or any agent), following the address mode."""
        self.ensure_one()
        if receiver and self.faircoin_address_mode == "context":
            account = receiver.sudo().get_faircoin_account()
            if account.faircoin_address:
                return account.faircoin_address, receiver
        agent = self.faircoin_receiver_id or self.company_id.partner_id
        return self.faircoin_address, agent
