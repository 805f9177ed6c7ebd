# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

from odoo.addons import decimal_precision as dp


class ReaPlanFromRecipeWizard(models.TransientModel):
    """Plan an order quantity of a product from its recipe."""

    _name = "rea.plan.from.recipe.wizard"
    _description = "Plan from a recipe"

    bom_id = fields.Many2one("mrp.bom", string="Recipe", required=True)
    product_tmpl_id = fields.Many2one(
        "product.template", related="bom_id.product_tmpl_id", readonly=True
    )
    quantity = fields.Float(
        required=True,
        default=1.0,
        digits=dp.get_precision("Product Unit of Measure"),
        help="Quantity to deliver, in the product's unit.",
    )
    due = fields.Date(required=True, default=fields.Date.context_today)
    context_id = fields.Many2one(
        "res.partner",
        string="In scope of",
        required=True,
        domain=[("is_context", "=", True)],
    )
    name = fields.Char(string="Plan name")
    create_productions = fields.Boolean(
        string="Create manufacturing orders",
        help="Also create a manufacturing order for each produced level.",
    )

    @api.multi
    def action_plan(self):
        self.ensure_one()
        plan = self.env["rea.recipe.planner"].plan_from_bom(
            self.bom_id,
            self.quantity,
            self.due,
            self.context_id,
            create_productions=self.create_productions,
            name=self.name,
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan"),
            "res_model": "rea.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "target": "current",
        }
