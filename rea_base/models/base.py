# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class Base(models.AbstractModel):
    _inherit = "base"

    @api.multi
    def _rea_check_readable(self):
        """Refuse (AccessError) unless the current user may read these
        records: access rights and record rules.

        Navigation methods (``action_view_*``, ``action_open_*``) call it
        first: the window action they return names the record, its domain
        or its counts, which is reading it. Override on a model whose
        navigation needs more than read (call ``super()``).
        """
        self.check_access_rights("read")
        self.check_access_rule("read")
        return True
