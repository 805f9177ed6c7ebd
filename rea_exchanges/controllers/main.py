# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

_logger = logging.getLogger(__name__)


class ExchangePortal(CustomerPortal):
    """/my/exchanges: a member's exchanges, what they gave and got, and the
    per-unit totals box."""

    # Service code (see rea_base's readme) deciding who sees these pages.
    _exchange_service = "exchanges"

    def _exchange_service_enabled(self):
        return request.env.user.partner_id.rea_service_enabled(self._exchange_service)

    def _check_exchange_service(self):
        """Members whose projects do not offer exchanges get a 404."""
        if not self._exchange_service_enabled():
            raise NotFound()

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        exchange_model = request.env["rea.exchange"]
        # Internal users without REA rights also open /my.
        if (
            exchange_model.check_access_rights("read", raise_exception=False)
            and self._exchange_service_enabled()
        ):
            values["exchange_count"] = exchange_model.search_count(
                self._get_exchange_domain(self._get_exchange_agents())
            )
        return values

    def _get_exchange_agents(self):
        """The member and the contacts of their organisation (record rules
        let them see the exchanges of their commercial partner's tree)."""
        commercial = request.env.user.commercial_partner_id
        return (
            request.env["res.partner"]
            .sudo()
            .search([("id", "child_of", commercial.id)])
            .with_env(request.env)
        )

    def _get_exchange_domain(self, agents):
        return [
            "|",
            ("provider_id", "in", agents.ids),
            ("receiver_id", "in", agents.ids),
        ]

    def _parse_exchange_filters(self, kw):
        """Filters from the query string; invalid values are dropped."""
        filters = {}
        for key in ("date_from", "date_to"):
            value = kw.get(key)
            if value:
                try:
                    filters[key] = fields.Date.to_string(fields.Date.from_string(value))
                except ValueError:
                    _logger.debug("Ignored the %s filter %r", key, value)
        states = dict(self._get_exchange_states())
        if kw.get("state") in states:
            filters["state"] = kw["state"]
        if kw.get("type") and str(kw["type"]).isdigit():
            filters["type"] = int(kw["type"])
        return filters

    def _get_filter_domain(self, filters):
        domain = []
        if filters.get("date_from"):
            domain.append(("start_date", ">=", filters["date_from"]))
        if filters.get("date_to"):
            domain.append(("start_date", "<=", filters["date_to"]))
        if filters.get("state"):
            domain.append(("state", "=", filters["state"]))
        if filters.get("type"):
            domain.append(("exchange_type_id", "=", filters["type"]))
        return domain

    def _get_exchange_states(self):
        field = request.env["rea.exchange"]._fields["state"]
        return field._description_selection(request.env)

    def _get_exchange_types(self):
        """The choices of the type filter: (id, name) of the active types (a
        short list; counting the member's exchanges per type would cost a
        scan of their whole history on every page)."""
        return request.env["rea.exchange.type"].search([]).name_get()

    def _prepare_exchange_rows(self, exchanges, agents):
        """What each row shows; read as superuser, the member may not read
        the other agents or the resource types."""
        rows = []
        for exchange in exchanges.sudo():
            view = exchange.get_agent_view(agents)
            other = (
                exchange.receiver_id
                if view["side"] == "provider"
                else exchange.provider_id
            )
            rows.append(
                {
                    "exchange": exchange,
                    "label": view["label"],
                    "other": other.display_name,
                    "gave": view["gave"],
                    "got": view["got"],
                }
            )
        return rows

    @http.route(
        ["/my/exchanges", "/my/exchanges/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_exchanges(self, page=1, **kw):
        self._check_exchange_service()
        values = self._prepare_portal_layout_values()
        exchange_model = request.env["rea.exchange"]
        agents = self._get_exchange_agents()
        base_domain = self._get_exchange_domain(agents)
        filters = self._parse_exchange_filters(kw)
        filter_domain = self._get_filter_domain(filters)
        domain = base_domain + filter_domain
        url_args = {
            key: filters[key]
            for key in ("date_from", "date_to", "state", "type")
            if filters.get(key)
        }
        # Without filters, the layout's counter is the total already.
        total = (
            values["exchange_count"]
            if not filters and "exchange_count" in values
            else exchange_model.search_count(domain)
        )
        pager = portal_pager(
            url="/my/exchanges",
            url_args=url_args,
            total=total,
            page=page,
            step=self._items_per_page,
        )
        exchanges = exchange_model.search(
            domain, limit=self._items_per_page, offset=pager["offset"]
        )
        values.update(
            {
                "page_name": "exchange",
                "default_url": "/my/exchanges",
                "pager": pager,
                "rows": self._prepare_exchange_rows(exchanges, agents),
                # Income outside exchanges counts only in the unfiltered view.
                "totals": exchange_model.get_totals(
                    agents, domain, other_events=not filter_domain
                ),
                "filters": filters,
                "states": self._get_exchange_states(),
                "exchange_types": self._get_exchange_types(),
            }
        )
        return request.render("rea_exchanges.portal_my_exchanges", values)

    @http.route(
        ["/my/exchanges/<int:exchange_id>"], type="http", auth="user", website=True
    )
    def portal_my_exchange(self, exchange_id, **kw):
        self._check_exchange_service()
        exchange = request.env["rea.exchange"].browse(exchange_id)
        if not exchange.sudo().exists():
            return request.redirect("/my")
        try:
            exchange.check_access_rights("read")
            exchange.check_access_rule("read")
        except AccessError:
            return request.redirect("/my")
        agents = self._get_exchange_agents()
        values = self._prepare_portal_layout_values()
        exchange_sudo = exchange.sudo()
        values.update(
            {
                "page_name": "exchange",
                "exchange": exchange_sudo,
                "view": exchange_sudo.get_agent_view(agents),
                "agents": agents,
                "states": dict(self._get_exchange_states()),
            }
        )
        return request.render("rea_exchanges.portal_my_exchange", values)
