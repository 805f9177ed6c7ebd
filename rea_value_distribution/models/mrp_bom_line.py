# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons import decimal_precision as dp


class MrpBomLine(models.Model):
    """A recipe input: what the process does with the line's resource type."""

    _inherit = "mrp.bom.line"

    rea_role = fields.Selection(
        [
            ("consume", "Consume"),
            ("use", "Use"),
            ("cite", "Cite"),
            ("work", "Work"),
        ],
        string="REA role",
        default="consume",
        required=True,
        help="Consume: the component is used up (stock move). Use: hours of a "
        "usable resource, which stays. Cite: a design or knowledge resource. "
        "Work: hours of a skill. Only consumed components move stock.",
    )
    rea_hours = fields.Float(
        string="Hours",
        digits=dp.get_precision("Product Unit of Measure"),
        help="Hours of use or of work for the BOM quantity.",
    )
    rea_use_price = fields.Float(
        string="Price of use",
        digits=dp.get_precision("Product Price"),
        help="Value of one hour of use of the resource.",
    )
    rea_cite_mode = fields.Selection(
        [("quantity", "By quantity"), ("percent", "% of the other inputs")],
        string="Citation",
        default="quantity",
    )
    rea_cite_percent = fields.Float(
        string="Citation %",
        help="Share of the value of the other inputs credited to the cited resource.",
    )

    @api.onchange("rea_role", "product_id")
    def _onchange_rea_role(self):
        if self.rea_role == "use" and self.product_id and not self.rea_use_price:
            self.rea_use_price = self._get_default_use_price()

    @api.multi
    def _get_default_use_price(self):
        """Value per unit of use of a resource of the type, else the type's
        value per unit."""
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        resource = self.env["rea.resource"].search(
            [("conforms_to_id", "=", template.id), ("value_per_unit_of_use", ">", 0)],
            limit=1,
        )
        return resource.value_per_unit_of_use or template.rea_value_per_unit

    @api.constrains("rea_role", "rea_hours", "rea_cite_mode", "rea_cite_percent")
    def _check_rea_role(self):
        for line in self:
            line._check_rea_role_values()

    @api.multi
    def _check_rea_role_values(self):
        self.ensure_one()
        name = self.product_id.display_name
        if self.rea_role in ("use", "work") and self.rea_hours <= 0:
            raise ValidationError(
                _(
                    "The %(role)s line for %(product)s needs a number of hours "
                    "greater than zero."
                )
                % {
                    "role": dict(self._fields["rea_role"].selection)[self.rea_role],
                    "product": name,
                }
            )
        if self.rea_role == "work" and self.product_id.rea_behavior != "work":
            raise ValidationError(
                _(
                    "The work line for %s needs a skill (a resource type with the "
                    "behaviour Work / skill)."
                )
                % name
            )
        if self.rea_role == "cite" and self.rea_cite_mode == "percent":
            if not 0 < self.rea_cite_percent <= 100:
                raise ValidationError(
                    _("The citation percentage of %s must be above 0 and at most 100.")
                    % name
                )
        if self.rea_use_price < 0:
            raise ValidationError(
                _("The price of use of %s cannot be negative.") % name
            )
