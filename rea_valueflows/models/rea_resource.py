# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaResource(models.Model):
    _name = "rea.resource"
    _inherit = ["rea.resource", "rea.vf.mixin"]
    _vf_kind = "resource"
