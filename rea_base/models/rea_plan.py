# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaPlan(models.Model):
    """A plan groups processes and commitments towards a goal."""

    _name = "rea.plan"
    # Refused (AccessError) when a write would move it out of the
    # caller's reach, e.g. into a project they do not coordinate.
    _inherit = ["mail.thread", "rea.access.check.mixin"]
    _description = "REA Plan"
    _order = "due desc, id desc"

    name = fields.Char(required=True, track_visibility="onchange")
    note = fields.Text()
    due = fields.Date(track_visibility="onchange")
    context_id = fields.Many2one(
        "res.partner", string="In scope of", domain=[("is_context", "=", True)]
    )
    process_ids = fields.One2many("rea.process", "plan_id", string="Processes")
    commitment_ids = fields.One2many("rea.commitment", "plan_id", string="Commitments")
    independent_demand_ids = fields.One2many(
        "rea.commitment",
        "independent_demand_of_id",
        string="Independent demands",
        help="What the plan is meant to deliver.",
    )
    process_count = fields.Integer(
        string="Number of processes", compute="_compute_counts"
    )
    commitment_count = fields.Integer(
        string="Number of commitments", compute="_compute_counts"
    )

    @api.depends("process_ids", "commitment_ids")
    def _compute_counts(self):
        for plan in self:
            plan.process_count = len(plan.process_ids)
            plan.commitment_count = len(plan.commitment_ids)
