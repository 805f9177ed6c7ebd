# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaProcess(models.Model):
    _name = "rea.process"
    _inherit = ["rea.process", "rea.vf.mixin"]
    _vf_kind = "process"
