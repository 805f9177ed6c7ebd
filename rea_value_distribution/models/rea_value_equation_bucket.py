# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

FILTER_METHODS = [
    ("all", "All contributions"),
    ("dates", "Date range"),
    ("process", "Processes"),
    ("plan", "Plan (order)"),
    ("shipment", "Shipments"),
]


class ReaValueEquationBucket(models.Model):
    """A slice of the income: paid to one agent, or shared by the claims
    that the bucket's rules give to contributions."""

    _name = "rea.value.equation.bucket"
    _description = "REA Value Equation Bucket"
    _order = "equation_id, sequence, id"

    name = fields.Char(required=True)
    equation_id = fields.Many2one(
        "rea.value.equation", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    percentage = fields.Float(required=True, digits=(6, 4))
    distribution_agent_id = fields.Many2one(
        "res.partner",
        string="Fixed recipient",
        ondelete="restrict",
        help="The whole bucket goes to this agent; rules are ignored.",
    )
    filter_method = fields.Selection(
        FILTER_METHODS,
        required=True,
        default="all",
        help="Which contributions the rules look at; the distribution "
        "wizard asks for the dates, processes, plan or shipments. Processes, "
        "plan and shipments count each contribution for its share of what "
        "was delivered, walking back through consumed inputs, used and "
        "cited resources and purchases.",
    )
    include_sub_agents = fields.Boolean(
        string="Sub-projects included",
        help="Also count contributions to the projects part of the context.",
    )
    rule_ids = fields.One2many(
        "rea.value.equation.rule", "bucket_id", string="Rules", copy=True
    )

    @api.constrains("percentage")
    def _check_percentage(self):
        for bucket in self:
            if not 0.0 <= bucket.percentage <= 100.0:
                raise ValidationError(
                    _("The percentage of the bucket '%s' must be between 0 and 100.")
                    % bucket.name
                )

    @api.multi
    def get_snapshot(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "sequence": self.sequence,
            "percentage": self.percentage,
            "distribution_agent": self.distribution_agent_id.display_name or False,
            "distribution_agent_id": self.distribution_agent_id.id or False,
            "filter_method": self.filter_method,
            "include_sub_agents": self.include_sub_agents,
            "rules": [rule.get_snapshot() for rule in self.rule_ids],
        }
