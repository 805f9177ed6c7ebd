# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons import decimal_precision as dp


class ReaAgentSkillRate(models.Model):
    """A member's skill (a work resource type) and the value of one hour of
    it; without a rate here, the skill's own value per unit applies."""

    _name = "rea.agent.skill.rate"
    _description = "REA Agent Skill Rate"
    _order = "partner_id, skill_id"

    partner_id = fields.Many2one(
        "res.partner", string="Agent", required=True, ondelete="cascade", index=True
    )
    skill_id = fields.Many2one(
        "product.template",
        required=True,
        ondelete="cascade",
        domain=[("rea_behavior", "=", "work")],
    )
    value_per_unit = fields.Float(
        string="Value per hour", digits=dp.get_precision("Product Price")
    )

    _sql_constraints = [
        (
            "partner_skill_uniq",
            "unique(partner_id, skill_id)",
            "An agent has one rate per skill.",
        )
    ]

    @api.constrains("skill_id")
    def _check_skill(self):
        for skill in self:
            if skill.skill_id.rea_behavior != "work":
                raise ValidationError(
                    _("%s is not a skill (work resource type).") % skill.skill_id.name
                )

    @api.model
    def get_rate(self, partner, skill):
        """Value of one unit of ``skill`` worked by ``partner``."""
        rate = self.search(
            [("partner_id", "=", partner.id), ("skill_id", "=", skill.id)], limit=1
        ).value_per_unit
        return rate or skill.rea_value_per_unit
