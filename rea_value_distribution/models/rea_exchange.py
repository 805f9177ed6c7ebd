# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaExchange(models.Model):
    _inherit = "rea.exchange"

    @api.model
    def _get_totals_other_events(self, agent_ids):
        """The income distributed to the agents counts in their balances
        (it is money they hold), with the reversal of a cancelled
        distribution taking it back."""
        other = super()._get_totals_other_events(agent_ids)
        sql = """
            SELECT line_event.id
              FROM rea_distribution_line line
             CROSS JOIN LATERAL (VALUES (line.event_id), (line.reversal_event_id))
                   AS line_event(id)
             WHERE line.agent_id = ANY(%s) AND line_event.id IS NOT NULL
        """
        params = [agent_ids]
        if other:
            sql = "{} UNION {}".format(sql, other[0])
            params += list(other[1])
        return sql, params
