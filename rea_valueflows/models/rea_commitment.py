# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models


class ReaCommitment(models.Model):
    _name = "rea.commitment"
    _inherit = ["rea.commitment", "rea.vf.mixin"]
    _vf_kind = "commitment"
