# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaShareAggregateMixin(models.AbstractModel):
    """Grouped totals (pivots, grouped lists) of share records: shares of
    different types, and amounts of different companies (currencies), never
    add up; shares count whole."""

    _name = "rea.share.aggregate.mixin"
    _inherit = ["rea.aggregate.unit.mixin"]
    _description = "Share totals per share type and company"

    @api.model
    def _rea_get_unit_measures(self):
        measures = super()._rea_get_unit_measures()
        measures.update(quantity="share_product_id", total_amount="company_id")
        return measures

    @api.model
    def _rea_get_format(self, unit):
        if unit._name == "product.product":  # a share type: whole shares
            return {"digits": 0, "money": False}
        if unit._name == "res.company":
            return super()._rea_get_format(unit.currency_id)
        return super()._rea_get_format(unit)
