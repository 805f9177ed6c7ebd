# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from psycopg2 import sql

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.rea_base.server_api import server_only

_logger = logging.getLogger(__name__)


class ReaClaimLedger(models.AbstractModel):
    """The one writer of claims and of what distributions paid on them.

    It opens claims (contributions recorded, equations going live, rules
    changed), drops the provisional ones that no longer hold, values them
    for good, pays and reduces them when a distribution is confirmed and
    restores them when it is cancelled. The distribution engine computes
    (which claim rows count, what each is owed and paid, in its temporary
    table); the distribution orchestrates; only this model writes
    ``rea_claim`` and the claim payments of the distribution details.

    An AbstractModel rather than ``rea.claim`` itself: claims are records
    with access rights and record rules, whereas the ledger is a service
    writing them in bulk, in SQL (as the engine is a service computing).
    Its public methods take records, never bare ids.
    """

    _name = "rea.claim.ledger"
    _description = "REA Claim Ledger"

    # Opening claims before any distribution: a ValueFlows claim is
    # triggered by its event. A distribution then only updates the claims it
    # pays: PostgreSQL checks no foreign key when an update of rows from
    # earlier transactions leaves the keys alone, whereas inserting 100,000
    # claims at confirmation meant 400,000 key checks.

    # Opening this many claims at once refreshes the table's statistics.
    _ANALYZE_AFTER = 1000

    @api.model
    @server_only
    def open_claims(self, buckets, event_ids=None, strict=True):
        """Open the missing claims of the contribution events the rules of
        ``buckets`` would count now (all of them, or those of ``event_ids``),
        each under its most specific rule, as in a distribution. They are
        provisional: the first distribution that pays a claim values it
        again and fixes its value. Income-share buckets open their claims
        when they distribute (which events count depends on the income).
        Return the number of claims opened.

        A formula failing on an event raises, unless ``strict`` is False:
        then no claim is opened, and the distribution will name the event
        (recording a contribution is not refused for an equation's
        formula)."""
        if strict:
            return self._open_claims(buckets, event_ids)
        try:
            with self.env.cr.savepoint():
                return self._open_claims(buckets, event_ids)
        except UserError as exc:
            _logger.info("Claims not opened: %s", exc.name)
            return 0

    @api.model
    def _open_claims(self, buckets, event_ids):
        table = self.env["rea.distribution.engine"].compute_claim_rows(
            buckets, event_ids
        )
        if not table:
            return 0
        cr = self.env.cr
        query = sql.SQL("""
            INSERT INTO rea_claim (event_id, rule_id, agent_id, context_id,
                   claim_type, original_value, value, claim_date, provisional)
            SELECT event_id, rule_id, agent_id, context_id, claim_type, original,
                   original, now() at time zone 'UTC', true
              FROM {table}
             WHERE is_new
            """)
        cr.execute(query.format(table=sql.Identifier(table)))
        opened = cr.rowcount
        cr.execute(sql.SQL("DROP TABLE {}").format(sql.Identifier(table)))
        if opened >= self._ANALYZE_AFTER:
            # Until autovacuum comes by, the planner would take the many new
            # claims for a handful and pick nested loops to join them
            # (measured: 43 s instead of 0.5 s for the next distribution).
            cr.execute("ANALYZE rea_claim")
        if opened:
            self._invalidate_claims()
        return opened

    @api.model
    @server_only
    def open_event_claims(self, events):
        """Open the claims of the contributions among ``events`` under the
        live equations of their contexts; return how many were opened."""
        if not events:
            return 0
        # In SQL: a distribution records a thousand events that are not
        # contributions, and reading them through the ORM would fetch every
        # field of each.
        self.env.cr.execute(
            """
            SELECT id, context_id FROM rea_event
             WHERE id = ANY(%s) AND is_contribution AND context_id IS NOT NULL
               AND NOT COALESCE(is_corrected, false) AND corrects_event_id IS NULL
            """,
            (events.ids,),
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        buckets = self.env["rea.value.equation.bucket"].get_live_buckets(
            self.env["res.partner"].browse({row[1] for row in rows})
        )
        return self.sudo().open_claims(buckets, [row[0] for row in rows], strict=False)

    @api.model
    @server_only
    def refresh_claims(self, buckets, strict=True):
        """Open the claims of ``buckets`` afresh: their provisional claims
        go, and the claims of what their rules count now are opened if their
        equation is live (paid claims stay as they are). ``strict``: see
        ``open_claims``."""
        buckets = buckets.sudo().exists()
        if not buckets:
            return 0
        self.drop_provisional(rules=buckets.mapped("rule_ids"))
        live = buckets.filtered(lambda b: b.equation_id.live and b.equation_id.active)
        return self.sudo().open_claims(live, strict=strict)

    @api.model
    @server_only
    def drop_provisional(self, rules=None, events=None):
        """Delete the provisional claims of these rules or events
        (recordsets): nothing was paid on them, and they are opened again
        from what holds now. Return how many were deleted."""
        where, params = ["provisional"], {}
        if rules is not None:
            where.append("rule_id = ANY(%(rules)s)")
            params["rules"] = list(rules.ids)
        if events is not None:
            where.append("event_id = ANY(%(events)s)")
            params["events"] = list(events.ids)
        self.env.cr.execute(
            "DELETE FROM rea_claim WHERE %s" % " AND ".join(where), params
        )
        dropped = self.env.cr.rowcount
        if dropped:
            self._invalidate_claims()
        return dropped

    @api.model
    def _invalidate_claims(self):
        """After claims were written in SQL."""
        self.env["rea.claim"].invalidate_cache()
        self.env["rea.event"].invalidate_cache(["rea_claim_ids"])

    # Paying claims: from the engine's table of claim rows of a computed
    # result (see rea.distribution.engine.get_pay_sql).

    # The claim rows (alias t) of the recipients' details (dd): an agent
    # whose share rounds to nothing has no line, and its claims are neither
    # paid nor reduced by this distribution. The details come as arrays,
    # whose size the planner knows.
    _RECIPIENTS_JOIN = (
        "JOIN unnest(%(detail_agents)s::int[], %(detail_rules)s::int[]) "
        "AS dd(agent_id, rule_id) "
        "ON dd.agent_id = t.agent_id AND dd.rule_id = t.rule_id"
    )

    @api.model
    def _get_claim_sql(self, result, details):
        """``(params, rates join, pay, reduction)``: ``get_pay_sql`` of the
        engine, its parameters completed with the details of rules
        (``_RECIPIENTS_JOIN``) and the agents ``skipped`` (no line: their
        share rounded to nothing)."""
        engine = self.env["rea.distribution.engine"]
        rates, rates_join, pay, reduction = engine.get_pay_sql(result)
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
        return params, rates_join, pay, reduction

    @api.model
    @server_only
    def pay_claims(self, distribution, result, details):
        """Value the provisional claims paid by ``distribution`` for good and
        lower the outstanding values of the claims paid, in one query
        whatever their number, from the engine's table of claim rows of
        ``result``. Never below zero, never above the original value.
        ``details``: the details to write (values of ``get_group_lines``),
        of agents with a line. The claims not opened yet are created with
        the details (``write_details``)."""
        distribution.ensure_one()
        table = result.get("claims_table")
        if not table or not any(values["rule_id"] for values in details):
            return
        params, rates_join, _pay, reduction = self._get_claim_sql(result, details)
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
            """.format(table=table, rates=rates_join, reduction=reduction),
            params,
        )
        self._invalidate_claims()

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

    @api.model
    @server_only
    def write_details(self, distribution, result, details, lines):
        """Insert ``details`` (values of ``get_group_lines``) of
        ``distribution`` under their agent's line (``lines``: ``{agent id:
        line id}``) in one query, with what each paid on each of its claims
        (read as ``rea.claim.payment``); the claims not opened yet are
        created in the same query. The arrays are written with the rows:
        updating a thousand rows just inserted costs as much as inserting
        them (PostgreSQL checks their foreign keys again)."""
        distribution.ensure_one()
        if not details:
            return
        table = result.get("claims_table")
        params = {
            "distribution": distribution.id,
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
            claim_params, rates_join, pay, reduction = self._get_claim_sql(
                result, details
            )
            params.update(claim_params)
            cte = self._DETAIL_PAYMENTS_CTE.format(
                table=table,
                joins="%s %s" % (rates_join, self._RECIPIENTS_JOIN),
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
        self._invalidate_claims()
        distribution.invalidate_cache(
            ["detail_ids", "claim_payment_ids"], distribution.ids
        )

    @api.model
    @server_only
    def apply_reductions(self, distribution, sign):
        """Lower (sign 1) or restore (sign -1) the outstanding values of the
        claims ``distribution`` paid. Never below zero, never above the
        original value."""
        distribution.ensure_one()
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
            {"sign": sign, "distribution": distribution.id},
        )
        self.env["rea.claim"].invalidate_cache()
