# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaPlan(models.Model):
    _name = "rea.plan"
    _inherit = ["rea.plan", "rea.vf.mixin"]
    _vf_kind = "plan"
