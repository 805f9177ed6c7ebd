# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ReaAgentSkill(models.Model):
    """A skill (a resource type with behaviour work) an agent declares.

    One model for every addon that needs skills: rea_projects adds the
    projects of the agent and the portal, rea_value_distribution the value of
    an hour of the skill for this agent."""

    _name = "rea.agent.skill"
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

    _sql_constraints = [
        (
            "skill_uniq",
            "unique(partner_id, skill_id)",
            "An agent declares each skill once.",
        ),
    ]

    @api.constrains("skill_id")
    def _check_skill_is_work(self):
        for skill in self:
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
        # Record rules let members (portal) edit their own skills; they are
        # checked before a write, not after: without this, a member could
        # hand a skill to another agent.
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_user"):
            return
        raise AccessError(_("A skill is declared by its own agent."))
