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
    def _get_rea_process_specification(self):
        """The specification processes of this recipe are based on."""
        self.ensure_one()
        if not self.rea_process_specification_id:
            # Describing the recipe's process is configuration the planner
            # may lack the rights for; it carries no economic effect.
            spec = (
                self.env["rea.process.specification"]
                .sudo()
                .create({"name": _("Make %s") % self.product_tmpl_id.name})
            )
            self.sudo().rea_process_specification_id = spec
        return self.rea_process_specification_id

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
