# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

from odoo.addons.rea_base.server_api import server_only


class ProductTemplate(models.Model):
    _inherit = "product.template"

    rea_currency_id = fields.Many2one(
        "res.currency",
        string="Invoicing currency",
        help="For money account types: the currency of the invoices and "
        "payments that mirror transfers of this resource type.",
    )

    @api.multi
    def rea_get_display_currency(self):
        """The currency whose formatting writes amounts of this money type
        ('$ 150.00', '156.00 €'), or an empty recordset: not money, or a
        currency that keeps fewer decimals than the type's unit (Odoo
        rounds currencies to 6 decimals, FairCoin counts 8), whose
        amounts are then written in the unit ('30.50000000 FAIR')."""
        self.ensure_one()
        currency = self.sudo().rea_currency_id
        if currency and currency.decimal_places >= self.sudo().uom_id.rea_get_digits():
            return self.env["res.currency"].browse(currency.ids)
        return self.env["res.currency"]

    @api.model
    @server_only
    def rea_get_money_account_type(self, currency, create=False):
        """The money account type of ``currency`` (e.g. Euro for EUR).

        With ``create``, a missing one is made, with a unit of the
        currency's name and rounding: a payment in that currency is then
        recorded as paid, never converted into another currency. Server
        code only: it creates with elevated rights.
        """
        money_type = self.search(
            [("rea_behavior", "=", "account"), ("rea_currency_id", "=", currency.id)],
            limit=1,
        )
        if money_type or not create or not currency:
            return money_type
        return self.sudo().create(self._rea_prepare_money_account_type_vals(currency))

    @api.model
    def _rea_prepare_money_account_type_vals(self, currency):
        category = (
            self.env["product.uom.categ"]
            .sudo()
            .create({"name": _("%s money") % currency.name})
        )
        unit = (
            self.env["product.uom"]
            .sudo()
            .create(
                {
                    "name": currency.name,
                    "category_id": category.id,
                    "uom_type": "reference",
                    "factor": 1.0,
                    "rounding": currency.rounding or 0.01,
                    "rea_money": True,
                }
            )
        )
        return {
            "name": currency.currency_unit_label or currency.name,
            "type": "service",
            "rea_behavior": "account",
            "uom_id": unit.id,
            "uom_po_id": unit.id,
            "rea_allow_negative_stock": True,
            "rea_currency_id": currency.id,
            "sale_ok": False,
            "purchase_ok": False,
            "list_price": 1.0,
        }
