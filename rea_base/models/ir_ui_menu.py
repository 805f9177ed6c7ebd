# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api, fields, models


class IrUiMenu(models.Model):
    """Menus that belong to a service are hidden from members without it."""

    _inherit = "ir.ui.menu"

    rea_service = fields.Char(
        string="REA service",
        help="Code of the service this menu belongs to (e.g. exchanges, "
        "skills). Members whose projects do not have it active do not see "
        "the menu nor its sub-menus. Empty: always shown.",
    )

    @api.model
    def _rea_sees_every_service(self):
        """Superuser and REA managers see every menu."""
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            "rea_base.group_rea_manager"
        )

    @api.model
    def _rea_hidden_service_menu_ids(self):
        """Ids of the menus (and sub-menus) of services the user lacks."""
        menus = (
            self.sudo()
            .with_context(**{"ir.ui.menu.full_list": True})
            .search([("rea_service", "!=", False)])
        )
        if not menus:
            return set()
        partner = self.env.user.partner_id
        enabled = {}
        hidden = self.browse()
        for menu in menus:
            code = menu.rea_service
            if code not in enabled:
                enabled[code] = partner.rea_service_enabled(code)
            if not enabled[code]:
                hidden |= menu
        if not hidden:
            return set()
        # Sub-menus go with their parent.
        all_menus = self.sudo().with_context(**{"ir.ui.menu.full_list": True})
        return set(all_menus.search([("id", "child_of", hidden.ids)]).ids)

    @api.multi
    @api.returns("self")
    def _filter_visible_menus(self):
        menus = super()._filter_visible_menus()
        if not menus or self._rea_sees_every_service():
            return menus
        hidden_ids = self._rea_hidden_service_menu_ids()
        if not hidden_ids:
            return menus
        return menus.filtered(lambda menu: menu.id not in hidden_ids)
