# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

CONTEXT_AGENT_TYPES = ("organization", "project", "network")


class ResPartner(models.Model):
    """Agents are partners: REA adds a type, relationships and counters."""

    _inherit = "res.partner"

    agent_type = fields.Selection(
        [
            ("individual", "Individual"),
            ("organization", "Organization"),
            ("project", "Project"),
            ("network", "Network"),
            ("community", "Community"),
        ],
        string="Agent type",
    )
    is_context = fields.Boolean(
        string="Is a context agent",
        help="Context agents (projects, organisations, networks) own processes, "
        "exchanges and value equations.",
    )
    relationship_ids = fields.One2many(
        "rea.agent.relationship",
        "subject_id",
        string="Relationships (as subject)",
        groups="rea_base.group_rea_user",
        help="e.g. this agent 'is member of' another agent.",
    )
    inverse_relationship_ids = fields.One2many(
        "rea.agent.relationship",
        "object_id",
        string="Relationships (as object)",
        groups="rea_base.group_rea_user",
        help="e.g. this agent 'has member' another agent.",
    )
    rea_event_count = fields.Integer(
        string="Economic events",
        compute="_compute_rea_event_count",
        groups="rea_base.group_rea_user",
    )
    rea_resource_count = fields.Integer(
        string="Economic resources",
        compute="_compute_rea_resource_count",
        groups="rea_base.group_rea_user",
    )

    @api.multi
    def _compute_rea_event_count(self):
        event_model = self.env["rea.event"]
        for partner in self:
            partner.rea_event_count = event_model.search_count(
                partner._get_rea_event_domain()
            )

    @api.multi
    def _compute_rea_resource_count(self):
        data = self.env["rea.resource"].read_group(
            [("primary_accountable_id", "in", self.ids)],
            ["primary_accountable_id"],
            ["primary_accountable_id"],
        )
        counts = {
            d["primary_accountable_id"][0]: d["primary_accountable_id_count"]
            for d in data
        }
        for partner in self:
            partner.rea_resource_count = counts.get(partner.id, 0)

    @api.onchange("agent_type")
    def _onchange_agent_type(self):
        if self.agent_type:
            self.is_context = self.agent_type in CONTEXT_AGENT_TYPES
            if self.agent_type != "individual":
                self.is_company = True

    @api.multi
    def _get_rea_event_domain(self):
        self.ensure_one()
        return ["|", ("provider_id", "=", self.id), ("receiver_id", "=", self.id)]

    @api.multi
    def get_sub_agents(self, states=("active",), include_self=False):
        """Return every agent (recursively) part of these agents.

        Follows relationships whose type behaves as 'child' and whose state
        is in ``states``; one query per tree level, cycles are skipped.
        """
        relationship_model = self.env["rea.agent.relationship"].sudo()
        result = self.browse()
        seen = set(self.ids)
        level = self
        while level:
            rels = relationship_model.search(
                [
                    ("object_id", "in", level.ids),
                    ("behavior", "=", "child"),
                    ("state", "in", list(states)),
                ]
            )
            children = rels.mapped("subject_id").filtered(lambda p: p.id not in seen)
            seen.update(children.ids)
            result |= children
            level = children
        if include_self:
            result = self | result
        return self.browse(result.ids)

    @api.multi
    def get_parent_agents(self, states=("active",)):
        """Return the agents these agents are directly part of."""
        rels = (
            self.env["rea.agent.relationship"]
            .sudo()
            .search(
                [
                    ("subject_id", "in", self.ids),
                    ("behavior", "=", "child"),
                    ("state", "in", list(states)),
                ]
            )
        )
        return self.browse(rels.mapped("object_id").ids)

    @api.multi
    def rea_service_enabled(self, code):
        """Whether this agent has the service ``code`` (see the codes in the
        readme: exchanges, shares, skills, tasks, processes, faircoin).

        Extension hook: portal pages and menus of a service ask it before
        showing themselves. Without a module that decides (e.g.
        rea_projects, from the services of the member's projects), every
        service is on.
        """
        return True

    @api.multi
    def action_view_rea_events(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Economic events"),
            "res_model": "rea.event",
            "view_mode": "tree,form,pivot,graph",
            "domain": self._get_rea_event_domain(),
        }

    @api.multi
    def action_view_rea_resources(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Economic resources"),
            "res_model": "rea.resource",
            "view_mode": "tree,form",
            "domain": [("primary_accountable_id", "=", self.id)],
            "context": {"default_primary_accountable_id": self.id},
        }
