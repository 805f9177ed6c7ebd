# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round
from odoo.tools.misc import formatLang

from .rea_transfer_type import DIRECTIONS, QUANTITY_DIGITS, TRANSFER_ACTION_CODES

TRANSFER_STATES = [
    ("empty", "Draft"),
    ("pending", "Pending"),
    ("complete", "Complete"),
    ("cancelled", "Cancelled"),
]


class ReaTransfer(models.Model):
    """One flow of an exchange: a resource going from one party to the other.

    It is planned by commitments (with due dates) and done by events of a
    transfer action, each moving quantity from the provider's resource to the
    receiver's resource (their accounts, found or created per resource type).
    """

    _name = "rea.transfer"
    _inherit = [
        "rea.batch.create.mixin",
        "rea.aggregate.unit.mixin",
        "rea.access.check.mixin",
    ]
    _description = "REA Transfer"
    _order = "exchange_id desc, sequence, id"

    name = fields.Char(compute="_compute_name", store=True)
    exchange_id = fields.Many2one(
        "rea.exchange", required=True, ondelete="cascade", index=True
    )
    exchange_type_id = fields.Many2one(
        related="exchange_id.exchange_type_id",
        string="Exchange type",
        store=True,
        readonly=True,
    )
    context_id = fields.Many2one(
        related="exchange_id.context_id", string="Context", store=True, readonly=True
    )
    date = fields.Date(
        related="exchange_id.start_date", store=True, readonly=True, index=True
    )
    transfer_type_id = fields.Many2one(
        "rea.transfer.type", string="Transfer type", ondelete="restrict"
    )
    sequence = fields.Integer(default=10)
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        default="forward",
        help="Which party of the exchange gives.",
    )
    provider_id = fields.Many2one(
        "res.partner",
        string="From",
        compute="_compute_agents",
        store=True,
        index=True,
    )
    receiver_id = fields.Many2one(
        "res.partner",
        string="To",
        compute="_compute_agents",
        store=True,
        index=True,
    )
    action_id = fields.Many2one(
        "rea.action",
        required=True,
        ondelete="restrict",
        domain=[("code", "in", TRANSFER_ACTION_CODES)],
        default=lambda self: self._default_action_id(),
    )
    # Required to plan or record; a slot without default resource type gets
    # a transfer to complete (e.g. the goods of a sale).
    resource_conforms_to_id = fields.Many2one(
        "product.template",
        string="Resource type",
        ondelete="restrict",
        index=True,
    )
    unit_id = fields.Many2one(
        "product.uom",
        string="Unit",
        related="resource_conforms_to_id.uom_id",
        store=True,
        readonly=True,
    )
    from_resource_id = fields.Many2one(
        "rea.resource",
        string="From resource",
        ondelete="restrict",
        help="Leave empty to use the provider's account for this resource type.",
    )
    to_resource_id = fields.Many2one(
        "rea.resource",
        string="To resource",
        ondelete="restrict",
        help="Leave empty to use the receiver's account for this resource type.",
    )
    is_reciprocal = fields.Boolean(
        related="transfer_type_id.is_reciprocal", store=True, readonly=True
    )
    is_currency = fields.Boolean(
        related="transfer_type_id.is_currency", store=True, readonly=True
    )
    is_contribution = fields.Boolean(
        related="transfer_type_id.is_contribution", store=True, readonly=True
    )
    is_to_distribute = fields.Boolean(
        related="transfer_type_id.is_to_distribute", store=True, readonly=True
    )
    commitment_ids = fields.One2many(
        "rea.commitment", "transfer_id", string="Commitments"
    )
    event_ids = fields.One2many(
        "rea.event", "transfer_id", string="Events", readonly=True
    )
    committed_quantity = fields.Float(
        compute="_compute_quantities",
        store=True,
        digits=QUANTITY_DIGITS,
    )
    actual_quantity = fields.Float(
        string="Done quantity",
        compute="_compute_quantities",
        store=True,
        digits=QUANTITY_DIGITS,
    )
    remaining_quantity = fields.Float(
        compute="_compute_quantities",
        store=True,
        digits=QUANTITY_DIGITS,
    )
    progress = fields.Float(
        compute="_compute_quantities",
        store=True,
        group_operator="avg",
        help="Done quantity as a percentage of the committed quantity.",
    )
    due = fields.Datetime(
        string="Next due",
        compute="_compute_quantities",
        store=True,
        help="Due date of the first commitment still open.",
    )
    cancelled = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        TRANSFER_STATES, compute="_compute_state", store=True, index=True
    )
    note = fields.Text()

    @api.model
    def _default_action_id(self):
        return self.env.ref("rea_base.action_transfer", raise_if_not_found=False)

    @api.depends("transfer_type_id.name", "resource_conforms_to_id.name")
    def _compute_name(self):
        for transfer in self:
            what = transfer.resource_conforms_to_id.name or ""
            kind = transfer.transfer_type_id.name
            transfer.name = "%s: %s" % (kind, what) if kind and what else kind or what

    @api.depends("direction", "exchange_id.provider_id", "exchange_id.receiver_id")
    def _compute_agents(self):
        for transfer in self:
            first = transfer.exchange_id.provider_id
            second = transfer.exchange_id.receiver_id
            if transfer.direction == "backward":
                first, second = second, first
            transfer.provider_id = first
            transfer.receiver_id = second

    @api.model
    def _rea_get_unit_measures(self):
        measures = super()._rea_get_unit_measures()
        measures.update(
            committed_quantity="unit_id",
            actual_quantity="unit_id",
            remaining_quantity="unit_id",
        )
        return measures

    @api.depends(
        "commitment_ids.resource_quantity",
        "commitment_ids.due",
        "commitment_ids.fulfilled_quantity",
        "event_ids.resource_quantity",
    )
    def _compute_quantities(self):
        for transfer in self:
            committed = sum(transfer.commitment_ids.mapped("resource_quantity"))
            actual = sum(transfer.event_ids.mapped("resource_quantity"))
            transfer.committed_quantity = committed
            transfer.actual_quantity = actual
            transfer.remaining_quantity = max(committed - actual, 0.0)
            transfer.progress = (
                min(100.0, 100.0 * actual / committed) if committed else 0.0
            )
            open_commitments = transfer._get_open_commitments()
            transfer.due = open_commitments[:1].due

    @api.depends("cancelled", "committed_quantity", "actual_quantity")
    def _compute_state(self):
        for transfer in self:
            transfer.state = transfer._get_state()

    @api.multi
    def _get_state(self):
        """Complete when the events cover the commitments (or, without
        commitments, when something was done)."""
        self.ensure_one()
        if self.cancelled:
            return "cancelled"
        rounding = self.unit_id.rounding or 0.01
        done = float_compare(self.actual_quantity, 0.0, precision_rounding=rounding) > 0
        if not self.committed_quantity:
            return "complete" if done else "empty"
        if (
            float_compare(
                self.actual_quantity,
                self.committed_quantity,
                precision_rounding=rounding,
            )
            >= 0
        ):
            return "complete"
        return "pending"

    # Constraints read as superuser: they check consistency, record rules
    # are checked on their own (and raise the right error).

    @api.constrains("resource_conforms_to_id", "transfer_type_id")
    def _check_resource_type(self):
        for transfer in self.sudo():
            transfer_type = transfer.transfer_type_id
            resource_type = transfer.resource_conforms_to_id
            if not (transfer_type and resource_type):
                continue
            if not transfer_type.accepts_resource_type(resource_type):
                raise ValidationError(
                    _("%(type)s cannot move in the slot '%(slot)s'.")
                    % {"type": resource_type.display_name, "slot": transfer_type.name}
                )

    @api.constrains("transfer_type_id", "exchange_id")
    def _check_transfer_type(self):
        for transfer in self.sudo():
            slot = transfer.transfer_type_id
            if slot and slot.exchange_type_id != transfer.exchange_id.exchange_type_id:
                raise ValidationError(
                    _("The slot '%(slot)s' is not part of the exchange type %(type)s.")
                    % {
                        "slot": slot.name,
                        "type": transfer.exchange_id.exchange_type_id.name,
                    }
                )

    @api.constrains("from_resource_id", "to_resource_id", "resource_conforms_to_id")
    def _check_resources(self):
        for transfer in self.sudo():
            for resource in transfer.from_resource_id | transfer.to_resource_id:
                if resource.conforms_to_id != transfer.resource_conforms_to_id:
                    raise ValidationError(
                        _("%(resource)s is not a %(type)s.")
                        % {
                            "resource": resource.display_name,
                            "type": transfer.resource_conforms_to_id.display_name,
                        }
                    )

    @api.onchange("transfer_type_id")
    def _onchange_transfer_type_id(self):
        if self.transfer_type_id:
            vals = self.prepare_vals_from_type(self.transfer_type_id)
            for fname, value in vals.items():
                self[fname] = value

    @api.model
    def create(self, vals):
        return super().create(self._prepare_create_vals(vals))

    # create_batch comes from rea.batch.create.mixin: each transfer gets
    # what create gives it (the slot's values through _prepare_create_vals,
    # defaults, stored computed values, constraints), but an exchange opens
    # all its slots in a few queries.

    @api.multi
    def _batch_reader(self):
        # An exchange opens a few transfers: reading all their columns at
        # once costs fewer queries than reading them field by field.
        return self

    @api.model
    def _prepare_create_vals(self, vals):
        """What the slot says, unless given: direction, action, resource type."""
        if vals.get("transfer_type_id"):
            transfer_type = self.env["rea.transfer.type"].browse(
                vals["transfer_type_id"]
            )
            vals = dict(self.prepare_vals_from_type(transfer_type), **vals)
        return vals

    @api.multi
    def write(self, vals):
        locked = {"direction", "resource_conforms_to_id", "action_id"} & set(vals)
        if locked:
            started = self.filtered(lambda t: t.commitment_ids or t.event_ids)
            if started:
                raise UserError(
                    _(
                        "The transfer %s is planned or done: its direction, "
                        "action and resource type cannot change."
                    )
                    % started[0].name
                )
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.mapped("event_ids"):
            raise UserError(
                _("Transfers with events cannot be deleted; cancel them instead.")
            )
        # Their commitments go with them (ondelete cascade).
        return super().unlink()

    @api.multi
    def _check_can_manage(self):
        """Raise AccessError unless the caller may record on or change these
        transfers: write access and record rules (their contexts'
        coordinators, REA managers), not the members taking part."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    # Actions

    @api.multi
    def action_cancel(self):
        for transfer in self:
            if transfer.state == "complete":
                raise UserError(_("The transfer %s is complete.") % transfer.name)
        self.write({"cancelled": True})
        return True

    @api.multi
    def action_reopen(self):
        self.write({"cancelled": False})
        self.mapped("exchange_id").filtered("cancelled").write({"cancelled": False})
        return True

    @api.multi
    def action_open_record_wizard(self):
        """Opens the recording wizard: for who may record (see
        ``_check_can_manage``)."""
        self.ensure_one()
        self._check_can_manage()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a transfer"),
            "res_model": "rea.transfer.record",
            "view_mode": "form",
            "target": "new",
            "context": {"default_transfer_id": self.id},
        }

    @api.multi
    def action_view_events(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Economic events"),
            "res_model": "rea.event",
            "view_mode": "tree,form",
            "domain": [("transfer_id", "=", self.id)],
        }

    # Business methods

    @api.model
    def prepare_vals_from_type(self, transfer_type):
        """Default values of a transfer in the slot ``transfer_type``."""
        if not transfer_type:
            return {}
        resource_type = transfer_type.get_default_resource_type()
        return {
            "transfer_type_id": transfer_type.id,
            "sequence": transfer_type.sequence,
            "direction": transfer_type.direction,
            "action_id": transfer_type.action_id.id,
            "resource_conforms_to_id": resource_type.id,
        }

    @api.multi
    def get_from_resource(self):
        """The resource the quantity leaves: the chosen one, else the
        provider's account of this resource type."""
        self.ensure_one()
        if self.from_resource_id:
            return self.from_resource_id
        return self.provider_id.get_rea_account(self.resource_conforms_to_id)

    @api.multi
    def get_to_resource(self):
        """The resource the quantity enters: the chosen one, else the
        receiver's account. A custody transfer (a loan of a thing) leaves it
        empty: the action creates a resource held by the receiver that stays
        accounted to the owner."""
        self.ensure_one()
        if self.to_resource_id:
            return self.to_resource_id
        if self.action_id.code == "transferCustody":
            return self.env["rea.resource"]
        return self.receiver_id.get_rea_account(self.resource_conforms_to_id)

    @api.multi
    def add_commitment(self, quantity, due=None, note=None):
        """Plan ``quantity`` of this transfer, due at ``due``."""
        self.ensure_one()
        return self.env["rea.commitment"].create(
            {
                "transfer_id": self.id,
                "resource_quantity": quantity,
                "due": due or False,
                "note": note or False,
            }
        )

    @api.multi
    def prepare_commitment_vals(self, vals):
        """Complete the values of a commitment planning this transfer."""
        self.ensure_one()
        self._check_resource_type_set()
        vals = dict(vals)
        vals.update(
            {
                "action_id": self.action_id.id,
                "provider_id": self.provider_id.id,
                "receiver_id": self.receiver_id.id,
                "resource_conforms_to_id": self.resource_conforms_to_id.id,
                "resource_unit_id": self.unit_id.id,
            }
        )
        if self.context_id:
            vals.setdefault("context_id", self.context_id.id)
        return vals

    @api.multi
    def record_event(
        self,
        quantity=None,
        date=None,
        note=None,
        from_resource=None,
        to_resource=None,
        extra_vals=None,
    ):
        """Record that ``quantity`` (default: what remains committed) moved.

        The quantity fulfils the open commitments by due date; what exceeds
        them is recorded without commitment. One event per commitment
        touched. Returns the events.
        """
        self.ensure_one()
        self._check_can_record()
        if quantity is None:
            quantity = self.remaining_quantity
        rounding = self.unit_id.rounding or 0.01
        quantity = float_round(quantity, precision_rounding=rounding)
        if float_compare(quantity, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(
                _("Nothing to record for %s: give a positive quantity.") % self.name
            )
        from_resource = from_resource or self.get_from_resource()
        to_resource = to_resource or self.get_to_resource()
        event_model = self.env["rea.event"]
        events = event_model.browse()
        for commitment, portion in self._allocate(quantity):
            vals = self._prepare_event_vals(
                portion, date, note, from_resource, to_resource, commitment
            )
            vals.update(extra_vals or {})
            events |= event_model.create(vals)
        return events

    @api.multi
    def _check_resource_type_set(self):
        if not self.resource_conforms_to_id:
            raise UserError(
                _("Choose what moves in %s (its resource type) first.")
                % (self.name or self.exchange_id.name)
            )

    @api.multi
    def _check_can_record(self):
        self._check_resource_type_set()
        if self.state == "cancelled" or self.exchange_id.state == "cancelled":
            raise UserError(
                _("%s is cancelled: reopen it before recording.") % self.name
            )

    @api.multi
    def _get_open_commitments(self):
        return self.commitment_ids.filtered(lambda c: not c.finished).sorted(
            lambda c: (c.due or "9999", c.id)
        )

    @api.multi
    def _allocate(self, quantity):
        """Split ``quantity`` over the open commitments, earliest due first:
        ``[(commitment or empty recordset, quantity), ...]``."""
        rounding = self.unit_id.rounding or 0.01
        portions = []
        left = quantity
        for commitment in self._get_open_commitments():
            if float_compare(left, 0.0, precision_rounding=rounding) <= 0:
                break
            portion = min(left, commitment.unfulfilled_quantity)
            if float_compare(portion, 0.0, precision_rounding=rounding) > 0:
                portions.append((commitment, portion))
                left -= portion
        if float_compare(left, 0.0, precision_rounding=rounding) > 0:
            portions.append((self.env["rea.commitment"], left))
        return portions

    @api.multi
    def _prepare_event_vals(
        self, quantity, date, note, from_resource, to_resource, commitment
    ):
        context = self.context_id
        return {
            "action_id": self.action_id.id,
            "provider_id": self.provider_id.id,
            "receiver_id": self.receiver_id.id,
            "resource_conforms_to_id": self.resource_conforms_to_id.id,
            "resource_id": from_resource.id,
            "to_resource_id": to_resource.id or False,
            "resource_quantity": quantity,
            "resource_unit_id": self.unit_id.id,
            "has_point_in_time": self._normalize_datetime(date),
            "context_id": context.id if context.is_context else False,
            "commitment_id": commitment.id or False,
            "transfer_id": self.id,
            "is_contribution": self.is_contribution,
            "is_to_distribute": self.is_to_distribute,
            "note": note or False,
        }

    @api.model
    def _normalize_datetime(self, date):
        if not date:
            return fields.Datetime.now()
        date = fields.Datetime.to_string(date) if not isinstance(date, str) else date
        return date if len(date) > 10 else "%s 12:00:00" % date

    @api.multi
    def format_quantity(self, quantity, with_unit=True):
        """A quantity of this transfer as members read it: money of a
        currency as Odoo writes amounts everywhere ('$ 150.00', '156.00 €',
        the portal's one money style), other quantities in their unit
        ('3 Units'); ``with_unit=False`` leaves out the unit (not the
        currency: an amount is never written without it)."""
        self.ensure_one()
        currency = (
            self.resource_conforms_to_id.rea_get_display_currency()
            if self.resource_conforms_to_id
            else False
        )
        if currency:
            return formatLang(self.env, quantity, currency_obj=currency)
        return self.unit_id.rea_format_quantity(quantity, with_unit=with_unit)

    @api.multi
    def get_summary(self):
        """What moves, as text: '30.00 €', '3 Units Oak cutting board'; a
        transfer not fully done shows 'done of committed'."""
        self.ensure_one()
        if self.state == "pending":
            quantity = "%s / %s" % (
                self.format_quantity(self.actual_quantity, with_unit=False),
                self.format_quantity(self.committed_quantity),
            )
        else:
            quantity = self.format_quantity(
                self.actual_quantity or self.committed_quantity
            )
        if self.resource_conforms_to_id.rea_behavior in ("account", "dig_curr"):
            return quantity
        return "%s %s" % (quantity, self.resource_conforms_to_id.name)
