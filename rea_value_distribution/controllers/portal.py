# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

STATEMENT_REPORT = "rea_value_distribution.action_report_distribution_statement"


class ValueDistributionPortal(CustomerPortal):
    """/my/contributions and /my/distributions: a member's own records.

    Records are searched as the logged user (ACL and record rules apply)
    and also restricted to the user's own partner: a coordinator, who may
    read the lines of others in the back office, still sees only its own
    here. Pages are rendered from the records found, as superuser, so that
    names of contexts and skills never raise access errors.
    """

    def _rea_partner(self):
        return request.env.user.partner_id.commercial_partner_id

    def _rea_model(self, name):
        """The model as the logged user, or None without read access."""
        model = request.env[name]
        if not model.check_access_rights("read", raise_exception=False):
            return None
        return model

    def _contribution_domain(self):
        return [
            ("is_contribution", "=", True),
            ("provider_id", "child_of", [self._rea_partner().id]),
            ("is_corrected", "=", False),
            ("corrects_event_id", "=", False),
        ]

    def _distribution_line_domain(self):
        return [
            ("agent_id", "child_of", [self._rea_partner().id]),
            ("state", "in", ("done", "cancelled")),
        ]

    def _rea_count(self, model_name, domain):
        model = self._rea_model(model_name)
        return model.search_count(domain) if model is not None else 0

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["rea_contribution_count"] = self._rea_count(
            "rea.event", self._contribution_domain()
        )
        values["rea_distribution_line_count"] = self._rea_count(
            "rea.distribution.line", self._distribution_line_domain()
        )
        return values

    def _rea_page(self, model_name, domain, url, page, order):
        """(records of this page, pager) as the logged user."""
        model = self._rea_model(model_name)
        if model is None:
            raise NotFound()
        pager = portal_pager(
            url=url,
            total=model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = model.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        return records.sudo(), pager

    @http.route(
        ["/my/contributions", "/my/contributions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_contributions(self, page=1, **kw):
        events, pager = self._rea_page(
            "rea.event",
            self._contribution_domain(),
            "/my/contributions",
            page,
            "has_point_in_time desc, id desc",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "rea_contributions",
                "events": events,
                "validation_states": {
                    event.id: event.get_rea_validation_state() for event in events
                },
                "pager": pager,
            }
        )
        return request.render("rea_value_distribution.portal_my_contributions", values)

    @http.route(
        ["/my/distributions", "/my/distributions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_distributions(self, page=1, **kw):
        lines, pager = self._rea_page(
            "rea.distribution.line",
            self._distribution_line_domain(),
            "/my/distributions",
            page,
            "date desc, id desc",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {"page_name": "rea_distributions", "lines": lines, "pager": pager}
        )
        return request.render("rea_value_distribution.portal_my_distributions", values)

    def _get_own_distribution_line(self, line_id):
        """The user's own distribution line (as superuser), or 404: lines
        of others are not told apart from lines that do not exist."""
        model = self._rea_model("rea.distribution.line")
        if model is None:
            raise NotFound()
        # The search applies the record rules: another member's line is
        # simply not found.
        domain = [("id", "=", line_id)] + self._distribution_line_domain()
        line = model.search(domain, limit=1)
        if not line:
            raise NotFound()
        return line.sudo()

    @http.route(
        ["/my/distributions/<int:line_id>"], type="http", auth="user", website=True
    )
    def portal_my_distribution(self, line_id, **kw):
        line = self._get_own_distribution_line(line_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "rea_distribution_detail",
                "line": line,
                "claim_payments": line.get_claim_payments(),
                "payout_reference": line.get_payout_reference(),
            }
        )
        return request.render("rea_value_distribution.portal_my_distribution", values)

    @http.route(
        ["/my/distributions/<int:line_id>/pdf"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_distribution_pdf(self, line_id, **kw):
        line = self._get_own_distribution_line(line_id)
        report = request.env.ref(STATEMENT_REPORT).sudo()
        pdf = report.render_qweb_pdf(line.ids)[0]
        filename = "%s.pdf" % (line.distribution_id.name or "statement").replace(
            "/", "_"
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", 'inline; filename="%s"' % filename),
            ],
        )
