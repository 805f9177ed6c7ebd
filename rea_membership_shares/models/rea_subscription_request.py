# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii
import logging
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.base_iban.models.res_partner_bank import normalize_iban, validate_iban

from .res_partner import GENDERS

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("waiting", "Waiting list"),
    ("blocked", "Blocked"),
    ("done", "Validated"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
APPROVALS = ("data_policy", "internal_rules", "financial_risk", "generic_rules")
PENDING_STATES = ("draft", "waiting", "done")
# Values a website visitor may give; everything else is set by the flow.
FORM_FIELDS = (
    "project_id",
    "share_product_id",
    "quantity",
    "is_company",
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
    "company_name",
    "company_register_number",
    "company_email",
    "representative_function",
    "legal_form",
    "data_policy_approved",
    "internal_rules_approved",
    "financial_risk_approved",
    "generic_rules_approved",
    "id_document",
    "id_document_filename",
    "acquirer_id",
    "referral_source_id",
)


class ReaSubscriptionRequest(models.Model):
    """A request to buy shares of a project, from the website or the office.

    draft → done (validated: capital release invoice sent) → paid (invoice
    fully paid: shares given); draft → waiting → done; draft ⇄ blocked;
    draft/waiting/blocked/done → cancelled (also when a refund settles the
    invoice).
    """

    _name = "rea.subscription.request"
    _description = "Share subscription request"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True, index=True)
    date = fields.Date(
        string="Request date",
        required=True,
        default=fields.Date.context_today,
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    project_id = fields.Many2one(
        "rea.project",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    share_product_id = fields.Many2one(
        "product.product",
        string="Share type",
        required=True,
        ondelete="restrict",
        domain="[('is_share', '=', True), ('share_project_id', '=', project_id)]",
        readonly=True,
        states={"draft": [("readonly", False)], "waiting": [("readonly", False)]},
        track_visibility="onchange",
    )
    share_short_name = fields.Char(
        related="share_product_id.share_short_name", readonly=True
    )
    quantity = fields.Integer(
        string="Number of shares",
        required=True,
        default=1,
        readonly=True,
        states={"draft": [("readonly", False)], "waiting": [("readonly", False)]},
        track_visibility="onchange",
    )
    share_unit_price = fields.Monetary(
        string="Unit price", readonly=True, currency_field="currency_id"
    )
    subscription_amount = fields.Monetary(
        compute="_compute_subscription_amount",
        store=True,
        currency_field="currency_id",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
        readonly=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    type = fields.Selection(
        [("new", "New member"), ("increase", "Increase")],
        readonly=True,
        default="new",
        help="Set automatically: increase when the partner already holds "
        "shares or has a pending request.",
    )
    source = fields.Selection(
        [("website", "Website"), ("manual", "Manual"), ("operation", "Operation")],
        required=True,
        default="manual",
        readonly=True,
    )
    state = fields.Selection(
        STATES,
        required=True,
        default="draft",
        index=True,
        readonly=True,
        copy=False,
        track_visibility="onchange",
    )
    is_company = fields.Boolean(
        string="Company subscription",
        readonly=True,
        states={"draft": [("readonly", False)]},
    )
    firstname = fields.Char(string="First name", track_visibility="onchange")
    lastname = fields.Char(string="Last name", track_visibility="onchange")
    email = fields.Char(string="E-mail", index=True, track_visibility="onchange")
    phone = fields.Char()
    birthdate = fields.Date(string="Date of birth")
    gender = fields.Selection(GENDERS)
    street = fields.Char(string="Address")
    zip_code = fields.Char(string="ZIP")
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    lang = fields.Selection(
        selection="_selection_lang",
        string="Language",
        default=lambda self: self.env.lang or "en_US",
    )
    iban = fields.Char(string="Bank account (IBAN)", track_visibility="onchange")
    skip_iban_check = fields.Boolean(
        string="Skip IBAN check",
        groups="rea_membership_shares.group_share_user",
        help="Staff only: accept the request without a valid IBAN.",
    )
    company_name = fields.Char()
    company_register_number = fields.Char(index=True)
    company_email = fields.Char()
    representative_function = fields.Char(string="Function of the representative")
    legal_form = fields.Selection(selection="_selection_legal_form")
    data_policy_approved = fields.Boolean()
    internal_rules_approved = fields.Boolean()
    financial_risk_approved = fields.Boolean()
    generic_rules_approved = fields.Boolean()
    id_document = fields.Binary(string="ID document", attachment=True)
    id_document_filename = fields.Char()
    acquirer_id = fields.Many2one(
        "payment.acquirer", string="Payment method", ondelete="set null"
    )
    referral_source_id = fields.Many2one(
        "rea.share.referral.source",
        string="Referral source",
        ondelete="restrict",
        index=True,
        help='The answer to "How did you hear about us?".',
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        index=True,
        ondelete="restrict",
        readonly=True,
        states={"draft": [("readonly", False)], "waiting": [("readonly", False)]},
        track_visibility="onchange",
    )
    representative_id = fields.Many2one(
        "res.partner", readonly=True, ondelete="set null"
    )
    invoice_id = fields.Many2one(
        "account.invoice",
        string="Capital release request",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    invoice_state = fields.Selection(
        related="invoice_id.state", string="Invoice status", readonly=True
    )
    exchange_id = fields.Many2one("rea.exchange", readonly=True, copy=False, index=True)
    join_request_id = fields.Many2one(
        "rea.join.request",
        string="Join request",
        readonly=True,
        copy=False,
        index=True,
        ondelete="set null",
    )
    payment_date = fields.Date(readonly=True, copy=False)
    validation_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "The number of shares must be positive.",
        ),
    ]

    @api.model
    def _selection_lang(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _selection_legal_form(self):
        # The partner's list, with what localisations added to it.
        return self.env["res.partner"]._fields["legal_form"].selection

    @api.depends("is_company", "company_name", "firstname", "lastname")
    def _compute_name(self):
        for request in self:
            person = " ".join(p for p in (request.firstname, request.lastname) if p)
            if request.is_company:
                request.name = request.company_name or person
            else:
                request.name = person or _("New request")

    @api.depends("quantity", "share_unit_price")
    def _compute_subscription_amount(self):
        for request in self:
            request.subscription_amount = request.quantity * request.share_unit_price

    @api.onchange("share_product_id")
    def _onchange_share_product_id(self):
        product = self.share_product_id
        if product:
            self.share_unit_price = product.list_price
            if self.quantity < product.share_min_quantity:
                self.quantity = product.share_min_quantity

    @api.onchange("project_id")
    def _onchange_project_id(self):
        if (
            self.project_id
            and self.share_product_id.share_project_id != self.project_id
        ):
            self.share_product_id = self.get_share_types(self.project_id)[:1]

    # Matching and creation ---------------------------------------------------

    @api.model
    def normalize_email(self, email):
        # Same rule as the join requests of rea_projects.
        return self.env["rea.join.request"].normalize_email(email)

    @api.model
    def normalize_register_number(self, number):
        """Company register numbers compare on letters and digits only."""
        return re.sub(r"[^0-9A-Za-z]", "", number or "").upper()

    @api.model
    def find_partner(self, values):
        """The agent a request is for: by e-mail for people (an effective
        member first), by company register number for companies. Blank
        values never match."""
        partner_model = self.env["res.partner"].sudo()
        if values.get("is_company"):
            number = self.normalize_register_number(
                values.get("company_register_number")
            )
            if not number:
                return partner_model.browse()
            return partner_model.search(
                [("company_register_number", "=", number), ("is_company", "=", True)],
                order="is_cooperator desc, id",
                limit=1,
            )
        email = self.normalize_email(values.get("email"))
        if not email:
            return partner_model.browse()
        return partner_model.search(
            [("email", "=ilike", email), ("is_company", "=", False)],
            order="is_cooperator desc, id",
            limit=1,
        )

    @api.model
    def _prepare_create_vals(self, vals):
        vals = dict(vals)
        if vals.get("lastname"):
            # The company the request will have (its default when not given).
            company = self.env["res.company"].browse(
                vals.get("company_id")
                or self.default_get(["company_id"]).get("company_id")
            )
            vals["lastname"] = self._case_lastname(vals["lastname"], company)
        for key in ("email", "company_email"):
            if vals.get(key):
                vals[key] = self.normalize_email(vals[key])
        if vals.get("company_register_number"):
            vals["company_register_number"] = self.normalize_register_number(
                vals["company_register_number"]
            )
        if vals.get("iban"):
            vals["iban"] = normalize_iban(vals["iban"]).upper()
        product = (
            self.env["product.product"].sudo().browse(vals.get("share_product_id"))
        )
        if product and not vals.get("share_unit_price"):
            vals["share_unit_price"] = product.list_price
        if product and not vals.get("project_id"):
            vals["project_id"] = product.share_project_id.id
        if not vals.get("partner_id"):
            partner = self.find_partner(vals)
            if partner:
                vals["partner_id"] = partner.id
        if vals.get("partner_id") and "type" not in vals:
            partner = self.env["res.partner"].sudo().browse(vals["partner_id"])
            vals["type"] = "increase" if self._has_shares_or_pending(partner) else "new"
        return vals

    @api.model
    def _has_shares_or_pending(self, partner):
        return bool(
            self.env["rea.share.line"]
            .sudo()
            .search_count([("partner_id", "=", partner.id)])
            or self.sudo().search_count(
                [("partner_id", "=", partner.id), ("state", "in", PENDING_STATES)]
            )
        )

    @api.model
    def create(self, vals):
        vals = self._prepare_create_vals(vals)
        request = super(
            ReaSubscriptionRequest, self.with_context(mail_create_nolog=True)
        ).create(vals)
        if request.source != "operation":
            request._send_mail("confirmation")
        return request

    @api.model
    def _case_lastname(self, lastname, company):
        """The last name as the company stores it."""
        if isinstance(lastname, str) and company.sudo().share_lastname_uppercase:
            return lastname.upper()
        return lastname

    @api.multi
    def write(self, vals):
        for key in ("email", "company_email"):
            if vals.get(key):
                vals[key] = self.normalize_email(vals[key])
        if vals.get("company_register_number"):
            vals["company_register_number"] = self.normalize_register_number(
                vals["company_register_number"]
            )
        if vals.get("share_product_id") and "share_unit_price" not in vals:
            product = self.env["product.product"].browse(vals["share_product_id"])
            vals["share_unit_price"] = product.sudo().list_price
        if not vals.get("lastname"):
            return super().write(vals)
        if "company_id" in vals:
            company = self.env["res.company"].browse(vals["company_id"])
            vals["lastname"] = self._case_lastname(vals["lastname"], company)
            return super().write(vals)
        # Requests of companies that store last names differently: each
        # group gets its own case.
        result = True
        for company in self.mapped("company_id"):
            requests = self.filtered(lambda r, c=company: r.company_id == c)
            case_vals = dict(
                vals, lastname=self._case_lastname(vals["lastname"], company)
            )
            result &= super(ReaSubscriptionRequest, requests).write(case_vals)
        return result

    @api.multi
    def unlink(self):
        if self.filtered(lambda r: r.state not in ("draft", "cancelled")):
            raise UserError(
                _("Only draft or cancelled subscription requests can be deleted.")
            )
        return super().unlink()

    # Website API ---------------------------------------------------------------

    @api.model
    def get_share_types(self, project=None, for_company=False):
        """Share types offered on the website (default type first)."""
        domain = [("is_share", "=", True), ("share_on_website", "=", True)]
        if project:
            domain.append(("share_project_id", "=", project.id))
        domain.append(
            (
                "share_for_companies" if for_company else "share_for_individuals",
                "=",
                True,
            )
        )
        return (
            self.env["product.product"]
            .sudo()
            .search(domain, order="share_default desc, list_price, id")
        )

    @api.model
    def get_required_fields(self, values, as_staff=False):
        """Names of the fields the request needs (hook for variants)."""
        company = self._get_company(values)
        required = [
            "project_id",
            "share_product_id",
            "quantity",
            "firstname",
            "lastname",
            "email",
            "street",
            "zip_code",
            "city",
            "country_id",
            "lang",
        ]
        if values.get("is_company"):
            required += ["company_name", "company_register_number", "company_email"]
            if not as_staff:
                required.append("legal_form")
        else:
            required += ["birthdate", "gender"]
        if company.share_iban_required and not (
            as_staff and values.get("skip_iban_check")
        ):
            required.append("iban")
        for key in APPROVALS:
            if company["share_%s_required" % key]:
                required.append("%s_approved" % key)
        if not as_staff:
            if company.share_id_document_required:
                required.append("id_document")
            # Asked on the website only: the office does not ask it.
            if company.share_referral_required:
                required.append("referral_source_id")
        return required

    @api.model
    def _get_company(self, values):
        company = self.env["res.company"].sudo().browse(values.get("company_id"))
        if not company:
            project = self.env["rea.project"].sudo().browse(values.get("project_id"))
            company = project.exists().company_id
        return company or self.env.user.company_id

    @api.model
    def check_values(self, values, as_staff=False):
        """Every server-side check of a request: ``{field: message}``, empty
        when the values are acceptable. ``as_staff`` lets office users skip
        the IBAN check (``skip_iban_check``) and the ID document."""
        errors = {}
        values = dict(values or {})
        required = self.get_required_fields(values, as_staff=as_staff)
        for name in required:
            value = values.get(name)
            if isinstance(value, str):
                value = value.strip()
            if not value:
                if name.endswith("_approved"):
                    errors[name] = _("Please accept this to subscribe.")
                elif name == "referral_source_id":
                    errors[name] = _("Please tell us how you heard about us.")
                else:
                    label = self._fields[name].get_description(self.env)["string"]
                    errors[name] = _("%s is required.") % label
        self._check_emails(values, errors)
        self._check_iban(values, errors, as_staff)
        self._check_references(values, errors)
        self._check_referral_source(values, errors, as_staff)
        self._check_legal_form(values, errors)
        product = self._check_share_type(values, errors, as_staff)
        if product and "quantity" not in errors:
            self._check_quantity(values, product, errors)
        self._check_birthdate(values, errors)
        self._check_id_document(values, errors)
        return errors

    @api.model
    def _check_emails(self, values, errors):
        join_request_model = self.env["rea.join.request"]
        for key in ("email", "company_email"):
            email = self.normalize_email(values.get(key))
            if email and not join_request_model.is_valid_email(email):
                errors.setdefault(key, _("'%s' is not a valid e-mail address.") % email)
        if values.get("is_company") and "email" not in errors:
            email = self.normalize_email(values.get("email"))
            if email and email == self.normalize_email(values.get("company_email")):
                errors.setdefault(
                    "email",
                    _(
                        "The representative's e-mail must differ from the "
                        "company's e-mail."
                    ),
                )

    @api.model
    def _check_iban(self, values, errors, as_staff):
        iban = values.get("iban")
        if not iban or "iban" in errors:
            return
        if as_staff and values.get("skip_iban_check"):
            return
        try:
            validate_iban(iban)
        except ValidationError as error:
            errors["iban"] = error.name

    @api.model
    def _check_references(self, values, errors):
        """Ids and selections given by a form must exist."""
        country = values.get("country_id")
        if country and (
            not isinstance(country, int)
            or not self.env["res.country"].sudo().browse(country).exists()
        ):
            errors["country_id"] = _("Choose a country from the list.")
        lang = values.get("lang")
        if lang and lang not in dict(self._selection_lang()):
            errors["lang"] = _("Choose a language from the list.")
        gender = values.get("gender")
        if gender and gender not in dict(self._fields["gender"].selection):
            errors["gender"] = _("Choose a gender from the list.")
        acquirer = values.get("acquirer_id")
        project = self.env["rea.project"].sudo().browse(values.get("project_id"))
        if acquirer and (
            not isinstance(acquirer, int)
            or not project.exists()
            or acquirer not in project.share_acquirer_ids.ids
        ):
            errors["acquirer_id"] = _("Choose a payment method of this project.")
        quantity = values.get("quantity")
        if quantity not in (None, False, "") and (
            not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0
        ):
            errors["quantity"] = _("The number of shares must be a positive number.")

    @api.model
    def _check_referral_source(self, values, errors, as_staff):
        source_id = values.get("referral_source_id")
        if not source_id or "referral_source_id" in errors:
            return
        source = self.env["rea.share.referral.source"].sudo()
        if isinstance(source_id, int) and not isinstance(source_id, bool):
            source = source.with_context(active_test=False).browse(source_id).exists()
        # Staff may keep an answer archived since; visitors choose a current one.
        if not source or not (source.active or as_staff):
            errors["referral_source_id"] = _("Choose an answer from the list.")

    @api.model
    def _check_legal_form(self, values, errors):
        legal_form = values.get("legal_form")
        if not legal_form or "legal_form" in errors:
            return
        if not values.get("is_company"):
            errors["legal_form"] = _("Only companies have a legal form.")
        elif legal_form not in dict(self._selection_legal_form()):
            errors["legal_form"] = _("Choose a legal form from the list.")

    @api.model
    def _check_share_type(self, values, errors, as_staff):
        project = values.get("project_id")
        product_id = values.get("share_product_id")
        if not product_id or "share_product_id" in errors:
            return None
        product = (
            self.env["product.product"].sudo().browse(product_id)
            if isinstance(product_id, int)
            else None
        )
        if not product or not product.exists() or not product.is_share:
            errors["share_product_id"] = _("Choose a share type from the list.")
            return None
        if project and product.share_project_id.id != project:
            errors["share_product_id"] = _(
                "This share type is not one of this project."
            )
            return None
        if not as_staff and not product.share_on_website:
            errors["share_product_id"] = _("This share type is not offered here.")
            return None
        if values.get("is_company") and not product.share_for_companies:
            errors["share_product_id"] = _(
                "This share type is not available to companies."
            )
            return None
        if not values.get("is_company") and not product.share_for_individuals:
            errors["share_product_id"] = _(
                "This share type is not available to individuals."
            )
            return None
        return product

    @api.model
    def _check_quantity(self, values, product, errors):
        quantity = values.get("quantity")
        if not isinstance(quantity, int) or quantity <= 0:
            return
        if product.share_min_forced and quantity < product.share_min_quantity:
            errors["quantity"] = _("Subscribe at least %s shares of this type.") % (
                product.share_min_quantity
            )
            return
        company = self._get_company(values)
        if not (product.share_max_value or company.share_one_type_per_member):
            return
        # The member is looked up only for the limits that need it.
        partner = self.find_partner(values)
        if product.share_max_value:
            held = self._get_held_value(
                partner, product, exclude=values.get("_exclude_request"), values=values
            )
            if held + quantity * product.list_price > product.share_max_value + 1e-6:
                errors["quantity"] = _(
                    "A member may hold at most %(max)s of this share type "
                    "(%(held)s already held or requested)."
                ) % {"max": product.share_max_value, "held": held}
                return
        if partner and company.share_one_type_per_member:
            other = (
                self.env["rea.share.line"]
                .sudo()
                .search_count(
                    [
                        ("partner_id", "=", partner.id),
                        ("project_id", "=", product.share_project_id.id),
                        ("share_product_id", "!=", product.id),
                    ]
                )
            )
            if other:
                errors["share_product_id"] = _(
                    "You already hold another share type of this project: "
                    "members hold one share type only."
                )

    @api.model
    def _get_held_value(self, partner, product, exclude=None, values=None):
        """Value of the shares of ``product`` held or requested by ``partner``
        (the request ``exclude`` aside). Without a partner, the pending
        requests of the same e-mail (people) or register number (companies)
        count: several requests of a newcomer add up too."""
        lines = []
        if partner:
            lines = (
                self.env["rea.share.line"]
                .sudo()
                .read_group(
                    [
                        ("partner_id", "=", partner.id),
                        ("share_product_id", "=", product.id),
                    ],
                    ["total_amount"],
                    [],
                )
            )
            owner_domain = [("partner_id", "=", partner.id)]
        else:
            owner_domain = self._get_newcomer_domain(values or {})
            if not owner_domain:
                return 0.0
        requests = self.sudo().read_group(
            owner_domain
            + [
                ("share_product_id", "=", product.id),
                ("state", "in", PENDING_STATES),
                ("id", "!=", exclude or 0),
            ],
            ["subscription_amount"],
            [],
        )
        held = lines[0]["total_amount"] if lines else 0.0
        requested = requests[0]["subscription_amount"] if requests else 0.0
        return (held or 0.0) + (requested or 0.0)

    @api.model
    def _get_newcomer_domain(self, values):
        """Requests of an agent not known yet: same register number for a
        company, same e-mail for a person (both stored normalized)."""
        if values.get("is_company"):
            number = self.normalize_register_number(
                values.get("company_register_number")
            )
            return number and [
                ("is_company", "=", True),
                ("company_register_number", "=", number),
            ]
        email = self.normalize_email(values.get("email"))
        return email and [("is_company", "=", False), ("email", "=", email)]

    @api.model
    def _check_birthdate(self, values, errors):
        birthdate = values.get("birthdate")
        if not birthdate or values.get("is_company"):
            return
        try:
            born = fields.Date.from_string(birthdate)
        except (TypeError, ValueError):
            errors["birthdate"] = _("Give the date of birth as YYYY-MM-DD.")
            return
        today = fields.Date.from_string(fields.Date.context_today(self))
        if born > today:
            errors["birthdate"] = _("The date of birth is in the future.")
            return
        min_age = self._get_company(values).share_min_age
        if min_age and self._age(born, today) < min_age:
            errors["birthdate"] = _("Members must be at least %s years old.") % min_age

    @api.model
    def _age(self, born, today):
        return (
            today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        )

    @api.model
    def _check_id_document(self, values, errors):
        document = values.get("id_document")
        if not document or "id_document" in errors:
            return
        try:
            base64.b64decode(document, validate=True)
        except (binascii.Error, TypeError, ValueError):
            errors["id_document"] = _("The ID document could not be read.")

    @api.model
    def apply_form_settings(self, values):
        """Website values the company's settings decide, whatever was posted:
        without number of shares, the minimum quantity of the share type;
        without the referral question, no referral source."""
        values = dict(values)
        company = self._get_company(values)
        if company.share_hide_quantity:
            product_id = values.get("share_product_id")
            product = self.env["product.product"].sudo()
            if isinstance(product_id, int) and not isinstance(product_id, bool):
                product = product.browse(product_id).exists()
            values["quantity"] = max(product.share_min_quantity, 1)
        if not company.is_share_referral_shown():
            values.pop("referral_source_id", None)
        return values

    @api.model
    def create_from_form(self, values):
        """Create a request from a website form; raises ValidationError with
        every message when a check fails (and then creates nothing)."""
        values = {k: v for k, v in (values or {}).items() if k in FORM_FIELDS}
        values = self.apply_form_settings(values)
        errors = self.check_values(values)
        if errors:
            raise ValidationError("\n".join(sorted(set(errors.values()))))
        vals = dict(values, source="website")
        for key, value in list(vals.items()):
            if isinstance(value, str):
                vals[key] = value.strip()
        vals["company_id"] = self._get_company(values).id
        with self.env.cr.savepoint():
            request = self.sudo().create(vals)
        return request

    # State machine ---------------------------------------------------------

    @api.multi
    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    _("Cannot %(action)s the request %(name)s in state '%(state)s'.")
                    % {
                        "action": action,
                        "name": request.name,
                        "state": dict(STATES)[request.state],
                    }
                )

    @api.multi
    def action_validate(self):
        """Validate: create the member's agent and the capital release
        invoice, and send it."""
        self._check_state(("draft", "waiting"), _("validate"))
        for request in self:
            errors = request.check_values(request._get_check_values(), as_staff=True)
            if errors:
                raise ValidationError(
                    _("The request %(name)s cannot be validated:\n%(errors)s")
                    % {
                        "name": request.name,
                        "errors": "\n".join(sorted(set(errors.values()))),
                    }
                )
            req = request.sudo()
            # The member and the new state in one write: what depends on
            # them (the member's candidate flag) is recomputed once. A
            # failure below undoes the whole validation.
            req._ensure_partner(
                {"state": "done", "validation_date": fields.Date.context_today(req)}
            )
            invoice = req._create_capital_release_invoice()
            req.write({"invoice_id": invoice.id})
            req._send_capital_release_mail()
        return True

    @api.multi
    def _get_check_values(self):
        """The request's values in the shape ``check_values`` reads."""
        self.ensure_one()
        values = {}
        request = self.sudo()
        for name in FORM_FIELDS + ("skip_iban_check", "company_id"):
            field = self._fields[name]
            value = request[name]
            if field.type == "many2one":
                value = value.id
            values[name] = value
        # A request counts itself among the pending ones: do not count twice.
        values["_exclude_request"] = self.id
        return values

    @api.multi
    def action_put_on_waiting_list(self):
        self._check_state(("draft",), _("put on the waiting list"))
        self.write({"state": "waiting"})
        for request in self:
            request._send_mail("waiting_list")
        return True

    @api.multi
    def action_block(self):
        self._check_state(("draft",), _("block"))
        return self.write({"state": "blocked"})

    @api.multi
    def action_unblock(self):
        self._check_state(("blocked",), _("unblock"))
        return self.write({"state": "draft"})

    @api.multi
    def action_cancel(self):
        self._check_state(("draft", "waiting", "blocked", "done"), _("cancel"))
        for request in self:
            invoice = request.sudo().invoice_id
            if invoice.state == "open" and not invoice.payment_move_line_ids:
                journal = invoice.journal_id
                # account_cancel guards posted entries of journals that do
                # not allow cancelling; an unpaid capital release may go.
                if "update_posted" in journal._fields and not journal.update_posted:
                    journal.update_posted = True
                invoice.action_invoice_cancel()
            request._cancel_exchange()
        return self.write({"state": "cancelled"})

    @api.multi
    def action_draft(self):
        """A cancelled request without invoice can start again."""
        self._check_state(("cancelled",), _("reset to draft"))
        if self.filtered("invoice_id"):
            raise UserError(
                _("A request with a capital release request cannot go back to draft.")
            )
        return self.write({"state": "draft"})

    @api.multi
    def action_view_invoice(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action.update(
            {
                "res_id": self.invoice_id.id,
                "views": [(self.env.ref("account.invoice_form").id, "form")],
                "view_mode": "form",
                "domain": [("id", "=", self.invoice_id.id)],
            }
        )
        return action

    @api.multi
    def action_open_payment_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "rea.subscription.payment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    # Agents -------------------------------------------------------------------

    @api.multi
    def _prepare_partner_vals(self):
        self.ensure_one()
        vals = {
            "name": " ".join(p for p in (self.firstname, self.lastname) if p),
            "email": self.email,
            "phone": self.phone,
            "street": self.street,
            "zip": self.zip_code,
            "city": self.city,
            "country_id": self.country_id.id,
            "lang": self.lang,
            "birthdate_date": self.birthdate,
            "gender": self.gender,
            "agent_type": "individual",
            "customer": True,
        }
        if self.is_company:
            vals.update(
                {
                    "name": self.company_name,
                    "email": self.company_email,
                    "company_register_number": self.company_register_number,
                    "legal_form": self.legal_form,
                    "is_company": True,
                    "birthdate_date": False,
                    "gender": False,
                    "agent_type": "organization",
                }
            )
        return vals

    @api.multi
    def _prepare_representative_vals(self, company):
        self.ensure_one()
        return {
            "name": " ".join(p for p in (self.firstname, self.lastname) if p),
            "email": self.email,
            "phone": self.phone,
            "function": self.representative_function,
            "parent_id": company.id,
            "type": "contact",
            "lang": self.lang,
            "agent_type": "individual",
        }

    @api.multi
    def _ensure_partner(self, vals=None):
        """The member's agent: the matched one or a new one (a company gets
        its legal representative as contact); the IBAN becomes a bank
        account. ``vals`` are written on the request with the agent."""
        self.ensure_one()
        partner = self.partner_id or self.find_partner(self._get_check_values())
        if not partner:
            partner = self.env["res.partner"].create(self._prepare_partner_vals())
        self._copy_legal_form(partner)
        vals = dict(vals or {}, partner_id=partner.id)
        if self.is_company:
            representative = partner.child_ids.filtered(
                lambda c: self.email and self.normalize_email(c.email) == self.email
            )[:1]
            if not representative:
                representative = self.env["res.partner"].create(
                    self._prepare_representative_vals(partner)
                )
            vals["representative_id"] = representative.id
        self.write(vals)
        self._ensure_bank_account()
        return partner

    @api.multi
    def _copy_legal_form(self, partner):
        """A known company without legal form gets the request's."""
        self.ensure_one()
        if self.is_company and self.legal_form and not partner.legal_form:
            partner.write({"legal_form": self.legal_form})

    @api.multi
    def _ensure_bank_account(self):
        self.ensure_one()
        if not self.iban:
            return
        bank_model = self.env["res.partner.bank"]
        acc_number = normalize_iban(self.iban).upper()
        existing = bank_model.search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("sanitized_acc_number", "=", acc_number),
            ],
            limit=1,
        )
        if existing:
            return
        if bank_model.search_count([("sanitized_acc_number", "=", acc_number)]):
            # Odoo keeps account numbers unique: note it instead.
            self.message_post(
                body=_("The IBAN %s already belongs to another contact.") % self.iban
            )
            return
        try:
            with self.env.cr.savepoint():
                bank_model.create(
                    {"acc_number": acc_number, "partner_id": self.partner_id.id}
                )
        except ValidationError:
            # Staff skipped the IBAN check: keep the request, note the problem.
            self.message_post(
                body=_("The IBAN %s was not stored: invalid.") % self.iban
            )

    # Capital release invoice ----------------------------------------------------

    @api.multi
    def _prepare_invoice_vals(self):
        self.ensure_one()
        company = self.company_id
        journal = company.get_share_journal()
        if not company.share_receivable_account_id or not journal:
            raise UserError(
                _(
                    "Set the cooperator account and the capital release journal "
                    "of %s first (Cooperative > Configuration > Settings)."
                )
                % company.name
            )
        product = self.share_product_id
        account = product.product_tmpl_id.get_share_equity_account(company)
        if not account:
            raise UserError(
                _("Set the share capital account of %s first.") % company.name
            )
        return {
            "partner_id": self.partner_id.id,
            "type": "out_invoice",
            "journal_id": journal.id,
            "account_id": company.share_receivable_account_id.id,
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "payment_term_id": company.share_payment_term_id.id,
            "fiscal_position_id": False,
            "partner_bank_id": False,
            "date_invoice": (
                company.share_release_date or fields.Date.context_today(self)
            ),
            "origin": self.name,
            "is_capital_release": True,
            "subscription_request_id": self.id,
            "rea_exchange_id": self.exchange_id.id,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product.id,
                        "name": product.display_name,
                        "quantity": self.quantity,
                        "price_unit": self.share_unit_price,
                        "uom_id": product.uom_id.id,
                        "account_id": account.id,
                        "invoice_line_tax_ids": [(6, 0, [])],
                    },
                )
            ],
        }

    @api.multi
    def _create_capital_release_invoice(self):
        self.ensure_one()
        self._create_exchange()
        invoice = self.env["account.invoice"].create(self._prepare_invoice_vals())
        invoice.action_invoice_open()
        return invoice

    @api.multi
    def _send_capital_release_mail(self):
        for request in self:
            company = request.company_id
            if company.share_mail_capital_release:
                template = company.get_share_mail_template("capital_release")
                template.sudo().send_mail(request.invoice_id.id)
        return True

    # REA exchange ----------------------------------------------------------

    @api.model
    def _get_exchange_type(self):
        return self.env.ref("rea_exchanges.exchange_type_share_purchase_fiat")

    @api.multi
    def _create_exchange(self):
        """The share purchase in REA terms: shares project→member, money
        member→project; the invoice payment records the money, the paid flow
        the shares."""
        self.ensure_one()
        if self.exchange_id:
            return self.exchange_id
        exchange_type = self._get_exchange_type()
        share_type = self.share_product_id.product_tmpl_id
        # The exchange's stored values are computed once, with its transfers.
        with self.env.norecompute():
            exchange = (
                self.env["rea.exchange"]
                .sudo()
                .create(
                    {
                        "exchange_type_id": exchange_type.id,
                        "context_id": self.project_id.partner_id.id,
                        "provider_id": self.project_id.partner_id.id,
                        "receiver_id": self.partner_id.id,
                        "note": _("Subscription request %s") % self.name,
                    }
                )
            )
            exchange.add_transfers(
                [
                    (transfer_type, None if transfer_type.is_currency else share_type)
                    for transfer_type in exchange_type.transfer_type_ids
                ]
            )
        if self.env.recompute and self.env.context.get("recompute", True):
            exchange.recompute()
        self.exchange_id = exchange
        return exchange

    @api.multi
    def _get_share_transfer(self):
        self.ensure_one()
        return self.exchange_id.transfer_ids.filtered(lambda t: not t.is_currency)[:1]

    @api.multi
    def _record_shares_event(self, effective_date):
        """Shares project→member into the member's share account."""
        self.ensure_one()
        transfer = self._get_share_transfer()
        if not transfer:
            return self.project_id.partner_id._record_share_event(
                self.partner_id,
                self.share_product_id,
                self.quantity,
                date=effective_date,
                note=self.name,
            )
        return transfer.sudo().record_event(
            self.quantity, date=effective_date, note=_("Shares of %s") % self.name
        )

    @api.multi
    def _cancel_exchange(self):
        for request in self.sudo().filtered("exchange_id"):
            if request.exchange_id.state != "cancelled":
                request.exchange_id.action_cancel()

    # Payment ------------------------------------------------------------------

    @api.multi
    def _lock(self):
        """Row lock held until the transaction ends: concurrent payment
        confirmations of one request run one after the other."""
        # A concurrent confirmation that committed first makes this one fail
        # to serialize: expected, Odoo retries the call, which then sees the
        # request paid. Not logged as a bad query.
        self.env.cr.execute(
            "SELECT id FROM rea_subscription_request WHERE id IN %s FOR UPDATE",
            (tuple(self.ids),),
            log_exceptions=False,
        )
        self.invalidate_cache(["state"], self.ids)

    @api.multi
    def _on_capital_release_paid(self, invoice):
        """The capital release invoice is settled: by payments, the member
        gets the shares; by a refund, the request is cancelled."""
        self.ensure_one()
        self._lock()
        if self.state != "done":
            return False
        lines = invoice.payment_move_line_ids
        refunds = lines.filtered(lambda line: line.invoice_id.type == "out_refund")
        if refunds:
            self._cancel_by_refund(invoice)
            return False
        payment_date = (
            max(lines.mapped("date")) if lines else fields.Date.context_today(self)
        )
        self._make_effective(payment_date)
        return True

    @api.multi
    def _cancel_by_refund(self, invoice):
        self.ensure_one()
        if self.exchange_id:
            self.exchange_id.sudo().cancel_invoice_payment(invoice)
        self._cancel_exchange()
        self.write({"state": "cancelled"})
        self.message_post(body=_("The capital release request was refunded."))

    @api.multi
    def _make_effective(self, payment_date):
        """Shares, register, membership, REA events, e-mails, portal user."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        project = self.project_id
        was_member = bool(
            self.env["rea.share.line"]
            .sudo()
            .search_count(
                [("partner_id", "=", partner.id), ("project_id", "=", project.id)]
            )
        )
        partner._ensure_cooperator_number(self.company_id)
        partner._set_project_membership(project, payment_date)
        # The events first: the share line is created linked to them.
        events = self._record_shares_event(payment_date)
        partner._add_share_lines(
            self.share_product_id,
            self.quantity,
            payment_date,
            unit_price=self.share_unit_price,
            company=self.company_id,
            rea_events=events,
        )
        self.env["rea.share.register"]._append_line(
            {
                "type": "subscription",
                "date": payment_date,
                "partner_id": partner.id,
                "project_id": project.id,
                "share_product_id": self.share_product_id.id,
                "quantity": self.quantity,
                "share_unit_price": self.share_unit_price,
                "subscription_request_id": self.id,
                "company_id": self.company_id.id,
            }
        )
        self.write({"state": "paid", "payment_date": payment_date})
        self._accept_join_requests()
        self._send_certificate_mail(increase=was_member)
        if self.company_id.share_create_portal_user:
            self._ensure_portal_user()
        return True

    @api.multi
    def _accept_join_requests(self):
        """Join requests of a 'shares' project are accepted once paid."""
        self.ensure_one()
        join_requests = (
            self.env["rea.join.request"]
            .sudo()
            .search(
                [
                    ("project_id", "=", self.project_id.id),
                    ("state", "in", ("new", "confirmed", "pending")),
                    "|",
                    ("id", "=", self.join_request_id.id),
                    ("email", "=", self.email or "-"),
                ]
            )
        )
        for join_request in join_requests:
            if not join_request.partner_id:
                join_request.partner_id = self.partner_id
            if not join_request.payment_ref:
                join_request.payment_ref = "%s,%s" % (self._name, self.id)
            join_request.action_accept()
        return join_requests

    @api.multi
    def _ensure_portal_user(self):
        """A portal user invited to choose a password (auth_signup); none is
        ever chosen for them."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        users = partner.with_context(active_test=False).user_ids
        if users:
            if not users.filtered("active"):
                users[:1].active = True
            return users[:1]
        login = partner.email
        if not login or self.env["res.users"].sudo().with_context(
            active_test=False
        ).search_count([("login", "=ilike", login)]):
            return self.env["res.users"]
        user = (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True)
            .create(
                {
                    "partner_id": partner.id,
                    "login": login,
                    "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
                }
            )
        )
        self.env["rea.join.request"]._send_invitation(user)
        return user

    # E-mails ----------------------------------------------------------------

    @api.multi
    def _send_mail(self, kind):
        """Send the e-mail ``kind`` (confirmation, waiting_list) when the
        company sends it; a company's request gets the company variant of
        the confirmation."""
        for request in self:
            company = request.company_id
            if not company["share_mail_%s" % kind]:
                continue
            template_kind = kind
            if kind == "confirmation" and request.is_company:
                template_kind = "confirmation_company"
            template = company.get_share_mail_template(template_kind)
            template.sudo().send_mail(request.id)
        return True

    @api.multi
    def _send_certificate_mail(self, increase=False):
        self.ensure_one()
        company = self.company_id
        if increase:
            if not company.share_mail_increase:
                return False
            template = company.get_share_mail_template("increase")
        else:
            if not company.share_mail_certificate:
                return False
            # The share type's own certificate beats the company's choice.
            template = self.share_product_id.share_certificate_template_id or (
                company.get_share_mail_template("certificate")
            )
        return template.sudo().send_mail(self.partner_id.id)

    @api.multi
    def _demo_validate_and_pay(self):
        """Demo data: validate and pay by bank, as a coordinator would."""
        self.action_validate()
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
            limit=1,
        )
        for request in self:
            self.env["rea.subscription.payment"].create(
                {
                    "request_id": request.id,
                    "journal_id": journal.id,
                    "amount": request.invoice_id.residual,
                    "reference": request.invoice_id.number,
                }
            ).action_confirm()
        return True
