# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.rea_base.server_api import server_only

from ..formatting import format_amount, format_percentage

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
    @server_only
    def create_from_result(self, equation, result, date, incomes=None, note=None):
        """Write the distribution ``result`` computed by the engine:
        lines, details, claims, income use, events and accounting. The
        distribution orchestrates: the engine computed ``result``, the claim
        ledger writes the claims and their payments."""
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
                "bucket_summary": self.format_buckets(result),
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
        # The claim ledger writes the claims and what was paid on them.
        ledger = self.env["rea.claim.ledger"]
        ledger.pay_claims(distribution, result, details)
        ledger.write_details(distribution, result, details, lines)
        distribution.line_ids.create_payouts()
        return distribution

    @api.model
    @server_only
    def format_buckets(self, result):
        """The bucket summary of a computed ``result`` (one line per
        bucket), as stored and previewed."""
        currency = self.env["res.currency"].browse(result["currency_id"])

        def money(value):
            return format_amount(self.env, value, currency)

        return "\n".join(
            "%s (%s of %s): %s placed. %s"
            % (
                info["name"],
                format_percentage(self.env, info["percentage"]),
                money(info["base"]),
                money(info["distributed"]),
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
            distribution.line_ids.reverse_payouts()
            distribution.line_ids.reverse_events()
            self.env["rea.claim.ledger"].apply_reductions(distribution, sign=-1)
            distribution.state = "cancelled"
        return True
