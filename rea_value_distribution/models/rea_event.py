# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression


class ReaEvent(models.Model):
    _inherit = "rea.event"

    rea_validation_ids = fields.One2many(
        "rea.contribution.validation", "event_id", string="Validations", readonly=True
    )
    rea_validation_done = fields.Integer(
        string="Validations",
        compute="_compute_rea_validated",
        store=True,
    )
    rea_validated = fields.Boolean(
        string="Validated",
        compute="_compute_rea_validated",
        store=True,
        index=True,
        help="Validated by as many other members as its context asks.",
    )
    rea_validation_state = fields.Selection(
        [
            ("not_required", "Not required"),
            ("waiting", "Waiting"),
            ("validated", "Validated"),
        ],
        string="Validation",
        compute="_compute_rea_validation_state",
        search="_search_rea_validation_state",
        help="As the member portal shows it: not required when the context "
        "counts contributions unvalidated, else validated or waiting for "
        "validations.",
    )
    rea_value_currency_id = fields.Many2one(
        "res.currency", compute="_compute_rea_value"
    )
    rea_value = fields.Monetary(
        string="Value",
        compute="_compute_rea_value",
        currency_field="rea_value_currency_id",
        help="Its money value (money given: its amount), else the quantity "
        "times the value of a "
        "unit: the contributor's rate for the skill, else the skill's value "
        "per unit. This is what a value equation counts with the formula "
        "'quantity * valuePerUnit'.",
    )
    rea_claim_ids = fields.One2many("rea.claim", "event_id", string="Claims")
    # Members validate the contributions of their contexts: a record rule
    # lets REA users read those (searched at query time, as memberships
    # change with every join).
    rea_validator_ids = fields.Many2many(
        "res.partner",
        string="Possible validators",
        compute="_compute_rea_validator_ids",
        search="_search_rea_validator_ids",
        help="Members of the context (or of an agent part of it).",
    )
    timesheet_line_id = fields.Many2one(
        "account.analytic.line",
        string="Timesheet line",
        readonly=True,
        ondelete="set null",
        index=True,
    )

    @api.multi
    def _compute_rea_validator_ids(self):
        relationship_model = self.env["rea.agent.relationship"]
        for event in self:
            contexts = event.context_id.get_sub_agents(include_self=True)
            event.rea_validator_ids = (
                relationship_model.get_members(
                    contexts, behaviors=("member", "manager")
                ).mapped("commercial_partner_id")
                if event.context_id
                else False
            )

    @api.model
    def _search_rea_validator_ids(self, operator, value):
        """Events of the contexts the partners ``value`` are members of,
        directly or through an agent part of them (as is_rea_member_of)."""
        if operator not in ("in", "="):
            raise UserError(_("Unsupported search on validators: %s") % operator)
        ids = value if isinstance(value, (list, tuple)) else [value]
        partners = self.env["res.partner"].browse([pid for pid in ids if pid])
        if not partners:
            return [("id", "=", 0)]
        pairs = self.env["rea.agent.relationship"].get_membership_pairs(
            members=partners, behaviors=("member", "manager")
        )
        contexts = partners.browse({context for _member, context in pairs})
        level = contexts
        while level:
            level = level.get_parent_agents() - contexts
            contexts |= level
        return [("context_id", "in", contexts.ids)]

    @api.depends(
        "is_contribution", "rea_validation_ids", "context_id.rea_validation_count"
    )
    def _compute_rea_validated(self):
        # Computed for the thousand events of a distribution when they are
        # recorded: validations counted in one query, and what only
        # contributions need read only for them.
        states = self._read_rea_validation_states()
        for event in self:
            contribution, done = states[event.id]
            event.rea_validation_done = done
            event.rea_validated = (
                contribution and done >= event._rea_validations_needed()
            )

    @api.multi
    def _read_rea_validation_states(self):
        """{event id: (is a contribution, number of validations)}, in one
        query for saved events (events are facts: their columns are what
        was recorded)."""
        saved = [event_id for event_id in self.ids if isinstance(event_id, int)]
        states = {}
        if saved:
            self.env.cr.execute(
                """
                SELECT e.id, COALESCE(e.is_contribution, false), count(v.id)
                  FROM rea_event e
             LEFT JOIN rea_contribution_validation v ON v.event_id = e.id
                 WHERE e.id = ANY(%s)
              GROUP BY e.id
                """,
                (saved,),
            )
            states = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for event in self:
            if event.id not in states:
                states[event.id] = (
                    event.is_contribution,
                    len(event.rea_validation_ids),
                )
        return states

    @api.multi
    def _compute_stored_from_facts(self, facts):
        values = super()._compute_stored_from_facts(facts)
        if (
            type(self)._compute_rea_validated is ReaEvent._compute_rea_validated
            and type(self)._rea_validations_needed is ReaEvent._rea_validations_needed
        ):
            # A new event has no validation yet, and at least one is needed.
            values["rea_validation_done"] = dict.fromkeys(self.ids, 0)
            values["rea_validated"] = dict.fromkeys(self.ids, False)
        return values

    @api.multi
    def _rea_validations_needed(self):
        """How many validations the context asks for (2 when unset)."""
        self.ensure_one()
        return self.context_id.rea_validation_count or 2

    @api.model
    def _get_mutable_fields(self):
        return super()._get_mutable_fields() | {
            "rea_validation_done",
            "rea_validated",
            "timesheet_line_id",
        }

    # A ValueFlows claim is triggered by its event: contributions open their
    # claims under the live equations of their context when recorded (see
    # rea.claim.ledger.open_event_claims).

    @api.model
    def create(self, vals):
        event = super().create(vals)
        self.env["rea.claim.ledger"].open_event_claims(event)
        return event

    @api.model
    def create_batch(self, vals_list):
        events = super().create_batch(vals_list)
        self.env["rea.claim.ledger"].open_event_claims(events)
        return events

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if "is_corrected" in vals:
            ledger = self.env["rea.claim.ledger"]
            if vals["is_corrected"]:
                # A corrected event counts no more: nothing was paid on its
                # provisional claims.
                ledger.drop_provisional(events=self)
            else:
                ledger.open_event_claims(self)
        return result

    @api.multi
    def action_validate(self):
        """Button: the current user vouches for these contributions."""
        self._check_can_vouch()
        partner = self.env.user.partner_id
        validation_model = self.env["rea.contribution.validation"].sudo()
        for event in self:
            event._check_can_validate(partner)
            validation_model.create(
                {
                    "event_id": event.id,
                    "partner_id": partner.id,
                    "user_id": self.env.uid,
                }
            )
        # Contexts asking for validation count validated contributions only.
        self.env["rea.claim.ledger"].open_event_claims(self)
        return True

    @api.multi
    def _check_can_vouch(self):
        """Access before the business rules: members vouch for their
        context's contributions from the back office (REA users), and only
        for contributions they may read. Portal users do not."""
        self._rea_check_readable()
        if not self.env.user.has_group("rea_base.group_rea_user"):
            raise AccessError(
                _("Contributions are validated by members from the back office.")
            )

    @api.multi
    def _check_can_validate(self, partner):
        self.ensure_one()
        if not self.is_contribution:
            raise UserError(_("%s is not a contribution.") % self.name)
        if self.is_corrected or self.corrects_event_id:
            raise UserError(_("%s was corrected: validate the new event.") % self.name)
        if self.provider_id.commercial_partner_id == partner.commercial_partner_id:
            raise UserError(_("Contributions are validated by other members."))
        if partner in self.rea_validation_ids.mapped("partner_id"):
            raise UserError(_("You already validated %s.") % self.name)
        if not self.context_id or not partner.is_rea_member_of(self.context_id):
            raise UserError(
                _("Only members of %s can validate its contributions.")
                % (self.context_id.name or _("the context"))
            )

    @api.multi
    def _compute_rea_validation_state(self):
        for event in self:
            event.rea_validation_state = (
                event.get_rea_validation_state()[0] if event.is_contribution else False
            )

    @api.model
    def _search_rea_validation_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on validation: %s") % operator)
        states = {value} if isinstance(value, str) else set(value or ())
        domains = {
            "not_required": [("context_id.rea_require_validation", "=", False)],
            "validated": [
                ("context_id.rea_require_validation", "=", True),
                ("rea_validated", "=", True),
            ],
            "waiting": [
                ("context_id.rea_require_validation", "=", True),
                ("rea_validated", "=", False),
            ],
        }
        # One normalized expression: Odoo puts it in place of the leaf.
        domain = expression.OR(
            [
                expression.normalize_domain(domains[state])
                for state in sorted(states & set(domains))
            ]
            or [[("id", "=", 0)]]
        )
        domain = expression.AND(
            [[("is_contribution", "=", True)], expression.normalize_domain(domain)]
        )
        if operator in ("!=", "not in"):
            return ["!"] + domain
        return domain

    @api.multi
    def _compute_rea_value(self):
        company_currency = self.env.user.company_id.currency_id
        currencies = {}
        for event in self:
            if event.money_value:
                event.rea_value = event.money_value
                event.rea_value_currency_id = event.currency_id or company_currency
                continue
            money = event.resource_conforms_to_id.rea_currency_id
            if money:  # money given: its quantity is its value
                event.rea_value = event.resource_quantity
                event.rea_value_currency_id = money
                continue
            quantity = event.resource_quantity or event.effort_quantity
            event.rea_value = quantity * event._get_rea_value_per_unit()
            context = event.context_id
            if context.id not in currencies:
                currencies[context.id] = (
                    event._get_rea_value_currency() or company_currency
                )
            event.rea_value_currency_id = currencies[context.id]

    @api.multi
    def _get_rea_value_currency(self):
        """The currency a value of this event is counted in: that of a live
        value equation of its context (what a distribution pays in)."""
        self.ensure_one()
        if not self.context_id:
            return self.env["res.currency"]
        equation = (
            self.env["rea.value.equation"]
            .sudo()
            .search(
                [("context_id", "=", self.context_id.id), ("live", "=", True)], limit=1
            )
        )
        return equation.currency_id

    @api.multi
    def _get_rea_value_per_unit(self):
        """The value of a unit of this event, as the distribution engine's
        ``valuePerUnit``: the resource's, else the contributor's rate for the
        skill, else the resource type's value per unit."""
        self.ensure_one()
        event = self.sudo()
        if event.resource_id.value_per_unit:
            return event.resource_id.value_per_unit
        if not event.resource_conforms_to_id:
            return 0.0
        return (
            self.env["rea.agent.skill"]
            .sudo()
            .get_rate(event.provider_id, event.resource_conforms_to_id)
        )

    @api.multi
    def get_rea_validation_state(self):
        """(state, missing validations) of this contribution; the state is
        ``not_required`` when its context counts contributions unvalidated,
        else ``validated`` or ``waiting``."""
        self.ensure_one()
        context = self.context_id
        if not context.rea_require_validation:
            return "not_required", 0
        if self.rea_validated:
            return "validated", 0
        missing = self._rea_validations_needed() - self.rea_validation_done
        return "waiting", max(missing, 0)

    @api.multi
    def get_income_currency(self):
        """The currency of the amount an income event brings, as
        ``get_undistributed_income`` counts it: that of its money value, else
        that of its money resource type (empty if neither says)."""
        event = self[:1]
        if event.money_value:
            return event.currency_id
        return event.resource_conforms_to_id.rea_currency_id

    @api.model
    def get_undistributed_income(self, context, event_ids=None):
        """{income event id: amount not yet distributed} for the income of
        ``context`` marked to distribute, in one query."""
        query = """
            SELECT e.id,
                   COALESCE(NULLIF(e.money_value, 0), e.resource_quantity, 0)
                   - COALESCE(sum(i.amount) FILTER (WHERE i.state = 'done'), 0)
              FROM rea_event e
         LEFT JOIN rea_distribution_income i ON i.event_id = e.id
             WHERE e.is_to_distribute
               AND e.receiver_id = %(context)s
               AND NOT COALESCE(e.is_corrected, false)
               AND e.corrects_event_id IS NULL
               {ids}
          GROUP BY e.id
        """.format(ids="AND e.id IN %(ids)s" if event_ids is not None else "")
        self.env.cr.execute(
            query, {"context": context.id, "ids": tuple(event_ids or [0])}
        )
        return {event_id: amount for event_id, amount in self.env.cr.fetchall()}
