# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaEvent(models.Model):
    _name = "rea.event"
    _inherit = ["rea.event", "rea.vf.mixin"]
    _vf_kind = "event"
