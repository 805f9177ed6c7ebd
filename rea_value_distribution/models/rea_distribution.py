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
        lines = distribution._write_lines(result, distribution._record_events(result))
        details = [
            values
            for values in engine.get_group_lines(result)
            if values["agent_id"] in lines
        ]
        distribution._write_claims(result, details)
        distribution._write_details(result, details, lines)
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
    def _record_events(self, result):
        """One distribution event per recipient of ``result``: money from the
        context's account to the recipient's account. Return ``{agent id:
        event id}``.

        Recorded before the lines, which are inserted with their event:
        updating a thousand rows inserted in the same transaction costs as
        much as inserting them (PostgreSQL checks their foreign keys again)."""
        self.ensure_one()
        context = self.context_id
        agents = [
            (agent_id, amount)
            for agent_id, amount in sorted(result["agents"].items())
            if amount and agent_id != context.id
        ]
        if not agents:
            return {}
        money_type = self.equation_id.money_type_id
        accounts = self._get_money_accounts(
            context.browse([agent_id for agent_id, _amount in agents]) | context,
            money_type,
        )
        common = {
            "action_id": self.env.ref("rea_base.action_transfer").id,
            "provider_id": context.id,
            "resource_conforms_to_id": money_type.id,
            "resource_id": accounts[context.id],
            "resource_unit_id": money_type.uom_id.id,
            "context_id": context.id,
            "has_point_in_time": "%s 12:00:00" % self.date,
            "currency_id": self.currency_id.id,
            "note": _("Distribution %s") % self.name,
        }
        events = self._create_events(
            [
                dict(
                    common,
                    receiver_id=agent_id,
                    to_resource_id=accounts[agent_id],
                    resource_quantity=amount,
                    money_value=amount,
                )
                for agent_id, amount in agents
            ]
        )
        return dict(zip([agent_id for agent_id, _amount in agents], events.ids))

    @api.model
    def _create_events(self, vals_list):
        """Record the distribution events (as superuser: the money leaves
        the context's account); return them in the order of ``vals_list``."""
        events = self.env["rea.event"].sudo().create_batch(vals_list)
        return events.sudo(self.env.uid)

    @api.model
    def _get_money_accounts(self, agents, money_type):
        """{agent id: id of its account of ``money_type``}; the missing ones
        are opened together."""
        accounts = agents.get_rea_accounts(money_type)
        return {agent_id: account.id for agent_id, account in accounts.items()}

    @api.multi
    def _write_lines(self, result, events=None):
        """One line per recipient, with its event from ``events`` (``{agent
        id: event id}``), in one query whatever the number of recipients;
        their related stored fields are written with them. Return ``{agent
        id: line id}``."""
        self.ensure_one()
        agents = sorted(result["agents"].items())
        if not agents:
            return {}
        events = events or {}
        self.env.cr.execute(
            """
            INSERT INTO rea_distribution_line (distribution_id, context_id, date,
                   state, currency_id, agent_id, amount, is_residue_recipient,
                   event_id, create_uid, create_date, write_uid, write_date)
            SELECT d.id, d.context_id, d.date, d.state, d.currency_id, n.agent_id,
                   n.amount, n.agent_id = %(residue_agent)s, n.event_id,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM rea_distribution d,
                   unnest(%(agents)s::int[], %(amounts)s::numeric[],
                          %(events)s::int[])
                   WITH ORDINALITY AS n(agent_id, amount, event_id, seq)
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
                "events": [events.get(agent) for agent, _amount in agents],
            },
        )
        line_by_agent = {agent: line for line, agent in self.env.cr.fetchall()}
        self.invalidate_cache(["line_ids"], self.ids)
        return line_by_agent

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

    # The claim rows (alias t) of the recipients' details (dd): an agent
    # whose share rounds to nothing has no line, and its claims are neither
    # paid nor reduced by this distribution. The details come as arrays,
    # whose size the planner knows.
    _RECIPIENTS_JOIN = (
        "JOIN unnest(%(detail_agents)s::int[], %(detail_rules)s::int[]) "
        "AS dd(agent_id, rule_id) "
        "ON dd.agent_id = t.agent_id AND dd.rule_id = t.rule_id"
    )

    @api.multi
    def _get_claim_sql(self, result, details):
        """``(params, pay, reduction)``: ``_pay_sql`` of the engine, its
        parameters completed with the details of rules
        (``_RECIPIENTS_JOIN``) and the agents ``skipped`` (no line: their
        share rounded to nothing)."""
        engine = self.env["rea.distribution.engine"]
        rates, pay, reduction = engine._pay_sql(result)
        rule_details = [values for values in details if values["rule_id"]]
        paid_agents = {values["agent_id"] for values in rule_details}
        params = dict(
            rates,
            detail_agents=[values["agent_id"] for values in rule_details],
            detail_rules=[values["rule_id"] for values in rule_details],
            skipped=sorted(
                {
                    group["agent_id"]
                    for group in result["groups"].values()
                    if group["rule_id"] and group["agent_id"] not in paid_agents
                }
            ),
        )
        return params, pay, reduction

    @api.multi
    def _write_claims(self, result, details):
        """Value the provisional claims for good and lower the outstanding
        values of the claims paid, in one query whatever their number, from
        the engine's table of claim rows. Never below zero, never above the
        original value. ``details``: the details to write (values of
        ``get_group_lines``), of agents with a line. The claims not opened
        yet are created with the details (``_write_details``)."""
        self.ensure_one()
        table = result.get("claims_table")
        if not table or not any(values["rule_id"] for values in details):
            return
        engine = self.env["rea.distribution.engine"]
        params, _pay, reduction = self._get_claim_sql(result, details)
        # Agents skipped are usually nobody: the update then joins the claim
        # rows to the claims only, which PostgreSQL hashes. Provisional
        # claims take the value the engine gave them, for good.
        self.env.cr.execute(
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
        self.env["rea.claim"]._invalidate_claims()

    # What each detail of a rule paid on each of its claims, as arrays
    # (claims not opened yet are created first, in the CTE "new").
    _DETAIL_PAYMENTS_CTE = """
        WITH new AS (
            INSERT INTO rea_claim (event_id, rule_id, agent_id, context_id,
                   claim_type, original_value, value, claim_date)
            SELECT t.event_id, t.rule_id, t.agent_id, t.context_id, t.claim_type,
                   t.original, LEAST(t.original, GREATEST(0, t.original - {reduction})),
                   now() at time zone 'UTC'
              FROM {table} t
              {joins}
             WHERE t.is_new
         RETURNING id, event_id, rule_id
        ), paid AS (
            -- Sorted once for the three arrays (an ordered aggregate sorts
            -- its own input each).
            SELECT s.agent_id, s.rule_id, array_agg(s.claim_id) AS claim_ids,
                   array_agg(s.amount) AS amounts, array_agg(s.reduction) AS reductions
              FROM (SELECT t.agent_id, t.rule_id,
                           COALESCE(t.claim_id, new.id) AS claim_id,
                           {pay} AS amount, {reduction} AS reduction
                      FROM {table} t
                      {joins}
                 LEFT JOIN new ON t.is_new AND new.event_id = t.event_id
                           AND new.rule_id = t.rule_id
                  ORDER BY t.agent_id, t.rule_id, t.event_id) s
          GROUP BY s.agent_id, s.rule_id
        )
    """

    @api.multi
    def _write_details(self, result, details, lines):
        """Insert ``details`` (values of ``get_group_lines``) under their
        agent's line (``lines``: ``{agent id: line id}``) in one query, with
        what each paid on each of its claims; the claims not opened yet are
        created in the same query. The arrays are written with the rows:
        updating a thousand rows just inserted costs as much as inserting
        them (PostgreSQL checks their foreign keys again)."""
        self.ensure_one()
        if not details:
            return
        table = result.get("claims_table")
        params = {
            "distribution": self.id,
            "uid": self.env.uid,
            "lines": [lines[values["agent_id"]] for values in details],
            "agents": [values["agent_id"] for values in details],
            "buckets": [values["bucket_id"] or None for values in details],
            "rules": [values["rule_id"] or None for values in details],
            "counts": [values["claim_count"] for values in details],
            "values": [values["claim_value"] for values in details],
            "amounts": [values["amount"] for values in details],
            "explanations": [values["explanation"] or None for values in details],
        }
        if table and any(values["rule_id"] for values in details):
            engine = self.env["rea.distribution.engine"]
            claim_params, pay, reduction = self._get_claim_sql(result, details)
            params.update(claim_params)
            cte = self._DETAIL_PAYMENTS_CTE.format(
                table=table,
                joins="%s %s" % (engine._RATES_JOIN, self._RECIPIENTS_JOIN),
                pay=pay,
                reduction=reduction,
            )
            payments = "paid.claim_ids, paid.amounts, paid.reductions"
            join = (
                "LEFT JOIN paid ON paid.agent_id = n.agent_id "
                "AND paid.rule_id = n.rule_id"
            )
        else:
            cte, payments, join = "", "NULL, NULL, NULL", ""
        self.env.cr.execute(
            """
            {cte}
            INSERT INTO rea_distribution_detail (distribution_id, line_id,
                   agent_id, bucket_id, rule_id, currency_id, claim_count,
                   claim_value, amount, explanation, claim_ids, claim_amounts,
                   claim_reductions, create_uid, create_date, write_uid,
                   write_date)
            SELECT d.id, n.line_id, n.agent_id, n.bucket_id, n.rule_id,
                   d.currency_id, n.claim_count, n.claim_value, n.amount,
                   n.explanation, {payments}, %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM rea_distribution d
        CROSS JOIN unnest(%(lines)s::int[], %(agents)s::int[],
                          %(buckets)s::int[], %(rules)s::int[],
                          %(counts)s::int[], %(values)s::numeric[],
                          %(amounts)s::numeric[], %(explanations)s::text[])
                   WITH ORDINALITY AS n(line_id, agent_id, bucket_id, rule_id,
                        claim_count, claim_value, amount, explanation, seq)
              {join}
             WHERE d.id = %(distribution)s
          ORDER BY n.seq
            """.format(cte=cte, payments=payments, join=join),
            params,
        )
        self.env["rea.claim"]._invalidate_claims()
        self.invalidate_cache(["detail_ids", "claim_payment_ids"], self.ids)

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
