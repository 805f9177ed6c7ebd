# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero, float_round

from .formula import FormulaError, compile_formula, evaluate
from .rea_income_share import SHARE_METHODS

# Events listed by name in an explanation; the others are counted.
EXPLAIN_EVENTS = 10
CLAIM_TYPE_LABELS = {"debt": "debt-like", "equity": "equity-like", "once": "once"}


class ReaDistributionEngine(models.AbstractModel):
    """Runs a value equation on an amount: the same computation feeds the
    preview and the confirmed distribution.

    Contributions are read with one query per rule (the claim variables are
    joined in SQL), so the number of queries does not grow with the number of
    events; formulas are compiled once and evaluated per event row.
    """

    _name = "rea.distribution.engine"
    _description = "REA Distribution Engine"

    @api.model
    def compute(self, equation, amount, filters=None):
        """Return the distribution of ``amount`` by ``equation``.

        ``filters``: {bucket id: {"date_from", "date_to", "process_ids",
        "plan_id"}} as chosen in the wizard. The result is a plain dict (see
        ``_new_result``); nothing is written.
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
                    "%(percentage).2f %% of %(base)s to %(agent)s (fixed recipient)"
                ) % {
                    "percentage": bucket.percentage,
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
            # Claim rows: [event, rule, claim or None, agent, context, claim
            # type, original value, outstanding, amount, reduction]
            "claims": [],
            "agents": {},
            "distributed": 0.0,
            "undistributed": amount,
            "residue": 0.0,
            "residue_agent_id": False,
        }

    @api.model
    def _fmt(self, value, currency):
        return "%s %s" % (
            float_round(value, precision_rounding=currency.rounding),
            currency.symbol or currency.name,
        )

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

    # Rule buckets

    @api.model
    def _run_bucket(self, result, bucket, bucket_amount, bucket_filter, info):
        """Share ``bucket_amount`` among the claims of the bucket's rules;
        return what was placed."""
        rows = self._collect_claims(bucket, bucket_filter)
        weights_total = sum(row["weight"] for row in rows)
        info["claims_total"] = weights_total
        if float_is_zero(weights_total, precision_digits=6) or not bucket_amount:
            info["note"] = _("No claim matched: nothing placed.")
            return 0.0
        portion = bucket_amount / weights_total
        remaining = bucket.equation_id.percentage_behavior == "remaining"
        info["portion"] = portion
        distributed = 0.0
        claims = result["claims"]
        # Rule values and groups looked up once per rule and agent, not per
        # row: a bucket may have 100,000 claim rows.
        rule_data = {}
        groups = {}
        for row in rows:
            rule = row["rule"]
            data = rule_data.get(rule.id)
            if data is None:
                claim_type = rule.claim_type
                # Claims never receive more than their value, except
                # equity-like claims in straight mode, which share the whole
                # bucket pro rata.
                capped = remaining or claim_type != "equity"
                data = rule_data[rule.id] = (
                    rule,
                    claim_type,
                    min(portion, 1.0) if capped else portion,
                )
            rule, claim_type, rate = data
            pay = row["weight"] * rate
            if claim_type == "debt":
                reduction = min(pay, row["outstanding"])
            elif claim_type == "once":
                reduction = row["outstanding"]
            else:
                reduction = 0.0
            distributed += pay
            claims.append(
                [
                    row["event_id"],
                    rule.id,
                    row["claim_id"],
                    row["agent_id"],
                    row["context_id"],
                    claim_type,
                    row["original"],
                    row["outstanding"],
                    pay,
                    reduction,
                ]
            )
            key = (row["agent_id"], rule.id)
            group = groups.get(key)
            if group is None:
                group = groups[key] = self._group(result, row["agent_id"], bucket, rule)
            group["count"] += 1
            group["formula_total"] += row["original"]
            group["weight"] += row["weight"]
            group["amount"] += pay
            if len(group["events"]) < EXPLAIN_EVENTS:
                group["events"].append(
                    (row["event_id"], row["name"], row["date"], row["original"], pay)
                )
        info["note"] = _(
            "%(amount)s shared by claims of %(claims)s: %(ratio).4f per unit of "
            "claim%(cap)s."
        ) % {
            "amount": self._fmt(bucket_amount, bucket.equation_id.currency_id),
            "claims": self._fmt(weights_total, bucket.equation_id.currency_id),
            "ratio": portion,
            "cap": _(" (claims are paid at most their value)") if portion > 1.0 else "",
        }
        return distributed

    @api.model
    def _collect_claims(self, bucket, bucket_filter):
        """Claim rows of the bucket: each event once, under its most specific
        matching rule; the weight is what the claim counts for now."""
        best = {}
        if bucket.filter_method in SHARE_METHODS:
            # Income shares are walked once per bucket, not once per rule.
            bucket_filter = dict(
                bucket_filter,
                share_fractions=self.env["rea.income.share"].get_bucket_fractions(
                    bucket, bucket_filter
                ),
            )
        for rule in bucket.rule_ids.sorted(lambda r: (r.sequence, r.id)):
            try:
                code = compile_formula(rule.formula)
            except FormulaError as exc:
                raise UserError(
                    _("The claim formula '%(formula)s' cannot be used: %(error)s")
                    % {"formula": rule.formula, "error": exc}
                )
            specificity = rule.get_specificity()
            cache = {}
            for row in self._fetch_events(bucket, rule, bucket_filter):
                previous = best.get(row["event_id"])
                if previous and previous["specificity"] >= specificity:
                    continue
                if row["claim_id"]:
                    original = row["claim_original"]
                    outstanding = row["claim_value"]
                else:
                    key = (
                        row["quantity"],
                        row["valuePerUnit"],
                        row["pricePerUnit"],
                        row["valuePerUnitOfUse"],
                        row["value"],
                    )
                    if key not in cache:
                        cache[key] = self._evaluate(code, rule, row)
                    original = outstanding = cache[key]
                # The event's part in what the income came from (income
                # shares): equity counts its part of the claim, debt and
                # once at most what is still owed.
                fraction = row.get("fraction", 1.0)
                if rule.claim_type == "equity":
                    weight = original * fraction
                else:
                    weight = min(outstanding, original * fraction)
                row.update(
                    {
                        "rule": rule,
                        "specificity": specificity,
                        "original": original,
                        "outstanding": outstanding,
                        "weight": weight,
                    }
                )
                best[row["event_id"]] = row
        return [
            row
            for row in sorted(best.values(), key=lambda r: r["event_id"])
            if row["weight"] > 1e-9
        ]

    @api.model
    def _evaluate(self, code, rule, row):
        variables = {
            name: row[name]
            for name in (
                "quantity",
                "valuePerUnit",
                "pricePerUnit",
                "valuePerUnitOfUse",
                "value",
            )
        }
        try:
            return evaluate(code, variables)
        except FormulaError as exc:
            raise UserError(
                _(
                    "The claim formula '%(formula)s' fails for the event "
                    "%(event)s: %(error)s"
                )
                % {"formula": rule.formula, "event": row["name"], "error": exc}
            )

    @api.model
    def _get_contexts(self, bucket):
        context = bucket.equation_id.context_id
        if bucket.include_sub_agents:
            return context.get_sub_agents(include_self=True)
        return context

    @api.model
    def _fetch_events(self, bucket, rule, bucket_filter):
        """Contribution events matching ``rule`` with their claim variables
        and existing claim, in one query."""
        contexts = self._get_contexts(bucket)
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
            "contexts": tuple(contexts.ids),
            "action": rule.action_id.id,
            "rule": rule.id,
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
        fractions = None
        if method in SHARE_METHODS:
            fractions = bucket_filter.get("share_fractions")
            if fractions is None:
                fractions = self.env["rea.income.share"].get_bucket_fractions(
                    bucket, bucket_filter
                )
            where.append("e.id IN %(share_events)s")
            params["share_events"] = tuple(fractions) or (0,)
        query = """
            SELECT e.id, e.name, e.has_point_in_time, e.provider_id, e.context_id,
                   COALESCE(NULLIF(e.resource_quantity, 0), e.effort_quantity, 0),
                   COALESCE(NULLIF(r.value_per_unit, 0), NULLIF(sk.value_per_unit, 0),
                            t.rea_value_per_unit, 0),
                   COALESCE(t.list_price, 0),
                   COALESCE(r.value_per_unit_of_use, 0),
                   COALESCE(e.money_value, 0),
                   c.id, c.original_value, c.value
              FROM rea_event e
              JOIN res_partner ctx ON ctx.id = e.context_id
         LEFT JOIN rea_resource r ON r.id = e.resource_id
         LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
         LEFT JOIN rea_agent_skill_rate sk
                ON sk.partner_id = e.provider_id
               AND sk.skill_id = e.resource_conforms_to_id
         LEFT JOIN rea_process p ON p.id = COALESCE(e.input_of_id, e.output_of_id)
         LEFT JOIN rea_claim c ON c.event_id = e.id AND c.rule_id = %(rule)s
             WHERE {where}
        """.format(where=" AND ".join(where))
        self.env.cr.execute(query, params)
        keys = (
            "event_id",
            "name",
            "date",
            "agent_id",
            "context_id",
            "quantity",
            "valuePerUnit",
            "pricePerUnit",
            "valuePerUnitOfUse",
            "value",
            "claim_id",
            "claim_original",
            "claim_value",
        )
        rows = [dict(zip(keys, values)) for values in self.env.cr.fetchall()]
        for row in rows:
            row["fraction"] = fractions[row["event_id"]] if fractions else 1.0
        return rows

    # Rounding

    @api.model
    def _round(self, result):
        """Amounts per agent to the currency's precision; the rounding
        residue (a few cents) goes to the largest recipient; what no bucket
        placed stays undistributed."""
        currency = self.env["res.currency"].browse(result["currency_id"])
        exact = {}
        for group in result["groups"].values():
            exact[group["agent_id"]] = (
                exact.get(group["agent_id"], 0.0) + group["amount"]
            )
        agents = {
            agent: currency.round(value)
            for agent, value in exact.items()
            if not currency.is_zero(value)
        }
        target = currency.round(sum(exact.values()))
        residue = currency.round(target - sum(agents.values()))
        if agents and not currency.is_zero(residue):
            largest = max(agents, key=lambda a: (agents[a], -a))
            agents[largest] = currency.round(agents[largest] + residue)
            result["residue_agent_id"] = largest
        result["residue"] = residue if agents else 0.0
        result["agents"] = agents
        result["distributed"] = currency.round(sum(agents.values()))
        result["undistributed"] = currency.round(
            result["amount"] - result["distributed"]
        )

    # Explanations

    @api.model
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
                    "amount": currency.round(group["amount"]),
                    "explanation": self._explain_group(
                        group, rule, bucket_names[group["bucket_id"]], currency
                    ),
                }
            )
        return lines

    @api.model
    def _explain_group(self, group, rule, bucket_name, currency):
        if not rule:
            return _("Bucket '%(bucket)s': fixed recipient, %(amount)s.") % {
                "bucket": bucket_name,
                "amount": self._fmt(group["amount"], currency),
            }
        parts = [
            _(
                "Bucket '%(bucket)s', rule '%(rule)s' (%(type)s): %(count)s "
                "event(s), formula '%(formula)s' gives %(value)s, counted "
                "%(weight)s, paid %(amount)s."
            )
            % {
                "bucket": bucket_name,
                "rule": rule.name,
                "type": CLAIM_TYPE_LABELS[rule.claim_type],
                "count": group["count"],
                "formula": rule.formula,
                "value": self._fmt(group["formula_total"], currency),
                "weight": self._fmt(group["weight"], currency),
                "amount": self._fmt(group["amount"], currency),
            }
        ]
        for _event_id, name, date, value, pay in group["events"]:
            parts.append(
                "- %s (%s): %s -> %s"
                % (
                    name,
                    str(date)[:10] if date else "",
                    self._fmt(value, currency),
                    self._fmt(pay, currency),
                )
            )
        more = group["count"] - len(group["events"])
        if more > 0:
            parts.append(_("... and %s more event(s).") % more)
        return "\n".join(parts)
