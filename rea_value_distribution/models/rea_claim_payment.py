# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools

from .rea_claim import VALUE_DIGITS


class ReaClaimPayment(models.Model):
    """What one distribution paid on one claim, and by how much the claim
    went down (to undo it on cancellation).

    A read-only view over the claim arrays of the distribution details (see
    ``rea.distribution.detail``): one row per claim paid.
    """

    _name = "rea.claim.payment"
    _description = "REA Claim Payment"
    _order = "id desc"
    _auto = False
    _log_access = False

    detail_id = fields.Many2one("rea.distribution.detail", readonly=True)
    claim_id = fields.Many2one("rea.claim", readonly=True)
    distribution_id = fields.Many2one("rea.distribution", readonly=True)
    agent_id = fields.Many2one("res.partner", readonly=True)
    event_id = fields.Many2one(related="claim_id.event_id", readonly=True)
    currency_id = fields.Many2one(related="distribution_id.currency_id", readonly=True)
    amount = fields.Float(digits=VALUE_DIGITS, readonly=True)
    reduction = fields.Float(
        digits=VALUE_DIGITS,
        readonly=True,
        help="How much the outstanding value of the claim went down.",
    )

    # A detail holds at most 2**24 claims: the ids stay exact in the web
    # client (below 2**53) for the first 2**29 details.
    _ID_SHIFT = 2**24

    @api.model_cr
    def init(self):
        if tools.table_kind(self.env.cr, self._table) == "r":
            self._move_table_to_details()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW {view} AS
            SELECT d.id::bigint * {shift} + p.n AS id, d.id AS detail_id,
                   p.claim_id, d.distribution_id, d.agent_id, p.amount,
                   p.reduction
              FROM rea_distribution_detail d
              JOIN LATERAL unnest(d.claim_ids, d.claim_amounts, d.claim_reductions)
                   WITH ORDINALITY AS p(claim_id, amount, reduction, n) ON true
            """.format(view=self._table, shift=self._ID_SHIFT))

    @api.model_cr
    def _move_table_to_details(self):
        """Databases from before the view kept one row per payment in a
        table: move them into the arrays of their details, then drop it."""
        cr = self.env.cr
        cr.execute("""
            UPDATE rea_distribution_detail d
               SET claim_ids = p.claim_ids, claim_amounts = p.amounts,
                   claim_reductions = p.reductions
              FROM (SELECT cp.distribution_id, c.agent_id, c.rule_id,
                           array_agg(cp.claim_id ORDER BY c.event_id) AS claim_ids,
                           array_agg(cp.amount ORDER BY c.event_id) AS amounts,
                           array_agg(cp.reduction ORDER BY c.event_id) AS reductions
                      FROM {table} cp
                      JOIN rea_claim c ON c.id = cp.claim_id
                  GROUP BY cp.distribution_id, c.agent_id, c.rule_id) p
             WHERE d.distribution_id = p.distribution_id
               AND d.agent_id = p.agent_id AND d.rule_id = p.rule_id
            """.format(table=self._table))
        cr.execute("DROP TABLE {} CASCADE".format(self._table))
