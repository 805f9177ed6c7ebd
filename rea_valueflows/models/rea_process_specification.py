# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaProcessSpecification(models.Model):
    _name = "rea.process.specification"
    _inherit = ["rea.process.specification", "rea.vf.mixin"]
    _vf_kind = "process-specification"
