# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

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

    # Product screens for users of other apps ------------------------------

    @api.model
    def _rea_view_fields_by_model(self):
        """Fields that other apps put on the product screens and compute
        from the records of another model, by that model. Inventory's
        smart buttons count stock moves and reordering rules: REA users who
        may not read them would get an access error on every product."""
        return {
            "stock.move": (
                "qty_available",
                "virtual_available",
                "incoming_qty",
                "outgoing_qty",
            ),
            "stock.warehouse.orderpoint": (
                "nbr_reordering_rules",
                "reordering_min_qty",
                "reordering_max_qty",
            ),
        }

    @api.model
    def _rea_unreadable_view_fields(self):
        """The fields above whose model the user may not read."""
        names = set()
        for model, fields_ in self._rea_view_fields_by_model().items():
            if model in self.env and not self.env[model].check_access_rights(
                "read", raise_exception=False
            ):
                names.update(name for name in fields_ if name in self._fields)
        return names

    @api.model
    def fields_view_get(
        self, view_id=None, view_type="form", toolbar=False, submenu=False
    ):
        result = super().fields_view_get(
            view_id=view_id, view_type=view_type, toolbar=toolbar, submenu=submenu
        )
        hidden = self._rea_unreadable_view_fields() & set(result["fields"])
        if hidden:
            result["arch"] = self._rea_strip_view_fields(result["arch"], hidden)
            for name in hidden:
                result["fields"].pop(name, None)
        return result

    @api.model
    def _rea_strip_view_fields(self, arch, names):
        """Remove the fields ``names`` from the view, with the smart button
        that shows them: as Odoo does for fields of groups the user is not
        in (hiding them would still read them)."""
        doc = etree.fromstring(arch)
        for name in names:
            for node in doc.xpath("//field[@name='%s'][not(ancestor::field)]" % name):
                button = next(
                    (
                        parent
                        for parent in node.iterancestors("button")
                        if "oe_stat_button" in (parent.get("class") or "")
                    ),
                    None,
                )
                target = button if button is not None else node
                if target.getparent() is not None:
                    target.getparent().remove(target)
        return etree.tostring(doc, encoding="unicode")
