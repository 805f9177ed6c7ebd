# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.portal.controllers.portal import pager as portal_pager

CERTIFICATE_REPORT = "rea_membership_shares.action_report_share_certificate"
CAPITAL_RELEASE_REPORT = "rea_membership_shares.action_report_capital_release"


class SharePortal(PortalAccount):
    """/my/shares and /my/capital_release_requests: a member's own data.

    Records are read with sudo and an explicit domain on the logged user's
    commercial partner, so that internal users also see only their own.
    """

    def _share_partner(self):
        return request.env.user.partner_id.commercial_partner_id.sudo()

    def _shares_enabled(self):
        return self._share_partner().rea_service_enabled("shares")

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

    def _pending_subscriptions(self, partner):
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
            )
        )

    def _share_operations(self, partner):
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
        if not self._shares_enabled() or not partner.is_cooperator or not report:
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
        if not self._shares_enabled():
            raise NotFound()
        invoice_model = request.env["account.invoice"].sudo()
        domain = self._capital_release_domain()
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
        """The member's own capital release request, or 404."""
        if not self._shares_enabled():
            raise NotFound()
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
