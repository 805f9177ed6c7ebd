# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaAgentRelationship(models.Model):
    _name = "rea.agent.relationship"
    _inherit = ["rea.agent.relationship", "rea.vf.mixin"]
    _vf_kind = "agent-relationship"
