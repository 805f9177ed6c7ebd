# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ResUsers(models.Model):
    """Cooperative users work for the projects that issue shares."""

    _inherit = "res.users"

    @api.multi
    def _rea_context_root_queries(self):
        """Cooperative users handle every share request and holding: they
        work for the contexts of the projects whose share types they sell,
        so that they see those contexts' exchanges, transfers and events
        alike (record rules on rea_get_context_ids)."""
        queries = super()._rea_context_root_queries()
        if self.has_group("rea_membership_shares.group_share_user"):
            queries.append(
                (
                    "SELECT project.partner_id FROM product_template tmpl "
                    "JOIN rea_project project ON project.id = tmpl.share_project_id "
                    "WHERE tmpl.is_share",
                    [],
                )
            )
        return queries
