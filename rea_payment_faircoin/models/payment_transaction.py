# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import pprint
import uuid
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import quote

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from ..faircoin.address import (
    SAT,
    AddressError,
    address_script,
    format_fair,
    from_sat,
    make_uri,
    script_hash,
    to_sat,
)
from ..faircoin.electrum import ElectrumError, HashMismatchError, confirmations
from .payment_acquirer import FAIR_DIGITS

_logger = logging.getLogger(__name__)

CHAINS = [
    ("fair", "FairCoin"),
    ("btc", "Bitcoin"),
    ("eth", "Ether"),
]
# States the chain no longer changes.
FINAL_STATES = ("done", "refunding", "refunded")
# States only a coordinator (the wizard) takes a payment out of.
STOPPED_STATES = ("error", "cancel")


class PaymentTransaction(models.Model):
    """FairCoin data of a payment: what to pay (in FAIR, 8 decimals, kept
    apart from ``amount`` which has 2), where, and what the chain says."""

    _inherit = "payment.transaction"

    faircoin_amount = fields.Float(
        string="Amount (FAIR)", digits=FAIR_DIGITS, readonly=True, copy=False
    )
    faircoin_rate = fields.Float(
        string="FAIR per currency unit", digits=FAIR_DIGITS, readonly=True, copy=False
    )
    faircoin_address = fields.Char(
        string="Paid to address", readonly=True, copy=False, index=True
    )
    faircoin_receiver_id = fields.Many2one(
        "res.partner",
        string="Receiving agent",
        copy=False,
        help="Receives the FAIR: the project whose address is used, or the "
        "acquirer's receiving agent.",
    )
    faircoin_exchange_id = fields.Many2one(
        "rea.exchange",
        string="Exchange paid",
        copy=False,
        help="When set and its payment is in FairCoin, the confirmed payment "
        "is recorded on that exchange's payment transfer.",
    )
    faircoin_uri = fields.Char(string="Payment URI", compute="_compute_faircoin_uri")
    faircoin_qr_url = fields.Char(string="QR code", compute="_compute_faircoin_uri")
    faircoin_expiry = fields.Datetime(string="Pay before", readonly=True, copy=False)
    faircoin_start_height = fields.Integer(
        string="Chain height at start",
        readonly=True,
        copy=False,
        help="Transactions confirmed before this block are older than the "
        "payment request and never settle it.",
    )
    faircoin_chain = fields.Selection(CHAINS, string="Chain", readonly=True, copy=False)
    faircoin_txid = fields.Char(
        string="Transaction hash", readonly=True, copy=False, index=True
    )
    faircoin_received = fields.Float(
        string="Received", digits=FAIR_DIGITS, readonly=True, copy=False
    )
    faircoin_height = fields.Integer(string="Block height", readonly=True, copy=False)
    faircoin_confirmations = fields.Integer(
        string="Confirmations", readonly=True, copy=False
    )
    faircoin_verified = fields.Boolean(
        string="Verified on the chain",
        readonly=True,
        copy=False,
        help="Unticked for payments recorded by a coordinator without chain "
        "verification (Bitcoin, Ether external accounts).",
    )
    faircoin_recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", readonly=True, copy=False
    )
    faircoin_last_check = fields.Datetime(
        string="Last check", readonly=True, copy=False
    )
    faircoin_check_error = fields.Char(
        string="Last check problem", readonly=True, copy=False
    )
    faircoin_access_token = fields.Char(readonly=True, copy=False)
    faircoin_rea_transfer_id = fields.Many2one(
        "rea.transfer", string="REA transfer", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "faircoin_txid_unique",
            "unique(faircoin_txid)",
            "A transaction hash can settle only one payment.",
        )
    ]

    @api.depends("faircoin_address", "faircoin_amount", "reference")
    def _compute_faircoin_uri(self):
        for tx in self:
            if not tx.faircoin_address or tx.faircoin_chain not in (False, "fair"):
                tx.faircoin_uri = tx.faircoin_qr_url = False
                continue
            tx.faircoin_uri = make_uri(
                tx.faircoin_address,
                to_sat(tx.faircoin_amount),
                label=tx.acquirer_id.company_id.name,
                message=tx.reference,
            )
            tx.faircoin_qr_url = (
                "/report/barcode/?type=QR&value=%s&width=240&height=240"
                % quote(tx.faircoin_uri, safe="")
            )

    # Creation: fix the FAIR amount, the address and the window.

    @api.model
    def create(self, vals):
        acquirer = self.env["payment.acquirer"].browse(vals.get("acquirer_id"))
        if acquirer.provider == "faircoin":
            vals = self._faircoin_prepare_vals(acquirer, vals)
        return super().create(vals)

    @api.model
    def _faircoin_get_receiver(self, vals):
        """Who is paid: given, else the context of the exchange paid or of
        the invoice's exchange."""
        if vals.get("faircoin_receiver_id"):
            return self.env["res.partner"].browse(vals["faircoin_receiver_id"])
        exchange = self.env["rea.exchange"].browse(vals.get("faircoin_exchange_id"))
        if not exchange and vals.get("account_invoice_id"):
            invoice = self.env["account.invoice"].browse(vals["account_invoice_id"])
            exchange = invoice.sudo().rea_exchange_id
        exchange = exchange.sudo()
        if exchange.context_id:
            return exchange.context_id
        return self.env["res.partner"]

    @api.model
    def _faircoin_prepare_vals(self, acquirer, vals):
        acquirer = acquirer.sudo()
        receiver = self._faircoin_get_receiver(vals)
        address, agent = acquirer.get_faircoin_receiving(receiver)
        if not address:
            raise UserError(
                _("The payment method %s has no FairCoin receiving address yet.")
                % acquirer.name
            )
        self.env["rea.faircoin.address.mixin"].check_faircoin_address(
            address, acquirer.faircoin_network
        )
        currency = self.env["res.currency"].browse(vals.get("currency_id"))
        rate = self._faircoin_get_rate(currency)
        amount = (Decimal(str(vals.get("amount") or 0.0)) * rate).quantize(
            SAT, rounding=ROUND_HALF_UP
        )
        if amount <= 0:
            raise UserError(_("There is no amount to pay in FairCoin."))
        now = fields.Datetime.from_string(fields.Datetime.now())
        return dict(
            vals,
            faircoin_amount=float(amount),
            faircoin_rate=float(rate),
            faircoin_address=address,
            faircoin_receiver_id=agent.id,
            faircoin_expiry=fields.Datetime.to_string(
                now + timedelta(minutes=acquirer.faircoin_window)
            ),
            faircoin_chain="fair",
            faircoin_access_token=uuid.uuid4().hex,
        )

    @api.model
    def _faircoin_get_rate(self, currency):
        """FAIR per unit of ``currency`` today (Odoo rates, to 8 decimals)."""
        fair = self.env.ref("rea_payment_faircoin.currency_fair")
        if not currency or currency == fair:
            return Decimal(1)
        ratio = currency._get_conversion_rate(currency, fair)
        if not ratio or ratio <= 0:
            raise UserError(_("There is no FAIR rate for %s.") % currency.name)
        return Decimal(repr(ratio)).quantize(SAT, rounding=ROUND_HALF_UP)

    # What the payment page shows

    @api.multi
    def get_faircoin_payment_values(self):
        self.ensure_one()
        acquirer = self.acquirer_id
        return {
            "faircoin_tx": self,
            "faircoin_amount_text": format_fair(to_sat(self.faircoin_amount)),
            "faircoin_address": self.faircoin_address,
            "faircoin_uri": self.faircoin_uri,
            "faircoin_qr_url": self.faircoin_qr_url,
            "faircoin_expiry": self.faircoin_expiry,
            "faircoin_confirmations_required": acquirer.faircoin_confirmations,
            "faircoin_testnet": acquirer.faircoin_network == "test",
        }

    # form_feedback hooks (as payment_transfer); the state is decided from
    # facts stored on the transaction by the watcher or the coordinator
    # wizard, never from what a browser posts.

    @api.model
    def _faircoin_form_get_tx_from_data(self, data):
        reference = data.get("reference")
        tx = self.search([("reference", "=", reference)]) if reference else self
        if len(tx) != 1:
            message = _("FairCoin feedback for reference %(ref)s: %(problem)s") % {
                "ref": pprint.pformat(reference),
                "problem": (
                    _("no payment found") if not tx else _("several payments found")
                ),
            }
            _logger.info(message)
            raise ValidationError(message)
        return tx

    @api.multi
    def _faircoin_form_get_invalid_parameters(self, data):
        invalid = []
        if self.provider != "faircoin":
            invalid.append(("provider", self.provider, "faircoin"))
        amount = data.get("amount")
        if amount and float_compare(float(amount), self.amount, 2) != 0:
            invalid.append(("amount", amount, "%.2f" % self.amount))
        return invalid

    @api.multi
    def _faircoin_form_validate(self, data):
        self.ensure_one()
        if self.state in FINAL_STATES:
            return True
        if self.state in STOPPED_STATES and not self.env.context.get(
            "faircoin_coordinator"
        ):
            return True
        outcome, message = self._faircoin_evaluate()
        vals = {"state_message": message}
        if outcome == "done":
            vals.update(
                state="done",
                date_validate=fields.Datetime.now(),
                acquirer_reference=self.faircoin_txid,
            )
        elif outcome == "error":
            vals["state"] = "error"
        elif outcome == "expired" and self.env.context.get("faircoin_chain_checked"):
            vals["state"] = "cancel"
        else:
            vals["state"] = "pending"
        _logger.info(
            "FairCoin payment %s: %s (%s)", self.reference, vals["state"], message
        )
        self.write(vals)
        if outcome == "done":
            self._faircoin_record_rea_transfer()
        return True

    @api.multi
    def _faircoin_evaluate(self):
        """``(outcome, message)`` from the stored facts; outcome is done,
        error, pending, waiting or expired."""
        self.ensure_one()
        acquirer = self.acquirer_id
        expected = to_sat(self.faircoin_amount)
        if not self.faircoin_txid:
            now = fields.Datetime.now()
            if self.faircoin_expiry and self.faircoin_expiry < now:
                return "expired", _("Nothing was paid within the payment window.")
            return "waiting", _("Waiting for %(amount)s FAIR to %(address)s.") % {
                "amount": format_fair(expected),
                "address": self.faircoin_address,
            }
        received = to_sat(self.faircoin_received)
        if self.faircoin_chain != "fair" or not self.faircoin_verified:
            return "done", _(
                "Recorded by %(user)s: %(amount)s %(chain)s in %(txid)s. "
                "NOT verified on the chain."
            ) % {
                "user": self.faircoin_recorded_by_id.name or "?",
                "amount": format_fair(received),
                "chain": dict(CHAINS).get(self.faircoin_chain, ""),
                "txid": self.faircoin_txid,
            }
        tolerance = to_sat(acquirer.faircoin_tolerance)
        amounts = {
            "received": format_fair(received),
            "expected": format_fair(expected),
            "tolerance": format_fair(tolerance),
            "txid": self.faircoin_txid,
        }
        if received < expected - tolerance:
            return (
                "error",
                _(
                    "Short payment: %(received)s FAIR received in %(txid)s, "
                    "%(expected)s FAIR expected (tolerance %(tolerance)s FAIR)."
                )
                % amounts,
            )
        required = acquirer.faircoin_confirmations
        if self.faircoin_confirmations >= required:
            message = _(
                "%(received)s FAIR received in %(txid)s, %(count)d confirmations."
            ) % dict(amounts, count=self.faircoin_confirmations)
            if received > expected:
                message += " " + _("Overpaid by %s FAIR.") % format_fair(
                    received - expected
                )
            return "done", message
        return "pending", _(
            "%(received)s FAIR seen in %(txid)s: %(count)d of %(required)d "
            "confirmations."
        ) % dict(amounts, count=self.faircoin_confirmations, required=required)

    @api.multi
    def faircoin_feedback(self, chain_checked=False, coordinator=False):
        """Run ``form_feedback`` on each transaction, so that invoices are
        paid exactly as with any other acquirer."""
        txs = self.with_context(
            faircoin_chain_checked=chain_checked, faircoin_coordinator=coordinator
        )
        for tx in txs:
            if tx.state == "pending":
                # Still waiting: only the message changes. Skipping
                # form_feedback spares account_payment's warning about a
                # transaction that is not done yet, at every run.
                outcome, message = tx._faircoin_evaluate()
                if outcome in ("pending", "waiting") or (
                    outcome == "expired" and not chain_checked
                ):
                    if tx.state_message != message:
                        tx.state_message = message
                    continue
            tx.form_feedback({"reference": tx.reference}, "faircoin")
        return True

    # REA: a confirmed payment is a transfer of FAIR from payer to receiver.

    @api.multi
    def _faircoin_record_rea_transfer(self):
        self.ensure_one()
        tx = self.sudo()
        if tx.faircoin_chain != "fair" or tx.faircoin_rea_transfer_id:
            return tx.faircoin_rea_transfer_id
        payer = tx.partner_id.commercial_partner_id
        receiver = tx.faircoin_receiver_id
        if not payer or not receiver or payer == receiver:
            _logger.info("FairCoin payment %s: no REA transfer (agents)", tx.reference)
            return self.env["rea.transfer"]
        quantity = float(from_sat(to_sat(tx.faircoin_received or tx.faircoin_amount)))
        transfer = tx._faircoin_get_rea_transfer(payer, receiver)
        transfer.record_event(
            quantity,
            note=_("FairCoin payment %(ref)s, transaction %(txid)s")
            % {"ref": tx.reference, "txid": tx.faircoin_txid},
        )
        tx.faircoin_rea_transfer_id = transfer
        return transfer

    @api.multi
    def _faircoin_get_rea_transfer(self, payer, receiver):
        """The FairCoin payment transfer of the exchange paid, else a new
        'Payment (FairCoin)' exchange from payer to receiver."""
        faircoin = self.env.ref("rea_exchanges.product_template_faircoin")
        exchange = self.faircoin_exchange_id
        if exchange:
            # The payer's FairCoin transfer in that exchange: its payment
            # side, or the donation/contribution it makes.
            transfers = exchange.transfer_ids.filtered(
                lambda t: t.state != "cancelled"
                and t.resource_conforms_to_id == faircoin
                and t.provider_id == payer
            )
            money = exchange.get_money_transfer()
            if money in transfers:
                return money
            if transfers:
                return transfers[0]
        exchange_type = self.env.ref(
            "rea_payment_faircoin.exchange_type_payment_faircoin"
        )
        exchange = self.env["rea.exchange"].create(
            {
                "exchange_type_id": exchange_type.id,
                "provider_id": payer.id,
                "receiver_id": receiver.id,
                "context_id": receiver.id if receiver.is_context else False,
                "note": _("FairCoin payment %s") % self.reference,
            }
        )
        return exchange.add_transfer(exchange_type.transfer_type_ids[:1])

    # Watching the chain

    @api.model
    def _cron_faircoin_watch(self):
        """Check every pending FairCoin payment of the watched acquirers. A
        server problem is logged as a warning and retried at the next run:
        nothing is lost. Without a watched acquirer it does nothing, quietly."""
        acquirers = self.env["payment.acquirer"].sudo().get_faircoin_watched()
        for acquirer in acquirers:
            txs = self.sudo().search(
                [
                    ("acquirer_id", "=", acquirer.id),
                    ("state", "=", "pending"),
                    ("faircoin_chain", "=", "fair"),
                ],
                order="id",
            )
            if not txs:
                continue
            # One acquirer's trouble (a bad stored address, a hash taken by
            # a concurrent run) must not stop the others: undone, retried.
            try:
                with self.env.cr.savepoint():
                    txs.faircoin_watch()
            except (ValueError, UserError, ValidationError, psycopg2.Error) as error:
                _logger.warning(
                    "FairCoin acquirer %s: not checked, retried next run: %s",
                    acquirer.name,
                    error,
                )
        return True

    @api.multi
    def faircoin_watch(self):
        """Ask the server about these pending payments (one acquirer)."""
        acquirer = self.mapped("acquirer_id")
        acquirer.ensure_one()
        if not acquirer.faircoin_electrum_host:
            # Nothing to ask: said on the payments, not logged at each run.
            self.write(
                {
                    "faircoin_check_error": _(
                        "No Electrum server is set on the acquirer %s."
                    )
                    % acquirer.name,
                    "faircoin_last_check": fields.Datetime.now(),
                }
            )
            return False
        try:
            with acquirer.get_faircoin_client() as client:
                tip = client.get_tip()
                # mapped() on a char field keeps duplicates.
                addresses = list(dict.fromkeys(self.mapped("faircoin_address")))
                for address in addresses:
                    batch = self.filtered(lambda t: t.faircoin_address == address)
                    try:
                        batch._faircoin_watch_address(client, tip)
                    except AddressError as error:
                        # Stored before validation existed: says so, the
                        # other addresses go on.
                        _logger.warning("FairCoin: bad address %r", address)
                        batch.write(
                            {
                                "faircoin_check_error": _("Invalid address: %s")
                                % error.code,
                                "faircoin_last_check": fields.Datetime.now(),
                            }
                        )
        except ElectrumError as error:
            _logger.warning(
                "FairCoin acquirer %s: server problem, retried next run: %s",
                acquirer.name,
                error,
            )
            self.write(
                {
                    "faircoin_check_error": str(error),
                    "faircoin_last_check": fields.Datetime.now(),
                }
            )
            return False
        return True

    @api.multi
    def _faircoin_watch_address(self, client, tip):
        """Ask for the history of one address, bind new chain transactions
        to the open payments, update confirmations, then let form_feedback
        decide. All server calls happen before any write."""
        address = self[0].faircoin_address
        script = address_script(address)
        history = client.get_history(script_hash(script))
        heights = dict(history)
        now = fields.Datetime.now()
        updates = {
            tx: {"faircoin_last_check": now, "faircoin_check_error": False}
            for tx in self
        }
        for tx in self.filtered(lambda t: not t.faircoin_start_height):
            updates[tx]["faircoin_start_height"] = tx._faircoin_guess_start(tip)
        bound = self.filtered("faircoin_txid")
        for tx in bound:
            height = heights.get(tx.faircoin_txid)
            updates[tx].update(
                faircoin_height=max(height or 0, 0),
                faircoin_confirmations=confirmations(height, tip),
            )
            if height is None:
                updates[tx]["faircoin_check_error"] = _(
                    "The transaction is no longer in the address history."
                )
        open_txs = self - bound
        if open_txs:
            problems = []
            used = set(
                self.sudo()
                .search([("faircoin_txid", "in", list(heights))])
                .mapped("faircoin_txid")
            )
            # Plain tuples: this loop runs payments x history entries.
            tolerance = to_sat(self[0].acquirer_id.faircoin_tolerance)
            waiting = [
                (
                    tx,
                    updates[tx].get("faircoin_start_height", tx.faircoin_start_height),
                    to_sat(tx.faircoin_amount),
                )
                for tx in open_txs
            ]
            claimed = set()
            for txid, height in history:
                if txid in used or not waiting:
                    continue
                candidates = [
                    item for item in waiting if height <= 0 or height >= item[1]
                ]
                if not candidates:
                    continue
                try:
                    received = client.get_paid_to(txid, script)
                except HashMismatchError as error:
                    _logger.warning("FairCoin: %s", error)
                    problems.append(str(error))
                    continue
                if received <= 0:
                    continue
                item = self._faircoin_pick(candidates, received, tolerance)
                waiting.remove(item)
                tx = item[0]
                claimed.add(tx.id)
                updates[tx].update(
                    faircoin_txid=txid,
                    faircoin_received=float(from_sat(received)),
                    faircoin_height=max(height, 0),
                    faircoin_confirmations=confirmations(height, tip),
                    faircoin_verified=True,
                )
            for tx in open_txs.filtered(lambda t: t.id not in claimed):
                updates[tx]["faircoin_check_error"] = "; ".join(problems) or False
        for tx, vals in updates.items():
            tx.write(vals)
        self.faircoin_feedback(chain_checked=True)

    @api.multi
    def _faircoin_guess_start(self, tip):
        """A block height surely before the payment request (blocks come
        every 3 minutes or so; counting one per minute errs on the safe side)."""
        created = fields.Datetime.from_string(self.create_date)
        age = fields.Datetime.from_string(fields.Datetime.now()) - created
        return max(1, tip - int(age.total_seconds() // 60) - 2)

    @api.model
    def _faircoin_pick(self, candidates, received, tolerance):
        """The open payment a chain transaction of ``received`` base units
        settles, among ``candidates`` ``(tx, start height, expected)``: one
        it covers (within tolerance), closest amount first, then the oldest;
        else the closest one (a short payment)."""

        def key(item):
            tx, __, expected = item
            return (received < expected - tolerance, abs(received - expected), tx.id)

        return min(candidates, key=key)

    # Buttons

    @api.multi
    def action_faircoin_check(self):
        """Check these pending payments on the chain now (as the cron)."""
        self._faircoin_check_coordinator()
        for acquirer in self.mapped("acquirer_id"):
            txs = self.sudo().filtered(
                lambda t: t.acquirer_id == acquirer
                and t.state == "pending"
                and t.faircoin_chain == "fair"
            )
            if txs and not txs.faircoin_watch():
                raise UserError(
                    _("The FairCoin server could not be asked: %s")
                    % txs[0].faircoin_check_error
                )
        return True

    @api.multi
    def action_faircoin_record(self):
        self.ensure_one()
        self._faircoin_check_coordinator()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a payment by transaction hash"),
            "res_model": "rea.faircoin.payment.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_transaction_id": self.id},
        }

    @api.multi
    def _faircoin_check_coordinator(self):
        if not self.env.user.has_group(
            "rea_payment_faircoin.group_faircoin_coordinator"
        ):
            raise AccessError(_("Only FairCoin payment coordinators can do this."))
