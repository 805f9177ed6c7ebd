# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp

from .decimal_precision import rea_quantity_digits

# How each quantity effect of an action moves quantities:
# {effect: ((event field holding the resource, factor), ...)}
QUANTITY_EFFECT_MOVES = {
    "increment": (("resource_id", 1),),
    "decrement": (("resource_id", -1),),
    "decrementIncrement": (("resource_id", -1), ("to_resource_id", 1)),
    "incrementTo": (("to_resource_id", 1),),
    "notApplicable": (),
}
# Which resource quantity field each action effect column drives.
QUANTITY_EFFECT_FIELDS = (
    ("accounting_effect", "accounting_quantity"),
    ("onhand_effect", "onhand_quantity"),
)
# Context value opening event fields to the effects engine only.
ENGINE_KEY = object()
# Side of the event whose resource a non-quantity effect changes.
EFFECT_SIDES = {
    "update": "resource_id",
    "remove": "resource_id",
    "updateTo": "to_resource_id",
}


class ReaEvent(models.Model):
    """An economic event (ValueFlows EconomicEvent): a fact, never edited.

    Recording an event applies the effects of its action to the resources, in
    one place: ``_apply_effects``. Mistakes are fixed with a correcting event
    (``corrects_event_id``), see ``correct``.
    """

    _name = "rea.event"
    _inherit = ["rea.batch.create.mixin"]
    _description = "REA Economic Event"
    _order = "has_point_in_time desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    action_id = fields.Many2one(
        "rea.action", required=True, ondelete="restrict", index=True
    )
    # Copied at creation (events never change action) for cheap domains.
    action_code = fields.Char(string="Action code", readonly=True, index=True)
    action_type_id = fields.Many2one(
        "rea.action.type", string="Action type", ondelete="restrict", index=True
    )
    provider_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True
    )
    receiver_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True
    )
    resource_conforms_to_id = fields.Many2one(
        "product.template", string="Resource type", ondelete="restrict", index=True
    )
    resource_id = fields.Many2one(
        "rea.resource",
        ondelete="restrict",
        index=True,
        help="The resource inventoried as (the 'from' resource of a transfer).",
    )
    to_resource_id = fields.Many2one(
        "rea.resource",
        string="To resource",
        ondelete="restrict",
        index=True,
        help="Receiving resource of a transfer, move or copy; container of a "
        "combine.",
    )
    created_resource_id = fields.Many2one(
        "rea.resource",
        string="Created resource",
        readonly=True,
        ondelete="set null",
        help="Resource this event brought into existence, if any.",
    )
    resource_tracking_identifier = fields.Char(
        string="Tracking identifier",
        help="Tracking identifier of the resource this event creates.",
    )
    resource_quantity = fields.Float(
        string="Resource quantity", digits=rea_quantity_digits
    )
    resource_unit_id = fields.Many2one(
        "product.uom", string="Resource unit", ondelete="restrict"
    )
    effort_quantity = fields.Float(
        string="Effort quantity", digits=dp.get_precision("Product Unit of Measure")
    )
    effort_unit_id = fields.Many2one(
        "product.uom", string="Effort unit", ondelete="restrict"
    )
    has_point_in_time = fields.Datetime(
        string="Date", required=True, index=True, default=fields.Datetime.now
    )
    has_beginning = fields.Datetime(string="Beginning")
    has_end = fields.Datetime(string="End")
    input_of_id = fields.Many2one(
        "rea.process", string="Input of", ondelete="restrict", index=True
    )
    output_of_id = fields.Many2one(
        "rea.process", string="Output of", ondelete="restrict", index=True
    )
    context_id = fields.Many2one(
        "res.partner",
        string="In scope of",
        ondelete="restrict",
        index=True,
        domain=[("is_context", "=", True)],
    )
    commitment_id = fields.Many2one(
        "rea.commitment", string="Fulfills", ondelete="restrict", index=True
    )
    corrects_event_id = fields.Many2one(
        "rea.event",
        string="Corrects",
        ondelete="restrict",
        index=True,
        help="The event this one reverses (negative quantities).",
    )
    correction_ids = fields.One2many(
        "rea.event", "corrects_event_id", string="Corrected by"
    )
    is_corrected = fields.Boolean(
        string="Reversed",
        readonly=True,
        copy=False,
        help="A correcting event reverses this one.",
    )
    to_location_id = fields.Many2one(
        "res.partner",
        string="To location",
        ondelete="restrict",
        help="Address the resource is at after this event.",
    )
    resource_state = fields.Char(
        string="Resource state", help="State given to the resource, e.g. 'pass'."
    )
    note = fields.Text()
    money_value = fields.Monetary(string="Money value", currency_field="currency_id")
    currency_id = fields.Many2one("res.currency")
    is_contribution = fields.Boolean(
        string="Contribution",
        help="A contribution to the context agent, rewarded by value equations.",
    )
    is_to_distribute = fields.Boolean(
        string="To distribute",
        help="Income to be distributed to contributors by value equations.",
    )
    effect_snapshot = fields.Text(
        string="Effect snapshot",
        readonly=True,
        copy=False,
        help="Technical: resource values this event replaced, to undo it exactly.",
    )

    @api.depends(
        "action_id",
        "resource_quantity",
        "resource_unit_id",
        "effort_quantity",
        "effort_unit_id",
        "resource_id",
        "resource_conforms_to_id",
    )
    def _compute_name(self):
        for event in self:
            quantity, unit = event._get_display_quantity()
            what = event.resource_id or event.resource_conforms_to_id
            event.name = " ".join(
                part
                for part in (
                    event.action_id.label or event.action_id.name,
                    "%g" % quantity if quantity else "",
                    unit.name or "",
                    what.display_name or "",
                )
                if part
            )

    @api.multi
    def _get_display_quantity(self):
        """Return ``(quantity, unit)`` that best describes this event.

        Work counts in effort; other actions in resource quantity, falling
        back to the effort when only an effort is given (e.g. using a tool for
        3 hours).
        """
        self.ensure_one()
        effort = self.action_id.event_quantity == "effort" or (
            not self.resource_quantity and self.effort_quantity
        )
        if effort:
            return self.effort_quantity, self.effort_unit_id
        return self.resource_quantity, self.resource_unit_id

    @api.onchange("action_type_id")
    def _onchange_action_type_id(self):
        if self.action_type_id:
            self.action_id = self.action_type_id.action_id
            self.is_contribution = self.action_type_id.is_contribution

    @api.onchange("resource_id")
    def _onchange_resource_id(self):
        if self.resource_id:
            self.resource_conforms_to_id = self.resource_id.conforms_to_id
            self.resource_unit_id = self.resource_id.unit_id

    @api.onchange("resource_conforms_to_id")
    def _onchange_resource_conforms_to_id(self):
        resource_type = self.resource_conforms_to_id
        if resource_type and not self.resource_id:
            self.resource_unit_id = resource_type.uom_id
        if resource_type.rea_effort_uom_id:
            self.effort_unit_id = resource_type.rea_effort_uom_id

    # CRUD

    @api.model
    def create(self, vals):
        vals = self._prepare_create_vals(self._add_context_defaults(vals))
        self._check_required_vals(vals)
        # A savepoint makes recording atomic: a refused event leaves neither
        # the event nor a created resource nor a quantity change behind.
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            event = super().create(vals)
            event._check_event()
            event._record_effects()
        return event

    @api.model
    def create_batch(self, vals_list):
        """Record several events; return them in the order of ``vals_list``.

        Each event is completed, checked and has its effects exactly as when
        created alone, but the rows, stored computed values, quantities and
        snapshots are written in a few queries whatever the number of events
        (a distribution records one event per recipient). Lists the batch
        path does not cover (see ``_can_create_batch``) are created one by
        one.
        """
        self.check_access_rights("create")
        prepared = []
        for vals in vals_list:
            vals = self._prepare_create_vals(self._add_context_defaults(vals))
            self._check_required_vals(vals)
            prepared.append(self._add_missing_default_values(vals))
        if not prepared:
            return self.browse()
        if not self._can_create_batch(prepared):
            return self.browse([self.create(vals).id for vals in vals_list])
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            events = self._insert_batch(prepared)
            batch = events._batch_reader()
            batch._check_event()
            batch._record_effects_batch()
        return events

    @api.model
    def _can_create_batch(self, vals_list):
        """Whether the batch path applies: column values only, no correction
        and no resource left for the action to create."""
        if not self._has_column_vals_only(vals_list):
            return False
        for vals in vals_list:
            if vals.get("corrects_event_id"):
                return False
            action = self.env["rea.action"].browse(vals["action_id"])
            if action.create_resource == "optional" and not vals.get("resource_id"):
                return False
            if action.create_resource == "optionalTo" and not vals.get(
                "to_resource_id"
            ):
                return False
        return True

    @api.multi
    def write(self, vals):
        # An object, not a flag: a client cannot put it in the context.
        engine = self.env.context.get("rea_event_engine") is ENGINE_KEY
        locked = set(vals) - self._get_mutable_fields()
        if locked and not engine:
            raise UserError(
                _(
                    "Economic events are facts and cannot be changed "
                    "(%s). Record a correcting event instead."
                )
                % ", ".join(
                    sorted(
                        self._fields[f].string if f in self._fields else f
                        for f in locked
                    )
                )
            )
        return super().write(vals)

    @api.multi
    def _engine_write(self, vals):
        """Write from the effects engine, past the immutability guard."""
        return self.with_context(rea_event_engine=ENGINE_KEY).write(vals)

    @api.multi
    def unlink(self):
        if not self._can_delete():
            raise AccessError(
                _(
                    "Only REA managers may delete economic events; record a "
                    "correcting event instead."
                )
            )
        corrections = self.mapped("correction_ids") - self
        if corrections:
            raise UserError(
                _("Delete the events correcting %s first.")
                % ", ".join(corrections.mapped("corrects_event_id.name"))
            )
        created = self.mapped("created_resource_id")
        # Undo and delete the most recent first, one by one, so that each undo
        # sees only the events that remain.
        for event in self.sorted(key=lambda e: e.id, reverse=True):
            event._apply_effects(sign=-1)
            corrected = event.corrects_event_id
            super(ReaEvent, event).unlink()
            if corrected.exists():
                corrected._engine_write({"is_corrected": False})
        orphans = created.sudo().exists().filtered(lambda r: not r._has_events())
        orphans.unlink()
        return True

    @api.model
    def _get_mutable_fields(self):
        """Fields that may change after recording: they affect no resource."""
        return {
            "note",
            "is_contribution",
            "is_to_distribute",
            "money_value",
            "currency_id",
        }

    @api.multi
    def _can_delete(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(
            "rea_base.group_rea_manager"
        )

    @api.model
    def _add_context_defaults(self, vals):
        """Return a copy of vals completed with the ``default_*`` values of
        the context (e.g. a form opened from a commitment), so that they are
        deduced from and checked like the others."""
        vals = dict(vals)
        for key, value in self.env.context.items():
            fname = key[len("default_") :] if key.startswith("default_") else None
            if fname in self._fields and fname not in vals:
                vals[fname] = value
        return vals

    @api.model
    def _prepare_create_vals(self, vals):
        """Fill what can be deduced: action from action type, type and unit
        from the resource."""
        if vals.get("action_type_id"):
            action_type = self.env["rea.action.type"].browse(vals["action_type_id"])
            vals.setdefault("action_id", action_type.action_id.id)
            vals.setdefault("is_contribution", action_type.is_contribution)
        if vals.get("action_id"):
            vals["action_code"] = self.env["rea.action"].browse(vals["action_id"]).code
        if not vals.get("has_point_in_time") and (
            vals.get("has_end") or vals.get("has_beginning")
        ):
            # An event over a period is dated by its end (or start).
            vals["has_point_in_time"] = vals.get("has_end") or vals["has_beginning"]
        resource = self.env["rea.resource"].browse(
            vals.get("resource_id") or vals.get("to_resource_id") or []
        )
        if resource:
            vals.setdefault("resource_conforms_to_id", resource.conforms_to_id.id)
            if vals.get("resource_quantity"):
                vals.setdefault("resource_unit_id", resource.unit_id.id)
        resource_type = self.env["product.template"].browse(
            vals.get("resource_conforms_to_id") or []
        )
        if resource_type:
            if vals.get("resource_quantity"):
                vals.setdefault("resource_unit_id", resource_type.uom_id.id)
            if vals.get("effort_quantity") and resource_type.rea_effort_uom_id:
                vals.setdefault("effort_unit_id", resource_type.rea_effort_uom_id.id)
        return vals

    @api.model
    def _check_required_vals(self, vals):
        missing = [
            self._fields[fname].get_description(self.env)["string"]
            for fname in ("action_id", "provider_id", "receiver_id")
            if not vals.get(fname)
        ]
        if missing:
            raise ValidationError(
                _("An economic event needs: %s.") % ", ".join(missing)
            )

    # Validation

    @api.multi
    def _check_event(self):
        """Refuse events that do not make sense for their action."""
        for event in self:
            event._check_action_type()
            event._check_dates()
            event._check_process_links()
            event._check_quantities()
            event._check_units()
            event._check_resources()
            event._check_context()
            event._check_commitment()
            if event.corrects_event_id:
                event._check_correction()

    @api.multi
    def _check_action_type(self):
        if self.action_type_id and self.action_type_id.action_id != self.action_id:
            raise ValidationError(
                _("The action type '%(type)s' is a '%(expected)s', not a '%(action)s'.")
                % {
                    "type": self.action_type_id.name,
                    "expected": self.action_type_id.action_id.name,
                    "action": self.action_id.name,
                }
            )

    @api.multi
    def _check_dates(self):
        if self.has_beginning and self.has_end and self.has_end < self.has_beginning:
            raise ValidationError(_("An economic event cannot end before it begins."))

    @api.multi
    def _check_process_links(self):
        action = self.action_id
        io = action.input_output
        if io == "input":
            if not self.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an input: set the process it is input of.")
                    % action.name
                )
            if self.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an input, it cannot be output of a process.")
                    % action.name
                )
        elif io == "output":
            if not self.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an output: set the process it is output of.")
                    % action.name
                )
            if self.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an output, it cannot be input of a process.")
                    % action.name
                )
        elif io == "notApplicable" and (self.input_of_id or self.output_of_id):
            raise ValidationError(
                _("A '%s' event happens between agents, not in a process.")
                % action.name
            )

    @api.multi
    def _check_quantities(self):
        action = self.action_id
        # Only a reversal carries negative quantities (checked separately).
        if not self.corrects_event_id and (
            self.resource_quantity < 0 or self.effort_quantity < 0
        ):
            raise ValidationError(
                _("Quantities of an economic event must be positive.")
            )
        if action.event_quantity == "effort":
            if self.resource_quantity or self.resource_id or self.to_resource_id:
                raise ValidationError(
                    _(
                        "A '%s' event carries an effort quantity (e.g. hours), "
                        "not a resource or a resource quantity."
                    )
                    % action.name
                )
            if not self.effort_quantity:
                raise ValidationError(
                    _("A '%s' event needs an effort quantity.") % action.name
                )
        elif action.event_quantity == "resource":
            if not self.resource_quantity:
                raise ValidationError(
                    _("A '%s' event needs a resource quantity.") % action.name
                )
        elif not (self.resource_quantity or self.effort_quantity):
            raise ValidationError(
                _("A '%s' event needs a resource or an effort quantity.") % action.name
            )

    @api.multi
    def _check_units(self):
        if self.resource_quantity and not self.resource_unit_id:
            raise ValidationError(_("Set the unit of the resource quantity."))
        if self.effort_quantity and not self.effort_unit_id:
            raise ValidationError(_("Set the unit of the effort quantity."))
        if not self.resource_quantity:
            return
        # Not a union: each record keeps the batch it was read with, so that
        # the units of a thousand events' resources are read together.
        resources = [self.resource_id]
        if self._moves_to_resource():
            # The container of a combine is counted in its own unit.
            resources.append(self.to_resource_id)
        for resource in resources:
            if resource and resource.unit_id != self.resource_unit_id:
                raise ValidationError(
                    _(
                        "The event is counted in %(event_unit)s but %(resource)s "
                        "is counted in %(resource_unit)s."
                    )
                    % {
                        "event_unit": self.resource_unit_id.name,
                        "resource": resource.display_name,
                        "resource_unit": resource.unit_id.name,
                    }
                )

    @api.multi
    def _check_resources(self):
        action = self.action_id
        affects_resource = (
            action.accounting_effect,
            action.onhand_effect,
            action.containment_effect,
            action.stage_effect,
        ) != ("notApplicable",) * 4
        if affects_resource and not self.resource_id:
            if action.create_resource != "optional":
                raise ValidationError(
                    _("A '%s' event needs the resource it affects.") % action.name
                )
            if not self.resource_conforms_to_id:
                raise ValidationError(
                    _(
                        "A '%s' event needs a resource or the resource type of "
                        "the resource to create."
                    )
                    % action.name
                )
        # Only work is about agents alone; anything else is about something.
        if action.event_quantity != "effort" and not (
            self.resource_id or self.resource_conforms_to_id
        ):
            raise ValidationError(
                _("A '%s' event needs a resource or a resource type.") % action.name
            )
        if self.to_resource_id and not self._accepts_to_resource():
            raise ValidationError(
                _("A '%s' event has no receiving resource.") % action.name
            )
        if self.to_resource_id and self.to_resource_id == self.resource_id:
            raise ValidationError(
                _("The resource and the receiving resource must differ.")
            )
        if (
            self.resource_id
            and self.resource_conforms_to_id
            and self.resource_id.conforms_to_id != self.resource_conforms_to_id
        ):
            raise ValidationError(
                _("%(resource)s is not a %(type)s.")
                % {
                    "resource": self.resource_id.display_name,
                    "type": self.resource_conforms_to_id.display_name,
                }
            )

    @api.multi
    def _moves_to_resource(self):
        """Whether the action changes the quantities of the to-resource."""
        action = self.action_id
        to_quantity_effects = ("decrementIncrement", "incrementTo")
        return (
            action.accounting_effect in to_quantity_effects
            or action.onhand_effect in to_quantity_effects
        )

    @api.multi
    def _accepts_to_resource(self):
        """Whether the action has a receiving side (or a container)."""
        action = self.action_id
        return (
            action.create_resource == "optionalTo"
            or self._moves_to_resource()
            or action.containment_effect == "update"
            or "updateTo"
            in (action.location_effect, action.accountable_effect, action.state_effect)
        )

    @api.multi
    def _check_context(self):
        if self.context_id and not self.context_id.is_context:
            raise ValidationError(
                _("%s is not a context agent (project, organisation, network).")
                % self.context_id.display_name
            )

    @api.multi
    def _check_commitment(self):
        if self.commitment_id and self.commitment_id.action_id != self.action_id:
            raise ValidationError(
                _("A '%(action)s' event cannot fulfil a '%(commitment)s' commitment.")
                % {
                    "action": self.action_id.name,
                    "commitment": self.commitment_id.action_id.name,
                }
            )

    @api.multi
    def _check_correction(self):
        original = self.corrects_event_id
        if original.corrects_event_id:
            raise ValidationError(_("A correcting event cannot itself be corrected."))
        if original.correction_ids - self:
            raise ValidationError(
                _("The event '%s' has already been corrected.") % original.name
            )
        same = all(
            self[fname] == original[fname]
            for fname in (
                "action_id",
                "resource_id",
                "to_resource_id",
                "resource_unit_id",
            )
        )
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        reverses = all(
            float_compare(self[fname], -original[fname], precision_digits=digits) == 0
            for fname in ("resource_quantity", "effort_quantity")
        )
        if not (same and reverses):
            raise ValidationError(
                _(
                    "A correcting event reverses '%s' exactly: same action and "
                    "resources, opposite quantities."
                )
                % original.name
            )

    # Effects engine

    @api.multi
    def _record_effects(self):
        """Create the resources the action allows, then apply the effects."""
        self.ensure_one()
        new_vals = self._create_resources()
        self._apply_effects(sign=1, extra_vals=new_vals)
        if self.corrects_event_id:
            self.corrects_event_id._engine_write({"is_corrected": True})

    @api.multi
    def _record_effects_batch(self):
        """``_record_effects`` of events created together (no resource to
        create, no correction): the quantities of all of them under one lock
        and in one update, then the other effects in order, their snapshots
        written in one query."""
        self._apply_quantity_effects(sign=1)
        snapshots = {}
        for event in self:
            snapshot = event._set_resource_values(event._get_effect_targets())
            if snapshot:
                snapshots[event.id] = json.dumps(snapshot, sort_keys=True)
        if snapshots:
            self.env.cr.execute(
                "UPDATE rea_event e SET effect_snapshot = v.snapshot "
                "FROM unnest(%s::int[], %s::text[]) AS v(id, snapshot) "
                "WHERE e.id = v.id",
                (list(snapshots), list(snapshots.values())),
            )
            self.invalidate_cache(["effect_snapshot"], list(snapshots))

    @api.multi
    def _create_resources(self):
        """Create the from- or to-resource when missing and the action allows it.

        Returns the event values pointing at the created resource.
        """
        action = self.action_id
        resource_model = self.env["rea.resource"].sudo()
        if action.create_resource == "optional" and not self.resource_id:
            resource = resource_model.create(self._prepare_new_resource_vals())
            return {"resource_id": resource.id, "created_resource_id": resource.id}
        if action.create_resource == "optionalTo" and not self.to_resource_id:
            resource = resource_model.create(self._prepare_new_to_resource_vals())
            return {"to_resource_id": resource.id, "created_resource_id": resource.id}
        return {}

    @api.multi
    def _prepare_new_resource_vals(self):
        action = self.action_id
        vals = {
            "conforms_to_id": self.resource_conforms_to_id.id,
            "unit_id": (
                self.resource_unit_id or self.resource_conforms_to_id.uom_id
            ).id,
            "tracking_identifier": self.resource_tracking_identifier or False,
            "primary_accountable_id": (
                self.receiver_id.id if action.accountable_effect == "new" else False
            ),
        }
        if action.location_effect == "new" and self.to_location_id:
            vals["current_location_id"] = self.to_location_id.id
        return vals

    @api.multi
    def _prepare_new_to_resource_vals(self):
        action = self.action_id
        source = self.resource_id
        rights_move = action.accountable_effect in ("new", "updateTo")
        return {
            "name": source.name,
            "conforms_to_id": source.conforms_to_id.id,
            "unit_id": source.unit_id.id,
            "tracking_identifier": self.resource_tracking_identifier
            or source.tracking_identifier,
            "primary_accountable_id": (
                self.receiver_id if rights_move else source.primary_accountable_id
            ).id,
            "current_location_id": (
                self.to_location_id
                if action.location_effect in ("new", "updateTo") and self.to_location_id
                else source.current_location_id
            ).id,
            "value_per_unit": source.value_per_unit,
            "value_per_unit_of_use": source.value_per_unit_of_use,
        }

    @api.multi
    def _apply_effects(self, sign=1, extra_vals=None):
        """Apply (sign=1) or undo (sign=-1) the effects of these events.

        The single place where events change resources: quantities as the
        action's accounting/on-hand effects say, then location, containment,
        accountable agent, stage and state. Undoing restores the values the
        event replaced, when no later event changed them since.
        """
        for event in self:
            vals = dict(extra_vals or {})
            if vals:
                # Created resources must be known before the effects apply.
                event._engine_write(vals)
            event._apply_quantity_effects(sign)
            if sign > 0:
                snapshot = event._set_resource_values(event._get_effect_targets())
                if snapshot:
                    event._engine_write(
                        {"effect_snapshot": json.dumps(snapshot, sort_keys=True)}
                    )
            else:
                event._restore_resource_values()

    @api.multi
    def _get_quantity_deltas(self, sign=1):
        """Return ``{resource: {quantity field: delta}}`` for this event."""
        self.ensure_one()
        deltas = {}
        if self.action_id.event_quantity == "effort":
            return deltas
        quantity = sign * self.resource_quantity
        for effect_field, quantity_field in QUANTITY_EFFECT_FIELDS:
            effect = self.action_id[effect_field]
            for side, factor in QUANTITY_EFFECT_MOVES[effect]:
                resource = self[side]
                if not resource:
                    continue
                resource_deltas = deltas.setdefault(
                    resource, {"accounting_quantity": 0.0, "onhand_quantity": 0.0}
                )
                resource_deltas[quantity_field] += factor * quantity
        return deltas

    @api.multi
    def _apply_quantity_effects(self, sign=1):
        """Move the quantities of these events, in their order, under one
        lock; each decrease is checked as if the events came one by one."""
        moves = [(event, event._get_quantity_deltas(sign)) for event in self]
        resource_ids = sorted({r.id for _event, deltas in moves for r in deltas})
        if not resource_ids:
            return
        resources = self.env["rea.resource"].browse(resource_ids)
        quantities = resources._lock_quantities()
        for event, deltas in moves:
            for resource, resource_deltas in deltas.items():
                values = quantities[resource.id]
                for quantity_field, delta in resource_deltas.items():
                    values[quantity_field] += delta
                    if delta < 0:
                        event._check_not_negative(
                            resource, quantity_field, values[quantity_field]
                        )
        resources._set_quantities(quantities)

    @api.multi
    def _check_not_negative(self, resource, quantity_field, new_quantity):
        if resource.conforms_to_id.rea_allow_negative_stock:
            return
        rounding = resource.unit_id.rounding or 0.001
        if float_compare(new_quantity, 0.0, precision_rounding=rounding) < 0:
            raise UserError(
                _(
                    "Not enough %(resource)s: this event would take its "
                    "%(quantity_name)s to %(quantity)s %(unit)s."
                )
                % {
                    "resource": resource.display_name,
                    "quantity_name": resource._fields[quantity_field]
                    .get_description(self.env)["string"]
                    .lower(),
                    "quantity": new_quantity,
                    "unit": resource.unit_id.name,
                }
            )

    @api.multi
    def _get_effect_targets(self):
        """Return ``{event side: {resource field: new value}}`` for the
        non-quantity effects of this event."""
        self.ensure_one()
        if self.corrects_event_id:
            return self._get_reversal_targets()
        action = self.action_id
        targets = {}

        def target(effect, fname, value):
            side = EFFECT_SIDES.get(effect)
            if side and self[side]:
                targets.setdefault(side, {})[fname] = value

        if self.to_location_id:
            target(
                action.location_effect, "current_location_id", self.to_location_id.id
            )
        if action.containment_effect == "update":
            target("update", "contained_in_id", self._get_container().id)
        elif action.containment_effect == "remove":
            target("remove", "contained_in_id", False)
        if action.accountable_effect == "updateTo":
            target("updateTo", "primary_accountable_id", self.receiver_id.id)
        if action.stage_effect == "update" and self.output_of_id.based_on_id:
            target("update", "stage_id", self.output_of_id.based_on_id.id)
        if self.resource_state:
            target(action.state_effect, "state", self.resource_state)
        return targets

    @api.multi
    def _get_container(self):
        """Container of a combine: the to-resource, else the resource output
        by the same process."""
        self.ensure_one()
        if self.to_resource_id:
            return self.to_resource_id
        container = self.search(
            [
                ("output_of_id", "=", self.input_of_id.id),
                ("resource_id", "!=", False),
                ("resource_id", "!=", self.resource_id.id),
            ],
            limit=1,
            order="id",
        ).resource_id
        if not container:
            raise ValidationError(
                _(
                    "Combine %s into what? Set the receiving resource (the "
                    "container) or record the process output first."
                )
                % self.resource_id.display_name
            )
        return container

    @api.multi
    def _get_reversal_targets(self):
        """A reversal puts back what the corrected event replaced, except
        where a later event has set the value since (it still holds)."""
        self.ensure_one()
        original = self.corrects_event_id
        targets = {}
        for side, values in original._get_snapshot().items():
            for fname, before in values["before"].items():
                if not original._find_later_effect(original[side], fname):
                    targets.setdefault(side, {})[fname] = before
        return targets

    @api.multi
    def _set_resource_values(self, targets):
        """Write the targets on the resources; return the snapshot of the
        values before and after, kept even when unchanged so that undoing an
        earlier event can hand its 'before' value down the chain."""
        self.ensure_one()
        snapshot = {}
        for side, values in targets.items():
            resource = self[side]
            before = {fname: _to_json(resource[fname]) for fname in values}
            changed = {f: v for f, v in values.items() if before[f] != v}
            if changed:
                resource._write_effects(changed)
            snapshot[side] = {"before": before, "after": dict(values)}
        return snapshot

    @api.multi
    def _restore_resource_values(self):
        """Undo the non-quantity effects of this event.

        If a later event set the same field of the same resource, that value
        stays and the later event inherits ours as its 'before' value;
        otherwise the value we replaced comes back.
        """
        self.ensure_one()
        for side, values in self._get_snapshot().items():
            resource = self[side]
            restore = {}
            for fname, before in values["before"].items():
                later = self._find_later_effect(resource, fname)
                if later:
                    later[0]._set_snapshot_before(later[1], fname, before)
                elif _to_json(resource[fname]) == values["after"][fname]:
                    restore[fname] = before
            if restore:
                resource._write_effects(restore)

    @api.multi
    def _find_later_effect(self, resource, fname):
        """Return ``(event, side)`` of the next event that set ``fname`` on
        ``resource`` after this one, or None. Used only to undo or reverse."""
        self.ensure_one()
        later_events = self.search(
            [
                ("id", ">", self.id),
                ("effect_snapshot", "!=", False),
                "|",
                ("resource_id", "=", resource.id),
                ("to_resource_id", "=", resource.id),
            ],
            order="id",
        )
        for event in later_events:
            for side, values in event._get_snapshot().items():
                if event[side] == resource and fname in values["after"]:
                    return event, side
        return None

    @api.multi
    def _set_snapshot_before(self, side, fname, value):
        self.ensure_one()
        snapshot = self._get_snapshot()
        snapshot[side]["before"][fname] = value
        self._engine_write({"effect_snapshot": json.dumps(snapshot, sort_keys=True)})

    @api.multi
    def _get_snapshot(self):
        self.ensure_one()
        return json.loads(self.effect_snapshot or "{}")

    # Corrections

    @api.multi
    def _get_correction_copy_fields(self):
        """Fields a reversal and a re-entry take from the corrected event.

        Extension hook: a module that adds fields to ``rea.event`` which
        describe the event itself (and must follow it into its corrections)
        extends this list, e.g. ``return super()._get_correction_copy_fields()
        + ["transfer_id"]``. Quantities and the note are not in the list: the
        correction sets them itself.
        """
        return [
            "action_id",
            "action_type_id",
            "provider_id",
            "receiver_id",
            "resource_conforms_to_id",
            "resource_id",
            "to_resource_id",
            "resource_unit_id",
            "effort_unit_id",
            "has_point_in_time",
            "has_beginning",
            "has_end",
            "input_of_id",
            "output_of_id",
            "context_id",
            "commitment_id",
            "to_location_id",
            "resource_state",
            "currency_id",
            "is_contribution",
            "is_to_distribute",
        ]

    @api.multi
    def _prepare_correction_vals(self):
        self.ensure_one()
        vals = {}
        for fname in self._get_correction_copy_fields():
            value = self[fname]
            vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        return vals

    @api.multi
    def correct(self, new_quantity=None, new_effort_quantity=None, note=None):
        """Fix a mistaken event the ValueFlows way.

        Records a reversal (same event, opposite quantities, ``corrects`` the
        original), then, if a new quantity is given, re-enters the event with
        it. Returns the new events (reversal first). All or nothing: if the
        re-entry is refused, the reversal is not kept either.
        """
        self.ensure_one()
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            return self._correct(new_quantity, new_effort_quantity, note)

    @api.multi
    def _correct(self, new_quantity, new_effort_quantity, note):
        reversal_vals = self._prepare_correction_vals()
        reversal_vals.update(
            {
                "corrects_event_id": self.id,
                "resource_quantity": -self.resource_quantity,
                "effort_quantity": -self.effort_quantity,
                "money_value": -self.money_value,
                "note": note or _("Correction of %s") % self.name,
            }
        )
        events = self.create(reversal_vals)
        if new_quantity or new_effort_quantity:
            reentry_vals = self._prepare_correction_vals()
            reentry_vals.update(
                {
                    "resource_quantity": new_quantity or 0.0,
                    "effort_quantity": new_effort_quantity or 0.0,
                    "money_value": self.money_value,
                    "note": self.note,
                }
            )
            events |= self.create(reentry_vals)
        return events

    @api.multi
    def action_correct(self, new_quantity=None, new_effort_quantity=None):
        """Button-friendly :meth:`correct`: opens the new events."""
        events = self.correct(new_quantity, new_effort_quantity)
        return events._get_correction_action()

    @api.multi
    def action_reverse(self):
        """Button: record the correcting event that reverses this one."""
        self.ensure_one()
        return self.correct()._get_correction_action()

    @api.multi
    def action_open_correct_wizard(self):
        """Button: ask for the right quantities, then correct this event."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct an event"),
            "res_model": "rea.event.correct.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    @api.multi
    def _get_correction_action(self):
        """Window action listing these (correcting) events."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Correcting events"),
            "res_model": "rea.event",
            "view_mode": "tree,form",
            "domain": [("id", "in", self.ids)],
        }

    # Traceability

    @api.multi
    def _trace_node(self, level):
        self.ensure_one()
        quantity, unit = self._get_display_quantity()
        return {
            "level": level,
            "kind": "event",
            "model": self._name,
            "res_id": self.id,
            "name": self.name,
            "action": self.action_code,
            "quantity": quantity,
            "unit_id": unit.id,
            "date": self.has_point_in_time,
        }


def _to_json(value):
    """Comparable, JSON-safe form of a resource field value."""
    if isinstance(value, models.BaseModel):
        return value.id or False
    return value or False
