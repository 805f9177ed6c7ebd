# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    rea_exchange_count = fields.Integer(
        string="Exchanges",
        compute="_compute_rea_exchange_count",
        groups="rea_base.group_rea_user",
    )

    @api.multi
    def _compute_rea_exchange_count(self):
        exchange_model = self.env["rea.exchange"]
        for partner in self:
            partner.rea_exchange_count = exchange_model.search_count(
                partner.get_exchange_domain()
            )

    @api.multi
    def get_exchange_domain(self, include_sub_agents=False):
        """Exchanges where these agents (and their sub-agents) are a party."""
        agents = self.get_sub_agents(include_self=True) if include_sub_agents else self
        return [
            "|",
            ("provider_id", "in", agents.ids),
            ("receiver_id", "in", agents.ids),
        ]

    @api.multi
    def get_exchange_totals(
        self, include_sub_agents=False, domain=None, other_events=True
    ):
        """Per-unit actual and committed balances of this agent's exchanges
        (see ``rea.exchange.get_totals``); a context can include the agents
        that are part of it."""
        self.ensure_one()
        agents = self.get_sub_agents(include_self=True) if include_sub_agents else self
        return self.env["rea.exchange"].get_totals(
            agents, domain, other_events=other_events
        )

    @api.multi
    def get_rea_account(self, resource_type, create=True):
        """This agent's resource of ``resource_type`` that transfers use when
        none is chosen: its money account per currency, its share account,
        its stock of a good. Created empty when missing."""
        self.ensure_one()
        # Accounts are bookkeeping the agent may not see (portal members,
        # accountants): looked up and created as superuser, handed back in
        # the caller's environment.
        resource_model = self.env["rea.resource"].sudo()
        resource = resource_model.search(
            [
                ("primary_accountable_id", "=", self.id),
                ("conforms_to_id", "=", resource_type.id),
                ("unit_id", "=", resource_type.uom_id.id),
            ],
            order="id",
            limit=1,
        )
        if not resource and create:
            resource = resource_model.create(
                self._prepare_rea_account_vals(resource_type)
            )
        return self.env["rea.resource"].browse(resource.ids)

    @api.multi
    def get_rea_accounts(self, resource_type):
        """{agent id: its account of ``resource_type``} for these agents, as
        ``get_rea_account`` gives it to each, in two queries whatever their
        number: the missing accounts are opened together, without chatter
        (a first distribution may open hundreds)."""
        resource_model = self.env["rea.resource"].sudo()
        accounts = {}
        if self:
            self.env.cr.execute(
                """
                SELECT DISTINCT ON (primary_accountable_id) primary_accountable_id, id
                  FROM rea_resource
                 WHERE primary_accountable_id IN %s AND conforms_to_id = %s
                   AND unit_id = %s AND active
              ORDER BY primary_accountable_id, id
                """,
                (tuple(self.ids), resource_type.id, resource_type.uom_id.id),
            )
            accounts = dict(self.env.cr.fetchall())
        missing = self.filtered(lambda agent: agent.id not in accounts)
        if missing:
            # Only the fields the names need, for all of them at once.
            missing = missing.with_context(prefetch_fields=False)
            # Translated once, not once per account.
            name_format = self._get_rea_account_name_format()
            opened = resource_model.with_context(tracking_disable=True).create_batch(
                [
                    agent._prepare_rea_account_vals(resource_type, name_format)
                    for agent in missing
                ]
            )
            accounts.update(zip(missing.ids, opened.ids))
        return {
            agent_id: self.env["rea.resource"].browse(resource_id)
            for agent_id, resource_id in accounts.items()
        }

    @api.model
    def _get_rea_account_name_format(self):
        return _("%(type)s of %(agent)s")

    @api.multi
    def _prepare_rea_account_vals(self, resource_type, name_format=None):
        """Values of this agent's new account of ``resource_type``;
        ``name_format``: ``_get_rea_account_name_format()`` when given by a
        caller opening many."""
        name_format = name_format or self._get_rea_account_name_format()
        return {
            "name": name_format
            % {"type": resource_type.name, "agent": self.display_name},
            "conforms_to_id": resource_type.id,
            "unit_id": resource_type.uom_id.id,
            "primary_accountable_id": self.id,
        }

    @api.multi
    def get_coordinated_agents(self, include_sub_agents=True):
        """Agents these agents coordinate (active 'manager' relationships),
        with the agents part of them."""
        relationships = self.env["rea.agent.relationship"].get_memberships(
            self, behaviors=("manager",)
        )
        agents = relationships.mapped("object_id")
        if include_sub_agents and agents:
            agents = agents.get_sub_agents(include_self=True)
        return self.browse(agents.ids)

    @api.multi
    def action_view_rea_exchanges(self):
        """The agent's exchanges with its totals box on top."""
        self.ensure_one()
        self._rea_check_readable()
        summary = self.env["rea.exchange.summary"].create(
            {"partner_id": self.id, "include_sub_agents": False}
        )
        return summary.get_form_action()
