# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaResource(models.Model):
    """A context's FairCoin account resource carries its receiving address:
    payments to the project land there, watched on the chain."""

    _inherit = "rea.resource"

    faircoin_address = fields.Char(
        string="FairCoin address",
        copy=False,
        track_visibility="onchange",
        help="FairCoin 2 address (main or test network) receiving the "
        "payments to this account. No private key is stored.",
    )

    @api.constrains("faircoin_address")
    def _check_faircoin_address(self):
        checker = self.env["rea.faircoin.address.mixin"]
        for resource in self.filtered("faircoin_address"):
            checker.check_faircoin_address(resource.faircoin_address)

    @api.model
    def create(self, vals):
        return super().create(
            self.env["rea.faircoin.address.mixin"]._faircoin_clean_vals(vals)
        )

    @api.multi
    def write(self, vals):
        return super().write(
            self.env["rea.faircoin.address.mixin"]._faircoin_clean_vals(vals)
        )
