# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    rea_currency_id = fields.Many2one(
        "res.currency",
        string="Invoicing currency",
        help="For money account types: the currency of the invoices and "
        "payments that mirror transfers of this resource type.",
    )
