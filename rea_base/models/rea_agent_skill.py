# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Relationship behaviours whose agents' skills a context's coordinators read.
MEMBER_BEHAVIORS = ("member", "manager")


class ReaAgentSkill(models.Model):
    """A skill (a resource type with behaviour work) an agent declares.

    One model for every addon that needs skills: rea_projects adds the
    projects of the agent and the portal, rea_value_distribution the value of
    an hour of the skill for this agent."""

    _name = "rea.agent.skill"
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Agent Skill"
    _order = "skill_id, level desc, partner_id"
    _rec_name = "skill_id"

    partner_id = fields.Many2one(
        "res.partner", string="Agent", required=True, ondelete="cascade", index=True
    )
    skill_id = fields.Many2one(
        "product.template",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("rea_behavior", "=", "work")],
    )
    level = fields.Selection(
        [
            ("1", "Beginner"),
            ("2", "Intermediate"),
            ("3", "Advanced"),
            ("4", "Expert"),
        ],
        required=True,
        default="2",
    )
    note = fields.Char()
    member_of_ids = fields.Many2many(
        "res.partner",
        string="Member of",
        compute="_compute_member_of_ids",
        search="_search_member_of_ids",
        help="Contexts the agent is an active member or coordinator of: their "
        "coordinators read the skill to plan the work.",
    )

    _sql_constraints = [
        (
            "skill_uniq",
            "unique(partner_id, skill_id)",
            "An agent declares each skill once.",
        ),
    ]

    @api.multi
    def _compute_member_of_ids(self):
        pairs = self.env["rea.agent.relationship"].get_membership_pairs(
            members=self.mapped("partner_id"), behaviors=MEMBER_BEHAVIORS
        )
        for skill in self:
            skill.member_of_ids = [
                context for member, context in pairs if member == skill.partner_id.id
            ]

    @api.model
    def _search_member_of_ids(self, operator, value):
        # Record rules search with it: one SQL query, no record loaded.
        if operator not in ("in", "="):
            raise ValidationError(_("Unsupported search on the skills' contexts."))
        ids = value if isinstance(value, (list, tuple)) else [value]
        contexts = self.env["res.partner"].browse([i for i in ids if i])
        if not contexts:
            return [(0, "=", 1)]
        pairs = self.env["rea.agent.relationship"].get_membership_pairs(
            contexts=contexts, behaviors=MEMBER_BEHAVIORS
        )
        return [("partner_id", "in", sorted({member for member, _c in pairs}))]

    @api.multi
    def name_get(self):
        # The name is the skill's (a resource type): members may not read
        # resource types, but may read their own skills.
        return [(skill.id, skill.skill_id.sudo().display_name) for skill in self]

    @api.constrains("skill_id")
    def _check_skill_is_work(self):
        # Resource types are read as superuser: a member declares skills
        # without reading resource types.
        for skill in self.sudo():
            if skill.skill_id.rea_behavior != "work":
                raise ValidationError(
                    _("'%s' is not a skill (REA behaviour work).") % skill.skill_id.name
                )

    @api.multi
    def write(self, vals):
        if vals.get("partner_id") and any(
            skill.partner_id.id != vals["partner_id"] for skill in self
        ):
            self._check_can_move_skill()
        return super().write(vals)

    @api.model
    def _check_can_move_skill(self):
        # Record rules let people (portal members and REA users) edit their
        # own skills; they are checked before a write, not after: without
        # this, anyone could hand a skill to another agent. REA managers
        # keep everyone's skills.
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return
        raise AccessError(_("A skill is declared by its own agent."))
