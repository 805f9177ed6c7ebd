# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    rea_project_ids = fields.One2many(
        "rea.project", "partner_id", string="Project settings"
    )
    rea_skill_ids = fields.One2many("rea.agent.skill", "partner_id", string="Skills")
    rea_join_request_ids = fields.One2many(
        "rea.join.request",
        "partner_id",
        string="Join requests",
        groups="rea_projects.group_project_coordinator",
    )
