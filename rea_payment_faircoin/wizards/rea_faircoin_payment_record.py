# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..faircoin.address import (
    address_script,
    format_fair,
    from_sat,
    script_hash,
    to_sat,
)
from ..faircoin.electrum import ElectrumError, confirmations
from ..faircoin.transaction import normalize_txid
from ..models.payment_acquirer import FAIR_DIGITS

ETH_TXID_RE = re.compile(r"^0x[0-9a-f]{64}$")
MODES = [
    ("faircoin", "FairCoin: verified on the chain"),
    ("btc", "Bitcoin: recorded by hand, NOT verified on the chain"),
    ("eth", "Ether: recorded by hand, NOT verified on the chain"),
]


class ReaFaircoinPaymentRecord(models.TransientModel):
    """A coordinator says 'this payment was made in transaction X of amount
    Y'. FairCoin: checked through the acquirer's server (output to our
    address, amount, hash unused). Bitcoin/Ether external accounts: the hash
    and amount are recorded, verified by the coordinator only."""

    _name = "rea.faircoin.payment.record"
    _description = "Record a FairCoin (or external crypto) payment"

    transaction_id = fields.Many2one(
        "payment.transaction", string="Payment", required=True, ondelete="cascade"
    )
    expected_amount = fields.Float(
        related="transaction_id.faircoin_amount",
        readonly=True,
        string="Expected (FAIR)",
    )
    address = fields.Char(related="transaction_id.faircoin_address", readonly=True)
    mode = fields.Selection(MODES, required=True, default="faircoin")
    txid = fields.Char(string="Transaction hash", required=True)
    amount = fields.Float(
        string="Exact amount",
        digits=FAIR_DIGITS,
        required=True,
        help="The amount the transaction pays to our address, to the last "
        "decimal (FAIR or BTC: 8 decimals).",
    )

    @api.multi
    def action_record(self):
        self.ensure_one()
        self._check_rights()
        tx = self.transaction_id.sudo()
        if tx.provider != "faircoin":
            raise UserError(_("%s is not a FairCoin payment.") % tx.reference)
        if tx.state not in ("draft", "pending", "error", "cancel"):
            raise UserError(
                _("The payment %(ref)s is %(state)s: nothing to record.")
                % {"ref": tx.reference, "state": tx.state}
            )
        if self.amount <= 0:
            raise UserError(_("Give the exact amount of the transaction."))
        txid = self._normalize_txid()
        other = tx.search([("faircoin_txid", "=", txid), ("id", "!=", tx.id)], limit=1)
        if other:
            raise UserError(
                _("The transaction %(txid)s already settled the payment %(ref)s.")
                % {"txid": txid, "ref": other.reference}
            )
        if self.mode == "faircoin":
            vals = self._verify_on_chain(tx, txid)
        else:
            vals = {
                "faircoin_chain": self.mode,
                "faircoin_txid": txid,
                "faircoin_received": self.amount,
                "faircoin_verified": False,
                "faircoin_confirmations": 0,
                "faircoin_height": 0,
            }
        vals["faircoin_recorded_by_id"] = self.env.uid
        if tx.state == "draft":
            vals["state"] = "pending"
        tx.write(vals)
        tx.faircoin_feedback(chain_checked=True, coordinator=True)
        return {"type": "ir.actions.act_window_close"}

    @api.multi
    def _check_rights(self):
        if not self.env.user.has_group(
            "rea_payment_faircoin.group_faircoin_coordinator"
        ):
            raise AccessError(_("Only FairCoin payment coordinators record payments."))

    @api.multi
    def _normalize_txid(self):
        text = (self.txid or "").strip().lower()
        if self.mode == "eth":
            if not text.startswith("0x"):
                text = "0x" + text
            if not ETH_TXID_RE.match(text):
                raise UserError(_("An Ether transaction hash is 0x and 64 hex digits."))
            return text
        txid = normalize_txid(text)
        if not txid:
            raise UserError(_("A transaction hash has 64 hexadecimal digits."))
        return txid

    @api.multi
    def _verify_on_chain(self, tx, txid):
        """Ask the acquirer's server; refuse with the reason on any doubt."""
        acquirer = tx.acquirer_id
        script = address_script(tx.faircoin_address)
        try:
            with acquirer.get_faircoin_client() as client:
                tip = client.get_tip()
                heights = dict(client.get_history(script_hash(script)))
                if txid not in heights:
                    raise UserError(
                        _(
                            "The server does not know %(txid)s as a payment to "
                            "%(address)s."
                        )
                        % {"txid": txid, "address": tx.faircoin_address}
                    )
                paid = client.get_paid_to(txid, script)
        except ElectrumError as error:
            raise UserError(
                _(
                    "The FairCoin server cannot verify the payment now (%s). "
                    "Nothing was recorded: try again later."
                )
                % error
            )
        typed = to_sat(self.amount)
        if not paid:
            raise UserError(
                _("The transaction %(txid)s pays nothing to %(address)s.")
                % {"txid": txid, "address": tx.faircoin_address}
            )
        if paid != typed:
            raise UserError(
                _(
                    "The transaction pays %(paid)s FAIR to our address, not "
                    "%(typed)s FAIR."
                )
                % {"paid": format_fair(paid), "typed": format_fair(typed)}
            )
        expected = to_sat(tx.faircoin_amount)
        tolerance = to_sat(acquirer.faircoin_tolerance)
        if paid < expected - tolerance:
            raise UserError(
                _(
                    "%(paid)s FAIR is short of the %(expected)s FAIR expected "
                    "(tolerance %(tolerance)s FAIR)."
                )
                % {
                    "paid": format_fair(paid),
                    "expected": format_fair(expected),
                    "tolerance": format_fair(tolerance),
                }
            )
        height = heights[txid]
        return {
            "faircoin_chain": "fair",
            "faircoin_txid": txid,
            "faircoin_received": float(from_sat(paid)),
            "faircoin_height": max(height, 0),
            "faircoin_confirmations": confirmations(height, tip),
            "faircoin_verified": True,
            "faircoin_check_error": False,
        }
