# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..formatting import format_amount, format_date, format_shares
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

    This file: fields, checks, state machine, e-mails; execution through
    the share ledger in ``_execute``, accounting in ``_accounting``.
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
                and operation._get_ledger().held(
                    operation.receiver_id, project=operation.project_id
                )
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
        """Value of the shares the operation would take (the share ledger's
        estimate: the giver's newest lines first, at the price each was
        subscribed at)."""
        self.ensure_one()
        return self._get_ledger().estimate_value(
            self.partner_id, self.share_product_id, self.quantity
        )

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
            operation.held_quantity = operation._get_held_quantity()

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

    # Holdings: the share ledger answers

    @api.multi
    def _get_ledger(self):
        return self.env["rea.share.ledger"]

    @api.multi
    def _get_held_quantity(self):
        """Shares of the type given that the cooperator holds at the
        effective date."""
        self.ensure_one()
        if not self.partner_id or not self.share_product_id:
            return 0
        return self._get_ledger().held_quantity(
            self.partner_id, self.share_product_id, date=self.effective_date
        )

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
        held = self._get_held_quantity()
        if self.quantity > held:
            errors.append(
                _(
                    "%(partner)s holds %(held)s shares of %(type)s at "
                    "%(date)s: %(quantity)s cannot be given."
                )
                % {
                    "partner": self.partner_id.display_name,
                    "held": format_shares(self.env, held),
                    "type": self.share_product_id.display_name,
                    "date": format_date(self.env, self.effective_date or today),
                    "quantity": format_shares(self.env, self.quantity),
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
                receiver,
                self.share_product_id,
                self.quantity,
                self._get_value_estimate(),
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
                    "amount": format_amount(self.env, value, self.currency_id),
                    "type": target.display_name,
                    "price": format_amount(self.env, price, self.currency_id),
                }
            )
        errors.extend(
            self._get_holder_errors(
                self.partner_id,
                target,
                self._get_quantity_to(value),
                value,
                exclude_product=self.share_product_id,
            )
        )
        return errors

    @api.multi
    def _get_holder_errors(
        self, partner, product, quantity, value, exclude_product=None
    ):
        """May ``partner`` get ``quantity`` shares of ``product`` worth
        ``value``? The share ledger's rules (individuals/companies, maximum
        value, one type per member), as messages."""
        return [
            message
            for __, message in self._get_ledger().get_eligibility_errors(
                partner,
                product,
                quantity,
                value=value,
                company=self.company_id,
                exclude_product=exclude_product,
            )
        ]

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
        self._rea_check_readable()
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
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Vendor bill"),
            "res_model": "account.invoice",
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_supplier_form").id, "form")],
            "res_id": self.invoice_id.id,
        }

    # E-mails

    @api.multi
    def _send_operation_mails(self):
        """Receiver of a transfer: transfer mail; giver: update mail, or the
        no-shares-left mail when nothing is left."""
        company = self.company_id
        mails = []
        if self.type == "transfer" and company.share_mail_transfer:
            mails.append(("transfer", self.receiver_id))
        if self._get_ledger().held(self.partner_id, project=self.project_id):
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
