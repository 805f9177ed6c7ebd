# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.base_iban.models.res_partner_bank import normalize_iban

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
# Context keys naming who acts (a partner id; the applicant of a website
# request), kept when the code goes on as superuser: they sign the messages.
ACTOR_KEY = "rea_share_actor_id"
APPLICANT_KEY = "rea_share_by_applicant"
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

    This file: fields, creation and matching. The rest, by concern: checks
    and website API (``_checks``), state machine and e-mails
    (``_workflow``), the member's agent (``_partner``), capital release
    invoice, REA exchange and paid flow (``_payment``).
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
            "The number of shares must be at least 1.",
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
        return self.env["res.partner"].normalize_register_number(number)

    @api.model
    def find_partner(self, values):
        """The agent a request is for (``res.partner.find_cooperator``, as
        superuser: a visitor's request may match any agent)."""
        return self.env["res.partner"].sudo().find_cooperator(values)

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
            self.env["rea.share.ledger"].held(partner)
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
