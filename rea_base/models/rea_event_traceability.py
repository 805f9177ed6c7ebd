# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventTraceability(models.Model):
    """An event's node in the track and trace of resources
    (``rea.resource.get_incoming_flows`` / ``get_outgoing_flows``)."""

    _inherit = "rea.event"

    @api.multi
    def _trace_node(self, level):
        self.ensure_one()
        quantity, unit = self._get_display_quantity()
        return {
            "level": level,
            "kind": "event",
            "model": self._name,
            "res_id": self.id,
            "name": self.name,
            "action": self.action_code,
            "quantity": quantity,
            "unit_id": unit.id,
            "date": self.has_point_in_time,
        }
