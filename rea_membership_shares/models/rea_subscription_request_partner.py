# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import ValidationError

from odoo.addons.base_iban.models.res_partner_bank import normalize_iban


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaSubscriptionRequest(models.Model):
    """The member's agent: matched or created at validation (a company with
    its legal representative), its bank account and portal user."""

    _inherit = "rea.subscription.request"

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
