# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_partner import GENDERS


class ReaSubscriptionCreate(models.TransientModel):
    """Office subscription for a known partner (button on its form).

    The request is built from the partner's data completed here, gets the
    source 'manual' and its type (new/increase) like any other request, and
    passes the same checks (``check_values`` as staff).
    """

    _name = "rea.subscription.create"
    _description = "Create a subscription request for a partner"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade"
    )
    is_company = fields.Boolean(related="partner_id.is_company", readonly=True)
    project_id = fields.Many2one("rea.project", required=True, ondelete="cascade")
    share_product_id = fields.Many2one(
        "product.product",
        string="Share type",
        required=True,
        ondelete="cascade",
        domain="[('is_share', '=', True), ('share_project_id', '=', project_id)]",
    )
    quantity = fields.Integer(string="Number of shares", required=True, default=1)
    date = fields.Date(
        string="Request date", required=True, default=fields.Date.context_today
    )
    firstname = fields.Char(string="First name")
    lastname = fields.Char(string="Last name")
    email = fields.Char(
        string="E-mail", help="For a company: the legal representative's e-mail."
    )
    birthdate = fields.Date(string="Date of birth")
    gender = fields.Selection(GENDERS)
    iban = fields.Char(string="Bank account (IBAN)")
    skip_iban_check = fields.Boolean(string="Skip IBAN check")
    company_register_number = fields.Char()
    representative_function = fields.Char(string="Function of the representative")
    validate = fields.Boolean(
        string="Validate at once",
        help="Validate the request now: the capital release request is sent.",
    )

    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        context = self.env.context
        if not result.get("partner_id") and context.get("active_model") == (
            "res.partner"
        ):
            result["partner_id"] = context.get("active_id")
        partner = self.env["res.partner"].browse(result.get("partner_id"))
        if partner.exists():
            for key, value in self._partner_defaults(partner).items():
                if key in fields_list and not result.get(key):
                    result[key] = value
        return result

    @api.model
    def _partner_defaults(self, partner):
        """What the partner already tells about the request."""
        person = partner
        values = {}
        if partner.is_company:
            person = partner.child_ids.filtered("email")[:1]
            values.update(
                {
                    "company_register_number": partner.company_register_number,
                    "representative_function": person.function,
                }
            )
        else:
            values.update(
                {"birthdate": partner.birthdate_date, "gender": partner.gender}
            )
        names = (person.name or "").split(" ", 1)
        values.update(
            {
                "firstname": names[0] if person else False,
                "lastname": names[1] if len(names) > 1 else False,
                "email": person.email,
                "iban": partner.commercial_partner_id.bank_ids[:1].acc_number,
            }
        )
        return {key: value for key, value in values.items() if value}

    @api.onchange("project_id")
    def _onchange_project_id(self):
        if self.share_product_id.share_project_id != self.project_id:
            self.share_product_id = self.env["product.product"].search(
                [
                    ("is_share", "=", True),
                    ("share_project_id", "=", self.project_id.id),
                ],
                order="share_default desc, list_price, id",
                limit=1,
            )

    @api.onchange("share_product_id")
    def _onchange_share_product_id(self):
        minimum = self.share_product_id.share_min_quantity
        if self.share_product_id and self.quantity < minimum:
            self.quantity = minimum

    @api.multi
    def _prepare_request_values(self):
        """Values of the request, in the shape ``check_values`` reads."""
        self.ensure_one()
        partner = self.partner_id
        Request = self.env["rea.subscription.request"]
        values = {
            "partner_id": partner.id,
            "source": "manual",
            "date": self.date,
            "project_id": self.project_id.id,
            "share_product_id": self.share_product_id.id,
            "quantity": self.quantity,
            "is_company": partner.is_company,
            "firstname": self.firstname,
            "lastname": self.lastname,
            "email": self.email,
            "phone": partner.phone or partner.mobile,
            "street": partner.street,
            "zip_code": partner.zip,
            "city": partner.city,
            "country_id": partner.country_id.id,
            "lang": partner.lang,
            "iban": self.iban,
            "skip_iban_check": self.skip_iban_check,
        }
        if partner.is_company:
            values.update(
                {
                    "company_name": partner.name,
                    "company_email": partner.email,
                    "company_register_number": self.company_register_number,
                    "representative_function": self.representative_function,
                    "legal_form": partner.legal_form,
                }
            )
        else:
            values.update({"birthdate": self.birthdate, "gender": self.gender})
        values["company_id"] = Request._get_company(values).id
        return {
            key: value.strip() if isinstance(value, str) else value
            for key, value in values.items()
        }

    @api.multi
    def action_create(self):
        """Create the request (and validate it when asked); opens it."""
        self.ensure_one()
        Request = self.env["rea.subscription.request"]
        # Access first: the values check below would tell a caller who may
        # not create the request what is wrong with it.
        Request._check_can_request_for(self.project_id)
        values = self._prepare_request_values()
        errors = Request.check_values(values, as_staff=True)
        if errors:
            raise ValidationError(
                _("The subscription request cannot be created:\n%s")
                % "\n".join(sorted(set(errors.values())))
            )
        # Nothing stays behind when the validation fails.
        with self.env.cr.savepoint():
            request = Request.create(values)
            if self.validate:
                request.action_validate()
        return {
            "type": "ir.actions.act_window",
            "res_model": request._name,
            "res_id": request.id,
            "view_mode": "form",
            "target": "current",
        }
