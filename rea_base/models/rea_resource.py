# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp

from ..server_api import server_only
from .decimal_precision import rea_quantity_digits
from .rea_batch_create_mixin import Facts

# Quantities change only through events, which move them with
# rea.resource.move_quantities; nothing else writes them.
QUANTITY_FIELDS = ("accounting_quantity", "onhand_quantity")
TRACE_MAX_DEPTH = 12


class ReaResource(models.Model):
    """An economic resource (ValueFlows EconomicResource).

    Money and share accounts are resources too: their accounting quantity is
    the balance.
    """

    _name = "rea.resource"
    _inherit = ["mail.thread", "rea.batch.create.mixin"]
    _description = "REA Economic Resource"
    _order = "name, id"

    name = fields.Char(required=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    conforms_to_id = fields.Many2one(
        "product.template",
        string="Resource type",
        required=True,
        ondelete="restrict",
        index=True,
    )
    behavior = fields.Selection(
        related="conforms_to_id.rea_behavior",
        string="REA behaviour",
        readonly=True,
        store=True,
    )
    tracking_identifier = fields.Char(string="Tracking identifier", index=True)
    accounting_quantity = fields.Float(
        string="Accounting quantity",
        digits=rea_quantity_digits,
        readonly=True,
        copy=False,
        help="Quantity the primary accountable agent has rights on.",
    )
    onhand_quantity = fields.Float(
        string="On-hand quantity",
        digits=rea_quantity_digits,
        readonly=True,
        copy=False,
        help="Quantity physically in the custody of an agent.",
    )
    unit_id = fields.Many2one(
        "product.uom",
        required=True,
        ondelete="restrict",
        default=lambda self: self._default_unit_id(),
    )
    primary_accountable_id = fields.Many2one(
        "res.partner",
        string="Primary accountable",
        index=True,
        ondelete="restrict",
        track_visibility="onchange",
    )
    current_location_id = fields.Many2one(
        "res.partner",
        string="Current location",
        ondelete="set null",
        track_visibility="onchange",
        help="Address where the resource currently is.",
    )
    contained_in_id = fields.Many2one(
        "rea.resource", string="Contained in", ondelete="set null", index=True
    )
    contains_ids = fields.One2many("rea.resource", "contained_in_id")
    stage_id = fields.Many2one(
        "rea.process.specification",
        ondelete="set null",
        help="Kind of the last process this resource came out of.",
    )
    state = fields.Char(help="Free state set by events, e.g. 'pass' or 'fail'.")
    value_per_unit = fields.Float(
        string="Value per unit", digits=dp.get_precision("Product Price")
    )
    value_per_unit_of_use = fields.Float(
        string="Value per unit of use", digits=dp.get_precision("Product Price")
    )
    note = fields.Text()
    image = fields.Binary(attachment=True)
    role_ids = fields.One2many("rea.resource.role", "resource_id", string="Roles")
    event_count = fields.Integer(string="Events", compute="_compute_event_count")

    @api.model
    def _default_unit_id(self):
        type_id = self.env.context.get("default_conforms_to_id")
        if type_id:
            return self.env["product.template"].browse(type_id).uom_id
        return self.env.ref("product.product_uom_unit", raise_if_not_found=False)

    @api.multi
    def _compute_event_count(self):
        event_model = self.env["rea.event"]
        for resource in self:
            resource.event_count = event_model.search_count(
                resource._get_event_domain()
            )

    @api.constrains("contained_in_id")
    def _check_containment_cycle(self):
        for resource in self:
            container = resource.contained_in_id
            seen = {resource.id}
            while container:
                if container.id in seen:
                    raise ValidationError(
                        _("%s cannot be contained in itself.") % resource.display_name
                    )
                seen.add(container.id)
                container = container.contained_in_id

    @api.onchange("conforms_to_id")
    def _onchange_conforms_to_id(self):
        if self.conforms_to_id:
            self.unit_id = self.conforms_to_id.uom_id
            if not self.name:
                self.name = self.conforms_to_id.name

    @api.model
    def create(self, vals):
        return super().create(self._prepare_create_vals(vals))

    # Hooks of rea.batch.create.mixin.create_batch: bookkeeping resources
    # opened by the hundred (the money accounts of a first distribution) are
    # inserted together when no chatter is kept for them.

    @api.model
    def _can_create_batch(self, vals_list):
        # Only with ``tracking_disable``, as for a single one: no message,
        # no follower to create.
        return bool(
            self._context.get("tracking_disable")
        ) and super()._can_create_batch(vals_list)

    @api.model
    def _create_batch_rows(self, vals_list):
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            return super()._create_batch_rows(vals_list)

    @api.model
    def _prepare_create_vals(self, vals):
        """``vals`` completed as every creation completes them: name and unit
        from the resource type; quantities refused."""
        vals = dict(vals)
        self._check_no_quantity_vals(vals, allow_zero=True)
        if not vals.get("name") and vals.get("conforms_to_id"):
            vals["name"] = self._default_name(vals)
        if not vals.get("unit_id") and vals.get("conforms_to_id"):
            vals["unit_id"] = (
                self.env["product.template"].browse(vals["conforms_to_id"]).uom_id.id
            )
        return vals

    @api.multi
    def write(self, vals):
        self._check_no_quantity_vals(vals)
        if "unit_id" in vals and self._has_events():
            raise UserError(_("The unit of a resource with events cannot be changed."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self._has_events():
            raise UserError(
                _(
                    "Resources with economic events cannot be deleted; "
                    "archive them instead."
                )
            )
        return super().unlink()

    @api.model
    def _check_no_quantity_vals(self, vals, allow_zero=False):
        if any(
            fname in vals and (vals[fname] or not allow_zero)
            for fname in QUANTITY_FIELDS
        ):
            raise UserError(
                _(
                    "Resource quantities change only through economic events: "
                    "record a 'raise' or 'produce' event instead."
                )
            )

    @api.model
    def _default_name(self, vals):
        name = self.env["product.template"].browse(vals["conforms_to_id"]).name
        if vals.get("tracking_identifier"):
            name = "%s %s" % (name, vals["tracking_identifier"])
        return name

    @api.multi
    def _get_event_domain(self):
        return [
            "|",
            ("resource_id", "in", self.ids),
            ("to_resource_id", "in", self.ids),
        ]

    @api.multi
    def _has_events(self):
        return bool(
            self.ids
            and self.env["rea.event"].sudo().search(self._get_event_domain(), limit=1)
        )

    # Quantities: only events change them, and only through this method.

    @api.model
    @server_only
    def move_quantities(self, moves, limits=None):
        """Move resource quantities by deltas; return the new quantities
        ``{resource id: {quantity field: value}}``.

        ``moves`` is a list of steps ``{resource id: {quantity field:
        delta}}`` (fields ``accounting_quantity``, ``onhand_quantity``),
        applied in order: e.g. one step per event, for events recorded
        together. The rows of all the resources are locked first
        (``_lock_quantities``); each decrease is checked right after its
        step, as if the steps came one by one (a later increase does not
        hide it); then all the quantities are stored in one UPDATE.

        Never below zero: a resource whose type does not allow negative stock
        refuses a decrease that takes a quantity below zero (``UserError``,
        nothing stored). ``limits``: ``{resource id: facts}`` with the
        ``allow_negative`` and ``rounding`` of resources the caller has read
        already (the facts of events); the others are read here when a
        decrease needs them.
        """
        resource_ids = sorted({rid for step in moves for rid in step})
        if not resource_ids:
            return {}
        records = self.browse(resource_ids)
        quantities = records._lock_quantities()
        limits = dict(limits or {})
        for step in moves:
            for resource_id, deltas in step.items():
                values = quantities[resource_id]
                for quantity_field, delta in deltas.items():
                    values[quantity_field] += delta
                    if delta < 0:
                        resource = self.browse(resource_id)
                        if resource_id not in limits:
                            limits[resource_id] = resource._get_quantity_limits()
                        resource._check_quantity_not_negative(
                            quantity_field, values[quantity_field], limits[resource_id]
                        )
        records._set_quantities(quantities)
        return quantities

    @api.multi
    def _get_quantity_limits(self):
        """What ``move_quantities`` checks a decrease against, as the facts
        of events give it: whether the resource type allows negative stock,
        and the rounding of the unit."""
        self.ensure_one()
        return Facts(
            id=self.id,
            allow_negative=self.conforms_to_id.rea_allow_negative_stock,
            rounding=self.unit_id.rounding,
        )

    @api.multi
    def _check_quantity_not_negative(self, quantity_field, new_quantity, limits):
        """Refuse ``new_quantity`` of ``quantity_field`` below zero, unless
        ``limits`` (``_get_quantity_limits``) allow negative stock."""
        self.ensure_one()
        if limits.allow_negative:
            return
        rounding = limits.rounding or 0.001
        if float_compare(new_quantity, 0.0, precision_rounding=rounding) < 0:
            raise UserError(
                _(
                    "Not enough %(resource)s: this event would take its "
                    "%(quantity_name)s to %(quantity)s %(unit)s."
                )
                % {
                    "resource": self.display_name,
                    "quantity_name": self._fields[quantity_field]
                    .get_description(self.env)["string"]
                    .lower(),
                    "quantity": new_quantity,
                    "unit": self.unit_id.name,
                }
            )

    @api.multi
    def _lock_quantities(self):
        """Lock the rows and return their current quantities (for
        ``move_quantities``).

        A concurrent event on the same resource waits for this transaction,
        then (Odoo runs REPEATABLE READ) fails with a serialization error that
        the RPC layer retries: both events apply, none is lost. ``NO KEY``
        because the event row just inserted holds a key-share lock on these
        rows through its foreign keys, which a plain ``FOR UPDATE`` would wait
        on (deadlock); ordering by id avoids deadlocks between two resources.
        """
        if not self.ids:
            return {}
        self.env.cr.execute(
            "SELECT id, accounting_quantity, onhand_quantity FROM rea_resource "
            "WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
            (tuple(self.ids),),
        )
        return {
            row[0]: {
                "accounting_quantity": row[1] or 0.0,
                "onhand_quantity": row[2] or 0.0,
            }
            for row in self.env.cr.fetchall()
        }

    @api.multi
    def _set_quantities(self, quantities):
        """Store the quantities ``move_quantities`` computed (rows already
        locked).

        ``quantities`` is the dict returned by ``_lock_quantities`` with the new
        values; raw SQL keeps this out of the ORM write path on purpose, which
        refuses quantity changes.
        """
        if not quantities:
            return
        ids = list(quantities)
        self.env.cr.execute(
            "UPDATE rea_resource r SET accounting_quantity = v.accounting, "
            "onhand_quantity = v.onhand, write_uid = %s, "
            "write_date = now() AT TIME ZONE 'UTC' "
            "FROM unnest(%s::int[], %s::numeric[], %s::numeric[]) "
            "AS v(id, accounting, onhand) WHERE r.id = v.id",
            (
                self.env.uid,
                ids,
                [quantities[rid]["accounting_quantity"] for rid in ids],
                [quantities[rid]["onhand_quantity"] for rid in ids],
            ),
        )
        self.browse(list(quantities)).invalidate_cache(
            fnames=list(QUANTITY_FIELDS) + ["write_uid", "write_date"],
            ids=list(quantities),
        )

    @api.multi
    def _write_effects(self, vals):
        """Write non-quantity effects (location, stage...) from the engine.

        As superuser: they follow from an event the user could record.
        """
        return self.sudo().write(vals)

    @api.multi
    def action_view_events(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Economic events"),
            "res_model": "rea.event",
            "view_mode": "tree,form,pivot,graph",
            "domain": self._get_event_domain(),
        }

    # Traceability (track and trace)

    @api.multi
    def get_incoming_flows(self, max_depth=TRACE_MAX_DEPTH):
        """Where this resource came from (ValueFlows 'trace').

        Returns a depth-first list of dicts ``{level, kind, model, res_id,
        name, ...}``: the resource, the events that brought it in, their
        processes, the inputs of those processes and, recursively, the
        resources used as inputs.
        """
        self.ensure_one()
        lines = []
        self._trace(lines, 0, max_depth, set(), incoming=True)
        return lines

    @api.multi
    def get_outgoing_flows(self, max_depth=TRACE_MAX_DEPTH):
        """Where this resource went (ValueFlows 'track'); same shape."""
        self.ensure_one()
        lines = []
        self._trace(lines, 0, max_depth, set(), incoming=False)
        return lines

    @api.multi
    def _trace_node(self, level):
        self.ensure_one()
        return {
            "level": level,
            "kind": "resource",
            "model": self._name,
            "res_id": self.id,
            "name": self.display_name,
            "quantity": self.accounting_quantity,
            "unit_id": self.unit_id.id,
        }

    @api.multi
    def _trace(self, lines, level, max_depth, seen, incoming):
        """Append this resource's node and, recursively, its flows."""
        self.ensure_one()
        lines.append(self._trace_node(level))
        # A resource met twice (loops, shared inputs) is listed but not expanded.
        key = (self._name, self.id)
        if key in seen or level >= max_depth:
            return
        seen.add(key)
        domain = (
            self._get_incoming_event_domain()
            if incoming
            else self._get_outgoing_event_domain()
        )
        events = self.env["rea.event"].search(domain, order="has_point_in_time, id")
        for event in events:
            lines.append(event._trace_node(level + 1))
            if event.to_resource_id and not event.input_of_id:
                # A transfer-like flow: follow the other side of it.
                other = event.resource_id if incoming else event.to_resource_id
                if other and other != self:
                    other._trace(lines, level + 2, max_depth, seen, incoming)
                continue
            process = event.output_of_id if incoming else event.input_of_id
            if process:
                process._trace(lines, level + 2, max_depth, seen, incoming)

    @api.multi
    def _get_incoming_event_domain(self):
        """Events that brought this resource in: process outputs, transfers
        into it, and adjustments up outside any process (opening stock)."""
        self.ensure_one()
        return [
            "|",
            "|",
            "&",
            ("resource_id", "=", self.id),
            ("output_of_id", "!=", False),
            ("to_resource_id", "=", self.id),
            "&",
            "&",
            ("resource_id", "=", self.id),
            ("action_id.input_output", "=", "notApplicable"),
            ("action_id.accounting_effect", "=", "increment"),
        ]

    @api.multi
    def _get_outgoing_event_domain(self):
        """Events that took this resource somewhere: process inputs,
        transfers out of it, and adjustments down outside any process."""
        self.ensure_one()
        return [
            ("resource_id", "=", self.id),
            "|",
            "|",
            ("input_of_id", "!=", False),
            ("to_resource_id", "!=", False),
            "&",
            ("action_id.input_output", "=", "notApplicable"),
            ("action_id.accounting_effect", "=", "decrement"),
        ]

    @api.multi
    def action_view_incoming_flows(self):
        """Button: where this resource came from, as a tree."""
        return self.action_view_trace("incoming")

    @api.multi
    def action_view_outgoing_flows(self):
        """Button: where this resource went, as a tree."""
        return self.action_view_trace("outgoing")

    @api.multi
    def action_view_trace(self, direction="incoming"):
        """Open the trace as lines of a back-office tree."""
        self.ensure_one()
        self._rea_check_readable()
        flows = (
            self.get_incoming_flows()
            if direction == "incoming"
            else self.get_outgoing_flows()
        )
        lines = self.env["rea.trace.line"].create_from_flows(flows, self, direction)
        return {
            "type": "ir.actions.act_window",
            "name": (
                _("Incoming value flows")
                if direction == "incoming"
                else _("Outgoing value flows")
            ),
            "res_model": "rea.trace.line",
            "view_mode": "tree",
            "domain": [("id", "in", lines.ids)],
            "context": {"rea_trace_direction": direction},
        }
