# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    rea_require_validation = fields.Boolean(
        string="Contributions need validation",
        help="Contributions count in distributions only once validated by "
        "other members.",
    )
    rea_validation_count = fields.Integer(
        string="Validations needed",
        default=2,
        help="How many other members must validate a contribution.",
    )
    # The declared skills (rea.agent.skill, rea_base) with the value of an
    # hour of each; the partner form edits them as rates.
    rea_skill_rate_ids = fields.One2many(
        "rea.agent.skill", "partner_id", string="Skill rates"
    )

    @api.constrains("rea_validation_count")
    def _check_rea_validation_count(self):
        for partner in self:
            if partner.rea_validation_count < 1:
                raise ValidationError(_("At least one validation is needed."))

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"rea_require_validation", "rea_validation_count"} & set(vals):
            # Which contributions count changed: open their claims afresh.
            buckets = self.env["rea.value.equation.bucket"].get_live_buckets(
                self.filtered("is_context")
            )
            self.env["rea.claim.ledger"].refresh_claims(buckets, strict=False)
        return result

    @api.multi
    def is_rea_member_of(self, context):
        """Whether this agent is an active member or manager of ``context``
        (or of a project part of it)."""
        self.ensure_one()
        contexts = context.get_sub_agents(include_self=True)
        count = self.env["rea.agent.relationship"].get_memberships(
            self.commercial_partner_id,
            contexts,
            behaviors=("member", "manager"),
            count=True,
        )
        return bool(count)

    @api.multi
    def get_rea_coordinators(self):
        """Agents coordinating these agents or an agent they are
        (recursively) part of."""
        agents = self
        level = self
        while level:
            level = level.get_parent_agents() - agents
            agents |= level
        coordinators = self.env["rea.agent.relationship"].get_members(
            agents, behaviors=("manager",)
        )
        return self.browse(coordinators.ids)

    @api.model
    def search_rea_coordinated(self, field_name, operator, value):
        """Domain on ``field_name`` (a context) for records coordinated by
        the partners ``value``."""
        if operator not in ("in", "="):
            raise ValidationError(
                _("Unsupported search on coordinators: %s") % operator
            )
        ids = value if isinstance(value, (list, tuple)) else [value]
        contexts = self.browse(ids).get_coordinated_agents(include_sub_agents=True)
        return [(field_name, "in", contexts.ids)]

    @api.multi
    def rea_can_distribute(self):
        """Whether the current user may distribute this context's income:
        REA managers and those who work for the context (res.users
        rea_get_context_ids: its coordinators, the coordinators of a network
        it is part of, cooperative users of share-issuing projects)."""
        self.ensure_one()
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return True
        return self.id in user.rea_get_context_ids()

    @api.multi
    def check_rea_can_distribute(self):
        """Refuse (AccessError) anyone but REA managers and those who work
        for the context."""
        self.ensure_one()
        if self.rea_can_distribute():
            return True
        raise AccessError(
            _(
                "Only REA managers and those who work for %s (its "
                "coordinators) can distribute its income."
            )
            % self.name
        )
