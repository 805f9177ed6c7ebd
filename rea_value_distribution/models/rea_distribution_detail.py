# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools


class ReaDistributionDetail(models.Model):
    """Part of a recipient's amount coming from one bucket and rule, with
    the claims and formula that gave it.

    What it paid on each claim is kept on the detail itself, in three
    parallel arrays (claim ids, amounts paid, reductions of the outstanding
    values), read as ``rea.claim.payment``: a distribution over 100,000
    contributions then writes a thousand detail rows, not 100,000 payment
    rows with their foreign-key checks.
    """

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

    # Columns Odoo 11 has no field type for: written and read in SQL only.
    _CLAIM_ARRAYS = (
        ("claim_ids", "integer[]"),
        ("claim_amounts", "float8[]"),
        ("claim_reductions", "float8[]"),
    )

    @api.model_cr_context
    def _auto_init(self):
        res = super()._auto_init()
        for column, column_type in self._CLAIM_ARRAYS:
            if not tools.column_exists(self.env.cr, self._table, column):
                tools.create_column(self.env.cr, self._table, column, column_type)
        return res
