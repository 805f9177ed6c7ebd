# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.http import request

from odoo.addons.account.controllers.portal import PortalAccount


class InvoiceCountPortal(PortalAccount):
    """Portal pages for internal users without billing rights.

    Odoo's ``account`` counts the user's invoices for every /my page (the
    "Invoices" entry of the portal home) as the logged user. Portal users
    and billing users may read invoices; other internal users may not, so
    the count raised an access error and every /my page answered 403. For
    them the count is asked with the ``rea_portal_layout`` context key,
    which makes ``account.invoice.search_count`` answer 0: they get no
    invoice access, only their other portal pages.
    """

    def _can_read_invoices(self):
        return request.env["account.invoice"].check_access_rights(
            "read", raise_exception=False
        )

    def _prepare_portal_layout_values(self):
        if self._can_read_invoices():
            return super()._prepare_portal_layout_values()
        context = request.context
        request.context = dict(context, rea_portal_layout=True)
        try:
            values = super()._prepare_portal_layout_values()
        finally:
            request.context = context
        values["invoice_count"] = 0
        return values
