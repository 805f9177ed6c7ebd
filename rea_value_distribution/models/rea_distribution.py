# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

DISTRIBUTION_STATES = [("done", "Distributed"), ("cancelled", "Cancelled")]


class ReaDistribution(models.Model):
    """Income shared by a value equation: who got what, from which claims,
    with the equation frozen as it was."""

    _name = "rea.distribution"
    _inherit = ["mail.thread", "rea.context.coordinated.mixin"]
    _description = "REA Distribution"
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    context_id = fields.Many2one(
        "res.partner", required=True, readonly=True, index=True, ondelete="restrict"
    )
    equation_id = fields.Many2one(
        "rea.value.equation", required=True, readonly=True, ondelete="restrict"
    )
    equation_snapshot = fields.Text(
        string="Equation as applied",
        readonly=True,
        help="The buckets and rules as they were when distributing (JSON).",
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    state = fields.Selection(
        DISTRIBUTION_STATES,
        default="done",
        required=True,
        readonly=True,
        track_visibility="onchange",
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    amount = fields.Monetary(string="Amount to distribute", readonly=True)
    distributed_amount = fields.Monetary(readonly=True)
    undistributed_amount = fields.Monetary(
        readonly=True, help="What no bucket placed: it stays with the context."
    )
    rounding_residue = fields.Monetary(
        readonly=True, help="Rounding difference given to the largest recipient."
    )
    bucket_summary = fields.Text(readonly=True)
    line_ids = fields.One2many(
        "rea.distribution.line", "distribution_id", string="Recipients", readonly=True
    )
    detail_ids = fields.One2many(
        "rea.distribution.detail", "distribution_id", string="Details", readonly=True
    )
    income_ids = fields.One2many(
        "rea.distribution.income",
        "distribution_id",
        string="Income distributed",
        readonly=True,
    )
    claim_payment_ids = fields.One2many(
        "rea.claim.payment", "distribution_id", string="Claim payments", readonly=True
    )
    note = fields.Text()

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = (
                self.env["ir.sequence"].next_by_code("rea.distribution") or "/"
            )
        return super().create(vals)

    @api.multi
    def unlink(self):
        if self:
            raise UserError(_("Distributions cannot be deleted; cancel them instead."))
        return super().unlink()

    @api.multi
    def get_equation_snapshot(self):
        self.ensure_one()
        return json.loads(self.equation_snapshot or "{}")

    # Writing a computed distribution

    @api.model
    def create_from_result(self, equation, result, date, incomes=None, note=None):
        """Write the distribution ``result`` computed by the engine:
        lines, details, claims, income use, events and accounting."""
        if not equation.live:
            raise UserError(
                _("The value equation '%s' is not live: it can only be previewed.")
                % equation.name
            )
        engine = self.env["rea.distribution.engine"]
        distribution = self.create(
            {
                "context_id": equation.context_id.id,
                "equation_id": equation.id,
                "equation_snapshot": json.dumps(
                    equation.get_snapshot(), sort_keys=True, indent=1
                ),
                "date": date or fields.Date.context_today(self),
                "currency_id": result["currency_id"],
                "amount": result["amount"],
                "distributed_amount": result["distributed"],
                "undistributed_amount": result["undistributed"],
                "rounding_residue": result["residue"],
                "bucket_summary": self._format_buckets(result),
                "note": note or False,
            }
        )
        for income_event, amount in incomes or []:
            self.env["rea.distribution.income"].create(
                {
                    "distribution_id": distribution.id,
                    "event_id": income_event.id,
                    "amount": amount,
                }
            )
        distribution._write_lines(result, engine.get_group_lines(result))
        distribution._write_claims(result)
        distribution.line_ids._record_events()
        distribution.line_ids._create_payouts()
        return distribution

    @api.model
    def _format_buckets(self, result):
        currency = self.env["res.currency"].browse(result["currency_id"])
        return "\n".join(
            "%s (%.2f %% of %s): %s placed. %s"
            % (
                info["name"],
                info["percentage"],
                currency.round(info["base"]),
                currency.round(info["distributed"]),
                info["note"],
            )
            for info in result["buckets"]
        )

    @api.multi
    def _write_lines(self, result, group_lines):
        self.ensure_one()
        details_by_agent = {}
        for values in group_lines:
            details_by_agent.setdefault(values["agent_id"], []).append(values)
        for agent_id, amount in sorted(result["agents"].items()):
            line = self.env["rea.distribution.line"].create(
                {
                    "distribution_id": self.id,
                    "agent_id": agent_id,
                    "amount": amount,
                    "is_residue_recipient": agent_id == result["residue_agent_id"],
                }
            )
            for values in details_by_agent.get(agent_id, []):
                self.env["rea.distribution.detail"].create(
                    dict(values, distribution_id=self.id, line_id=line.id)
                )

    @api.multi
    def _write_claims(self, result):
        """Create the new claims and update the outstanding values, in bulk:
        a few queries whatever the number of claims."""
        self.ensure_one()
        rows = result["claims"]
        if not rows:
            return
        cr = self.env.cr
        uid = self.env.uid
        new_rows = [row for row in rows if not row[2]]
        if new_rows:
            cr.execute(
                """
                INSERT INTO rea_claim (event_id, rule_id, equation_id, agent_id,
                       context_id, claim_type, original_value, value, claim_date,
                       create_uid, create_date, write_uid, write_date)
                SELECT n.event_id, n.rule_id, rule.equation_id, n.agent_id,
                       n.context_id, n.claim_type, n.original, n.original,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC',
                       %(uid)s, now() at time zone 'UTC'
                  FROM unnest(%(events)s::int[], %(rules)s::int[],
                              %(agents)s::int[], %(contexts)s::int[],
                              %(types)s::varchar[], %(originals)s::numeric[])
                       AS n(event_id, rule_id, agent_id, context_id, claim_type,
                            original)
                  JOIN rea_value_equation_rule rule ON rule.id = n.rule_id
             RETURNING id, event_id, rule_id
                """,
                {
                    "uid": uid,
                    "events": [r[0] for r in new_rows],
                    "rules": [r[1] for r in new_rows],
                    "agents": [r[3] for r in new_rows],
                    "contexts": [r[4] for r in new_rows],
                    "types": [r[5] for r in new_rows],
                    "originals": [r[6] for r in new_rows],
                },
            )
            ids = {(event, rule): cid for cid, event, rule in cr.fetchall()}
            for row in new_rows:
                row[2] = ids[(row[0], row[1])]
        cr.execute(
            """
            INSERT INTO rea_claim_payment (claim_id, distribution_id, agent_id,
                   amount, reduction, create_uid, create_date, write_uid, write_date)
            SELECT p.claim_id, %(distribution)s, p.agent_id, p.amount, p.reduction,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(claims)s::int[], %(agents)s::int[],
                          %(amounts)s::numeric[], %(reductions)s::numeric[])
                   AS p(claim_id, agent_id, amount, reduction)
            """,
            {
                "distribution": self.id,
                "uid": uid,
                "claims": [r[2] for r in rows],
                "agents": [r[3] for r in rows],
                "amounts": [r[8] for r in rows],
                "reductions": [r[9] for r in rows],
            },
        )
        self._apply_claim_reductions(sign=1)

    @api.multi
    def _apply_claim_reductions(self, sign):
        """Lower (sign 1) or restore (sign -1) the outstanding values of the
        claims this distribution paid. Never below zero, never above the
        original value."""
        self.ensure_one()
        self.env.cr.execute(
            """
            UPDATE rea_claim c
               SET value = LEAST(c.original_value,
                                 GREATEST(0, c.value - %(sign)s * p.reduction)),
                   write_uid = %(uid)s, write_date = now() at time zone 'UTC'
              FROM (SELECT claim_id, sum(reduction) AS reduction
                      FROM rea_claim_payment
                     WHERE distribution_id = %(distribution)s AND reduction <> 0
                  GROUP BY claim_id) p
             WHERE p.claim_id = c.id
            """,
            {"sign": sign, "uid": self.env.uid, "distribution": self.id},
        )
        self.env["rea.claim"].invalidate_cache()

    # Cancellation

    @api.multi
    def action_cancel(self):
        """Undo a distribution whose payouts are not paid: reversing events
        and entries, claims back to what they were."""
        for distribution in self:
            if distribution.state != "done":
                raise UserError(
                    _("The distribution %s is already cancelled.") % distribution.name
                )
            paid = distribution.line_ids.filtered(lambda ln: ln.is_paid())
            if paid:
                raise UserError(
                    _(
                        "The distribution %(name)s cannot be cancelled: the payout to "
                        "%(agent)s is (partly) paid."
                    )
                    % {"name": distribution.name, "agent": paid[0].agent_id.name}
                )
            distribution.line_ids._reverse_payouts()
            distribution.line_ids._reverse_events()
            distribution._apply_claim_reductions(sign=-1)
            distribution.state = "cancelled"
        return True
