# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base_iban.models.res_partner_bank import validate_iban

from ..formatting import format_shares
from .rea_subscription_request import (
    APPLICANT_KEY,
    APPROVALS,
    FORM_FIELDS,
    PENDING_STATES,
)

# The form field showing each rule of ``rea.share.ledger.get_eligibility_errors``.
ELIGIBILITY_FIELDS = {
    "audience": "share_product_id",
    "minimum": "quantity",
    "maximum": "quantity",
    "one_type": "share_product_id",
}


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaSubscriptionRequest(models.Model):
    """Checks of a request and the website API: ``check_values`` and its
    ``_check_*`` steps, the form settings, ``create_from_form``."""

    _inherit = "rea.subscription.request"

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
            if name == "quantity" and self._is_number(value):
                continue  # 0 is given, not missing: see _check_quantity
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
        if product:
            self._check_eligibility(values, product, errors)
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
        self._check_quantity(values, errors)

    @api.model
    def _is_number(self, value):
        return isinstance(value, int) and not isinstance(value, bool)

    @api.model
    def _get_minimum_quantity(self, values):
        """The fewest shares a request may ask: the share type's minimum
        when it is forced, else one."""
        product = (
            self.env["product.product"]
            .sudo()
            .browse(values.get("share_product_id") or [])
        )
        if isinstance(values.get("share_product_id"), int) and product.exists():
            if product.share_min_forced:
                return max(product.share_min_quantity, 1)
        return 1

    @api.model
    def _check_quantity(self, values, errors):
        quantity = values.get("quantity")
        if quantity in (None, "") or quantity is False:
            return  # missing: told by the required fields
        if not self._is_number(quantity):
            errors["quantity"] = _("Please enter a whole number of shares.")
            return
        # Fewer than the forced minimum but some: the eligibility rules say
        # it in their words.
        if quantity < 1:
            minimum = self._get_minimum_quantity(values)
            errors["quantity"] = _("The number of shares must be at least %s.") % (
                format_shares(self.env, minimum)
            )

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
        return product

    @api.model
    def _check_eligibility(self, values, product, errors):
        """Who may hold the share type, its forced minimum, its maximum value
        per member (pending requests included) and one share type per
        member: the share ledger's rules, in the words of the form."""
        quantity = values.get("quantity")
        if (
            "quantity" in errors
            or not isinstance(quantity, int)
            or isinstance(quantity, bool)
            or quantity <= 0
        ):
            quantity = 0  # the ledger then checks the audience only
        company = self._get_company(values)
        partner = self.env["res.partner"]
        pending = 0.0
        if quantity and (product.share_max_value or company.share_one_type_per_member):
            # The member is looked up only for the limits that need it.
            partner = self.find_partner(values)
            if product.share_max_value:
                pending = self._get_requested_value(
                    partner,
                    product,
                    exclude=values.get("_exclude_request"),
                    values=values,
                )
        for rule, message in self.env["rea.share.ledger"].get_eligibility_errors(
            partner,
            product,
            quantity,
            is_company=bool(values.get("is_company")),
            company=company,
            pending_value=pending,
            subscription=True,
        ):
            errors.setdefault(ELIGIBILITY_FIELDS[rule], message)

    @api.model
    def _get_requested_value(self, partner, product, exclude=None, values=None):
        """Value of the pending requests of shares of ``product`` by
        ``partner`` (the request ``exclude`` aside). Without a partner, the
        pending requests of the same e-mail (people) or register number
        (companies) count: several requests of a newcomer add up too."""
        if partner:
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
        return (requests[0]["subscription_amount"] if requests else 0.0) or 0.0

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
        # The applicant signs the request's messages (its creation), whoever
        # the website runs as.
        with self.env.cr.savepoint():
            request = self.with_context(**{APPLICANT_KEY: True}).sudo().create(vals)
        return request.with_context(**{APPLICANT_KEY: False})
