# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import logging

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.website.controllers.main import Website

_logger = logging.getLogger(__name__)

# Bots fill every input; people never see this one.
HONEYPOT_FIELD = "website_url"
CANDIDATE_FIELDS = ("name", "email", "phone", "street", "zip", "city", "website")
FIELD_MAX_LENGTH = {
    "name": 128,
    "email": 254,
    "phone": 32,
    "street": 128,
    "zip": 16,
    "city": 64,
    "website": 256,
}


class ReaProjectWebsite(http.Controller):
    """Public project pages and their join form."""

    def _current_partner(self):
        if request.env.user._is_public():
            return request.env["res.partner"]
        return request.env.user.partner_id

    def _get_project(self, slug):
        project = (
            request.env["rea.project"].sudo().search([("slug", "=", slug)], limit=1)
        )
        if not project or not project.is_visible_to(self._current_partner()):
            raise NotFound()
        return project

    @http.route(["/projects"], type="http", auth="public", website=True)
    def projects(self, **kw):
        projects = request.env["rea.project"].get_visible_projects(
            self._current_partner()
        )
        return request.render("rea_projects.projects_page", {"projects": projects})

    @http.route(
        ["/projects/<string:slug>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
    )
    def project_page(self, slug, **kw):
        project = self._get_project(slug)
        return self._render_project(project, self._default_values(), {})

    def _default_values(self):
        partner = self._current_partner()
        if not partner:
            return {"type_of_user": "individual"}
        return {
            "name": partner.name or "",
            "email": partner.email or "",
            "phone": partner.phone or "",
            "type_of_user": "individual",
        }

    def _render_project(self, project, values, errors):
        partner = self._current_partner()
        return request.render(
            "rea_projects.project_page",
            {
                "project": project,
                "questions": project.question_ids,
                "values": values,
                "errors": errors,
                "can_join": project.can_join(partner),
                "is_member": bool(partner)
                and project.is_member(partner, states=("candidate", "active")),
                "honeypot_field": HONEYPOT_FIELD,
                "countries": request.env["res.country"].sudo().search([]),
            },
        )

    # website=True: a missing image answers the website's 404 page.
    @http.route(
        ["/projects/<string:slug>/background"],
        type="http",
        auth="public",
        website=True,
    )
    def project_background(self, slug, **kw):
        project = self._get_project(slug)
        if not project.background_image:
            raise NotFound()
        content = base64.b64decode(project.background_image)
        return request.make_response(
            content,
            [
                ("Content-Type", guess_mimetype(content)),
                ("Cache-Control", "max-age=3600"),
            ],
        )

    @http.route(
        ["/projects/<string:slug>/join"],
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def project_join(self, slug, **post):
        project = self._get_project(slug)
        if not project.can_join(self._current_partner()):
            raise NotFound()
        if post.get(HONEYPOT_FIELD):
            # Answer as if it worked so that bots learn nothing.
            _logger.info("Join form of %s: honeypot filled, ignored", project.slug)
            return self._render_thanks(project, request.env["rea.join.request"])
        vals, errors = self._validate_join_form(project, post)
        if errors:
            return self._render_project(project, self._kept_values(post), errors)
        try:
            with request.env.cr.savepoint():
                join_request = request.env["rea.join.request"].create_from_join_form(
                    vals, self._current_partner()
                )
        except (UserError, ValidationError) as error:
            errors["form"] = error.name
            return self._render_project(project, self._kept_values(post), errors)
        return self._render_thanks(project, join_request)

    def _kept_values(self, post):
        """Input to show again after an error (never files)."""
        return {key: value for key, value in post.items() if isinstance(value, str)}

    def _render_thanks(self, project, join_request):
        return request.render(
            "rea_projects.project_join_thanks",
            {"project": project, "join_request": join_request},
        )

    def _validate_join_form(self, project, post):
        """Check every input; return (create values, {field: message})."""
        errors = {}
        vals = self._validate_candidate(project, post, errors)
        vals["project_id"] = project.id
        vals["answer_ids"] = self._validate_answers(project, post, errors)
        return vals, errors

    def _clean_text(self, post, field, errors):
        value = post.get(field)
        value = value.strip() if isinstance(value, str) else ""
        if "\x00" in value:
            errors[field] = _("This field holds invalid characters.")
            return ""
        if len(value) > FIELD_MAX_LENGTH[field]:
            errors[field] = _("Please keep it under %d characters.") % (
                FIELD_MAX_LENGTH[field]
            )
        return value

    def _validate_candidate(self, project, post, errors):
        vals = {
            field: self._clean_text(post, field, errors) or False
            for field in CANDIDATE_FIELDS
        }
        if not vals["name"]:
            errors["name"] = _("Please enter your name.")
        if "email" not in errors:
            message = self._check_email(project, vals["email"])
            if message:
                errors["email"] = message
        phone_chars = set("0123456789+-() .")
        if vals["phone"] and not set(vals["phone"]) <= phone_chars:
            errors["phone"] = _("Please enter a valid phone number.")
        vals["type_of_user"] = post.get("type_of_user")
        if vals["type_of_user"] not in ("individual", "collective"):
            errors["type_of_user"] = _("Please choose individual or collective.")
        vals["country_id"] = self._parse_country(post.get("country_id"), errors)
        return vals

    def _check_email(self, project, email):
        join_request_model = request.env["rea.join.request"]
        if not email:
            return _("Please enter your e-mail address.")
        if not join_request_model.is_valid_email(email):
            return _("Please enter a valid e-mail address.")
        if join_request_model.find_duplicate(project, email):
            return _("This e-mail address has already asked to join this project.")
        return None

    def _validate_answers(self, project, post, errors):
        answers = []
        for question in project.sudo().question_ids:
            field = question.get_field_name()
            try:
                answer = question.parse_answer(post.get(field))
            except ValidationError as error:
                errors[field] = error.name
                continue
            if answer:
                answers.append((0, 0, answer))
        return answers

    def _parse_country(self, raw, errors):
        if not raw or not isinstance(raw, str):
            return False
        country = None
        if raw.isdigit() and int(raw) < 2**31:
            country = request.env["res.country"].sudo().browse(int(raw)).exists()
        if not country:
            errors["country_id"] = _("Please choose a country from the list.")
            return False
        return country.id

    @http.route(
        ["/projects/confirm/<string:token>"],
        type="http",
        auth="public",
        website=True,
    )
    def confirm_email(self, token, **kw):
        join_request = request.env["rea.join.request"].confirm_by_token(token)
        if not join_request:
            raise NotFound()
        signup_url = False
        user = join_request.user_id
        if user and not user.login_date:
            user.partner_id.signup_prepare(signup_type="signup")
            signup_url = user.partner_id.signup_url
        return request.render(
            "rea_projects.project_join_confirmed",
            {
                "project": join_request.project_id,
                "join_request": join_request,
                "signup_url": signup_url,
            },
        )


class ReaProjectDomain(Website):
    """Visitors arriving on a project's own domain land on its page."""

    @http.route()
    def index(self, **kw):
        host = (request.httprequest.host or "").lower()
        project = (
            request.env["rea.project"]
            .sudo()
            .search([("custom_domain", "=", host)], limit=1)
        )
        if project and project.slug:
            return request.redirect("/projects/%s" % project.slug)
        return super().index(**kw)
