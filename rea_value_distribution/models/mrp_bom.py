# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models


class MrpBom(models.Model):
    """A BOM is a recipe: its product and by-products are produced, its lines
    are consumed, used, cited or worked."""

    _inherit = "mrp.bom"

    rea_process_specification_id = fields.Many2one(
        "rea.process.specification",
        string="Process specification",
        ondelete="restrict",
        help="Kind of process planned from this recipe; created when the "
        "recipe is first planned if empty.",
    )

    @api.multi
    def action_open_plan_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Plan from recipe"),
            "res_model": "rea.plan.from.recipe.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_bom_id": self.id,
                "default_quantity": self.product_qty,
            },
        }
