# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaResource(models.Model):
    """A context's FairCoin account resource carries its receiving address:
    payments to the project land there, watched on the chain."""

    _name = "rea.resource"
    _inherit = ["rea.resource", "rea.faircoin.address.mixin"]

    faircoin_address = fields.Char(
        string="FairCoin address",
        copy=False,
        track_visibility="onchange",
        help="FairCoin 2 address (main or test network) receiving the "
        "payments to this account. No private key is stored.",
    )
