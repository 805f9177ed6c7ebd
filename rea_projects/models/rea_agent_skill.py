# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ReaAgentSkill(models.Model):
    """Declared skills (rea_base) with the projects of their agent."""

    _inherit = "rea.agent.skill"

    project_ids = fields.Many2many(
        "rea.project",
        string="Projects",
        compute="_compute_project_ids",
        search="_search_project_ids",
        help="Projects the agent is an active member of.",
    )

    def _compute_project_ids(self):
        rels = self.env["rea.agent.relationship"].get_memberships(
            self.mapped("partner_id"),
            domain=[("object_id.rea_project_ids", "!=", False)],
        )
        for skill in self:
            partners = rels.filtered(
                lambda r, s=skill: r.subject_id == s.partner_id
            ).mapped("object_id")
            skill.project_ids = partners.mapped("rea_project_ids")

    @api.model
    def _search_project_ids(self, operator, value):
        if operator not in ("in", "="):
            raise ValidationError(_("Unsupported search on skills' projects."))
        project_ids = value if isinstance(value, (list, tuple)) else [value]
        projects = self.env["rea.project"].sudo().browse(project_ids).exists()
        pairs = self.env["rea.agent.relationship"].get_membership_pairs(
            contexts=projects.mapped("partner_id")
        )
        return [("partner_id", "in", [member for member, _context in pairs])]
