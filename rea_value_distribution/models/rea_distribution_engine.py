# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import itertools
import math

import psycopg2
from psycopg2 import sql

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero
from odoo.tools.misc import format_date

from odoo.addons.rea_base.server_api import server_only

from ..formatting import format_amount, format_percentage, format_ratio
from .formula import (
    FORMULA_VARIABLES,
    FormulaError,
    compile_formula,
    evaluate,
    formula_sql,
)
from .rea_income_share import SHARE_METHODS

# Events listed by name in an explanation; the others are counted.
EXPLAIN_EVENTS = 10
CLAIM_TYPE_LABELS = {"debt": "debt-like", "equity": "equity-like", "once": "once"}
# Each computation gets its own temporary table of claim rows.
_TABLE_NUMBERS = itertools.count(1)


class ReaDistributionEngine(models.AbstractModel):
    """Runs a value equation on an amount: the same computation feeds the
    preview and the confirmed distribution.

    The claim rows (one per contribution event and bucket) are selected,
    weighed, paid and summed in SQL, in a temporary table, with a few
    queries per rule: neither the time in Python nor the number of queries
    grows with the number of events. Formulas are compiled once and
    evaluated once per distinct set of variables.
    """

    _name = "rea.distribution.engine"
    _description = "REA Distribution Engine"

    @api.model
    @server_only
    def compute(self, equation, amount, filters=None):
        """Return the distribution of ``amount`` by ``equation``.

        ``filters``: {bucket id: {"date_from", "date_to", "process_ids",
        "plan_id"}} as chosen in the wizard. The result is a plain dict (see
        ``_new_result``); nothing is written but the temporary table of its
        claim rows, dropped at the end of the transaction.
        """
        filters = filters or {}
        currency = equation.currency_id
        result = self._new_result(equation, amount)
        to_distribute = amount
        for bucket in equation.bucket_ids.sorted(lambda b: (b.sequence, b.id)):
            base = to_distribute
            bucket_amount = base * bucket.percentage / 100.0
            info = {
                "bucket_id": bucket.id,
                "name": bucket.name,
                "percentage": bucket.percentage,
                "base": base,
                "amount": bucket_amount,
                "distributed": 0.0,
                "claims_total": 0.0,
                "portion": 0.0,
                "note": "",
            }
            if bucket.distribution_agent_id:
                distributed = bucket_amount
                self._add_fixed(result, bucket, bucket_amount)
                info["note"] = _(
                    "%(percentage)s of %(base)s to %(agent)s (fixed recipient)"
                ) % {
                    "percentage": format_percentage(self.env, bucket.percentage),
                    "base": self._fmt(base, currency),
                    "agent": bucket.distribution_agent_id.name,
                }
            else:
                distributed = self._run_bucket(
                    result, bucket, bucket_amount, filters.get(bucket.id) or {}, info
                )
            info["distributed"] = distributed
            result["buckets"].append(info)
            if equation.percentage_behavior == "remaining":
                to_distribute -= distributed
        self._round(result)
        return result

    @api.model
    def _new_result(self, equation, amount):
        return {
            "equation_id": equation.id,
            "currency_id": equation.currency_id.id,
            "amount": amount,
            "buckets": [],
            # One group per agent, bucket and rule (rule False: fixed bucket).
            "groups": {},
            # Claim rows are in a temporary table (see _claims_table).
            "claims_table": False,
            "claim_count": 0,
            # {bucket id: (rate of equity-like claims, rate of the others)}
            "rates": {},
            "agents": {},
            "distributed": 0.0,
            "undistributed": amount,
            "residue": 0.0,
            "residue_agent_id": False,
        }

    @api.model
    def _fmt(self, value, currency):
        return self._formatter(currency)(value)

    @api.model
    def _formatter(self, currency):
        """A function formatting amounts in ``currency`` for people, as
        Odoo's monetary fields show them (language, digits, symbol)."""
        env = self.env

        def fmt(value):
            return format_amount(env, value, currency)

        return fmt

    @api.model
    def _group(self, result, agent_id, bucket, rule):
        key = (agent_id, bucket.id, rule.id if rule else False)
        group = result["groups"].get(key)
        if group is None:
            group = result["groups"][key] = {
                "agent_id": agent_id,
                "bucket_id": bucket.id,
                "rule_id": rule.id if rule else False,
                "claim_type": rule.claim_type if rule else False,
                "count": 0,
                "formula_total": 0.0,
                "weight": 0.0,
                "amount": 0.0,
                "events": [],
            }
        return group

    @api.model
    def _add_fixed(self, result, bucket, amount):
        group = self._group(result, bucket.distribution_agent_id.id, bucket, None)
        group["amount"] += amount
        group["weight"] += amount

    # Rule buckets: the claim rows of a computation live in a temporary
    # table, so that 100,000 events are weighed, paid and summed in SQL and
    # never travel to Python one by one.

    @api.model
    def _claims_table(self, result):
        """The temporary table of the claim rows of ``result``, created on
        first use (dropped at the end of the transaction)."""
        if not result.get("claims_table"):
            name = "rea_vd_claims_%d" % next(_TABLE_NUMBERS)
            # The name is ours (a counter), not input. No key: an event is
            # taken once per bucket by _insert_rows, and keeping a unique
            # index up to date doubled the time of inserting the rows.
            query = """
                CREATE TEMPORARY TABLE {table} (
                    bucket_id integer NOT NULL,
                    event_id integer NOT NULL,
                    rule_id integer NOT NULL,
                    claim_type varchar NOT NULL,
                    agent_id integer,
                    context_id integer,
                    claim_id integer,
                    is_new boolean NOT NULL,
                    to_value boolean NOT NULL,
                    quantity float8 NOT NULL,
                    value_per_unit float8 NOT NULL,
                    price_per_unit float8 NOT NULL,
                    value_per_unit_of_use float8 NOT NULL,
                    money_value float8 NOT NULL,
                    fraction float8 NOT NULL,
                    original float8,
                    outstanding float8,
                    weight float8
                ) ON COMMIT DROP
                """
            self.env.cr.execute(sql.SQL(query).format(table=sql.Identifier(name)))
            result["claims_table"] = name
        return result["claims_table"]

    @api.model
    def _run_bucket(self, result, bucket, bucket_amount, bucket_filter, info):
        """Share ``bucket_amount`` among the claims of the bucket's rules;
        return what was placed."""
        table = self._claims_table(result)
        self._collect_claims(table, bucket, bucket_filter)
        cr = self.env.cr
        query = "SELECT count(*), COALESCE(sum(weight), 0) FROM {} WHERE bucket_id = %s"
        cr.execute(query.format(table), (bucket.id,))
        count, weights_total = cr.fetchone()
        info["claims_total"] = weights_total
        if float_is_zero(weights_total, precision_digits=6) or not bucket_amount:
            # Nothing is paid, so nothing of this bucket is written.
            cr.execute(
                "DELETE FROM {} WHERE bucket_id = %s".format(table), (bucket.id,)
            )
            info["note"] = _("No claim matched: nothing placed.")
            return 0.0
        result["claim_count"] += count
        portion = bucket_amount / weights_total
        remaining = bucket.equation_id.percentage_behavior == "remaining"
        info["portion"] = portion
        # Each claim gets its weight times the rate of its type. Claims never
        # receive more than their value, except equity-like claims in
        # straight mode, which share the whole bucket pro rata.
        capped = min(portion, 1.0)
        result["rates"][bucket.id] = (capped if remaining else portion, capped)
        distributed = self._add_rule_groups(result, table, bucket)
        info["note"] = _(
            "%(amount)s shared by claims of %(claims)s: %(ratio)s per unit of "
            "claim%(cap)s."
        ) % {
            "amount": self._fmt(bucket_amount, bucket.equation_id.currency_id),
            "claims": self._fmt(weights_total, bucket.equation_id.currency_id),
            "ratio": format_ratio(self.env, portion),
            "cap": _(" (claims are paid at most their value)") if portion > 1.0 else "",
        }
        return distributed

    # The rates of the buckets, joined to the claim rows (alias t).
    _RATES_JOIN = (
        "JOIN unnest(%(rate_buckets)s::int[], %(rate_equity)s::float8[], "
        "%(rate_capped)s::float8[]) AS rate(bucket_id, equity, capped) "
        "ON rate.bucket_id = t.bucket_id"
    )

    @api.model
    @server_only
    def get_pay_sql(self, result):
        """How ``result`` pays its claim rows, as SQL on its table of claim
        rows (``result["claims_table"]``, alias ``t``): ``(params, rates
        join, pay, reduction)``, the parameters of the join, the JOIN of the
        rates of the buckets, the amount paid on a claim row and how much
        its outstanding value goes down. Used by the claim ledger to write
        what a distribution paid."""
        rates = result["rates"]
        params = {
            "rate_buckets": list(rates),
            "rate_equity": [rates[bucket][0] for bucket in rates],
            "rate_capped": [rates[bucket][1] for bucket in rates],
        }
        pay = (
            "{t}.weight * CASE WHEN {t}.claim_type = 'equity' "
            "THEN rate.equity ELSE rate.capped END"
        ).format(t="t")
        reduction = (
            "CASE {t}.claim_type WHEN 'debt' "
            "THEN LEAST({t}.weight * rate.capped, {t}.outstanding) "
            "WHEN 'once' THEN {t}.outstanding ELSE 0 END"
        ).format(t="t")
        return params, self._RATES_JOIN, pay, reduction

    @api.model
    def _add_rule_groups(self, result, table, bucket):
        """Sum the paid claim rows of ``bucket`` per agent and rule into the
        result's groups, with the first events of each group for the
        explanation; return what the bucket placed."""
        cr = self.env.cr
        rules = {rule.id: rule for rule in bucket.rule_ids}
        rates, rates_join, pay_sql, _reduction = self.get_pay_sql(result)
        params = dict(rates, bucket=bucket.id, explain=EXPLAIN_EVENTS)
        cr.execute(
            """
            SELECT t.agent_id, t.rule_id, count(*), sum(t.original), sum(t.weight),
                   sum({pay})
              FROM {table} t
              {rates}
             WHERE t.bucket_id = %(bucket)s
          GROUP BY t.agent_id, t.rule_id
          ORDER BY t.agent_id, t.rule_id
            """.format(table=table, pay=pay_sql, rates=rates_join),
            params,
        )
        distributed = 0.0
        for agent_id, rule_id, count, original, weight, pay in cr.fetchall():
            group = self._group(result, agent_id, bucket, rules[rule_id])
            group["count"] += count
            group["formula_total"] += original
            group["weight"] += weight
            group["amount"] += pay
            distributed += pay
        cr.execute(
            """
            SELECT r.agent_id, r.rule_id, r.event_id, e.name, e.has_point_in_time,
                   r.original, r.pay
              FROM (SELECT t.agent_id, t.rule_id, t.event_id, t.original,
                           {pay} AS pay,
                           row_number() OVER (PARTITION BY t.agent_id, t.rule_id
                                              ORDER BY t.event_id) AS n
                      FROM {table} t
                      {rates}
                     WHERE t.bucket_id = %(bucket)s) r
              JOIN rea_event e ON e.id = r.event_id
             WHERE r.n <= %(explain)s
          ORDER BY r.agent_id, r.rule_id, r.event_id
            """.format(table=table, pay=pay_sql, rates=rates_join),
            params,
        )
        for agent_id, rule_id, event_id, name, date, original, pay in cr.fetchall():
            group = self._group(result, agent_id, bucket, rules[rule_id])
            group["events"].append((event_id, name, date, original, pay))
        return distributed

    # What a claim row counts for: its part of what the income came from
    # (income shares); equity counts its part of the claim, debt and once at
    # most what is still owed.
    _WEIGHT_SQL = (
        "CASE WHEN %(claim_type)s = 'equity' THEN {original} * {fraction} "
        "ELSE LEAST({outstanding}, {original} * {fraction}) END"
    )

    @api.model
    def _collect_claims(self, table, bucket, bucket_filter):
        """Write the claim rows of the bucket into ``table``: each event
        once, under its most specific matching rule (the first one by
        sequence among equals), with the value its claim counts for now."""
        rules = bucket.rule_ids.sorted(
            lambda r: (-r.get_specificity(), r.sequence, r.id)
        )
        codes = {}
        for rule in rules:
            try:
                codes[rule.id] = compile_formula(rule.formula)
            except FormulaError as exc:
                raise UserError(
                    _("The claim formula '%(formula)s' cannot be used: %(error)s")
                    % {"formula": rule.formula, "error": exc}
                )
        if bucket.filter_method in SHARE_METHODS:
            # Income shares are walked once per bucket, not once per rule.
            bucket_filter = dict(
                bucket_filter,
                share_fractions=self.env["rea.income.share"].get_bucket_fractions(
                    bucket, bucket_filter
                ),
            )
        cr = self.env.cr
        for index, rule in enumerate(rules):
            if index:
                # Fresh statistics: leaving out the events already taken
                # then hashes instead of looping.
                self._analyze(table)
            self._insert_rows(table, bucket, rule, bucket_filter, taken=bool(index))
        # Fresh statistics: the joins below then hash instead of looping.
        self._analyze(table)
        for rule in rules:
            self._evaluate_rows(table, bucket, rule, codes[rule.id])
        # Rows that count for nothing are not claims of this distribution.
        query = "DELETE FROM {} WHERE bucket_id = %s AND COALESCE(weight, 0) <= 1e-9"
        cr.execute(
            query.format(table),
            (bucket.id,),
        )

    @api.model
    def _analyze(self, table):
        """Statistics of the columns the claim rows are joined and grouped
        on (all columns took three times as long)."""
        self.env.cr.execute(
            sql.SQL(
                "ANALYZE {} (bucket_id, event_id, rule_id, agent_id, claim_id)"
            ).format(sql.Identifier(table))
        )

    @api.model
    def _evaluate_rows(self, table, bucket, rule, code):
        """Evaluate the rule's formula in Python once per distinct set of
        variables among its claim rows still to value (new or provisional
        claims) that SQL did not value (see formula_sql), and set their
        value. Claims a distribution paid keep the value they had then."""
        cr = self.env.cr
        variables = (
            "quantity",
            "value_per_unit",
            "price_per_unit",
            "value_per_unit_of_use",
            "money_value",
        )
        params = {"bucket": bucket.id, "rule": rule.id, "claim_type": rule.claim_type}
        cr.execute(
            "SELECT DISTINCT ON ({columns}) {columns}, event_id FROM {table} "
            "WHERE bucket_id = %(bucket)s AND rule_id = %(rule)s AND to_value "
            "AND original IS NULL".format(columns=", ".join(variables), table=table),
            params,
        )
        keys = cr.fetchall()
        if not keys:
            return
        values = [self._evaluate(code, rule, key[:-1], key[-1]) for key in keys]
        params.update(
            {name: [key[index] for key in keys] for index, name in enumerate(variables)}
        )
        params["values"] = values
        cr.execute(
            """
            UPDATE {table} t
               SET original = m.value, outstanding = m.value,
                   weight = {weight}
              FROM unnest(%(quantity)s::float8[], %(value_per_unit)s::float8[],
                          %(price_per_unit)s::float8[],
                          %(value_per_unit_of_use)s::float8[],
                          %(money_value)s::float8[], %(values)s::float8[])
                   AS m({columns}, value)
             WHERE t.bucket_id = %(bucket)s AND t.rule_id = %(rule)s AND t.to_value
               AND t.original IS NULL AND {match}
            """.format(
                table=table,
                columns=", ".join(variables),
                weight=self._WEIGHT_SQL.format(
                    original="m.value", outstanding="m.value", fraction="t.fraction"
                ),
                match=" AND ".join("t.%s = m.%s" % (name, name) for name in variables),
            ),
            params,
        )

    @api.model
    def _evaluate(self, code, rule, key, event_id):
        """The formula's value for one set of variables (``key``, in the
        order of FORMULA_VARIABLES); a failure names an event concerned."""
        try:
            return evaluate(code, dict(zip(FORMULA_VARIABLES, key)))
        except FormulaError as exc:
            raise UserError(
                _(
                    "The claim formula '%(formula)s' fails for the event "
                    "%(event)s: %(error)s"
                )
                % {
                    "formula": rule.formula,
                    "event": self.env["rea.event"].browse(event_id).name,
                    "error": exc,
                }
            )

    @api.model
    def _insert_rows(self, table, bucket, rule, bucket_filter, taken=False):
        """Add to ``table`` the contribution events matching ``rule`` that
        no more specific rule took (``taken``: some rule of the bucket came
        first), with their claim variables and existing claim, in one
        query."""
        contexts = bucket.get_contexts()
        where = [
            "e.is_contribution",
            "NOT COALESCE(e.is_corrected, false)",
            "e.corrects_event_id IS NULL",
            "e.context_id IN %(contexts)s",
            "e.action_id = %(action)s",
            # A context asking for validation counts validated events only.
            "(NOT COALESCE(ctx.rea_require_validation, false) OR e.rea_validated)",
        ]
        params = {
            "bucket": bucket.id,
            "contexts": tuple(contexts.ids),
            "action": rule.action_id.id,
            "rule": rule.id,
            "claim_type": rule.claim_type,
        }
        if rule.action_type_id:
            where.append("e.action_type_id = %(action_type)s")
            params["action_type"] = rule.action_type_id.id
        if rule.process_specification_ids:
            where.append("p.based_on_id IN %(specs)s")
            params["specs"] = tuple(rule.process_specification_ids.ids)
        if rule.resource_type_ids:
            where.append("e.resource_conforms_to_id IN %(types)s")
            params["types"] = tuple(rule.resource_type_ids.ids)
        if taken:
            where.append(
                "NOT EXISTS (SELECT 1 FROM {} x WHERE x.bucket_id = %(bucket)s "
                "AND x.event_id = e.id)".format(table)
            )
        if bucket_filter.get("event_ids"):
            where.append("e.id = ANY(%(events)s)")
            params["events"] = list(bucket_filter["event_ids"])
        method = bucket.filter_method
        if method == "dates":
            if bucket_filter.get("date_from"):
                where.append("e.has_point_in_time >= %(date_from)s")
                params["date_from"] = bucket_filter["date_from"]
            if bucket_filter.get("date_to"):
                # The end date is inclusive: up to its last second.
                where.append(
                    "e.has_point_in_time < (%(date_to)s::date + interval '1 day')"
                )
                params["date_to"] = bucket_filter["date_to"]
        fraction_join, fraction = "", "1.0"
        if method in SHARE_METHODS:
            fractions = bucket_filter.get("share_fractions")
            if fractions is None:
                fractions = self.env["rea.income.share"].get_bucket_fractions(
                    bucket, bucket_filter
                )
            fraction_join = (
                "JOIN unnest(%(share_events)s::int[], %(share_fractions)s::float8[])"
                " AS sf(event_id, fraction) ON sf.event_id = e.id"
            )
            fraction = "sf.fraction"
            params["share_events"] = list(fractions)
            params["share_fractions"] = [fractions[event] for event in fractions]
        query = self._insert_rows_query(table, where, fraction, fraction_join)
        cr = self.env.cr
        formula = formula_sql(rule.formula, self._FORMULA_COLUMNS)
        if formula is None:
            cr.execute(query.format(formula="NULL::float8"), params)
            return
        try:
            with cr.savepoint():
                # An expected failure: not logged as a bad query.
                cr.execute(query.format(formula=formula), params, log_exceptions=False)
        except psycopg2.DataError:
            # Out of float8's range in SQL: the rows are valued in Python,
            # which names an event concerned.
            cr.execute(query.format(formula="NULL::float8"), params)

    # The claim variables of a row in _insert_rows_query (alias v).
    _FORMULA_COLUMNS = {
        "quantity": "v.quantity",
        "valuePerUnit": "v.value_per_unit",
        "pricePerUnit": "v.price_per_unit",
        "valuePerUnitOfUse": "v.value_per_unit_of_use",
        "value": "v.money_value",
    }

    @api.model
    def _insert_rows_query(self, table, where, fraction, fraction_join):
        """The INSERT of _insert_rows, with a ``{formula}`` placeholder: the
        value of a claim row still to value (NULL: to evaluate in Python).
        The other rows keep the value of their claim. The variables are
        float8, as Python's floats (some columns are numeric)."""
        value = "CASE WHEN v.to_value THEN {formula} ELSE v.claim_original END"
        outstanding = "CASE WHEN v.to_value THEN {formula} ELSE v.claim_value END"
        return """
            INSERT INTO {table} (bucket_id, event_id, rule_id, claim_type, agent_id,
                   context_id, claim_id, is_new, to_value, quantity, value_per_unit,
                   price_per_unit, value_per_unit_of_use, money_value, fraction,
                   original, outstanding, weight)
            SELECT v.bucket_id, v.event_id, v.rule_id, v.claim_type, v.agent_id,
                   v.context_id, v.claim_id, v.is_new, v.to_value, v.quantity,
                   v.value_per_unit, v.price_per_unit, v.value_per_unit_of_use,
                   v.money_value, v.fraction, {value}, {outstanding}, {weight}
              FROM (
            SELECT %(bucket)s AS bucket_id, e.id AS event_id, %(rule)s AS rule_id,
                   %(claim_type)s AS claim_type, e.provider_id AS agent_id,
                   e.context_id, c.id AS claim_id, c.id IS NULL AS is_new,
                   c.id IS NULL OR COALESCE(c.provisional, false) AS to_value,
                   COALESCE(NULLIF(e.resource_quantity, 0), e.effort_quantity,
                            0)::float8 AS quantity,
                   COALESCE(NULLIF(r.value_per_unit, 0), NULLIF(sk.value_per_unit, 0),
                            t.rea_value_per_unit, 0)::float8 AS value_per_unit,
                   COALESCE(t.list_price, 0)::float8 AS price_per_unit,
                   COALESCE(r.value_per_unit_of_use, 0)::float8
                       AS value_per_unit_of_use,
                   COALESCE(e.money_value, 0)::float8 AS money_value,
                   {fraction} AS fraction, c.original_value AS claim_original,
                   c.value AS claim_value
              FROM rea_event e
              {fraction_join}
              JOIN res_partner ctx ON ctx.id = e.context_id
         LEFT JOIN rea_resource r ON r.id = e.resource_id
         LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
         LEFT JOIN rea_agent_skill sk
                ON sk.partner_id = e.provider_id
               AND sk.skill_id = e.resource_conforms_to_id
         LEFT JOIN rea_process p ON p.id = COALESCE(e.input_of_id, e.output_of_id)
         LEFT JOIN rea_claim c ON c.event_id = e.id AND c.rule_id = %(rule)s
             WHERE {where}
              ) v
            """.format(
            table=table,
            fraction=fraction,
            fraction_join=fraction_join,
            value=value,
            outstanding=outstanding,
            weight=self._WEIGHT_SQL.format(
                original=value, outstanding=outstanding, fraction="v.fraction"
            ),
            where=" AND ".join(where),
        )

    # Opening claims: the claim ledger writes them (rea.claim.ledger).

    @api.model
    @server_only
    def open_claims(self, buckets, event_ids=None, strict=True):
        """Kept for callers of the engine: see ``rea.claim.ledger.open_claims``,
        which opens claims now."""
        return self.env["rea.claim.ledger"].open_claims(buckets, event_ids, strict)

    @api.model
    @server_only
    def compute_claim_rows(self, buckets, event_ids=None):
        """Collect the claim rows the rules of ``buckets`` count now (all
        contribution events, or those of ``event_ids``), each event under
        its most specific rule, valued as a distribution would, into a new
        temporary table; return its name (``is_new``: no claim yet), or
        False when no bucket opens claims before distributing (fixed
        recipients, income shares) or no event is given. The claim ledger
        opens the claims from it and drops it."""
        buckets = buckets.filtered(
            lambda b: b.rule_ids
            and not b.distribution_agent_id
            and b.filter_method not in SHARE_METHODS
        )
        if not buckets or (event_ids is not None and not event_ids):
            return False
        result = {}
        table = self._claims_table(result)
        bucket_filter = {"event_ids": event_ids} if event_ids is not None else {}
        for bucket in buckets:
            self._collect_claims(table, bucket, bucket_filter)
        return table

    @api.model
    @server_only
    def get_claim_rows(self, result):
        """The claim rows of ``result`` as dicts (for checks and exports;
        the distribution itself writes them in SQL)."""
        if not result.get("claims_table"):
            return []
        rates, rates_join, pay, reduction = self.get_pay_sql(result)
        self.env.cr.execute(
            "SELECT t.bucket_id, t.event_id, t.rule_id, t.claim_type, t.agent_id, "
            "t.claim_id, t.original, t.outstanding, t.weight, {pay} AS pay, "
            "{reduction} AS reduction FROM {table} t {rates} "
            "ORDER BY t.bucket_id, t.event_id".format(
                pay=pay,
                reduction=reduction,
                table=result["claims_table"],
                rates=rates_join,
            ),
            rates,
        )
        keys = [column[0] for column in self.env.cr.description]
        return [dict(zip(keys, row)) for row in self.env.cr.fetchall()]

    # Rounding

    @api.model
    def _round(self, result):
        """Amounts per group and per agent to the currency's precision, by
        largest remainder: the rounded groups add up exactly to the rounded
        total placed, so the preview lines, the distribution lines and the
        amount distributed agree to the cent. The residue is what plain
        rounding of each agent would have missed; its recipient is the agent
        given the most above plain rounding. What no bucket placed stays
        undistributed."""
        currency = self.env["res.currency"].browse(result["currency_id"])
        keys = sorted(result["groups"], key=lambda k: (k[0], k[1], k[2] or 0))
        groups = [result["groups"][key] for key in keys]
        rounded = self._round_shares([group["amount"] for group in groups], currency)
        exact = {}
        totals = {}
        for group, value in zip(groups, rounded):
            group["rounded"] = value
            agent = group["agent_id"]
            exact[agent] = exact.get(agent, 0.0) + group["amount"]
            totals[agent] = totals.get(agent, 0.0) + value
        agents = {
            agent: currency.round(value)
            for agent, value in totals.items()
            if not currency.is_zero(value)
        }
        plain = {agent: currency.round(exact[agent]) for agent in agents}
        residue = currency.round(sum(agents.values()) - sum(plain.values()))
        result["residue_agent_id"] = False
        if agents and not currency.is_zero(residue):
            result["residue_agent_id"] = max(
                agents, key=lambda a: (abs(agents[a] - plain[a]), agents[a], -a)
            )
        result["residue"] = residue if agents else 0.0
        result["agents"] = agents
        result["distributed"] = currency.round(sum(agents.values()))
        result["undistributed"] = currency.round(
            result["amount"] - result["distributed"]
        )

    @api.model
    def _round_shares(self, values, currency):
        """``values`` rounded to ``currency`` so that they add up to their
        rounded sum (largest remainder: each is rounded down to the unit,
        and the units left go one by one to the largest remainders, the
        first of equal ones). No cent is lost or made up."""
        step = currency.rounding
        target = int(round(currency.round(sum(values)) / step))
        exact = [value / step for value in values]
        # round(.., 6) first: 3333.0 stored as 3332.9999999 is 3333 units.
        units = [math.floor(round(value, 6)) for value in exact]
        left = target - sum(units)
        order = sorted(range(len(values)), key=lambda i: (units[i] - exact[i], i))
        if left < 0:  # negative values: take units from the smallest remainders
            order = list(reversed(order))
        for index in order[: abs(left)]:
            units[index] += 1 if left > 0 else -1
        return [currency.round(unit * step) for unit in units]

    # Explanations

    @api.model
    @server_only
    def get_group_lines(self, result):
        """Per agent, bucket and rule: values and explanation text, as
        stored by the preview and by the distribution."""
        currency = self.env["res.currency"].browse(result["currency_id"])
        buckets = self.env["rea.value.equation.bucket"].browse(
            [b["bucket_id"] for b in result["buckets"]]
        )
        bucket_names = {b.id: b.name for b in buckets}
        rules = self.env["rea.value.equation.rule"].browse(
            list({g["rule_id"] for g in result["groups"].values() if g["rule_id"]})
        )
        rule_by_id = {r.id: r for r in rules}
        texts = self._explain_texts()
        lines = []
        for key in sorted(result["groups"], key=lambda k: (k[0], k[1], k[2] or 0)):
            group = result["groups"][key]
            rule = rule_by_id.get(group["rule_id"])
            lines.append(
                {
                    "agent_id": group["agent_id"],
                    "bucket_id": group["bucket_id"],
                    "rule_id": group["rule_id"],
                    "claim_count": group["count"],
                    "claim_value": currency.round(group["formula_total"]),
                    "amount": group.get("rounded", currency.round(group["amount"])),
                    "explanation": self._explain_group(
                        group, rule, bucket_names[group["bucket_id"]], currency, texts
                    ),
                }
            )
        return lines

    @api.model
    def _explain_texts(self):
        """The wording of explanations, translated once per call of
        get_group_lines (a distribution explains a thousand groups)."""
        return {
            "fixed": _("Bucket '%(bucket)s': fixed recipient, %(amount)s."),
            "rule": _(
                "Bucket '%(bucket)s', rule '%(rule)s' (%(type)s): %(count)s "
                "event(s), formula '%(formula)s' gives %(value)s, counted "
                "%(weight)s, paid %(amount)s."
            ),
            "more": _("... and %s more event(s)."),
        }

    @api.model
    def _explain_group(self, group, rule, bucket_name, currency, texts=None):
        texts = texts or self._explain_texts()
        fmt = self._formatter(currency)
        if not rule:
            return texts["fixed"] % {
                "bucket": bucket_name,
                "amount": fmt(group["amount"]),
            }
        parts = [
            texts["rule"]
            % {
                "bucket": bucket_name,
                "rule": rule.name,
                "type": CLAIM_TYPE_LABELS[rule.claim_type],
                "count": group["count"],
                "formula": rule.formula,
                "value": fmt(group["formula_total"]),
                "weight": fmt(group["weight"]),
                "amount": fmt(group["amount"]),
            }
        ]
        for _event_id, name, date, value, pay in group["events"]:
            parts.append(
                "- %s (%s): %s -> %s"
                % (
                    name,
                    format_date(self.env, str(date)[:10]) if date else "",
                    fmt(value),
                    fmt(pay),
                )
            )
        more = group["count"] - len(group["events"])
        if more > 0:
            parts.append(texts["more"] % more)
        return "\n".join(parts)
