# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math

from odoo import api, fields, models


class ProductUom(models.Model):
    _inherit = "product.uom"

    rea_money = fields.Boolean(
        string="Unit of account for money",
        help="Amounts in this unit always show all their decimals "
        "(e.g. 30.00 EUR, 0.50000000 FAIR); other quantities drop "
        "trailing zeros (e.g. 3 Units).",
    )

    @api.multi
    def rea_get_digits(self):
        """Number of decimals that the rounding of this unit allows."""
        self.ensure_one()
        rounding = self.rounding or 0.01
        if rounding >= 1:
            return 0
        return int(round(-math.log10(rounding)))

    @api.multi
    def rea_format_quantity(self, quantity, with_unit=True):
        """Quantity as text in this unit, e.g. '0.12345678 FAIR'."""
        self.ensure_one()
        digits = self.rea_get_digits()
        text = "{:,.{digits}f}".format(quantity or 0.0, digits=digits)
        if not self.rea_money and "." in text:
            text = text.rstrip("0").rstrip(".")
        if text in ("-0", "-0.00"):
            text = text[1:]
        return "%s %s" % (text, self.name) if with_unit else text
