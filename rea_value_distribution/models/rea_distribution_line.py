# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.rea_base.server_api import server_only


class ReaDistributionLine(models.Model):
    """What one agent received from a distribution: one distribution event
    and, if configured, one payout in accounting."""

    _name = "rea.distribution.line"
    _inherit = ["rea.context.coordinated.mixin"]
    _description = "REA Distribution Line"
    _order = "distribution_id desc, amount desc, id"

    distribution_id = fields.Many2one(
        "rea.distribution", required=True, ondelete="cascade", index=True
    )
    context_id = fields.Many2one(
        related="distribution_id.context_id", store=True, readonly=True, index=True
    )
    date = fields.Date(related="distribution_id.date", store=True, readonly=True)
    state = fields.Selection(related="distribution_id.state", store=True, readonly=True)
    agent_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        required=True,
        index=True,
        ondelete="restrict",
    )
    currency_id = fields.Many2one(
        related="distribution_id.currency_id", store=True, readonly=True
    )
    amount = fields.Monetary()
    is_residue_recipient = fields.Boolean(
        string="Got the rounding residue", readonly=True
    )
    detail_ids = fields.One2many(
        "rea.distribution.detail", "line_id", string="From", readonly=True
    )
    event_id = fields.Many2one(
        "rea.event", string="Distribution event", readonly=True, ondelete="restrict"
    )
    reversal_event_id = fields.Many2one("rea.event", readonly=True, ondelete="restrict")
    move_id = fields.Many2one(
        "account.move", string="Payout entry", readonly=True, ondelete="restrict"
    )
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal entry", readonly=True, ondelete="restrict"
    )
    invoice_id = fields.Many2one(
        "account.invoice", string="Payout bill", readonly=True, ondelete="restrict"
    )
    refund_id = fields.Many2one(
        "account.invoice", string="Credit note", readonly=True, ondelete="restrict"
    )

    @api.multi
    def name_get(self):
        return [
            (line.id, "%s - %s" % (line.distribution_id.name, line.agent_id.name))
            for line in self
        ]

    @api.multi
    def get_claim_payments(self):
        """What this recipient's amount paid on each claim (and so on each
        contribution) of the distribution, largest first."""
        self.ensure_one()
        return self.env["rea.claim.payment"].search(
            [
                ("distribution_id", "=", self.distribution_id.id),
                ("agent_id", "=", self.agent_id.id),
            ],
            order="amount desc, id",
        )

    @api.multi
    def get_payout_reference(self):
        """The accounting document paying this line out, if any."""
        self.ensure_one()
        if self.invoice_id:
            return self.invoice_id.number or self.invoice_id.reference or ""
        return self.move_id.name or ""

    @api.multi
    def get_payout_state(self):
        """none (no accounting), to_pay, paid or reversed."""
        self.ensure_one()
        if not (self.move_id or self.invoice_id):
            return "none"
        if self.reversal_move_id or self.refund_id or self.invoice_id.state == "cancel":
            return "reversed"
        return "paid" if self.is_paid() else "to_pay"

    # REA events

    @api.multi
    @server_only
    def reverse_events(self):
        """Reverse the distribution events of these lines (cancellation)."""
        for line in self.filtered("event_id"):
            reversal = line.event_id.sudo().correct(
                note=_("Cancellation of distribution %s") % line.distribution_id.name
            )
            line.reversal_event_id = reversal[:1]

    # Accounting

    @api.multi
    @server_only
    def create_payouts(self):
        """Pay these lines out in accounting, as their equation says
        (journal entry or vendor bill)."""
        for line in self:
            equation = line.distribution_id.equation_id
            if equation.payout_method == "none" or not line.amount:
                continue
            if line.agent_id == line.distribution_id.context_id:
                continue
            if equation.payout_method == "move":
                line.move_id = line._create_payout_move()
            else:
                line.invoice_id = line._create_payout_invoice()

    @api.multi
    def _get_payable_account(self):
        self.ensure_one()
        account = self.agent_id.property_account_payable_id
        if not account:
            raise UserError(
                _("%s has no payable account: set it on the partner.")
                % self.agent_id.name
            )
        return account

    @api.multi
    def _create_payout_move(self):
        self.ensure_one()
        distribution = self.distribution_id
        equation = distribution.equation_id
        company_currency = equation.payout_journal_id.company_id.currency_id
        if self.currency_id != company_currency:
            raise UserError(
                _(
                    "Journal entries are made in %(company)s; use vendor bills to pay "
                    "out in %(other)s."
                )
                % {"company": company_currency.name, "other": self.currency_id.name}
            )
        label = _("Distribution %s") % distribution.name
        move = self.env["account.move"].create(
            {
                "journal_id": equation.payout_journal_id.id,
                "date": distribution.date,
                "ref": label,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": label,
                            "account_id": equation.payout_account_id.id,
                            "partner_id": self.agent_id.id,
                            "debit": self.amount,
                            "credit": 0.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": label,
                            "account_id": self._get_payable_account().id,
                            "partner_id": self.agent_id.id,
                            "debit": 0.0,
                            "credit": self.amount,
                        },
                    ),
                ],
            }
        )
        move.post()
        return move

    @api.multi
    def _create_payout_invoice(self):
        self.ensure_one()
        distribution = self.distribution_id
        equation = distribution.equation_id
        label = _("Distribution %s") % distribution.name
        invoice = self.env["account.invoice"].create(
            {
                "type": "in_invoice",
                "partner_id": self.agent_id.id,
                "journal_id": equation.payout_journal_id.id,
                "account_id": self._get_payable_account().id,
                "currency_id": self.currency_id.id,
                "date_invoice": distribution.date,
                "reference": label,
                "origin": distribution.name,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "name": label,
                            "account_id": equation.payout_account_id.id,
                            "quantity": 1.0,
                            "price_unit": self.amount,
                        },
                    )
                ],
            }
        )
        invoice.action_invoice_open()
        return invoice

    @api.multi
    def is_paid(self):
        """Whether any money already went out for this payout."""
        self.ensure_one()
        if self.invoice_id:
            invoice = self.invoice_id
            return invoice.state == "paid" or (
                invoice.state == "open"
                and invoice.currency_id.compare_amounts(
                    invoice.residual, invoice.amount_total
                )
                != 0
            )
        if self.move_id:
            payable = self.move_id.line_ids.filtered(
                lambda ln: ln.account_id.internal_type == "payable"
            )
            return any(
                ln.reconciled or ln.matched_debit_ids or ln.matched_credit_ids
                for ln in payable
            )
        return False

    @api.multi
    @server_only
    def reverse_payouts(self):
        """Reverse the journal entries or bills of these lines
        (cancellation)."""
        for line in self:
            date = fields.Date.context_today(self)
            if line.move_id:
                reversed_ids = line.move_id.reverse_moves(date)
                line.reversal_move_id = reversed_ids[0] if reversed_ids else False
            if line.invoice_id:
                invoice = line.invoice_id
                if invoice.state == "draft":
                    invoice.action_invoice_cancel()
                    continue
                refund = invoice.refund(
                    date_invoice=date,
                    description=_("Cancellation of %s") % line.distribution_id.name,
                    journal_id=invoice.journal_id.id,
                )
                refund.action_invoice_open()
                payable = (
                    (invoice.move_id | refund.move_id)
                    .mapped("line_ids")
                    .filtered(lambda ln: ln.account_id == invoice.account_id)
                )
                payable.reconcile()
                line.refund_id = refund
