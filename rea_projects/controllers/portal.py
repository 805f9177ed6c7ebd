# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MAX_REPLY = 10000


class ReaProjectPortal(CustomerPortal):
    """/my/projects and /my/join_requests: a member's own data only."""

    def _my_join_request_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["rea_join_request_count"] = (
            request.env["rea.join.request"]
            .sudo()
            .search_count(self._my_join_request_domain())
        )
        return values

    def _my_memberships(self):
        return (
            request.env["rea.agent.relationship"]
            .sudo()
            .search(
                [
                    ("subject_id", "=", request.env.user.partner_id.id),
                    ("behavior", "in", ("member", "manager")),
                    ("object_id.rea_project_ids", "!=", False),
                ]
            )
        )

    @http.route(
        ["/my/projects", "/my/projects/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_projects(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        # sudo with an explicit domain on the user's own partner, so that
        # coordinators (internal users) also see only their own requests here.
        join_request_model = request.env["rea.join.request"].sudo()
        domain = self._my_join_request_domain()
        pager = portal_pager(
            url="/my/projects",
            total=join_request_model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        values.update(
            {
                "memberships": self._my_memberships(),
                "join_requests": join_request_model.search(
                    domain, limit=self._items_per_page, offset=pager["offset"]
                ),
                "pager": pager,
                "page_name": "rea_projects",
            }
        )
        return request.render("rea_projects.portal_my_projects", values)

    def _get_my_join_request(self, request_id):
        join_request = (
            request.env["rea.join.request"].sudo().browse(request_id).exists()
        )
        if not join_request or join_request.partner_id != request.env.user.partner_id:
            return None
        return join_request

    def _public_messages(self, join_request):
        """The thread as the candidate sees it: no internal notes."""
        return join_request.message_ids.filtered(
            lambda m: m.message_type in ("comment", "email")
            and m.subtype_id
            and not m.subtype_id.internal
        )

    @http.route(
        ["/my/join_requests/<int:request_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_join_request(self, request_id, **kw):
        join_request = self._get_my_join_request(request_id)
        if not join_request:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "join_request": join_request,
                "messages": self._public_messages(join_request),
                "page_name": "rea_join_request",
            }
        )
        return request.render("rea_projects.portal_my_join_request", values)

    @http.route(
        ["/my/join_requests/<int:request_id>/reply"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_join_request_reply(self, request_id, message="", **kw):
        join_request = self._get_my_join_request(request_id)
        if not join_request:
            return request.redirect("/my")
        message = (message or "").strip()[:MAX_REPLY]
        if message:
            join_request.message_post(
                body=plaintext2html(message),
                author_id=request.env.user.partner_id.id,
                message_type="comment",
                subtype="mail.mt_comment",
            )
        return request.redirect("/my/join_requests/%d" % join_request.id)
