# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..faircoin.address import AddressError, decode_address


class FaircoinAddressMixin(models.AbstractModel):
    """One place that checks every FairCoin address typed in: acquirers,
    context accounts, agents. Models holding an address inherit it; its
    check is also callable on its own (``check_faircoin_address``)."""

    _name = "rea.faircoin.address.mixin"
    _description = "FairCoin address check"

    faircoin_address = fields.Char(string="FairCoin address", copy=False)

    @api.multi
    def _faircoin_network(self):
        """The network the address must belong to; None accepts both."""
        return None

    @api.multi
    def _faircoin_address_checked(self):
        """Whether this record's address must be valid (it is set)."""
        return bool(self.faircoin_address)

    @api.constrains("faircoin_address")
    def _check_faircoin_address(self):
        for record in self:
            if record._faircoin_address_checked():
                self.check_faircoin_address(
                    record.faircoin_address, record._faircoin_network()
                )

    @api.model
    def create(self, vals):
        return super().create(self._faircoin_clean_vals(vals))

    @api.multi
    def write(self, vals):
        return super().write(self._faircoin_clean_vals(vals))

    @api.model
    def _faircoin_address_messages(self):
        return {
            "empty": _("no address given"),
            "bech32": _("bech32 (segwit) addresses do not exist on FairCoin 2"),
            "characters": _("it contains characters that are not base58"),
            "length": _("it does not have the length of an address"),
            "checksum": _("its checksum is wrong (a typing mistake?)"),
            "version": _(
                "it is not a FairCoin 2 address (another chain or a private key)"
            ),
            "network": _("it belongs to the other FairCoin network (main/test)"),
        }

    @api.model
    def check_faircoin_address(self, address, network=None):
        """The cleaned address, or a ValidationError saying why not."""
        try:
            decode_address(address, network)
        except AddressError as error:
            reason = self._faircoin_address_messages().get(error.code, error.code)
            raise ValidationError(
                _("'%(address)s' is not a valid FairCoin address: %(reason)s.")
                % {"address": address or "", "reason": reason}
            )
        return address.strip()

    @api.model
    def _faircoin_clean_vals(self, vals, fname="faircoin_address"):
        """Strip spaces around a typed address before it is stored."""
        if vals.get(fname):
            vals = dict(vals, **{fname: vals[fname].strip()})
        return vals
