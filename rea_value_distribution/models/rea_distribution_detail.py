# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaDistributionDetail(models.Model):
    """Part of a recipient's amount coming from one bucket and rule, with
    the claims and formula that gave it."""

    _name = "rea.distribution.detail"
    _description = "REA Distribution Detail"
    _order = "line_id, bucket_id, rule_id, id"

    distribution_id = fields.Many2one(
        "rea.distribution", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(
        "rea.distribution.line", required=True, ondelete="cascade", index=True
    )
    agent_id = fields.Many2one("res.partner", required=True, ondelete="restrict")
    bucket_id = fields.Many2one("rea.value.equation.bucket", ondelete="set null")
    rule_id = fields.Many2one("rea.value.equation.rule", ondelete="set null")
    currency_id = fields.Many2one(
        related="distribution_id.currency_id", store=True, readonly=True
    )
    claim_count = fields.Integer(string="Claims")
    claim_value = fields.Monetary(string="Value of the claims")
    amount = fields.Monetary()
    explanation = fields.Text()
