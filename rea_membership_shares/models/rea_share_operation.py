# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from .res_company import REDEMPTION_DOCUMENTS

OPERATION_TYPES = [
    ("transfer", "Transfer"),
    ("sell_back", "Sell-back"),
    ("conversion", "Conversion"),
]
OPERATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# Exchange types (data of this module) recording each operation in REA.
EXCHANGE_TYPE_CODES = {
    "transfer": "share_transfer",
    "sell_back": "share_redemption_fiat",
    "conversion": "share_conversion",
}


class ReaShareOperation(models.Model):
    """A request to transfer, sell back or convert shares a member holds.

    draft -> submitted -> approved (managers) -> done, or cancelled. Executing
    it changes the holdings, appends to the share register, creates the
    accounting document (redemption payable, transfer or conversion entry)
    and records the share movement as REA events.
    """

    _name = "rea.share.operation"
    _inherit = ["mail.thread"]
    _description = "Operation on shares"
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    type = fields.Selection(
        OPERATION_TYPES,
        required=True,
        default="transfer",
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    state = fields.Selection(
        OPERATION_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        track_visibility="onchange",
    )
    request_date = fields.Date(
        required=True, default=fields.Date.context_today, readonly=True
    )
    effective_date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        readonly=True,
        states={"draft": [("readonly", False)], "submitted": [("readonly", False)]},
        track_visibility="onchange",
        help="Date the shares change hands; not in the future. What the "
        "member holds is checked at this date.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "rea.share.operation"
        ),
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True, store=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Cooperator",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help="The member giving, selling back or converting shares.",
    )
    receiver_id = fields.Many2one(
        "res.partner",
        index=True,
        ondelete="restrict",
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help="Who receives the shares of a transfer: a member, or anyone "
        "else, who becomes a member when the transfer is done.",
    )
    receiver_is_member = fields.Boolean(compute="_compute_receiver_is_member")
    share_product_id = fields.Many2one(
        "product.product",
        string="Share type",
        required=True,
        ondelete="restrict",
        domain=[("is_share", "=", True)],
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    share_to_product_id = fields.Many2one(
        "product.product",
        string="Convert to",
        ondelete="restrict",
        domain=[("is_share", "=", True)],
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    project_id = fields.Many2one(
        "rea.project",
        related="share_product_id.share_project_id",
        store=True,
        readonly=True,
        index=True,
    )
    quantity = fields.Integer(
        required=True,
        default=1,
        readonly=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange",
    )
    quantity_to = fields.Integer(
        string="Quantity received",
        readonly=True,
        copy=False,
        help="Shares of the new type a conversion gives for the same value.",
    )
    share_unit_price = fields.Monetary(
        string="Nominal value",
        compute="_compute_amounts",
        store=True,
        help="Nominal value of the shares given (their price at subscription "
        "once done).",
    )
    amount = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Value of the shares given; what a sell-back pays back.",
    )
    done_amount = fields.Monetary(
        readonly=True,
        copy=False,
        help="Value of the shares actually removed, at the price each was "
        "subscribed at.",
    )
    held_quantity = fields.Integer(
        string="Held at the effective date",
        compute="_compute_held_quantity",
        help="Shares of this type the cooperator holds at the effective date.",
    )
    redemption_document = fields.Selection(
        REDEMPTION_DOCUMENTS,
        default=lambda self: self._default_redemption_document(),
        readonly=True,
        states={
            "draft": [("readonly", False)],
            "submitted": [("readonly", False)],
            "approved": [("readonly", False)],
        },
        help="How a sell-back owes the money to the member: a vendor bill to "
        "pay, or a journal entry on the cooperator account.",
    )
    move_id = fields.Many2one(
        "account.move",
        string="Journal entry",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    invoice_id = fields.Many2one(
        "account.invoice",
        string="Vendor bill",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    register_ids = fields.One2many(
        "rea.share.register", "operation_id", string="Register lines", readonly=True
    )
    rea_exchange_id = fields.Many2one(
        "rea.exchange",
        string="Exchange",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The REA exchange recording the movement of the shares.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Text()

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK (quantity > 0)",
            "The number of shares of an operation must be positive.",
        )
    ]

    @api.model
    def _default_redemption_document(self):
        company = self.env["res.company"]._company_default_get("rea.share.operation")
        return company.share_redemption_document or "bill"

    @api.depends("receiver_id", "project_id")
    def _compute_receiver_is_member(self):
        for operation in self:
            operation.receiver_is_member = bool(
                operation.receiver_id
                and operation._get_total_held(operation.receiver_id)
            )

    @api.depends("quantity", "share_product_id", "partner_id", "done_amount")
    def _compute_amounts(self):
        for operation in self:
            amount = operation.done_amount or operation._get_value_estimate()
            operation.amount = amount
            operation.share_unit_price = (
                amount / operation.quantity
                if operation.quantity
                else operation.share_product_id.list_price
            )

    @api.multi
    def _get_value_estimate(self):
        """Value of the shares the operation would take: the giver's newest
        lines first, at the price each was subscribed at (the nominal value
        for what the lines do not cover)."""
        self.ensure_one()
        left = max(self.quantity, 0)
        value = 0.0
        if self.partner_id and self.share_product_id:
            lines = (
                self.env["rea.share.line"]
                .sudo()
                .search(
                    [
                        ("partner_id", "=", self.partner_id.id),
                        ("share_product_id", "=", self.share_product_id.id),
                    ],
                    order="effective_date desc, id desc",
                )
            )
            for line in lines:
                if not left:
                    break
                taken = min(left, line.quantity)
                value += taken * line.share_unit_price
                left -= taken
        return value + left * self.share_product_id.list_price

    @api.multi
    def _get_quantity_to(self, amount):
        """Shares of the target type worth ``amount`` (rounded; checked to
        be exact before anything is done)."""
        price = self.share_to_product_id.list_price
        if self.type != "conversion" or not price:
            return 0
        return int(round(amount / price))

    @api.onchange(
        "type", "quantity", "partner_id", "share_product_id", "share_to_product_id"
    )
    def _onchange_quantity_to(self):
        self.quantity_to = self._get_quantity_to(self._get_value_estimate())

    @api.depends("partner_id", "share_product_id", "effective_date")
    def _compute_held_quantity(self):
        for operation in self:
            operation.held_quantity = operation._get_held_quantity(
                operation.partner_id,
                operation.share_product_id,
                operation.effective_date,
            )

    @api.multi
    def _get_today(self):
        """Today for the 'not in the future' checks: the later of today where
        the operation is checked and today where it was entered. A member at
        UTC+2 enters today's date; a manager whose day is still yesterday
        must not see it refused as a future date."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        creator_tz = self.sudo().create_uid.tz
        if creator_tz:
            today = max(
                today, fields.Date.context_today(self.with_context(tz=creator_tz))
            )
        return today

    @api.constrains("effective_date")
    def _check_effective_date(self):
        for operation in self:
            today = operation._get_today()
            if operation.effective_date and operation.effective_date > today:
                raise ValidationError(
                    _("The effective date of %s cannot be in the future.")
                    % operation.display_name
                )

    @api.onchange("type")
    def _onchange_type(self):
        if self.type != "transfer":
            self.receiver_id = False
        if self.type != "conversion":
            self.share_to_product_id = False

    # CRUD

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals = dict(
                vals,
                name=self.env["ir.sequence"].next_by_code("rea.share.operation") or "/",
            )
        return super().create(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda o: o.state not in ("draft", "cancelled")):
            raise UserError(_("Only draft or cancelled operations can be deleted."))
        return super().unlink()

    # Holdings (read in SQL: one aggregate per question)

    @api.model
    def _get_held_quantity(self, partner, product, date=None):
        """Shares of ``product`` ``partner`` holds at ``date`` (today if
        not given), from the share lines."""
        if not partner or not product:
            return 0
        domain = [
            ("partner_id", "=", partner.id),
            ("share_product_id", "=", product.id),
        ]
        if date:
            domain.append(("effective_date", "<=", date))
        groups = (
            self.env["rea.share.line"]
            .sudo()
            .read_group(domain, ["share_product_id", "quantity"], ["share_product_id"])
        )
        return int(sum(group["quantity"] for group in groups))

    @api.multi
    def _get_total_held(self, partner, exclude_product=None):
        """Shares ``partner`` holds in the project of this operation (all
        projects without one), by share type: {product: quantity}."""
        domain = [("partner_id", "=", partner.id)]
        if self.project_id:
            domain.append(("project_id", "=", self.project_id.id))
        groups = (
            self.env["rea.share.line"]
            .sudo()
            .read_group(domain, ["share_product_id", "quantity"], ["share_product_id"])
        )
        held = {}
        for group in groups:
            product = self.env["product.product"].browse(group["share_product_id"][0])
            if product == exclude_product or not group["quantity"]:
                continue
            held[product] = int(group["quantity"])
        return held

    @api.model
    def _get_held_value(self, partner, project):
        domain = [("partner_id", "=", partner.id)]
        if project:
            domain.append(("project_id", "=", project.id))
        groups = (
            self.env["rea.share.line"]
            .sudo()
            .read_group(domain, ["partner_id", "total_amount"], ["partner_id"])
        )
        return sum(group["total_amount"] for group in groups)

    # Checks

    @api.multi
    def get_validation_errors(self):
        """Every reason this operation cannot be done now, as messages."""
        self.ensure_one()
        errors = []
        today = self._get_today()
        if self.quantity <= 0:
            errors.append(_("The number of shares must be positive."))
        if self.effective_date and self.effective_date > today:
            errors.append(_("The effective date cannot be in the future."))
        held = self._get_held_quantity(
            self.partner_id, self.share_product_id, self.effective_date
        )
        if self.quantity > held:
            errors.append(
                _(
                    "%(partner)s holds %(held)d shares of %(type)s at "
                    "%(date)s: %(quantity)d cannot be given."
                )
                % {
                    "partner": self.partner_id.display_name,
                    "held": held,
                    "type": self.share_product_id.display_name,
                    "date": self.effective_date,
                    "quantity": self.quantity,
                }
            )
        check = getattr(self, "_get_%s_errors" % self.type)
        errors.extend(check())
        return errors

    @api.multi
    def _get_sell_back_errors(self):
        return []

    @api.multi
    def _get_transfer_errors(self):
        errors = []
        receiver = self.receiver_id
        if not receiver:
            return [_("Choose who receives the shares.")]
        if receiver.commercial_partner_id == self.partner_id.commercial_partner_id:
            errors.append(_("A member cannot transfer shares to themselves."))
        errors.extend(
            self._get_holder_errors(
                receiver, self.share_product_id, self._get_value_estimate()
            )
        )
        return errors

    @api.multi
    def _get_conversion_errors(self):
        errors = []
        value = self._get_value_estimate()
        target = self.share_to_product_id
        if not target:
            return [_("Choose the share type to convert to.")]
        if target == self.share_product_id:
            errors.append(_("A conversion needs two different share types."))
        if target.share_project_id != self.share_product_id.share_project_id:
            errors.append(
                _("Shares convert only into a share type of the same project.")
            )
        price = target.list_price
        if float_is_zero(price, precision_rounding=self.currency_id.rounding):
            errors.append(_("%s has no nominal value.") % target.display_name)
        elif float_compare(
            self._get_quantity_to(value) * price,
            value,
            precision_rounding=self.currency_id.rounding,
        ):
            errors.append(
                _(
                    "%(amount)s does not buy a whole number of shares of "
                    "%(type)s (nominal value %(price)s)."
                )
                % {
                    "amount": value,
                    "type": target.display_name,
                    "price": price,
                }
            )
        errors.extend(
            self._get_holder_errors(
                self.partner_id,
                target,
                value,
                released_value=value,
                exclude_product=self.share_product_id,
            )
        )
        return errors

    @api.multi
    def _get_holder_errors(
        self, partner, product, amount, released_value=0.0, exclude_product=None
    ):
        """May ``partner`` hold ``amount`` more of share type ``product``?
        Individuals/companies, one type per member, maximum value."""
        errors = []
        template = product.product_tmpl_id
        is_company = partner.commercial_partner_id.is_company
        if is_company and not template.share_for_companies:
            errors.append(_("%s is not offered to companies.") % product.display_name)
        if not is_company and not template.share_for_individuals:
            errors.append(_("%s is not offered to individuals.") % product.display_name)
        if self.company_id.share_one_type_per_member:
            held = self._get_total_held(partner, exclude_product=exclude_product)
            others = [p for p in held if p != product]
            if others:
                errors.append(
                    _(
                        "%(partner)s already holds shares of %(type)s: one share "
                        "type per member."
                    )
                    % {
                        "partner": partner.display_name,
                        "type": others[0].display_name,
                    }
                )
        maximum = template.share_max_value
        if maximum:
            value = (
                self._get_held_value(partner, self.project_id) - released_value + amount
            )
            if (
                float_compare(
                    value, maximum, precision_rounding=self.currency_id.rounding
                )
                > 0
            ):
                errors.append(
                    _(
                        "%(partner)s would hold %(value)s of shares, more than "
                        "the maximum of %(maximum)s for %(type)s."
                    )
                    % {
                        "partner": partner.display_name,
                        "value": value,
                        "maximum": maximum,
                        "type": product.display_name,
                    }
                )
        return errors

    @api.multi
    def _check_valid(self):
        for operation in self:
            errors = operation.get_validation_errors()
            if errors:
                raise UserError(
                    _("%s cannot go on:\n") % operation.name + "\n".join(errors)
                )

    @api.multi
    def _check_state(self, states, action):
        for operation in self:
            if operation.state not in states:
                raise UserError(
                    _("%(name)s is %(state)s: it cannot be %(action)s.")
                    % {
                        "name": operation.name,
                        "state": dict(
                            self._fields["state"]._description_selection(self.env)
                        )[operation.state],
                        "action": action,
                    }
                )

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group("rea_membership_shares.group_share_manager"):
            raise AccessError(
                _("Only cooperative managers approve operations on shares.")
            )

    # State machine

    @api.multi
    def action_submit(self):
        self._check_state(("draft",), _("submitted"))
        self._check_valid()
        for operation in self:
            operation.write(
                {
                    "state": "submitted",
                    "quantity_to": operation._get_quantity_to(
                        operation._get_value_estimate()
                    ),
                }
            )
        return True

    @api.multi
    def action_approve(self):
        self._check_manager()
        self._check_state(("submitted",), _("approved"))
        self._check_valid()
        self.write({"state": "approved", "approved_by_id": self.env.uid})
        return True

    @api.multi
    def action_execute(self):
        """Do the approved operations: holdings, register, accounting,
        REA events, e-mails."""
        self._check_state(("approved",), _("executed"))
        for operation in self:
            # Checked again now: other operations may have moved the shares.
            operation._check_valid()
            # Holdings and register as superuser: the approval is the
            # authority, like a payment is for a subscription.
            getattr(operation.sudo(), "_execute_%s" % operation.type)()
            operation.write({"state": "done"})
            operation._send_operation_mails()
        return True

    @api.multi
    def action_cancel(self):
        self._check_state(("draft", "submitted", "approved"), _("cancelled"))
        self.write({"state": "cancelled"})
        return True

    @api.multi
    def action_draft(self):
        self._check_state(("submitted", "cancelled"), _("reset to draft"))
        self.write({"state": "draft", "approved_by_id": False})
        return True

    @api.multi
    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal entry"),
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.move_id.id,
        }

    @api.multi
    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Vendor bill"),
            "res_model": "account.invoice",
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_supplier_form").id, "form")],
            "res_id": self.invoice_id.id,
        }

    # Execution

    @api.multi
    def _remove_shares(self, partner, product, quantity):
        """Remove shares newest first; returns their value at the prices
        they were subscribed at."""
        removed = partner._remove_share_lines(product, quantity)
        return sum(price * taken for price, taken in removed)

    @api.multi
    def _add_shares(self, partner, product, quantity, unit_price):
        return partner._add_share_lines(
            product,
            quantity,
            self.effective_date,
            unit_price=unit_price,
            company=self.company_id,
        )

    @api.multi
    def _execute_transfer(self):
        giver, receiver = self.partner_id, self.receiver_id
        value = self._remove_shares(giver, self.share_product_id, self.quantity)
        self.done_amount = value
        unit_price = value / self.quantity
        line = self._add_shares(
            receiver, self.share_product_id, self.quantity, unit_price
        )
        # A receiver who was no member becomes one, numbered.
        receiver._ensure_cooperator_number(self.company_id)
        receiver._set_project_membership(self.project_id, self.effective_date)
        self._append_register(
            {
                "type": "transfer",
                "partner_id": giver.id,
                "partner_to_id": receiver.id,
                "share_product_id": self.share_product_id.id,
                "quantity": self.quantity,
                "share_unit_price": unit_price,
                "total_amount": value,
            }
        )
        self._update_former_member(giver)
        self.move_id = self._create_transfer_move(value)
        line._set_rea_events(self._record_rea_transfer())

    @api.multi
    def _execute_sell_back(self):
        partner = self.partner_id
        value = self._remove_shares(partner, self.share_product_id, self.quantity)
        self.done_amount = value
        self._append_register(
            {
                "type": "sell_back",
                "partner_id": partner.id,
                "share_product_id": self.share_product_id.id,
                "quantity": self.quantity,
                "share_unit_price": value / self.quantity,
                "total_amount": value,
            }
        )
        self._update_former_member(partner)
        if self.redemption_document == "move":
            self.move_id = self._create_redemption_move(value)
        else:
            self.invoice_id = self._create_redemption_bill(value)
            self.move_id = self.invoice_id.move_id
        self._record_rea_redemption()

    @api.multi
    def _execute_conversion(self):
        partner = self.partner_id
        target = self.share_to_product_id
        value = self._remove_shares(partner, self.share_product_id, self.quantity)
        quantity_to = self._get_quantity_to(value)
        if float_compare(
            quantity_to * target.list_price,
            value,
            precision_rounding=self.currency_id.rounding,
        ):
            raise UserError(
                _("%(amount)s does not buy a whole number of shares of %(type)s.")
                % {"amount": value, "type": target.display_name}
            )
        self.write({"done_amount": value, "quantity_to": quantity_to})
        line = self._add_shares(partner, target, quantity_to, target.list_price)
        self._append_register(
            {
                "type": "conversion",
                "partner_id": partner.id,
                "share_product_id": self.share_product_id.id,
                "share_to_product_id": target.id,
                "quantity": self.quantity,
                "quantity_to": quantity_to,
                "share_unit_price": value / self.quantity,
                "share_to_unit_price": target.list_price,
                "total_amount": value,
            }
        )
        self.move_id = self._create_conversion_move(value)
        events = self._record_rea_conversion()
        # The new shares coming in, not the old ones going back.
        line._set_rea_events(
            events.filtered(
                lambda e: e.receiver_id == partner
                and e.resource_conforms_to_id == target.product_tmpl_id
            )
        )

    @api.multi
    def _append_register(self, vals):
        vals = dict(
            vals,
            date=self.effective_date,
            project_id=self.project_id.id,
            operation_id=self.id,
            company_id=self.company_id.id,
        )
        return self.env["rea.share.register"]._append_line(vals)

    @api.multi
    def _update_former_member(self, partner):
        """A member left with no shares of the project leaves it."""
        if not self._get_total_held(partner):
            partner._end_project_membership(self.project_id, self.effective_date)

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
    def _record_shares(self, exchange, slot, product, quantity):
        """One transfer event of ``quantity`` shares in ``slot``."""
        transfer = exchange.add_transfer(slot, resource_type=product.product_tmpl_id)
        return transfer.record_event(quantity, date=self.effective_date, note=self.name)

    @api.multi
    def _record_rea_transfer(self):
        exchange = self._create_exchange(self.partner_id, self.receiver_id)
        slot = exchange.exchange_type_id.transfer_type_ids[:1]
        return self._record_shares(exchange, slot, self.share_product_id, self.quantity)

    @api.multi
    def _record_rea_redemption(self):
        """Shares back to the project now; the money it owes the member is
        a commitment, fulfilled when the bill is paid."""
        project = self.project_id.partner_id
        exchange = self._create_exchange(self.partner_id, project)
        slots = exchange.exchange_type_id.transfer_type_ids
        shares_slot = slots.filtered(lambda s: not s.is_currency)[:1]
        money_slot = slots.filtered("is_currency")[:1]
        events = self._record_shares(
            exchange, shares_slot, self.share_product_id, self.quantity
        )
        money = exchange.add_transfer(
            money_slot, resource_type=self._get_money_resource_type(money_slot)
        )
        money.add_commitment(self.done_amount, due=self.effective_date)
        if self.invoice_id:
            self.invoice_id.rea_exchange_id = exchange
        return events

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

    @api.multi
    def _record_rea_conversion(self):
        project = self.project_id.partner_id
        exchange = self._create_exchange(self.partner_id, project)
        slots = exchange.exchange_type_id.transfer_type_ids.sorted("sequence")
        events = self._record_shares(
            exchange, slots[0], self.share_product_id, self.quantity
        )
        events |= self._record_shares(
            exchange, slots[1], self.share_to_product_id, self.quantity_to
        )
        return events

    # E-mails

    @api.multi
    def _send_operation_mails(self):
        """Receiver of a transfer: transfer mail; giver: update mail, or the
        no-shares-left mail when nothing is left."""
        company = self.company_id
        mails = []
        if self.type == "transfer" and company.share_mail_transfer:
            mails.append(("transfer", self.receiver_id))
        if self._get_total_held(self.partner_id):
            if company.share_mail_update:
                mails.append(("update", self.partner_id))
        elif company.share_mail_no_shares_left:
            mails.append(("no_shares_left", self.partner_id))
        for kind, partner in mails:
            template = company.get_share_mail_template(kind)
            template.sudo().with_context(
                share_operation_id=self.id, lang=partner.lang
            ).send_mail(partner.id)


class ReaShareRegister(models.Model):
    """Register lines appended by an operation point back to it."""

    _inherit = "rea.share.register"

    operation_id = fields.Many2one(
        "rea.share.operation",
        readonly=True,
        ondelete="restrict",
        index=True,
    )
