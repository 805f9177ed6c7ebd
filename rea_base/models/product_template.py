# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from odoo.addons import decimal_precision as dp


class ProductTemplate(models.Model):
    """Resource types (ValueFlows ResourceSpecification) are products."""

    _inherit = "product.template"

    rea_behavior = fields.Selection(
        [
            ("work", "Work / skill"),
            ("account", "Currency or account"),
            ("dig_curr", "Digital currency"),
            ("consumable", "Consumable"),
            ("usable", "Usable"),
            ("citable", "Citable"),
            ("produced", "Produced"),
            ("share", "Share"),
            ("other", "Other"),
        ],
        string="REA behaviour",
        help="How economic resources of this type behave in REA.",
    )
    rea_substitutable = fields.Boolean(
        string="Substitutable",
        default=True,
        help="Unset for resources tracked one by one (lots, serial numbers).",
    )
    rea_effort_uom_id = fields.Many2one(
        "product.uom",
        string="Unit of effort",
        help="Unit of work or use time, e.g. hours.",
    )
    rea_value_per_unit = fields.Float(
        string="Value per unit",
        digits=dp.get_precision("Product Price"),
        help="Contribution value of one unit, used by value equations "
        "(not the sale price).",
    )
    # The sale price is the price per unit; named alias for REA readers.
    rea_price_per_unit = fields.Float(
        string="Price per unit",
        related="list_price",
        readonly=False,
    )
    rea_allow_negative_stock = fields.Boolean(
        string="Allow negative quantities",
        help="Let events take resources of this type below zero "
        "(e.g. mutual credit accounts).",
    )
    rea_resource_ids = fields.One2many(
        "rea.resource",
        "conforms_to_id",
        string="Economic resources",
        groups="rea_base.group_rea_user",
    )
    rea_resource_count = fields.Integer(
        string="Economic resources count",
        compute="_compute_rea_resource_count",
        groups="rea_base.group_rea_user",
    )

    @api.multi
    def _compute_rea_resource_count(self):
        data = self.env["rea.resource"].read_group(
            [("conforms_to_id", "in", self.ids)], ["conforms_to_id"], ["conforms_to_id"]
        )
        counts = {d["conforms_to_id"][0]: d["conforms_to_id_count"] for d in data}
        for template in self:
            template.rea_resource_count = counts.get(template.id, 0)
