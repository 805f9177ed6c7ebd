# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .rea_transfer_type import QUANTITY_DIGITS


class ReaResource(models.Model):
    _inherit = "rea.resource"

    # Balances of digital currency accounts show their 8 decimals.
    accounting_quantity = fields.Float(digits=QUANTITY_DIGITS)
    onhand_quantity = fields.Float(digits=QUANTITY_DIGITS)
