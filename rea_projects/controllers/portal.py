# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MAX_REPLY = 10000
MAX_SKILL_NOTE = 128


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
        values["rea_project_count"] = len(self._my_projects())
        self._hide_tasks_projects_entry(values)
        if self._skills_service_enabled():
            values["rea_skill_count"] = (
                request.env["rea.agent.skill"]
                .sudo()
                .search_count(self._my_skill_domain())
            )
        return values

    def _hide_tasks_projects_entry(self, values):
        """/my/projects is this module's page, also where Odoo's project
        (tasks) application links its own "Projects" entry: without its
        count, the portal home shows one entry to the page, not two."""
        if "project_count" in values:
            values["project_count"] = 0

    def _my_projects(self):
        """The projects listed on /my/projects: those the user takes part
        in (any state) or asked to join."""
        projects = self._my_memberships().mapped("object_id.rea_project_ids")
        return projects | (
            request.env["rea.join.request"]
            .sudo()
            .search(self._my_join_request_domain())
            .mapped("project_id")
        )

    def _my_memberships(self):
        return request.env["rea.agent.relationship"].get_memberships(
            request.env.user.partner_id,
            states=None,
            behaviors=("member", "manager"),
            domain=[("object_id.rea_project_ids", "!=", False)],
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

    @http.route(
        ["/my/join_requests/<int:request_id>/withdraw"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_join_request_withdraw(self, request_id, **kw):
        join_request = self._get_my_join_request(request_id)
        if not join_request:
            return request.redirect("/my")
        if join_request.state in join_request.get_withdrawable_states():
            # As the candidate: the request checks who withdraws it.
            join_request.sudo(request.env.user).action_withdraw()
        return request.redirect("/my/join_requests/%d" % join_request.id)

    # Skills -------------------------------------------------------------

    # Service code (see rea_base's readme) deciding who sees /my/skills.
    _skills_service = "skills"

    def _skills_service_enabled(self):
        return request.env.user.partner_id.rea_service_enabled(self._skills_service)

    def _check_skills_service(self):
        if not self._skills_service_enabled():
            raise NotFound()

    def _my_skill_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _skill_types(self):
        """Resource types members may declare (behaviour work)."""
        return (
            request.env["product.template"]
            .sudo()
            .search([("rea_behavior", "=", "work")], order="name")
        )

    def _skill_levels(self):
        field = request.env["rea.agent.skill"]._fields["level"]
        return field._description_selection(request.env)

    def _render_my_skills(self, values=None, errors=None):
        layout = self._prepare_portal_layout_values()
        # Read as superuser: portal members may not read resource types;
        # the domain keeps the member's own skills only.
        skills = request.env["rea.agent.skill"].sudo().search(self._my_skill_domain())
        layout.update(
            {
                "skills": skills,
                "skill_types": self._skill_types(),
                "levels": self._skill_levels(),
                "values": values or {},
                "errors": errors or {},
                "page_name": "rea_skills",
            }
        )
        return request.render("rea_projects.portal_my_skills", layout)

    @http.route(["/my/skills"], type="http", auth="user", website=True)
    def portal_my_skills(self, **kw):
        self._check_skills_service()
        return self._render_my_skills()

    def _validate_skill(self, post):
        """Check the add form; return (create values, {field: message})."""
        errors = {}
        partner = request.env.user.partner_id
        raw_skill = post.get("skill_id")
        skill = request.env["product.template"]
        if isinstance(raw_skill, str) and raw_skill.isdigit() and len(raw_skill) < 10:
            skill = self._skill_types().filtered(lambda s: s.id == int(raw_skill))
        if not skill:
            errors["skill_id"] = _("Please choose a skill from the list.")
        elif (
            request.env["rea.agent.skill"]
            .sudo()
            .search_count(self._my_skill_domain() + [("skill_id", "=", skill.id)])
        ):
            errors["skill_id"] = _("You already declared this skill.")
        level = post.get("level")
        if level not in dict(self._skill_levels()):
            errors["level"] = _("Please choose a level from the list.")
        note = post.get("note")
        note = note.strip() if isinstance(note, str) else ""
        if "\x00" in note or len(note) > MAX_SKILL_NOTE:
            errors["note"] = _("Please keep the note under %d characters.") % (
                MAX_SKILL_NOTE
            )
        vals = {
            "partner_id": partner.id,
            "skill_id": skill.id,
            "level": level,
            "note": note or False,
        }
        return vals, errors

    @http.route(
        ["/my/skills/add"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_skills_add(self, **post):
        self._check_skills_service()
        kept = {key: value for key, value in post.items() if isinstance(value, str)}
        vals, errors = self._validate_skill(post)
        if errors:
            return self._render_my_skills(kept, errors)
        try:
            # As superuser: the values are checked above and the agent is
            # always the member's own partner.
            with request.env.cr.savepoint():
                request.env["rea.agent.skill"].sudo().create(vals)
        except (UserError, ValidationError) as error:
            return self._render_my_skills(kept, {"form": error.name})
        return request.redirect("/my/skills")

    @http.route(
        ["/my/skills/<int:skill_id>/remove"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_skills_remove(self, skill_id, **post):
        self._check_skills_service()
        skill = (
            request.env["rea.agent.skill"]
            .sudo()
            .search(self._my_skill_domain() + [("id", "=", skill_id)])
        )
        if not skill:
            raise NotFound()
        skill.unlink()
        return request.redirect("/my/skills")
