# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaShareOperation(models.Model):
    """The accounting document of an executed operation: the transfer or
    conversion entry, the redemption entry or vendor bill."""

    _inherit = "rea.share.operation"

    # Accounting

    @api.multi
    def _get_capital_account(self, product):
        """The account holding the subscribed capital of a share type, per
        member (the partner of its lines): where its capital release
        invoices credit the shares."""
        account = product.product_tmpl_id.get_share_equity_account(self.company_id)
        if not account:
            raise UserError(
                _("Set the equity account of the share type %s or of the company.")
                % product.display_name
            )
        return account

    @api.multi
    def _get_cooperator_account(self):
        account = self.company_id.share_receivable_account_id
        if not account:
            raise UserError(
                _("Set the cooperator account of %s first.") % self.company_id.name
            )
        return account

    @api.multi
    def _get_entry_journal(self):
        """Miscellaneous journal of the company for transfer, conversion and
        redemption entries (the share journal numbers invoices only)."""
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        journal = journal or self.company_id.share_journal_id
        if not journal:
            raise UserError(
                _("Create a miscellaneous journal for %s first.") % self.company_id.name
            )
        return journal

    @api.multi
    def _prepare_move_line(self, account, partner, debit, credit, label):
        return (
            0,
            0,
            {
                "name": label,
                "account_id": account.id,
                "partner_id": partner.commercial_partner_id.id,
                "debit": debit,
                "credit": credit,
            },
        )

    @api.multi
    def _create_move(self, lines):
        move = self.env["account.move"].create(
            {
                "journal_id": self._get_entry_journal().id,
                "date": self.effective_date,
                "ref": self.name,
                "company_id": self.company_id.id,
                "line_ids": lines,
            }
        )
        move.post()
        return move

    @api.multi
    def _create_transfer_move(self, value):
        """The capital moves from the giver's to the receiver's partner
        lines on the capital account of the share type."""
        account = self._get_capital_account(self.share_product_id)
        label = _("%(name)s: %(quantity)d %(type)s transferred") % {
            "name": self.name,
            "quantity": self.quantity,
            "type": self.share_product_id.display_name,
        }
        return self._create_move(
            [
                self._prepare_move_line(account, self.partner_id, value, 0.0, label),
                self._prepare_move_line(account, self.receiver_id, 0.0, value, label),
            ]
        )

    @api.multi
    def _create_conversion_move(self, value):
        """Capital moves between the two share types' accounts; the same
        account needs no entry (said in the chatter)."""
        account_from = self._get_capital_account(self.share_product_id)
        account_to = self._get_capital_account(self.share_to_product_id)
        if account_from == account_to:
            self.message_post(
                body=_(
                    "No journal entry: both share types keep their capital on "
                    "the account %s."
                )
                % account_from.display_name
            )
            return self.env["account.move"]
        label = _("%(name)s: %(type)s converted into %(to)s") % {
            "name": self.name,
            "type": self.share_product_id.display_name,
            "to": self.share_to_product_id.display_name,
        }
        return self._create_move(
            [
                self._prepare_move_line(
                    account_from, self.partner_id, value, 0.0, label
                ),
                self._prepare_move_line(account_to, self.partner_id, 0.0, value, label),
            ]
        )

    @api.multi
    def _create_redemption_move(self, value):
        """The capital leaves the capital account; the member is owed it on
        the cooperator account."""
        label = _("%(name)s: %(quantity)d %(type)s sold back") % {
            "name": self.name,
            "quantity": self.quantity,
            "type": self.share_product_id.display_name,
        }
        return self._create_move(
            [
                self._prepare_move_line(
                    self._get_capital_account(self.share_product_id),
                    self.partner_id,
                    value,
                    0.0,
                    label,
                ),
                self._prepare_move_line(
                    self._get_cooperator_account(),
                    self.partner_id,
                    0.0,
                    value,
                    label,
                ),
            ]
        )

    @api.multi
    def _get_bill_journal(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.company_id.id)],
            limit=1,
        )
        if not journal:
            raise UserError(
                _("Create a purchase journal for %s first.") % self.company_id.name
            )
        return journal

    @api.multi
    def _prepare_redemption_bill_vals(self, value):
        partner = self.partner_id.commercial_partner_id
        return {
            "type": "in_invoice",
            "partner_id": partner.id,
            "journal_id": self._get_bill_journal().id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            # What the member is owed sits on the cooperator account.
            "account_id": self._get_cooperator_account().id,
            "date_invoice": self.effective_date,
            "origin": self.name,
            "reference": self.name,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": _("%(name)s: %(quantity)d %(type)s sold back")
                        % {
                            "name": self.name,
                            "quantity": self.quantity,
                            "type": self.share_product_id.display_name,
                        },
                        "product_id": self.share_product_id.id,
                        "quantity": self.quantity,
                        "uom_id": self.share_product_id.uom_id.id,
                        "price_unit": value / self.quantity,
                        "account_id": self._get_capital_account(
                            self.share_product_id
                        ).id,
                        "invoice_line_tax_ids": [(6, 0, [])],
                    },
                )
            ],
        }

    @api.multi
    def _create_redemption_bill(self, value):
        """An open vendor bill: paying it pays the member back."""
        bill = self.env["account.invoice"].create(
            self._prepare_redemption_bill_vals(value)
        )
        bill.action_invoice_open()
        return bill
