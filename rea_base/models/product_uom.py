# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import math

from odoo import api, fields, models
from odoo.tools import float_is_zero
from odoo.tools.misc import formatLang


class ProductUom(models.Model):
    _inherit = "product.uom"

    rea_money = fields.Boolean(
        string="Unit of account for money",
        help="Amounts in this unit always show all their decimals "
        "(e.g. 30.00 EUR, 0.50000000 FAIR); other quantities drop "
        "trailing zeros (e.g. 3 Units, 1.5 Hours).",
    )
    rea_digits = fields.Integer(
        string="Decimals shown",
        compute="_compute_rea_digits",
        help="Decimals that the rounding of this unit allows.",
    )

    @api.depends("rounding")
    def _compute_rea_digits(self):
        for unit in self:
            unit.rea_digits = unit.rea_get_digits()

    @api.multi
    def rea_get_digits(self):
        """Number of decimals that the rounding of this unit allows."""
        self.ensure_one()
        rounding = self.rounding or 0.01
        if rounding >= 1:
            return 0
        return int(round(-math.log10(rounding)))

    @api.model
    def rea_get_display_formats(self, unit_ids=None):
        """How the web client shows quantities of these units (all units
        when ``unit_ids`` is empty): ``{id: {"digits": n, "money": bool}}``."""
        # Units are few (tens): one call serves a whole web client page.
        units = (
            self.browse(unit_ids)
            if unit_ids
            else self.with_context(active_test=False).search([], limit=10000)
        )
        return {
            unit.id: {"digits": unit.rea_get_digits(), "money": unit.rea_money}
            for unit in units.exists()
        }

    @api.multi
    def _rea_format_lang(self):
        """The language that quantities are written in: the context's, else
        the user's."""
        return self.env.context.get("lang") or self.env.user.lang or "en_US"

    @api.multi
    def rea_format_quantity(self, quantity, with_unit=True):
        """Quantity as a person reads it in this unit, with the separators
        of the reader's language: '3 Units', '1.5 Hours', '30.00 EUR',
        '0.12345678 FAIR' (French: '1 234,5 g')."""
        if len(self) > 1:
            self.ensure_one()
        # No unit: as precise as quantities are stored, trailing zeros dropped.
        digits = self.rea_get_digits() if self else 8
        quantity = quantity or 0.0
        if float_is_zero(quantity, precision_digits=digits):
            quantity = 0.0  # no "-0.00"
        lang_code = self._rea_format_lang()
        env = self.with_context(lang=lang_code).env
        text = formatLang(env, quantity, digits=digits)
        if not self.rea_money and digits:
            decimal_point = env["res.lang"]._lang_get(lang_code).decimal_point
            head, sep, decimals = text.rpartition(decimal_point)
            if sep:
                decimals = decimals.rstrip("0")
                text = head + (decimal_point + decimals if decimals else "")
        return "%s %s" % (text, self.name) if with_unit and self else text
