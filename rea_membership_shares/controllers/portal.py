# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.base_iban.models.res_partner_bank import normalize_iban
from odoo.addons.portal.controllers.portal import pager as portal_pager

CERTIFICATE_REPORT = "rea_membership_shares.action_report_share_certificate"
CAPITAL_RELEASE_REPORT = "rea_membership_shares.action_report_capital_release"
# What cooperators also keep up to date on /my/account: form field name ->
# subscription request field whose checks apply. Prefixed: the page's
# rendering values already have a "lang".
COOPERATOR_ACCOUNT_FIELDS = {
    "cooperator_iban": "iban",
    "cooperator_birthdate": "birthdate",
    "cooperator_gender": "gender",
    "cooperator_lang": "lang",
}


class SharePortal(PortalAccount):
    """/my/shares and /my/capital_release_requests: a member's own data.

    Records are read with sudo and an explicit domain on the logged user's
    commercial partner, so that internal users also see only their own.
    """

    def _share_partner(self):
        return request.env.user.partner_id.commercial_partner_id.sudo()

    def _shares_offered(self):
        """Whether the member's projects offer the shares service: it decides
        which pages and menus are offered, never whether a member may see
        and pay what is hers (see ``_shares_enabled``)."""
        return self._share_partner().rea_service_enabled("shares")

    def _has_own_share_records(self):
        """Whether the member has anything of her own on the share pages:
        shares held or once held, requests, capital release invoices,
        operations."""
        partner = self._share_partner()
        if partner.is_cooperator or partner.is_former_member:
            return True
        if partner.is_cooperator_candidate:
            return True
        env = request.env
        return bool(
            env["account.invoice"].sudo().search_count(self._capital_release_domain())
            or self._pending_subscriptions(partner, count=True)
            or self._share_operations(partner, count=True)
        )

    def _shares_enabled(self):
        """Whether the share pages are there for the logged member: offered
        by her projects, or holding her own records."""
        return self._shares_offered() or self._has_own_share_records()

    def _capital_release_domain(self):
        return [
            ("is_capital_release", "=", True),
            ("type", "=", "out_invoice"),
            ("commercial_partner_id", "=", self._share_partner().id),
            ("state", "in", ("open", "paid", "cancel")),
        ]

    def _get_account_invoice_domain(self):
        # Capital release requests have their own portal page.
        domain = super()._get_account_invoice_domain()
        return domain + [("is_capital_release", "=", False)]

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        enabled = self._shares_enabled()
        values["rea_shares_enabled"] = enabled
        if enabled:
            partner = self._share_partner()
            values["rea_share_count"] = partner.share_count
            values["rea_capital_release_count"] = (
                request.env["account.invoice"]
                .sudo()
                .search_count(self._capital_release_domain())
            )
        return values

    # /my/account: cooperators' own data -------------------------------------

    def _is_account_cooperator(self):
        """People holding shares or waiting to: they also keep their IBAN,
        date of birth, gender and language up to date (companies have no
        birthdate nor gender; they keep IBAN and language)."""
        partner = self._share_partner()
        return partner.is_cooperator or partner.is_cooperator_candidate

    def _cooperator_account_required(self):
        partner = self._share_partner()
        required = ["cooperator_lang"]
        if not partner.is_company:
            required += ["cooperator_birthdate", "cooperator_gender"]
        if request.env.user.company_id.sudo().share_iban_required:
            required.append("cooperator_iban")
        return required

    def _cooperator_account_validate(self, data):
        """``{field: message}`` for the cooperator fields of /my/account,
        with the checks of the subscription form."""
        errors = {}
        labels = {
            "cooperator_iban": _("Bank account (IBAN)"),
            "cooperator_birthdate": _("Date of birth"),
            "cooperator_gender": _("Gender"),
            "cooperator_lang": _("Language"),
        }
        for name in self._cooperator_account_required():
            if not (data.get(name) or "").strip():
                errors[name] = _("%s is required.") % labels[name]
        values = {
            checked: (data.get(name) or "").strip() or False
            for name, checked in COOPERATOR_ACCOUNT_FIELDS.items()
        }
        values["is_company"] = self._share_partner().is_company
        Request = request.env["rea.subscription.request"].sudo()
        found = {}
        Request._check_iban(values, found, as_staff=False)
        Request._check_birthdate(values, found)
        Request._check_references(values, found)
        for name, checked in COOPERATOR_ACCOUNT_FIELDS.items():
            if checked in found:
                errors.setdefault(name, found[checked])
        if values["iban"] and "cooperator_iban" not in errors:
            self._check_iban_owner(values["iban"], errors)
        return errors

    def _check_iban_owner(self, iban, errors):
        # Odoo keeps account numbers unique: someone else's is refused here
        # rather than failing when it is stored.
        commercial = self._share_partner()
        if (
            request.env["res.partner.bank"]
            .sudo()
            .search_count(
                [
                    ("sanitized_acc_number", "=", normalize_iban(iban).upper()),
                    (
                        "partner_id",
                        "not in",
                        commercial.search([("id", "child_of", commercial.id)]).ids,
                    ),
                ]
            )
        ):
            errors["cooperator_iban"] = _(
                "This bank account belongs to another contact: please contact us."
            )

    def details_form_validate(self, data):
        if not self._is_account_cooperator():
            return super().details_form_validate(data)
        # portal refuses fields it does not know: check ours apart.
        extra = {key: data.pop(key) for key in COOPERATOR_ACCOUNT_FIELDS if key in data}
        error, error_message = super().details_form_validate(data)
        data.update(extra)
        for name, message in self._cooperator_account_validate(data).items():
            error[name] = "error"
            error_message.append(message)
        return error, error_message

    def _cooperator_account_write(self, data):
        partner = request.env.user.partner_id.sudo()
        vals = {"lang": data.get("cooperator_lang") or partner.lang}
        if not partner.is_company:
            vals.update(
                {
                    "birthdate_date": data.get("cooperator_birthdate") or False,
                    "gender": data.get("cooperator_gender") or False,
                }
            )
        partner.write(vals)
        iban = (data.get("cooperator_iban") or "").strip()
        if not iban:
            return
        acc_number = normalize_iban(iban).upper()
        commercial = partner.commercial_partner_id
        Bank = request.env["res.partner.bank"].sudo()
        if Bank.search_count(
            [
                ("partner_id", "child_of", commercial.id),
                ("sanitized_acc_number", "=", acc_number),
            ]
        ):
            return
        Bank.create({"acc_number": acc_number, "partner_id": commercial.id})

    def _cooperator_account_values(self):
        partner = request.env.user.partner_id.sudo()
        # The account given last is the one shown.
        bank = partner.commercial_partner_id.bank_ids.sorted("id", reverse=True)[:1]
        return {
            "rea_cooperator_account": True,
            "rea_cooperator_required": self._cooperator_account_required(),
            "rea_partner_iban": bank.acc_number or "",
            "rea_partner_birthdate": partner.birthdate_date or "",
            "rea_partner_gender": partner.gender or "",
            "rea_partner_lang": partner.lang or "",
            "rea_genders": request.env["res.partner"]._fields["gender"].selection,
            "rea_langs": request.env["rea.subscription.request"]
            .sudo()
            ._selection_lang(),
        }

    @http.route()
    def account(self, redirect=None, **post):
        cooperator = self._is_account_cooperator()
        response = super().account(redirect=redirect, **post)
        if not cooperator:
            return response
        if post and response.status_code in (301, 302, 303):
            # portal accepted the form (it only redirects then).
            self._cooperator_account_write(post)
        elif hasattr(response, "qcontext"):
            response.qcontext.update(self._cooperator_account_values())
        return response

    def _share_registers(self, partner):
        return (
            request.env["rea.share.register"]
            .sudo()
            .search(
                [
                    "|",
                    ("partner_id", "=", partner.id),
                    ("partner_to_id", "=", partner.id),
                ],
                order="date desc, id desc",
            )
        )

    def _pending_subscriptions(self, partner, count=False):
        """The member's subscription requests not paid nor cancelled yet
        (those made inside a share operation belong to that operation)."""
        return (
            request.env["rea.subscription.request"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("state", "in", ("draft", "waiting", "blocked", "done")),
                    ("source", "!=", "operation"),
                ],
                order="date desc, id desc",
                count=count,
            )
        )

    def _share_operations(self, partner, count=False):
        """Transfers, sell-backs and conversions the member gives or receives."""
        return (
            request.env["rea.share.operation"]
            .sudo()
            .search(
                [
                    "|",
                    ("partner_id", "=", partner.id),
                    ("receiver_id", "=", partner.id),
                ],
                order="request_date desc, id desc",
                count=count,
            )
        )

    @http.route(["/my/shares"], type="http", auth="user", website=True)
    def portal_my_shares(self, **kw):
        if not self._shares_enabled():
            raise NotFound()
        partner = self._share_partner()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "rea_shares",
                "partner": partner,
                "holdings": partner.get_share_holdings(),
                "registers": self._share_registers(partner),
                "subscriptions": self._pending_subscriptions(partner),
                "operations": self._share_operations(partner),
                "has_certificate": bool(
                    partner.is_cooperator
                    and request.env.ref(CERTIFICATE_REPORT, raise_if_not_found=False)
                ),
            }
        )
        return request.render("rea_membership_shares.portal_my_shares", values)

    @http.route(["/my/shares/certificate"], type="http", auth="user", website=True)
    def portal_my_share_certificate(self, **kw):
        partner = self._share_partner()
        report = request.env.ref(CERTIFICATE_REPORT, raise_if_not_found=False)
        # Her shares are hers whatever her projects offer.
        if not partner.is_cooperator or not report:
            raise NotFound()
        return self._pdf_response(report, partner, "certificate")

    def _pdf_response(self, report, record, name):
        # sudo: the report reads company, products and accounts.
        pdf = report.sudo().render_qweb_pdf([record.id])[0]
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", 'inline; filename="%s.pdf"' % name),
            ],
        )

    @http.route(
        [
            "/my/capital_release_requests",
            "/my/capital_release_requests/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_capital_release_requests(self, page=1, **kw):
        invoice_model = request.env["account.invoice"].sudo()
        domain = self._capital_release_domain()
        if not self._shares_offered() and not invoice_model.search_count(domain):
            raise NotFound()
        pager = portal_pager(
            url="/my/capital_release_requests",
            total=invoice_model.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "invoices": invoice_model.search(
                    domain,
                    order="date_invoice desc, id desc",
                    limit=self._items_per_page,
                    offset=pager["offset"],
                ),
                "pager": pager,
                "page_name": "rea_capital_release",
            }
        )
        return request.render(
            "rea_membership_shares.portal_my_capital_release_requests", values
        )

    def _get_capital_release(self, invoice_id):
        """The member's own capital release request, or 404. Whatever her
        projects offer: she may always see and pay what she owes."""
        invoice = (
            request.env["account.invoice"]
            .sudo()
            .search([("id", "=", invoice_id)] + self._capital_release_domain())
        )
        if not invoice:
            raise NotFound()
        return invoice

    def _payment_values(self, invoice):
        """The online payment form of account_payment, limited to the
        payment methods of the invoice's project."""
        subscription = invoice.subscription_request_id
        allowed = subscription.project_id.share_acquirer_ids
        inputs = request.env["payment.acquirer"]._get_available_payment_input(
            partner=request.env.user.partner_id, company=invoice.company_id
        )
        s2s_acquirers = inputs["s2s_acquirers"] & allowed
        return {
            "form_acquirers": inputs["form_acquirers"] & allowed,
            "s2s_acquirers": s2s_acquirers,
            "pms": inputs["pms"].filtered(
                lambda token: token.acquirer_id in s2s_acquirers
            ),
            "tx_ids": invoice.payment_tx_ids.filtered(
                lambda tx: tx.state in ("pending", "authorized", "done")
            ),
        }

    def _bank_accounts(self, invoice):
        journals = (
            request.env["account.journal"]
            .sudo()
            .search(
                [
                    ("type", "=", "bank"),
                    ("company_id", "=", invoice.company_id.id),
                    ("bank_account_id", "!=", False),
                ]
            )
        )
        return journals.mapped("bank_account_id")

    @http.route(
        ["/my/capital_release_requests/<int:invoice_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_capital_release_request(self, invoice_id, **kw):
        invoice = self._get_capital_release(invoice_id)
        subscription = invoice.subscription_request_id
        values = self._prepare_portal_layout_values()
        values.update(self._payment_values(invoice))
        values.update(
            {
                "page_name": "rea_capital_release_detail",
                # Not "invoice": account's breadcrumbs react to that name.
                "capital_release": invoice,
                "subscription": subscription,
                "acquirer": subscription.acquirer_id,
                "payment_reference": invoice.reference or invoice.number,
                "bank_accounts": self._bank_accounts(invoice),
                "partner_id": request.env.user.partner_id.id,
                "success": kw.get("success"),
                "error": kw.get("error"),
                "has_pdf": bool(
                    request.env.ref(CAPITAL_RELEASE_REPORT, raise_if_not_found=False)
                ),
            }
        )
        return request.render(
            "rea_membership_shares.portal_my_capital_release_request", values
        )

    @http.route(
        ["/my/capital_release_requests/<int:invoice_id>/pdf"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_capital_release_pdf(self, invoice_id, **kw):
        invoice = self._get_capital_release(invoice_id)
        report = request.env.ref(CAPITAL_RELEASE_REPORT, raise_if_not_found=False)
        if not report:
            raise NotFound()
        return self._pdf_response(
            report, invoice, (invoice.number or "capital_release").replace("/", "_")
        )
