# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    rea_process_id = fields.Many2one(
        "rea.process",
        string="REA process",
        ondelete="set null",
        copy=False,
        help="Planned process this order carries out.",
    )

    def _generate_raw_move(self, bom_line, line_data):
        # mrp only skips services: a used tool or a cited design stored as a
        # product must not be taken out of stock, only consumed lines move.
        if bom_line.rea_role != "consume":
            return self.env["stock.move"]
        return super()._generate_raw_move(bom_line, line_data)
