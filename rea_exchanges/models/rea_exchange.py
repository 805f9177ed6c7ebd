# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare
from odoo.tools.misc import formatLang

from odoo.addons.rea_base.models.decimal_precision import rea_quantity_digits

EXCHANGE_STATES = [
    ("empty", "Draft"),
    ("pending", "Pending"),
    ("complete", "Complete"),
    ("cancelled", "Cancelled"),
]


class ReaExchange(models.Model):
    """An agreement between two agents: the transfers (and the commitments
    planning them) of one sale, purchase, donation, loan, share purchase...

    The state is derived from the transfers; quantities live in the events
    and commitments of the transfers, balances are aggregated from them.
    """

    _name = "rea.exchange"
    # Record rules before constraints: an exchange out of the caller's
    # contexts is refused as an AccessError, not by a business rule.
    _inherit = ["mail.thread", "rea.access.check.mixin"]
    _description = "REA Exchange"
    _order = "start_date desc, id desc"

    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        readonly=True,
        index=True,
        default="/",
    )
    exchange_type_id = fields.Many2one(
        "rea.exchange.type",
        string="Exchange type",
        required=True,
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
    )
    context_id = fields.Many2one(
        "res.partner",
        domain=[("is_context", "=", True)],
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
        help="Project, organisation or network the exchange belongs to.",
    )
    provider_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
        help="Gives the main resource: the seller, donor, lender, the "
        "project issuing shares.",
    )
    receiver_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
        help="Receives the main resource and gives the reciprocal transfer, "
        "if any: the buyer, the borrower, the member buying shares.",
    )
    start_date = fields.Date(
        required=True,
        index=True,
        default=fields.Date.context_today,
        track_visibility="onchange",
    )
    note = fields.Text()
    transfer_ids = fields.One2many(
        "rea.transfer", "exchange_id", string="Transfers", copy=False
    )
    amount = fields.Float(
        compute="_compute_amount",
        digits=rea_quantity_digits,
        help="What the exchange is worth: its money transfer (committed, "
        "else done), else its first transfer, in the unit beside it.",
    )
    amount_unit_id = fields.Many2one(
        "product.uom", string="Unit of the amount", compute="_compute_amount"
    )
    transfer_count = fields.Integer(
        compute="_compute_transfer_count",
        store=True,
        help="Exchanges with one transfer are one-sided (donations, gifts).",
    )
    cancelled = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        EXCHANGE_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        track_visibility="onchange",
        help="Draft: nothing planned or done yet. Pending: a transfer is still "
        "to be (fully) done. Complete: every transfer is done. Cancelled.",
    )
    is_membership = fields.Boolean(
        related="exchange_type_id.is_membership", store=True, readonly=True
    )
    invoicing = fields.Selection(related="exchange_type_id.invoicing", readonly=True)
    invoice_ids = fields.One2many(
        "account.invoice", "rea_exchange_id", string="Invoices", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    coordinator_ids = fields.Many2many(
        "res.partner",
        string="Coordinators",
        compute="_compute_coordinator_ids",
        search="_search_coordinator_ids",
        help="Agents coordinating the context or a party of this exchange "
        "(or one of the networks they are part of).",
    )
    # Seen from one agent: the one in the context key 'rea_agent_id', else
    # the current user's commercial partner.
    agent_label = fields.Char(
        string="Exchange (as seen by the agent)", compute="_compute_agent_view"
    )
    agent_gave = fields.Char(string="Given", compute="_compute_agent_view")
    agent_got = fields.Char(string="Received", compute="_compute_agent_view")
    agent_gives = fields.Boolean(
        string="One-sided, given",
        compute="_compute_agent_view",
        search="_search_agent_gives",
    )
    agent_receives = fields.Boolean(
        string="One-sided, received",
        compute="_compute_agent_view",
        search="_search_agent_receives",
    )

    @api.depends(
        "transfer_ids.state",
        "transfer_ids.committed_quantity",
        "transfer_ids.actual_quantity",
    )
    def _compute_amount(self):
        for exchange in self:
            transfer = exchange._get_amount_transfer()
            exchange.amount = transfer.committed_quantity or transfer.actual_quantity
            exchange.amount_unit_id = transfer.unit_id

    @api.multi
    def _get_amount_transfer(self):
        """The transfer whose quantity is the exchange's amount: the money
        one, else the first."""
        self.ensure_one()
        live = self.transfer_ids.filtered(lambda t: t.state != "cancelled")
        return (live.filtered("is_currency") or live or self.transfer_ids)[:1]

    @api.depends("transfer_ids")
    def _compute_transfer_count(self):
        for exchange in self:
            exchange.transfer_count = len(exchange.transfer_ids)

    @api.depends(
        "cancelled", "transfer_ids.state", "exchange_type_id.transfer_type_ids"
    )
    def _compute_state(self):
        for exchange in self:
            exchange.state = exchange._get_state()

    @api.multi
    def _get_state(self):
        """Pending while a transfer is pending or empty, or while
        a slot of the type has no transfer yet."""
        self.ensure_one()
        if self.cancelled:
            return "cancelled"
        transfers = self.transfer_ids.filtered(lambda t: t.state != "cancelled")
        if not transfers:
            return "cancelled" if self.transfer_ids else "empty"
        states = set(transfers.mapped("state"))
        if states == {"empty"}:
            return "empty"
        if states == {"complete"} and not self._get_missing_transfer_types():
            return "complete"
        return "pending"

    @api.multi
    def _get_missing_transfer_types(self):
        self.ensure_one()
        return self.exchange_type_id.transfer_type_ids - self.transfer_ids.mapped(
            "transfer_type_id"
        )

    @api.multi
    def _compute_invoice_count(self):
        # REA users without invoicing rights open exchanges too: for them
        # there is nothing to count (reading the invoices would be refused).
        readable = self.env["account.invoice"].check_access_rights(
            "read", raise_exception=False
        )
        for exchange in self:
            exchange.invoice_count = len(exchange.invoice_ids) if readable else 0

    @api.multi
    def _compute_coordinator_ids(self):
        relationship_model = self.env["rea.agent.relationship"]
        for exchange in self:
            agents = exchange._get_coordinated_agents()
            exchange.coordinator_ids = relationship_model.get_members(
                agents, behaviors=("manager",)
            )

    @api.multi
    def _get_coordinated_agents(self):
        """The context, the parties and the agents they are (recursively)
        part of: whoever coordinates one of them coordinates the exchange."""
        self.ensure_one()
        agents = self.context_id | self.provider_id | self.receiver_id
        level = agents
        while level:
            level = level.get_parent_agents() - agents
            agents |= level
        return agents

    @api.model
    def _search_coordinator_ids(self, operator, value):
        if operator not in ("in", "="):
            raise UserError(_("Unsupported search on coordinators: %s") % operator)
        ids = value if isinstance(value, (list, tuple)) else [value]
        agents = self.env["res.partner"].browse(ids).get_coordinated_agents()
        return [
            "|",
            "|",
            ("context_id", "in", agents.ids),
            ("provider_id", "in", agents.ids),
            ("receiver_id", "in", agents.ids),
        ]

    @api.model
    def _get_viewing_agents(self):
        """Agents whose perspective the agent_* fields take."""
        agent_id = self.env.context.get("rea_agent_id")
        if agent_id:
            agents = self.env["res.partner"].browse(agent_id)
            if self.env.context.get("rea_include_sub_agents"):
                agents = agents.get_sub_agents(include_self=True)
            return agents
        return self.env.user.commercial_partner_id

    @api.multi
    def _compute_agent_view(self):
        agents = self._get_viewing_agents()
        for exchange in self:
            view = exchange.get_agent_view(agents)
            exchange.agent_label = view["label"]
            exchange.agent_gave = ", ".join(view["gave"])
            exchange.agent_got = ", ".join(view["got"])
            one_sided = exchange.transfer_count == 1
            exchange.agent_gives = one_sided and view["side"] == "provider"
            exchange.agent_receives = one_sided and view["side"] == "receiver"

    @api.model
    def _search_agent_gives(self, operator, value):
        return self._search_one_sided("provider_id", operator, value)

    @api.model
    def _search_agent_receives(self, operator, value):
        return self._search_one_sided("receiver_id", operator, value)

    @api.model
    def _search_one_sided(self, side_field, operator, value):
        agents = self._get_viewing_agents()
        domain = ["&", ("transfer_count", "=", 1), (side_field, "in", agents.ids)]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    # Constraints read as superuser: they check consistency, record rules
    # are checked on their own (and raise the right error).

    @api.constrains("provider_id", "receiver_id")
    def _check_parties(self):
        for exchange in self.sudo():
            if exchange.provider_id == exchange.receiver_id:
                raise ValidationError(
                    _("An exchange is between two different agents (%s).")
                    % exchange.provider_id.display_name
                )

    @api.constrains("context_id")
    def _check_context(self):
        for exchange in self.sudo():
            if exchange.context_id and not exchange.context_id.is_context:
                raise ValidationError(
                    _("%s is not a context agent (project, organisation, network).")
                    % exchange.context_id.display_name
                )

    @api.onchange("exchange_type_id", "context_id")
    def _onchange_context_side(self):
        side = self.exchange_type_id.context_side
        if self.context_id and side in ("provider", "receiver"):
            self[side + "_id"] = self.context_id

    @api.onchange("exchange_type_id")
    def _onchange_fill_transfers(self):
        """Offer one transfer per slot of the type while nothing is recorded."""
        if not self.exchange_type_id or any(
            t.commitment_ids or t.event_ids for t in self.transfer_ids
        ):
            return
        lines = [(5, 0, 0)]
        for transfer_type in self.exchange_type_id.transfer_type_ids:
            lines.append(
                (0, 0, self.env["rea.transfer"].prepare_vals_from_type(transfer_type))
            )
        self.transfer_ids = lines

    # CRUD

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals = dict(vals, name=self._get_next_reference(vals))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if {"provider_id", "receiver_id"} & set(vals):
            self._check_parties_can_change()
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.mapped("transfer_ids.event_ids"):
            raise UserError(
                _(
                    "Exchanges with recorded events cannot be deleted; cancel "
                    "them instead."
                )
            )
        self.mapped("transfer_ids").unlink()
        return super().unlink()

    @api.model
    def _get_next_reference(self, vals):
        return self.env["ir.sequence"].next_by_code("rea.exchange") or "/"

    @api.multi
    def _check_parties_can_change(self):
        started = self.mapped("transfer_ids").filtered(
            lambda t: t.commitment_ids or t.event_ids
        )
        if started:
            raise UserError(
                _(
                    "The parties of %s cannot change: its transfers are planned "
                    "or done. Cancel it and record a new exchange."
                )
                % ", ".join(started.mapped("exchange_id.name"))
            )

    # Actions

    @api.multi
    def action_cancel(self):
        for exchange in self:
            if exchange.state == "complete":
                raise UserError(
                    _(
                        "%s is complete: record correcting events instead of "
                        "cancelling it."
                    )
                    % exchange.name
                )
        self.mapped("transfer_ids").filtered(
            lambda t: t.state not in ("complete", "cancelled")
        ).write({"cancelled": True})
        self.write({"cancelled": True})
        return True

    @api.multi
    def action_reopen(self):
        for exchange in self:
            if exchange.state != "cancelled":
                raise UserError(_("Only cancelled exchanges can be reopened."))
        self.mapped("transfer_ids").write({"cancelled": False})
        self.write({"cancelled": False})
        return True

    @api.multi
    def action_fill_transfers(self):
        """Add a transfer for each slot of the type that has none."""
        # Access first: a party who may not change the exchange learns
        # nothing of its slots.
        self._check_can_manage()
        for exchange in self:
            for transfer_type in exchange._get_missing_transfer_types():
                exchange.add_transfer(transfer_type)
        return True

    @api.multi
    def _get_invoice_action(self, invoices):
        """The customer invoices or vendor bills of this exchange."""
        customer = self.invoicing == "customer"
        action = self.env.ref(
            "account.action_invoice_tree1"
            if customer
            else "account.action_invoice_tree2"
        ).read()[0]
        form = self.env.ref(
            "account.invoice_form" if customer else "account.invoice_supplier_form"
        )
        action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {}
        if len(invoices) == 1:
            action["views"] = [(form.id, "form")]
            action["res_id"] = invoices.id
        return action

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        self._rea_check_readable()
        # The list it opens is the invoices': without invoicing rights there
        # is nothing the caller could read there.
        self.env["account.invoice"].check_access_rights("read")
        return self._get_invoice_action(self.invoice_ids)

    @api.multi
    def action_create_invoice(self):
        self._check_can_manage()
        invoices = self.env["account.invoice"]
        for exchange in self:
            invoices |= exchange.create_invoice()
        return self[:1]._get_invoice_action(invoices)

    @api.multi
    def _check_can_manage(self):
        """Raise AccessError unless the caller may run the workflow of these
        exchanges: whoever may change them (write access and record rules:
        their contexts' coordinators, REA managers), not their members.

        Invoicing creates the invoice with the caller's accounting rights
        only after this, before any business rule speaks."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    # Business methods

    @api.multi
    def add_transfer(self, transfer_type=None, resource_type=None, **vals):
        """Create a transfer in this exchange, by default of the slot's
        resource type; extra field values may be given."""
        self.ensure_one()
        return self.env["rea.transfer"].create(
            self._prepare_transfer_vals(transfer_type, resource_type, **vals)
        )

    @api.multi
    def add_transfers(self, slots):
        """``add_transfer`` for several slots, the transfers created together
        (``rea.transfer.create_batch``): ``slots`` is a list of
        ``(transfer_type, resource_type)``, a resource type may be None.
        Returns the transfers in the order of ``slots``."""
        self.ensure_one()
        return self.env["rea.transfer"].create_batch(
            [
                self._prepare_transfer_vals(transfer_type, resource_type)
                for transfer_type, resource_type in slots
            ]
        )

    @api.multi
    def _prepare_transfer_vals(self, transfer_type=None, resource_type=None, **vals):
        self.ensure_one()
        transfer_vals = self.env["rea.transfer"].prepare_vals_from_type(transfer_type)
        if resource_type:
            transfer_vals["resource_conforms_to_id"] = resource_type.id
        transfer_vals.update(vals)
        transfer_vals["exchange_id"] = self.id
        return transfer_vals

    @api.multi
    def get_transfer(self, transfer_type):
        """The (first) transfer of the given slot."""
        self.ensure_one()
        return self.transfer_ids.filtered(
            lambda t: t.transfer_type_id == transfer_type
        )[:1]

    @api.multi
    def get_money_transfer(self):
        """The reciprocal currency transfer that an invoice payment records."""
        self.ensure_one()
        money_type = self.exchange_type_id.get_money_transfer_type()
        return self.transfer_ids.filtered(
            lambda t: t.transfer_type_id == money_type and t.state != "cancelled"
        )[:1]

    @api.multi
    def get_agent_side(self, agents):
        """'provider' or 'receiver': the side of ``agents`` in this exchange."""
        self.ensure_one()
        if self.provider_id in agents:
            return "provider"
        if self.receiver_id in agents:
            return "receiver"
        return False

    @api.multi
    def get_agent_view(self, agents):
        """The exchange seen by ``agents``: its label for them, and the
        transfers they gave and got, as text."""
        self.ensure_one()
        side = self.get_agent_side(agents)
        gave, got = [], []
        for transfer in self.transfer_ids.sorted(lambda t: (t.sequence, t.id)):
            if transfer.state == "cancelled":
                continue
            if transfer.provider_id in agents:
                gave.append(transfer.get_summary())
            if transfer.receiver_id in agents:
                got.append(transfer.get_summary())
        label = (
            self.exchange_type_id.get_label_for(side)
            if side
            else self.exchange_type_id.name
        )
        return {"side": side, "label": label, "gave": gave, "got": got}

    # Accounting link

    @api.multi
    def create_invoice(self):
        """Create the draft customer invoice or vendor bill of the money side."""
        self.ensure_one()
        self._check_can_invoice()
        invoice = self.env["account.invoice"].create(self._prepare_invoice_vals())
        self.message_post(
            body=_("Invoice created: %s") % (invoice.number or invoice.display_name)
        )
        return invoice

    @api.multi
    def _check_can_invoice(self):
        if self.invoicing == "none":
            raise UserError(
                _("Exchanges of type '%s' are not invoiced.")
                % self.exchange_type_id.name
            )
        if self.state == "cancelled":
            raise UserError(_("%s is cancelled.") % self.name)
        if self.invoice_ids.filtered(lambda i: i.state != "cancel"):
            raise UserError(_("%s already has an invoice.") % self.name)
        money = self.get_money_transfer()
        if not money:
            raise UserError(_("%s has no money transfer to invoice.") % self.name)
        rounding = money.unit_id.rounding or 0.01
        if (
            float_compare(money.remaining_quantity, 0.0, precision_rounding=rounding)
            <= 0
        ):
            raise UserError(
                _(
                    "Nothing to invoice in %s: plan the payment (a commitment) "
                    "first, or it is paid already."
                )
                % self.name
            )

    @api.multi
    def _get_invoice_type(self):
        return "out_invoice" if self.invoicing == "customer" else "in_invoice"

    @api.multi
    def _get_invoice_partner(self):
        """The payer of a customer invoice, the payee of a vendor bill."""
        money = self.get_money_transfer()
        if self.invoicing == "customer":
            return money.provider_id
        return money.receiver_id

    @api.multi
    def _get_invoice_journal(self):
        invoice_type = self._get_invoice_type()
        if self.exchange_type_id.journal_id:
            return self.exchange_type_id.journal_id
        return (
            self.env["account.invoice"]
            .with_context(type=invoice_type)
            ._default_journal()
        )

    @api.multi
    def _prepare_invoice_vals(self):
        self.ensure_one()
        invoice_type = self._get_invoice_type()
        partner = self._get_invoice_partner()
        journal = self._get_invoice_journal()
        if not journal:
            raise UserError(_("Define a sale and a purchase journal first."))
        money = self.get_money_transfer()
        currency = (
            money.resource_conforms_to_id.rea_currency_id
            or journal.currency_id
            or journal.company_id.currency_id
        )
        commercial = partner.commercial_partner_id
        account = (
            commercial.property_account_receivable_id
            if invoice_type == "out_invoice"
            else commercial.property_account_payable_id
        )
        if not account:
            raise UserError(
                _("Set the receivable and payable accounts of %s.")
                % partner.display_name
            )
        return {
            "type": invoice_type,
            "partner_id": partner.id,
            "journal_id": journal.id,
            "company_id": journal.company_id.id,
            "currency_id": currency.id,
            "account_id": account.id,
            "origin": self.name,
            "name": self.exchange_type_id.name,
            "rea_exchange_id": self.id,
            "invoice_line_ids": [
                (0, 0, vals)
                for vals in self._prepare_invoice_line_vals(invoice_type, journal)
            ],
        }

    @api.multi
    def _prepare_invoice_line_vals(self, invoice_type, journal):
        """One line for the main resource, priced so that the invoice total
        is exactly the amount still to pay (no taxes added)."""
        money = self.get_money_transfer()
        amount = money.remaining_quantity
        main = self.transfer_ids.filtered(
            lambda t: t != money and t.state != "cancelled" and not t.is_reciprocal
        )
        product = main[:1].resource_conforms_to_id.product_variant_id
        quantity = main[:1].committed_quantity or main[:1].actual_quantity
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        if len(main) == 1 and quantity:
            price = round(amount / quantity, price_digits)
            if float_compare(price * quantity, amount, precision_digits=2):
                quantity, price = 1.0, amount
        else:
            quantity, price = 1.0, amount
        account = journal.default_credit_account_id
        if invoice_type == "in_invoice":
            account = journal.default_debit_account_id
        if product:
            account = (
                self.env["account.invoice.line"].get_invoice_line_account(
                    invoice_type,
                    product,
                    self.env["account.fiscal.position"],
                    journal.company_id,
                )
                or account
            )
        if not account:
            raise UserError(
                _("Set the default accounts of the journal %s.") % journal.name
            )
        return [
            {
                "name": "%s - %s"
                % (
                    self.name,
                    ", ".join(main.mapped("name")) or self.exchange_type_id.name,
                ),
                "product_id": product.id,
                "quantity": quantity,
                "uom_id": product.uom_id.id if product else False,
                "price_unit": price,
                "account_id": account.id,
            }
        ]

    @api.multi
    def record_invoice_payment(self, invoice):
        """Record the money transfer paid through ``invoice`` (what the
        invoice says is paid and no event of this invoice recorded yet)."""
        self.ensure_one()
        money = (
            self.get_money_transfer()
            or self.transfer_ids.filtered(
                lambda t: t.transfer_type_id
                == self.exchange_type_id.get_money_transfer_type()
            )[:1]
        )
        if not money:
            return self.env["rea.event"]
        paid = invoice.amount_total - invoice.residual
        note = _("Payment of %s") % (invoice.number or invoice.display_name)
        resource_currency = money.resource_conforms_to_id.rea_currency_id
        converted = resource_currency and resource_currency != invoice.currency_id
        if converted:
            paid_in_invoice_currency = paid
            paid = invoice.currency_id.compute(paid, resource_currency)
        recorded = sum(invoice.rea_event_ids.mapped("resource_quantity"))
        quantity = paid - recorded
        if converted:
            # Said where the money is recorded: what was paid, in what.
            note = self._get_conversion_note(
                note, invoice, paid_in_invoice_currency, paid, money.unit_id
            )
        rounding = money.unit_id.rounding or 0.01
        if float_compare(quantity, 0.0, precision_rounding=rounding) <= 0:
            return self.env["rea.event"]
        # The money moved: a cancelled exchange or transfer comes back.
        if self.state == "cancelled":
            self.action_reopen()
        elif money.cancelled:
            money.action_reopen()
        payment_dates = invoice.payment_ids.mapped("payment_date")
        return money.record_event(
            quantity,
            date=max(payment_dates) if payment_dates else None,
            note=note,
            extra_vals={"invoice_id": invoice.id},
        )

    @api.model
    def _get_conversion_note(self, note, invoice, paid, converted, unit):
        """'Payment of INV/1: $ 150.00 paid in all, 98.11 EUR at the day's
        rate': a conversion is never silent."""
        return _("%(note)s: %(paid)s paid in all, %(recorded)s at the day's rate") % {
            "note": note,
            "paid": formatLang(self.env, paid, currency_obj=invoice.currency_id),
            "recorded": unit.rea_format_quantity(converted),
        }

    @api.multi
    def cancel_invoice_payment(self, invoice):
        """The payment of ``invoice`` was undone: reverse its events."""
        events = invoice.rea_event_ids.filtered(
            lambda e: not e.is_corrected and not e.corrects_event_id
        )
        reversals = self.env["rea.event"]
        for event in events:
            reversals |= event.correct(
                note=_("Payment of %s undone")
                % (invoice.number or invoice.display_name)
            )
        return reversals

    # Balances

    @api.model
    def get_totals(self, agents, domain=None, other_events=True):
        """Balances of ``agents`` per resource type, from their exchanges'
        events and unfulfilled commitments, seen from their side.

        Returns a list of dicts (one per resource type and unit, by name):
        ``resource_type`` (may be empty for events without one), ``unit``,
        ``income``, ``outgo``, ``balance``, ``committed_in``,
        ``committed_out``, ``future_balance``. Two share types counted in
        the same unit are two lines: their quantities never add up.
        Transfers between two of the ``agents`` (e.g. a project and its
        sub-project) are left out: they change nothing for the group.
        ``domain`` restricts the exchanges (on top of the record rules of
        the current user); events outside exchanges that modules count in
        (``_get_totals_other_events``, e.g. distributed income) are added
        unless ``other_events`` is false (a filter that only exchanges can
        match, such as a type, a state or dates, is set).
        Two aggregate queries, whatever the number of exchanges.
        """
        if not agents:
            return []
        subquery, subparams = self._get_exchange_subquery(domain)
        actual = self._get_actual_totals(
            agents.ids, subquery, subparams, other_events=other_events
        )
        committed = self._get_committed_totals(agents.ids, subquery, subparams)
        lines = []
        keys = set(actual) | set(committed)
        # Browsed together: one read for all names, whatever the lines. Only
        # the names: a prefetch of all fields first checks the groups of
        # the fields that have some (cached per process, one more query on
        # a first call).
        types = (
            self.env["product.template"].sudo().browse({k[0] for k in keys} - {None})
        )
        units = self.env["product.uom"].browse({k[1] for k in keys} - {None})
        types.read(["name"])
        units.read(["name"])
        for type_id, unit_id in keys:
            income, outgo = actual.get((type_id, unit_id), (0.0, 0.0))
            committed_in, committed_out = committed.get((type_id, unit_id), (0.0, 0.0))
            lines.append(
                {
                    "resource_type": types.browse(type_id),
                    "unit": units.browse(unit_id),
                    "income": income,
                    "outgo": outgo,
                    "balance": income - outgo,
                    "committed_in": committed_in,
                    "committed_out": committed_out,
                    "future_balance": income - outgo + committed_in - committed_out,
                }
            )
        return sorted(
            lines,
            key=lambda line: (
                (line["resource_type"].name or line["unit"].name or "").lower(),
                line["unit"].name or "",
            ),
        )

    @api.model
    def _get_totals_other_events(self, agent_ids):
        """``(sql, params)`` selecting the ids of events outside exchanges
        that count in the balances of ``get_totals`` (rea_value_distribution:
        the income the agents received from distributions), or ``None``."""
        return None

    @api.model
    def _get_exchange_subquery(self, domain):
        """SQL selecting the ids of the exchanges matching ``domain`` that the
        current user may read."""
        query = self._where_calc(domain or [])
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        sql = 'SELECT "rea_exchange".id FROM %s' % from_clause
        if where_clause:
            sql += " WHERE %s" % where_clause
        return sql, params

    @api.model
    def _get_actual_totals(self, agent_ids, subquery, subparams, other_events=True):
        # Stored states and sums pending recomputation must reach the table.
        self.recompute()
        other = self._get_totals_other_events(agent_ids) if other_events else None
        if other:
            other = self._readable_events_only(other)
        self.env.cr.execute(
            """
            SELECT ev.resource_conforms_to_id, ev.resource_unit_id,
                   COALESCE(SUM(CASE WHEN ev.receiver_id = ANY(%s)
                                THEN ev.resource_quantity END), 0),
                   COALESCE(SUM(CASE WHEN ev.provider_id = ANY(%s)
                                THEN ev.resource_quantity END), 0)
              FROM rea_event ev
             WHERE (ev.provider_id = ANY(%s) OR ev.receiver_id = ANY(%s))
               AND (ev.provider_id = ANY(%s)) <> (ev.receiver_id = ANY(%s))
               AND (ev.exchange_id IN ({subquery}) {other})
             GROUP BY ev.resource_conforms_to_id, ev.resource_unit_id
            """.format(
                subquery=subquery,
                other="OR ev.id IN ({})".format(other[0]) if other else "",
            ),
            [agent_ids] * 6 + list(subparams) + (list(other[1]) if other else []),
        )
        return {(row[0], row[1]): (row[2], row[3]) for row in self.env.cr.fetchall()}

    @api.model
    def _readable_events_only(self, selection):
        """``(sql, params)`` of the events of ``selection`` that the current
        user may read: events outside exchanges (e.g. another member's
        distributed income) count only under the events' own record rules,
        as exchanges count under theirs."""
        query = self.env["rea.event"]._where_calc([])
        self.env["rea.event"]._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        if not where_clause:
            return selection
        sql = (
            'SELECT "rea_event".id FROM {} WHERE {} AND "rea_event".id IN ({})'.format(
                from_clause, where_clause, selection[0]
            )
        )
        return sql, list(params) + list(selection[1])

    @api.model
    def _get_committed_totals(self, agent_ids, subquery, subparams):
        # What is still open is the committed quantity minus the events
        # fulfilling it, summed here from the events; rea_base's 'finished'
        # flag (set only once events cover a commitment) just skips the
        # commitments already done, so the cost follows the open ones.
        self.env.cr.execute(
            """
            WITH open AS (
                SELECT c.id, c.resource_conforms_to_id, c.resource_unit_id,
                       c.provider_id, c.receiver_id,
                       c.resource_quantity
                  FROM rea_commitment c
                 WHERE NOT COALESCE(c.finished, false)
                   AND (c.provider_id = ANY(%s) OR c.receiver_id = ANY(%s))
                   AND (c.provider_id = ANY(%s)) <> (c.receiver_id = ANY(%s))
                   AND c.exchange_id IN ({subquery})
                   AND NOT EXISTS (SELECT 1 FROM rea_transfer t
                                    WHERE t.id = c.transfer_id
                                      AND t.state = 'cancelled')
                   AND NOT EXISTS (SELECT 1 FROM rea_exchange x
                                    WHERE x.id = c.exchange_id
                                      AND x.state = 'cancelled')
            ), done AS (
                SELECT ev.commitment_id, SUM(ev.resource_quantity) AS quantity
                  FROM rea_event ev
                  JOIN open ON open.id = ev.commitment_id
                 GROUP BY ev.commitment_id
            ), rest AS (
                SELECT open.resource_conforms_to_id, open.resource_unit_id,
                       open.provider_id, open.receiver_id,
                       GREATEST(open.resource_quantity
                                - COALESCE(done.quantity, 0), 0) AS quantity
                  FROM open
                  LEFT JOIN done ON done.commitment_id = open.id
            )
            SELECT resource_conforms_to_id, resource_unit_id,
                   COALESCE(SUM(CASE WHEN receiver_id = ANY(%s)
                                THEN quantity END), 0),
                   COALESCE(SUM(CASE WHEN provider_id = ANY(%s)
                                THEN quantity END), 0)
              FROM rest
             GROUP BY resource_conforms_to_id, resource_unit_id
            """.format(subquery=subquery),
            [agent_ids] * 4 + list(subparams) + [agent_ids] * 2,
        )
        return {(row[0], row[1]): (row[2], row[3]) for row in self.env.cr.fetchall()}
