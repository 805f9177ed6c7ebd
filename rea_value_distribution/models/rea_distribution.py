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

    @api.multi
    def action_print_statements(self):
        """Button: one statement per recipient."""
        lines = self.mapped("line_ids")
        if not lines:
            raise UserError(_("This distribution has no recipients."))
        return self.env.ref(
            "rea_value_distribution.action_report_distribution_statement"
        ).report_action(lines)

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
        distribution._write_incomes(incomes or [])
        details = distribution._write_lines(result, engine.get_group_lines(result))
        distribution._write_claims(result, details)
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
        """One line per recipient and its details, in bulk: two queries
        whatever the number of recipients. The related stored fields of the
        lines and details are written with them. Return the details of rules
        as (id, agent id, rule id)."""
        self.ensure_one()
        agents = sorted(result["agents"].items())
        if not agents:
            return []
        cr = self.env.cr
        cr.execute(
            """
            INSERT INTO rea_distribution_line (distribution_id, context_id, date,
                   state, currency_id, agent_id, amount, is_residue_recipient,
                   create_uid, create_date, write_uid, write_date)
            SELECT d.id, d.context_id, d.date, d.state, d.currency_id, n.agent_id,
                   n.amount, n.agent_id = %(residue_agent)s,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM rea_distribution d,
                   unnest(%(agents)s::int[], %(amounts)s::numeric[])
                   WITH ORDINALITY AS n(agent_id, amount, seq)
             WHERE d.id = %(distribution)s
          ORDER BY n.seq
         RETURNING id, agent_id
            """,
            {
                "distribution": self.id,
                "residue_agent": result["residue_agent_id"] or 0,
                "uid": self.env.uid,
                "agents": [agent for agent, _amount in agents],
                "amounts": [amount for _agent, amount in agents],
            },
        )
        line_by_agent = {agent: line for line, agent in cr.fetchall()}
        details = [
            values for values in group_lines if values["agent_id"] in line_by_agent
        ]
        rule_details = []
        if details:
            cr.execute(
                """
                INSERT INTO rea_distribution_detail (distribution_id, line_id,
                       agent_id, bucket_id, rule_id, currency_id, claim_count,
                       claim_value, amount, explanation, create_uid, create_date,
                       write_uid, write_date)
                SELECT d.id, n.line_id, n.agent_id, n.bucket_id, n.rule_id,
                       d.currency_id, n.claim_count, n.claim_value, n.amount,
                       n.explanation, %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM rea_distribution d,
                       unnest(%(lines)s::int[], %(agents)s::int[],
                              %(buckets)s::int[], %(rules)s::int[],
                              %(counts)s::int[], %(values)s::numeric[],
                              %(amounts)s::numeric[], %(explanations)s::text[])
                       WITH ORDINALITY AS n(line_id, agent_id, bucket_id, rule_id,
                            claim_count, claim_value, amount, explanation, seq)
                 WHERE d.id = %(distribution)s
              ORDER BY n.seq
             RETURNING id, agent_id, rule_id
                """,
                {
                    "distribution": self.id,
                    "uid": self.env.uid,
                    "lines": [line_by_agent[v["agent_id"]] for v in details],
                    "agents": [v["agent_id"] for v in details],
                    "buckets": [v["bucket_id"] or None for v in details],
                    "rules": [v["rule_id"] or None for v in details],
                    "counts": [v["claim_count"] for v in details],
                    "values": [v["claim_value"] for v in details],
                    "amounts": [v["amount"] for v in details],
                    "explanations": [v["explanation"] or None for v in details],
                },
            )
            rule_details = [row for row in cr.fetchall() if row[2]]
        self.invalidate_cache(["line_ids", "detail_ids"], self.ids)
        return rule_details

    @api.multi
    def _write_incomes(self, incomes):
        """How much of each income event this distribution shares."""
        self.ensure_one()
        if not incomes:
            return
        self.env.cr.execute(
            """
            INSERT INTO rea_distribution_income (distribution_id, state, event_id,
                   amount, create_uid, create_date, write_uid, write_date)
            SELECT d.id, d.state, n.event_id, n.amount, %(uid)s,
                   now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM rea_distribution d,
                   unnest(%(events)s::int[], %(amounts)s::numeric[])
                   AS n(event_id, amount)
             WHERE d.id = %(distribution)s
            """,
            {
                "distribution": self.id,
                "uid": self.env.uid,
                "events": [event.id for event, _amount in incomes],
                "amounts": [amount for _event, amount in incomes],
            },
        )
        self.invalidate_cache(["income_ids"], self.ids)

    # The claim rows (alias t) of the recipients, with their detail (dd):
    # an agent whose share rounds to nothing has no line, and its claims
    # are neither paid nor reduced by this distribution. The details come
    # as arrays, whose size the planner knows (the new rows have no
    # statistics yet).
    _RECIPIENTS_JOIN = (
        "JOIN unnest(%(detail_ids)s::int[], %(detail_agents)s::int[], "
        "%(detail_rules)s::int[]) AS dd(id, agent_id, rule_id) "
        "ON dd.agent_id = t.agent_id AND dd.rule_id = t.rule_id"
    )

    @api.multi
    def _write_claims(self, result, details):
        """Value the provisional claims for good, lower the outstanding
        values, create the claims not opened yet, and record on each detail
        what it paid on each of its claims, from the engine's table of claim
        rows: two queries whatever the number of claims. Claims valued here
        are written already reduced by this payment. Never below zero, never
        above the original value. ``details``: the details of rules as (id,
        agent id, rule id)."""
        self.ensure_one()
        table = result.get("claims_table")
        if not table or not details:
            return
        cr = self.env.cr
        engine = self.env["rea.distribution.engine"]
        rates, pay, reduction = engine._pay_sql(result)
        params = dict(
            rates,
            detail_ids=[row[0] for row in details],
            detail_agents=[row[1] for row in details],
            detail_rules=[row[2] for row in details],
        )
        joins = "%s %s" % (engine._RATES_JOIN, self._RECIPIENTS_JOIN)
        # Agents whose share rounded to nothing got no line: their claims
        # stay as they were. Usually nobody: the update then joins the claim
        # rows to the claims only, which PostgreSQL hashes.
        paid_agents = {row[1] for row in details}
        params["skipped"] = sorted(
            {
                group["agent_id"]
                for group in result["groups"].values()
                if group["rule_id"] and group["agent_id"] not in paid_agents
            }
        )
        # Provisional claims take the value the engine gave them, for good.
        cr.execute(
            """
            UPDATE rea_claim c
               SET original_value = CASE WHEN p.to_value THEN p.original
                                         ELSE c.original_value END,
                   value = LEAST(CASE WHEN p.to_value THEN p.original
                                      ELSE c.original_value END,
                                 GREATEST(0, CASE WHEN p.to_value THEN p.original
                                                  ELSE c.value END - p.reduction)),
                   provisional = false
              FROM (SELECT t.claim_id, t.to_value, t.original, {reduction} AS reduction
                      FROM {table} t
                      {rates}
                     WHERE NOT t.is_new
                       AND (t.to_value OR t.claim_type <> 'equity')
                       AND t.agent_id <> ALL(%(skipped)s::int[])) p
             WHERE p.claim_id = c.id AND (p.to_value OR p.reduction <> 0)
            """.format(table=table, rates=engine._RATES_JOIN, reduction=reduction),
            params,
        )
        cr.execute(
            """
            WITH new AS (
                INSERT INTO rea_claim (event_id, rule_id, agent_id, context_id,
                       claim_type, original_value, value, claim_date)
                SELECT t.event_id, t.rule_id, t.agent_id, t.context_id, t.claim_type,
                       t.original,
                       LEAST(t.original, GREATEST(0, t.original - {reduction})),
                       now() at time zone 'UTC'
                  FROM {table} t
                  {joins}
                 WHERE t.is_new
             RETURNING id, event_id, rule_id
            ), paid AS (
                -- Sorted once for the three arrays (an ordered aggregate
                -- sorts its own input each).
                SELECT s.detail_id, array_agg(s.claim_id) AS claim_ids,
                       array_agg(s.amount) AS amounts,
                       array_agg(s.reduction) AS reductions
                  FROM (SELECT dd.id AS detail_id,
                               COALESCE(t.claim_id, new.id) AS claim_id,
                               {pay} AS amount, {reduction} AS reduction
                          FROM {table} t
                          {joins}
                     LEFT JOIN new ON t.is_new AND new.event_id = t.event_id
                               AND new.rule_id = t.rule_id
                      ORDER BY dd.id, t.event_id) s
              GROUP BY s.detail_id
            )
            UPDATE rea_distribution_detail d
               SET claim_ids = paid.claim_ids, claim_amounts = paid.amounts,
                   claim_reductions = paid.reductions
              FROM paid
             WHERE d.id = paid.detail_id
            """.format(table=table, joins=joins, pay=pay, reduction=reduction),
            params,
        )
        self.env["rea.claim"]._invalidate_claims()
        self.invalidate_cache(["claim_payment_ids"], self.ids)

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
                                 GREATEST(0, c.value - %(sign)s * p.reduction))
              FROM (SELECT claim_id, sum(reduction) AS reduction
                      FROM rea_claim_payment
                     WHERE distribution_id = %(distribution)s AND reduction <> 0
                  GROUP BY claim_id) p
             WHERE p.claim_id = c.id
            """,
            {"sign": sign, "distribution": self.id},
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
