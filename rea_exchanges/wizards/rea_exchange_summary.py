# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..models.rea_exchange import EXCHANGE_STATES


class ReaExchangeSummary(models.TransientModel):
    """An agent's exchanges with the per-unit totals box, for the back office."""

    _name = "rea.exchange.summary"
    _description = "Exchanges of an agent"

    partner_id = fields.Many2one("res.partner", string="Agent", required=True)
    include_sub_agents = fields.Boolean(
        string="Include the agents part of it",
        help="For a network or a project: add the balances of its sub-projects "
        "(transfers between them cancel out).",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    exchange_type_id = fields.Many2one("rea.exchange.type", string="Exchange type")
    state = fields.Selection(EXCHANGE_STATES)
    totals_html = fields.Html(
        string="Totals", compute="_compute_summary", sanitize=False
    )
    exchange_ids = fields.Many2many(
        "rea.exchange", string="Exchanges", compute="_compute_summary"
    )

    @api.depends(
        "partner_id",
        "include_sub_agents",
        "date_from",
        "date_to",
        "exchange_type_id",
        "state",
    )
    def _compute_summary(self):
        for summary in self:
            if not summary.partner_id:
                continue
            domain = summary.get_exchange_domain()
            totals = summary.partner_id.get_exchange_totals(
                include_sub_agents=summary.include_sub_agents,
                domain=domain,
                other_events=not summary._has_filters(),
            )
            summary.totals_html = (
                self.env["ir.qweb"]
                .render("rea_exchanges.exchange_totals_box", {"totals": totals})
                .decode()
            )
            summary.exchange_ids = self.env["rea.exchange"].search(domain, limit=80)

    @api.multi
    def _has_filters(self):
        """Whether only some exchanges are asked for (then income outside
        exchanges, such as distributions, is left out of the totals)."""
        self.ensure_one()
        return bool(
            self.date_from or self.date_to or self.exchange_type_id or self.state
        )

    @api.multi
    def get_exchange_domain(self):
        self.ensure_one()
        domain = self.partner_id.get_exchange_domain(self.include_sub_agents)
        if self.date_from:
            domain.append(("start_date", ">=", self.date_from))
        if self.date_to:
            domain.append(("start_date", "<=", self.date_to))
        if self.exchange_type_id:
            domain.append(("exchange_type_id", "=", self.exchange_type_id.id))
        if self.state:
            domain.append(("state", "=", self.state))
        return domain

    @api.multi
    def get_form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Exchanges of %s") % self.partner_id.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "context": self._get_agent_context(),
        }

    @api.multi
    def _get_agent_context(self):
        return {
            "rea_agent_id": self.partner_id.id,
            "rea_include_sub_agents": self.include_sub_agents,
        }

    @api.multi
    def _check_can_open(self):
        """Refuse (AccessError) to list the agent's exchanges to a user who
        neither works for the agent (a context they coordinate, or one of
        its parts) nor is the agent: the list's name and domain are the
        agent's dealings. REA managers open any agent's."""
        self.ensure_one()
        self._rea_check_readable()
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return True
        if self.partner_id == user.partner_id:
            return True
        if self.partner_id.id in user.rea_get_context_ids():
            return True
        raise AccessError(
            _("You may only list the exchanges of the agents you work for.")
        )

    @api.multi
    def action_open_exchanges(self):
        self.ensure_one()
        self._check_can_open()
        action = self.env.ref("rea_exchanges.rea_exchange_action").read()[0]
        action.update(
            {
                "name": _("Exchanges of %s") % self.partner_id.display_name,
                "domain": self.get_exchange_domain(),
                "context": dict(
                    self._get_agent_context(),
                    default_provider_id=self.partner_id.id,
                ),
            }
        )
        return action
