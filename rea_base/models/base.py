# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import AccessError


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

    @api.model
    def _search(
        self,
        args,
        offset=0,
        limit=None,
        order=None,
        count=False,
        access_rights_uid=None,
    ):
        # An abstract model (a service such as the distribution engine) has
        # no table: searching it over RPC is refused as such, not answered
        # with a database error and a traceback in the log.
        if self._abstract:
            raise AccessError(_("%s holds no records to search.") % self._name)
        return super()._search(
            args,
            offset=offset,
            limit=limit,
            order=order,
            count=count,
            access_rights_uid=access_rights_uid,
        )

    @api.multi
    def _read_from_database(self, field_names, inherited_field_names=[]):
        # pylint: disable=dangerous-default-value
        if self._abstract:
            raise AccessError(_("%s holds no records to read.") % self._name)
        return super()._read_from_database(field_names, inherited_field_names)
