# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaSubscriptionRequest(models.Model):
    """Capital release invoice, REA exchange and the paid flow: once the
    invoice is settled, the share ledger gives the shares."""

    _inherit = "rea.subscription.request"

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
            transfers = exchange.add_transfers(
                [
                    (
                        transfer_type,
                        (
                            self._get_money_resource_type(transfer_type)
                            if transfer_type.is_currency
                            else share_type
                        ),
                    )
                    for transfer_type in exchange_type.transfer_type_ids
                ]
            )
            self._add_exchange_commitments(transfers)
        if self.env.recompute and self.env.context.get("recompute", True):
            exchange.recompute()
        self.exchange_id = exchange
        return exchange

    @api.multi
    def _add_exchange_commitments(self, transfers):
        """What the validated request commits to: the shares to the member,
        their price (the capital release invoice's amount, in the company's
        currency) to the project. Without commitments the exchange would
        show as empty until paid and count in no committed balance; the
        payment and the paid flow fulfil them."""
        self.ensure_one()
        due = self._get_commitment_due()
        for transfer in transfers:
            quantity = (
                self.subscription_amount if transfer.is_currency else self.quantity
            )
            transfer.add_commitment(quantity, due=due)

    @api.multi
    def _get_commitment_due(self):
        """When the member owes the price: the capital release invoice's
        date once there is one, else the day it will bear."""
        self.ensure_one()
        return (
            self.invoice_id.date_invoice
            or self.company_id.share_release_date
            or fields.Date.context_today(self)
        )

    @api.model
    def _add_missing_exchange_commitments(self):
        """Plan the exchanges of requests validated before exchanges had
        commitments, as the validation does now; the payments and shares
        already recorded fulfil them. A transfer with commitments is left
        as it is: running it again changes nothing. Returns the requests
        completed."""
        requests = self.search(
            [("exchange_id", "!=", False), ("state", "in", ("done", "paid"))]
        )
        completed = self.browse()
        for request in requests:
            if request.exchange_id.state == "cancelled":
                continue
            transfers = request.exchange_id.transfer_ids.filtered(
                lambda t: not t.commitment_ids and not t.cancelled
            )
            if not transfers:
                continue
            request._add_exchange_commitments(transfers)
            transfers.invalidate_cache(["commitment_ids"], transfers.ids)
            for transfer in transfers:
                events = transfer.event_ids.filtered(lambda e: not e.commitment_id)
                # Linking an event to what it fulfils moves nothing: past
                # the guard that keeps recorded quantities as they are.
                events._engine_write({"commitment_id": transfer.commitment_ids[:1].id})
            completed |= request
        return completed

    @api.multi
    def _get_money_resource_type(self, slot):
        """The money account of the capital release invoice's currency (the
        company's): the member's payment is recorded as she paid it, with no
        conversion into another currency."""
        self.ensure_one()
        return (
            self.env["product.template"].rea_get_money_account_type(
                self.company_id.currency_id, create=True
            )
            or slot.get_default_resource_type()
        )

    @api.multi
    def _get_share_transfer(self):
        self.ensure_one()
        return self.exchange_id.transfer_ids.filtered(lambda t: not t.is_currency)[:1]

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
        """Shares (through the share ledger: cooperator number, membership,
        REA event, share line, register), e-mails, portal user."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        ledger = self.env["rea.share.ledger"].sudo()
        was_member = bool(ledger.held(partner, project=self.project_id))
        # Recorded through the exchange's share transfer (one event
        # project → member); without exchange, a plain transfer event.
        transfer = self._get_share_transfer()
        ledger.issue(
            partner,
            self.share_product_id,
            self.quantity,
            payment_date,
            unit_price=self.share_unit_price,
            company=self.company_id,
            transfer=transfer,
            note=_("Shares of %s") % self.name if transfer else self.name,
            register_vals={"subscription_request_id": self.id},
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
                    # Another request of the same address counts only once its
                    # owner confirmed it: a visitor cannot ride on this payment.
                    "|",
                    ("id", "=", self.join_request_id.id),
                    "&",
                    ("email", "=", self.email or "-"),
                    ("email_confirmed_date", "!=", False),
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
