# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError

from .rea_share_operation import EXCHANGE_TYPE_CODES


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaShareOperation(models.Model):
    """Executing an operation: the REA exchange recording it, the share
    ledger moving the shares (holdings, register, share accounts), then the
    accounting document."""

    _inherit = "rea.share.operation"

    # Execution (as superuser, see ``action_execute``: the ledger called
    # through ``_get_ledger`` writes as superuser too)

    @api.multi
    def _execute_transfer(self):
        exchange = self._create_exchange(self.partner_id, self.receiver_id)
        slot = exchange.exchange_type_id.transfer_type_ids[:1]
        register = self._get_ledger().move(
            self.partner_id,
            self.receiver_id,
            self.share_product_id,
            self.quantity,
            self.effective_date,
            company=self.company_id,
            transfer=self._add_share_transfer(exchange, slot, self.share_product_id),
            note=self.name,
            register_vals={"operation_id": self.id},
        )
        value = register.total_amount
        self.done_amount = value
        self.move_id = self._create_transfer_move(value)

    @api.multi
    def _execute_sell_back(self):
        """Shares back to the project now; the money it owes the member is
        a commitment of the exchange, fulfilled when the bill is paid."""
        exchange = self._create_exchange(self.partner_id, self.project_id.partner_id)
        slots = exchange.exchange_type_id.transfer_type_ids
        shares_slot = slots.filtered(lambda s: not s.is_currency)[:1]
        register = self._get_ledger().redeem(
            self.partner_id,
            self.share_product_id,
            self.quantity,
            self.effective_date,
            company=self.company_id,
            transfer=self._add_share_transfer(
                exchange, shares_slot, self.share_product_id
            ),
            note=self.name,
            register_vals={"operation_id": self.id},
        )
        value = register.total_amount
        self.done_amount = value
        if self.redemption_document == "move":
            self.move_id = self._create_redemption_move(value)
        else:
            self.invoice_id = self._create_redemption_bill(value)
            self.move_id = self.invoice_id.move_id
        money_slot = slots.filtered("is_currency")[:1]
        money = exchange.add_transfer(
            money_slot, resource_type=self._get_money_resource_type(money_slot)
        )
        money.add_commitment(value, due=self.effective_date)
        if self.invoice_id:
            self.invoice_id.rea_exchange_id = exchange

    @api.multi
    def _execute_conversion(self):
        """Old shares back to the project, new ones out of it."""
        exchange = self._create_exchange(self.partner_id, self.project_id.partner_id)
        slots = exchange.exchange_type_id.transfer_type_ids.sorted("sequence")
        target = self.share_to_product_id
        register = self._get_ledger().convert(
            self.partner_id,
            self.share_product_id,
            target,
            self.quantity,
            self.effective_date,
            company=self.company_id,
            transfer=self._add_share_transfer(
                exchange, slots[0], self.share_product_id
            ),
            to_transfer=self._add_share_transfer(exchange, slots[1], target),
            note=self.name,
            register_vals={"operation_id": self.id},
        )
        value = register.total_amount
        self.write({"done_amount": value, "quantity_to": register.quantity_to})
        self.move_id = self._create_conversion_move(value)

    # REA: the shares move between share accounts (resources)

    @api.multi
    def _get_exchange_type(self):
        code = EXCHANGE_TYPE_CODES[self.type]
        exchange_type = self.env["rea.exchange.type"].search(
            [("code", "=", code)], limit=1
        )
        if not exchange_type:
            raise UserError(_("The exchange type %s is missing.") % code)
        return exchange_type

    @api.multi
    def _create_exchange(self, provider, receiver):
        exchange = self.env["rea.exchange"].create(
            {
                "exchange_type_id": self._get_exchange_type().id,
                "provider_id": provider.id,
                "receiver_id": receiver.id,
                "context_id": self.project_id.partner_id.id,
                "start_date": self.effective_date,
                "note": self.name,
            }
        )
        self.rea_exchange_id = exchange
        return exchange

    @api.multi
    def _add_share_transfer(self, exchange, slot, product):
        """The transfer of shares of ``product`` in ``slot``; the share
        ledger records its event."""
        return exchange.add_transfer(slot, resource_type=product.product_tmpl_id)

    @api.multi
    def _get_money_resource_type(self, slot):
        """The money account type of the operation's currency, so that the
        bill payment (in that currency) fulfils the commitment exactly; the
        slot's currency otherwise."""
        money_type = self.env["product.template"].search(
            [
                ("rea_behavior", "in", ("account", "dig_curr")),
                ("rea_currency_id", "=", self.currency_id.id),
            ],
            limit=1,
        )
        return money_type or slot.get_default_resource_type()
