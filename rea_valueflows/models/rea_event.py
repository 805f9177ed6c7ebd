# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaEvent(models.Model):
    _name = "rea.event"
    _inherit = ["rea.event", "rea.vf.mixin"]
    _vf_kind = "event"

    @api.model
    def create_batch(self, vals_list):
        # The batch path inserts rows itself: mint the identifiers here, as
        # the mixin's create does for one event.
        return super().create_batch(
            [
                vals if vals.get("vf_uri") else dict(vals, vf_uri=self._vf_new_uri())
                for vals in vals_list
            ]
        )
