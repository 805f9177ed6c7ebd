# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons import decimal_precision as dp
from odoo.addons.rea_base.server_api import server_only


class ReaAgentSkill(models.Model):
    """A member's declared skill (rea_base) and the value of one hour of it;
    without a value here, the skill's own value per unit applies."""

    _inherit = "rea.agent.skill"

    value_per_unit = fields.Float(
        string="Value per hour",
        digits=dp.get_precision("Product Price"),
        help="What one hour of this skill by this agent is worth in "
        "contributions; empty: the skill's own value per unit.",
    )

    @api.model
    def create(self, vals):
        if vals.get("value_per_unit"):
            self._check_can_set_rate()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        # A rate must not follow its skill to another agent or skill either.
        moved = {"partner_id", "skill_id"} & set(vals) and any(
            self.mapped("value_per_unit")
        )
        if "value_per_unit" in vals or moved:
            self._check_can_set_rate()
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(self.mapped("value_per_unit")):
            self._check_can_set_rate()
        return super().unlink()

    @api.model
    def _check_can_set_rate(self):
        """Members declare their skills (also on the portal), but what an
        hour is worth is set by REA managers, as when rates had their own
        model that users could only read."""
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return
        raise AccessError(_("Only REA managers set the value of an hour of a skill."))

    @api.model
    @server_only
    def get_rate(self, partner, skill):
        """Value of one unit of ``skill`` worked by ``partner``."""
        rate = self.search(
            [("partner_id", "=", partner.id), ("skill_id", "=", skill.id)], limit=1
        ).value_per_unit
        return rate or skill.rea_value_per_unit
