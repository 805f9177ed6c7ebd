# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import logging
import re

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from ..formatting import format_amount, format_shares

_logger = logging.getLogger(__name__)

# Bots fill every input; people never see this one.
HONEYPOT_FIELD = "website_url"
# Text inputs of the forms and their longest accepted value.
PERSON_FIELDS = {
    "firstname": 64,
    "lastname": 64,
    "email": 254,
    "phone": 32,
    "gender": 16,
    "street": 128,
    "zip_code": 16,
    "city": 64,
    "lang": 16,
    "iban": 64,
}
COMPANY_FIELDS = {
    "company_name": 128,
    "company_register_number": 64,
    "company_email": 254,
    "representative_function": 64,
    "legal_form": 32,
}
APPROVALS = ("data_policy", "internal_rules", "financial_risk", "generic_rules")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# ASCII digits only: str.isdigit() also accepts "¹", which int() refuses.
NUMBER_RE = re.compile(r"^[0-9]{1,12}$")
ID_DOCUMENT_MAX_SIZE = 5 * 1024 * 1024
ID_DOCUMENT_MIMETYPES = ("application/pdf", "image/jpeg", "image/png")
MAX_QUANTITY = 10**6
MAX_ID = 2**31
# What the form may take from the account of a member buying more shares
# instead of asking again.
MEMBER_KNOWN_FIELDS = (
    "firstname",
    "lastname",
    "email",
    "phone",
    "birthdate",
    "gender",
    "street",
    "zip_code",
    "city",
    "country_id",
    "lang",
    "iban",
)
COMPANY_KNOWN_FIELDS = (
    "company_name",
    "company_register_number",
    "company_email",
    "legal_form",
)


class SubscriptionForm(http.Controller):
    """Website forms to subscribe shares, for people and for companies."""

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------

    @http.route(
        ["/become_cooperator"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def become_cooperator(self, **post):
        if request.httprequest.method == "GET" and self._is_company_user():
            return request.redirect("/become_company_cooperator")
        return self._dispatch(None, False, post)

    @http.route(
        ["/become_company_cooperator"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def become_company_cooperator(self, **post):
        return self._dispatch(None, True, post)

    @http.route(
        ["/projects/<string:slug>/shares"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def project_shares(self, slug, **post):
        project = self._get_project(slug)
        is_company = post.get("company") in ("1", "true", "on")
        if request.httprequest.method == "GET" and post.get("company") is None:
            is_company = self._is_company_user()
        return self._dispatch(project, is_company, post)

    @http.route(
        ["/subscription/get_share_product"],
        type="json",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def get_share_product(self, share_product_id=None, **kwargs):
        """Price, minimum quantity (forced or not) and currency of a share
        type offered on the website, for the form's price x quantity; an
        ``error`` entry for anything else."""
        product = self._offered_share_type(share_product_id)
        if not product:
            return {"error": _("This share type is not offered.")}
        return self._share_product_info(product)

    def _offered_share_type(self, raw_id):
        """The share type ``raw_id`` (int or digits) when the website offers
        it to the visitor, else an empty recordset."""
        products = request.env["product.product"].sudo()
        if isinstance(raw_id, str) and NUMBER_RE.match(raw_id.strip()):
            raw_id = int(raw_id.strip())
        if isinstance(raw_id, bool) or not isinstance(raw_id, int):
            return products
        if not 0 < raw_id < MAX_ID:
            return products
        product = products.search(
            [
                ("id", "=", raw_id),
                ("is_share", "=", True),
                ("share_on_website", "=", True),
            ]
        )
        project = product.share_project_id
        if not product or not project.is_visible_to(self._current_partner()):
            return products
        return product

    def _share_product_info(self, product):
        currency = product.currency_id
        return {
            "id": product.id,
            "name": product.display_name,
            "unit_price": product.list_price,
            "min_quantity": product.share_min_quantity,
            "force_min_quantity": product.share_min_forced,
            "for_individuals": product.share_for_individuals,
            "for_companies": product.share_for_companies,
            "currency": {
                "id": currency.id,
                "name": currency.name,
                "symbol": currency.symbol,
                "position": currency.position,
                "decimal_places": currency.decimal_places,
            },
        }

    # ------------------------------------------------------------------
    # Helpers: context
    # ------------------------------------------------------------------

    def _current_partner(self):
        if request.env.user._is_public():
            return request.env["res.partner"]
        return request.env.user.partner_id

    def _is_company_user(self):
        partner = self._current_partner()
        return bool(partner) and partner.commercial_partner_id.is_company

    def _get_project(self, slug):
        project = (
            request.env["rea.project"].sudo().search([("slug", "=", slug)], limit=1)
        )
        if not project or not project.is_visible_to(self._current_partner()):
            raise NotFound()
        if not self._share_types(project, False) and not self._share_types(
            project, True
        ):
            raise NotFound()
        return project

    def _share_types(self, project, is_company):
        return (
            request.env["rea.subscription.request"]
            .sudo()
            .get_share_types(project=project or None, for_company=is_company)
        )

    def _company(self, project):
        if project and project.company_id:
            return project.company_id.sudo()
        return request.website.company_id.sudo()

    def _acquirers(self, project, share_types):
        """Payment methods offered: those of the project(s) of the types."""
        projects = project or share_types.mapped("share_project_id")
        return self._project_acquirers(projects)

    def _project_acquirers(self, projects):
        acquirers = request.env["payment.acquirer"].sudo()
        for project in projects:
            acquirers |= project.get_share_acquirers()
        return acquirers

    def _approvals(self, company):
        """The approval checkboxes to show, with their text and requirement."""
        approvals = []
        for key in APPROVALS:
            if company.is_share_approval_shown(key):
                approvals.append(
                    {
                        "field": "%s_approved" % key,
                        "text": company["share_%s_text" % key],
                        "required": company["share_%s_required" % key],
                    }
                )
        return approvals

    def _form_url(self, project, is_company):
        if project:
            return "/projects/%s/shares" % project.slug
        return is_company and "/become_company_cooperator" or "/become_cooperator"

    # ------------------------------------------------------------------
    # Helpers: flow
    # ------------------------------------------------------------------

    def _dispatch(self, project, is_company, post):
        share_types = self._share_types(project, is_company)
        if request.httprequest.method == "GET":
            values = self._default_values(share_types, is_company)
            self._apply_company_defaults(values, self._company(project))
            return self._render_form(project, is_company, values, {})
        if post.get(HONEYPOT_FIELD):
            # Answer as if it worked so that bots learn nothing.
            _logger.info("Share subscription form: honeypot filled, ignored")
            return self._render_thanks(project, request.env["rea.subscription.request"])
        # A member's known details come from the account, whatever was sent:
        # the form does not show them.
        post = dict(post, **self._known_values(project, is_company))
        values, parse_errors = self._parse_form(project, is_company, share_types, post)
        # All messages at once; a syntax message beats the rule about the
        # value it could not read.
        errors = dict(self._check_values(values), **parse_errors)
        if errors:
            return self._render_form(
                project, is_company, self._kept_values(post), errors
            )
        try:
            with request.env.cr.savepoint():
                subscription = (
                    request.env["rea.subscription.request"]
                    .sudo()
                    .create_from_form(values)
                )
        except (UserError, ValidationError) as error:
            return self._render_form(
                project, is_company, self._kept_values(post), {"form": error.name}
            )
        return self._render_thanks(project, subscription)

    def _check_values(self, values):
        """Every server-side rule of the model, as {field: message}."""
        errors = (
            request.env["rea.subscription.request"].sudo().check_values(dict(values))
        )
        return dict(errors or {})

    def _default_values(self, share_types, is_company):
        """Initial input: the default share type, the logged user's data."""
        default_type = share_types.filtered("share_default")[:1] or share_types[:1]
        values = {
            "share_product_id": default_type and str(default_type.id) or "",
            "quantity": str(default_type.share_min_quantity or 1),
            "lang": request.lang,
        }
        return self._partner_values(values, is_company)

    def _partner_values(self, values, is_company):
        """``values`` with the logged user's data (strings, as the form
        sends them)."""
        partner = self._current_partner()
        if not partner:
            return values
        names = (partner.name or "").split(" ", 1)
        bank = partner.commercial_partner_id.bank_ids[:1]
        values.update(
            {
                "firstname": names[0],
                "lastname": len(names) > 1 and names[1] or "",
                "email": partner.email or "",
                "phone": partner.phone or partner.mobile or "",
                "street": partner.street or "",
                "zip_code": partner.zip or "",
                "city": partner.city or "",
                "country_id": partner.country_id and str(partner.country_id.id) or "",
                "lang": partner.lang or request.lang,
                "iban": bank.acc_number or "",
            }
        )
        commercial = partner.commercial_partner_id
        if is_company and commercial.is_company:
            values.update(
                {
                    "company_name": commercial.name or "",
                    "company_email": commercial.email or "",
                    "company_register_number": commercial.company_register_number or "",
                    "representative_function": partner.function or "",
                    "legal_form": commercial.legal_form or "",
                }
            )
            if commercial == partner:
                # A company logged as itself: the representative is unknown.
                for key in ("firstname", "lastname", "email"):
                    values[key] = ""
        return values

    def _member_agent(self, project, is_company):
        """The logged-in agent (the user's company on the company form) who
        already holds shares, of ``project`` when the form is a project's:
        the form then buys more shares for it."""
        partner = self._current_partner()
        agent = partner.commercial_partner_id if is_company else partner
        if not agent or agent.is_company != bool(is_company):
            return request.env["res.partner"]
        held = (
            request.env["rea.share.ledger"]
            .sudo()
            .held_quantity(agent.sudo(), project=project or None)
        )
        return agent if held > 0 else request.env["res.partner"]

    def _known_values(self, project, is_company):
        """What a member buying more shares already told: ``{field: text}``
        from the account, else from the member's last request (a member
        whose agent existed before keeps there the date of birth and gender
        given at subscription). Empty for anyone else."""
        agent = self._member_agent(project, is_company)
        if not agent:
            return {}
        values = self._partner_values({}, is_company)
        names = COMPANY_KNOWN_FIELDS if is_company else MEMBER_KNOWN_FIELDS
        if not is_company:
            last = (
                request.env["rea.subscription.request"]
                .sudo()
                .search(
                    [("partner_id", "=", agent.id), ("is_company", "=", False)],
                    order="id desc",
                    limit=1,
                )
            )
            values["birthdate"] = agent.birthdate_date or last.birthdate or ""
            values["gender"] = agent.gender or last.gender or ""
        else:
            # The representative is the logged user: asked only when the
            # company is logged as itself (then the form leaves them blank).
            names += tuple(
                name
                for name in MEMBER_KNOWN_FIELDS
                if name not in ("birthdate", "gender")
            )
        return {name: values[name] for name in names if values.get(name)}

    def _apply_company_defaults(self, values, company):
        """The company's default country (when the user's is unknown) and
        language (for visitors) of the form."""
        defaults = company.get_share_form_defaults()
        if not values.get("country_id") and defaults["country_id"]:
            values["country_id"] = str(defaults["country_id"])
        if not self._current_partner() and defaults["lang"]:
            values["lang"] = defaults["lang"]
        return values

    def _kept_values(self, post):
        """Input to show again after an error (never files)."""
        return {
            key: value
            for key, value in post.items()
            if isinstance(value, str) and key not in ("csrf_token", HONEYPOT_FIELD)
        }

    # ------------------------------------------------------------------
    # Helpers: parsing
    # ------------------------------------------------------------------

    def _parse_form(self, project, is_company, share_types, post):
        """Turn the raw input into model values; return (values, errors).

        Only syntax is checked here (text, numbers, ids, dates, files); the
        rules (required fields, amounts, age, approvals...) are the model's
        ``check_values``, also run by ``create_from_form``.
        """
        errors = {}
        values = {"is_company": is_company}
        lengths = dict(PERSON_FIELDS, **(is_company and COMPANY_FIELDS or {}))
        for field, max_length in lengths.items():
            values[field] = self._clean_text(post.get(field), max_length, field, errors)
        # Gender and language are the model's rules (check_values).
        if values["iban"]:
            values["iban"] = re.sub(r"\s+", "", values["iban"]).upper()
        values["country_id"] = self._parse_id(
            post.get("country_id"),
            request.env["res.country"].sudo(),
            "country_id",
            errors,
            _("Please choose a country from the list."),
        )
        values["birthdate"] = self._parse_date(post.get("birthdate"), errors)
        product = self._parse_share_type(post, share_types, errors)
        values["share_product_id"] = product.id or False
        if project:
            values["project_id"] = project.id
        elif product:
            values["project_id"] = product.share_project_id.id
        subscriptions = request.env["rea.subscription.request"].sudo()
        company = subscriptions._get_company(values)
        # Inputs the company does not ask for are not read at all.
        if not company.share_hide_quantity:
            values["quantity"] = self._parse_quantity(post.get("quantity"), errors)
        if company.is_share_referral_shown():
            values["referral_source_id"] = self._parse_id(
                post.get("referral_source_id"),
                request.env["rea.share.referral.source"].sudo(),
                "referral_source_id",
                errors,
                _("Please choose an answer from the list."),
            )
        values["acquirer_id"] = self._parse_acquirer(
            post, project or product.share_project_id, share_types, errors
        )
        for key in APPROVALS:
            values["%s_approved" % key] = post.get("%s_approved" % key) in (
                "on",
                "1",
                "true",
                "yes",
            )
        document = self._parse_id_document(post.get("id_document"), errors)
        if document:
            values["id_document"], values["id_document_filename"] = document
        return subscriptions.apply_form_settings(values), errors

    def _clean_text(self, raw, max_length, field, errors):
        value = raw.strip() if isinstance(raw, str) else ""
        if "\x00" in value:
            errors[field] = _("This field holds invalid characters.")
            return False
        if len(value) > max_length:
            errors[field] = _("Please keep it under %d characters.") % max_length
        return value or False

    def _parse_id(self, raw, model, field, errors, message):
        if not raw or not isinstance(raw, str):
            return False
        raw = raw.strip()
        if NUMBER_RE.match(raw) and 0 < int(raw) < MAX_ID:
            record = model.browse(int(raw)).exists()
            if record:
                return record.id
        errors[field] = message
        return False

    def _parse_date(self, raw, errors):
        raw = raw.strip() if isinstance(raw, str) else ""
        if not raw:
            return False
        try:
            if not DATE_RE.match(raw):
                raise ValueError(raw)
            date = fields.Date.from_string(raw)
        except ValueError:
            errors["birthdate"] = _("Please enter a date as YYYY-MM-DD.")
            return False
        return fields.Date.to_string(date)

    def _parse_quantity(self, raw, errors):
        raw = raw.strip() if isinstance(raw, str) else ""
        if not raw:
            errors["quantity"] = _("Please enter a number of shares.")
            return 0
        if not NUMBER_RE.match(raw) or int(raw) >= MAX_QUANTITY:
            errors["quantity"] = _("Please enter a whole number of shares.")
            return 0
        return int(raw)

    def _parse_share_type(self, post, share_types, errors):
        product_id = self._parse_id(
            post.get("share_product_id"),
            request.env["product.product"].sudo(),
            "share_product_id",
            errors,
            _("Please choose a share type from the list."),
        )
        product = request.env["product.product"].sudo().browse(product_id)
        if not product_id:
            errors.setdefault(
                "share_product_id", _("Please choose a share type from the list.")
            )
        elif product not in share_types:
            errors["share_product_id"] = _("This share type is not offered here.")
        return product

    def _parse_acquirer(self, post, projects, share_types, errors):
        acquirers = self._project_acquirers(projects)
        if not acquirers:
            return False
        acquirer_id = self._parse_id(
            post.get("acquirer_id"),
            request.env["payment.acquirer"].sudo(),
            "acquirer_id",
            errors,
            _("Please choose a payment method from the list."),
        )
        if acquirer_id and acquirer_id not in acquirers.ids:
            errors["acquirer_id"] = _("Please choose a payment method from the list.")
            return False
        if not acquirer_id:
            errors.setdefault("acquirer_id", _("Please choose a payment method."))
        return acquirer_id

    def _parse_id_document(self, upload, errors):
        """(base64 content, file name) of the uploaded ID document, or None."""
        if upload is None or isinstance(upload, str) or not upload.filename:
            return None
        content = upload.read(ID_DOCUMENT_MAX_SIZE + 1)
        if len(content) > ID_DOCUMENT_MAX_SIZE:
            errors["id_document"] = _("The file is too large (at most %d MB).") % (
                ID_DOCUMENT_MAX_SIZE // (1024 * 1024)
            )
            return None
        if not content or guess_mimetype(content) not in ID_DOCUMENT_MIMETYPES:
            errors["id_document"] = _("Please send a PDF, JPEG or PNG file.")
            return None
        filename = upload.filename.replace("\\", "/").rsplit("/", 1)[-1][:128]
        return base64.b64encode(content), filename

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------

    def _render_form(self, project, is_company, values, errors):
        company = self._company(project)
        share_types = self._share_types(project, is_company)
        acquirers = self._acquirers(project, share_types)
        approvals = self._approvals(company)
        referral_sources = self._referral_sources(company)
        member = self._member_agent(project, is_company)
        known = self._known_values(project, is_company)
        values = dict(values, **known)
        rendered_fields = [
            name
            for name in self._rendered_fields(is_company, company, acquirers, approvals)
            if name not in known
        ]
        return request.render(
            "rea_membership_shares.subscription_form_page",
            {
                "project": project,
                "is_company": is_company,
                "company": company,
                "share_types": share_types,
                "acquirers": acquirers,
                "approvals": approvals,
                "referral_sources": referral_sources,
                "rendered_fields": rendered_fields,
                "member": member,
                "known": known,
                "asks_person": bool(set(rendered_fields) & set(MEMBER_KNOWN_FIELDS)),
                "held": self._held_summary(member, project),
                "total": self._form_total(company, share_types, values),
                "number_format": self._number_format(),
                "values": values,
                "errors": errors,
                "form_action": self._form_url(project, is_company),
                "other_form_url": self._other_form_url(project, is_company),
                "honeypot_field": HONEYPOT_FIELD,
                "countries": request.env["res.country"].sudo().search([]),
                "langs": request.env["res.lang"].sudo().get_installed(),
                "genders": self._gender_labels(),
                "legal_forms": self._legal_form_labels(),
            },
        )

    def _rendered_fields(self, is_company, company, acquirers, approvals):
        """Inputs of the form: their errors show under them, the others'
        at the top."""
        names = list(PERSON_FIELDS) + [
            "country_id",
            "share_product_id",
            "quantity",
        ]
        if is_company:
            names += list(COMPANY_FIELDS)
            names = [name for name in names if name != "gender"]
        else:
            names.append("birthdate")
        if acquirers:
            names.append("acquirer_id")
        if company.share_id_document_required:
            names.append("id_document")
        if company.share_hide_quantity:
            names.remove("quantity")
        if company.is_share_referral_shown():
            names.append("referral_source_id")
        return names + [approval["field"] for approval in approvals]

    def _held_summary(self, member, project):
        """What a member holds (of the project's share types when the form
        is a project's), as ``{"quantity": text, "value": text}``."""
        if not member:
            return {}
        ledger = request.env["rea.share.ledger"].sudo()
        member = member.sudo()
        quantity = ledger.held_quantity(member, project=project or None)
        value = ledger.held_value(member, project=project or None)
        currency = self._company(project).currency_id
        return {
            "quantity": format_shares(request.env, quantity),
            "value": format_amount(request.env, value, currency),
        }

    def _form_total(self, company, share_types, values):
        """The amount the form shows first (the page script updates it while
        typing): ``(amount, currency)`` of the chosen share type."""
        selected = values.get("share_product_id") or ""
        product = share_types.filtered(lambda t: str(t.id) == selected)[:1]
        product = product or share_types[:1]
        quantity = str(values.get("quantity") or "").strip()
        if company.share_hide_quantity or not NUMBER_RE.match(quantity):
            quantity = product.share_min_quantity or 1
        quantity = min(int(quantity), MAX_QUANTITY)
        return product.list_price * quantity, product.currency_id

    def _number_format(self):
        """Separators of the visitor's language, for the page script to write
        amounts as the server does."""
        lang = request.env["res.lang"]._lang_get(request.lang)
        return {
            "decimal_point": lang.decimal_point or ".",
            "thousands_sep": lang.thousands_sep or "",
            "grouping": lang.grouping or "[]",
        }

    def _referral_sources(self, company):
        """Answers to "How did you hear about us?" when the company asks;
        read with the visitor's rights (active answers only)."""
        sources = request.env["rea.share.referral.source"]
        if not company.is_share_referral_shown():
            return sources
        return sources.search([])

    def _other_form_url(self, project, is_company):
        if project:
            if self._share_types(project, not is_company):
                return "/projects/%s/shares?company=%d" % (
                    project.slug,
                    0 if is_company else 1,
                )
            return False
        return is_company and "/become_cooperator" or "/become_company_cooperator"

    def _gender_labels(self):
        return [
            ("male", _("Male")),
            ("female", _("Female")),
            ("other", _("Other")),
        ]

    def _legal_form_labels(self):
        """(value, label) of the legal forms, in the visitor's language."""
        field = request.env["res.partner"].fields_get(["legal_form"])
        return field["legal_form"]["selection"]

    def _render_thanks(self, project, subscription):
        return request.render(
            "rea_membership_shares.subscription_thanks_page",
            {"project": project, "subscription": subscription.sudo()},
        )
