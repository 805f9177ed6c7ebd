# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import re

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp

from .decimal_precision import rea_quantity_digits
from .rea_batch_create_mixin import Facts

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
# Up to this many records, facts are read through the ORM: an event just
# created is in cache (its name was computed from it), and so are the
# resources it names. More are read in one query.
ORM_FACTS_MAX = 2
# Key of an event side's resource in the event's facts.
SIDE_FACTS = {"resource_id": "resource", "to_resource_id": "to_resource"}
# A column value whose read-back form is not known (see _facts_from_vals).
_UNKNOWN = object()
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
            event.name = event._format_name(
                event.action_id.label or event.action_id.name,
                quantity,
                unit.name,
                what.display_name,
            )

    @api.model
    def _format_name(self, action_label, quantity, unit_name, what_name):
        """The event's name from plain values: ``_compute_name`` and
        ``_compute_names_batch`` both feed it."""
        return " ".join(
            part
            for part in (
                action_label,
                "%g" % quantity if quantity else "",
                unit_name or "",
                what_name or "",
            )
            if part
        )

    @api.multi
    def _compute_names_batch(self):
        """``{event id: name}`` of these events as ``_compute_name`` gives
        them, from their columns: names of actions, units, resources and
        resource types read once each, not once per event."""
        return self._compute_names_from_facts(self._read_event_rows())

    @api.model
    def _compute_names_from_facts(self, rows):
        """``{event id: name}`` of the events of ``rows`` (``{event id:
        Facts}`` of their columns, see ``_get_fact_fields``)."""
        ids = {
            fname: {row[fname] for row in rows.values() if row[fname]}
            for fname in (
                "action_id",
                "resource_unit_id",
                "effort_unit_id",
                "resource_id",
                "resource_conforms_to_id",
            )
        }
        actions = self._read_facts(
            "rea.action", ids["action_id"], ["label", "name", "event_quantity"]
        )
        units = self._read_facts(
            "product.uom", ids["resource_unit_id"] | ids["effort_unit_id"], ["name"]
        )
        # As display_name has them.
        what_names = {
            model_name: dict(self.env[model_name].browse(record_ids).name_get())
            for model_name, record_ids in (
                ("rea.resource", ids["resource_id"]),
                ("product.template", ids["resource_conforms_to_id"]),
            )
        }
        names = {}
        for event_id, ev in rows.items():
            action = actions[ev.action_id]
            quantity, unit_id = self._pick_display_quantity(
                action.event_quantity,
                (ev.resource_quantity, ev.resource_unit_id),
                (ev.effort_quantity, ev.effort_unit_id),
            )
            if ev.resource_id:
                what_name = what_names["rea.resource"][ev.resource_id]
            else:
                what_name = what_names["product.template"].get(
                    ev.resource_conforms_to_id
                )
            names[event_id] = self._format_name(
                action.label or action.name,
                quantity,
                units[unit_id].name if unit_id else False,
                what_name,
            )
        return names

    @api.multi
    def _compute_stored_from_facts(self, facts):
        """``{fname: {event id: value}}`` of the stored computed fields of
        these events, about to be inserted, known from their ``facts``
        (``_facts_from_vals``): inserted with the rows (see
        ``_insert_batch``). Extension hook; the others are computed after
        the insert."""
        if type(self)._compute_name is not ReaEvent._compute_name:
            # A module computes names its own way.
            return {}
        return {"name": self._compute_names_from_facts(facts)}

    @api.multi
    def _compute_stored_batch(self, field):
        # Unless a module computes names its own way.
        if field.name == "name" and type(self)._compute_name is ReaEvent._compute_name:
            return self._compute_names_batch()
        return super()._compute_stored_batch(field)

    @api.multi
    def _get_display_quantity(self):
        """Return ``(quantity, unit)`` that best describes this event."""
        self.ensure_one()
        return self._pick_display_quantity(
            self.action_id.event_quantity,
            (self.resource_quantity, self.resource_unit_id),
            (self.effort_quantity, self.effort_unit_id),
        )

    @api.model
    def _pick_display_quantity(self, event_quantity, resource, effort):
        """The ``(quantity, unit)`` of ``resource`` or ``effort`` that best
        describes an event whose action counts ``event_quantity``.

        Work counts in effort; other actions in resource quantity, falling
        back to the effort when only an effort is given (e.g. using a tool for
        3 hours).
        """
        if event_quantity == "effort" or (not resource[0] and effort[0]):
            return effort
        return resource

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
            facts = event._get_event_facts()
            event._check_event(facts)
            event._record_effects(facts)
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
            prepared.append(vals)
        prepared = self._add_missing_default_values_batch(prepared)
        if not prepared:
            return self.browse()
        if not self._can_create_batch(prepared):
            # All or nothing, as the batch path.
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                return self.browse([self.create(vals).id for vals in vals_list])
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            ids = self._draw_ids(len(prepared))
            batch = self.browse(ids)._batch_reader()
            facts = batch._facts_from_vals(prepared)
            if facts is None or not batch._can_plan_effects(facts):
                # Stored computed values are written with the snapshots.
                columns = {}
                self._insert_batch(prepared, columns, ids=ids)
                facts = batch._get_event_facts()
                batch._check_event(facts)
                batch._record_effects_batch(facts, columns)
                return self.browse(ids)
            # Everything the rows hold is known before they are inserted:
            # no second write of a thousand new rows.
            plan = batch._plan_resource_values_batch(facts)
            for new_id, vals in zip(ids, prepared):
                if new_id in plan["snapshots"]:
                    vals["effect_snapshot"] = plan["snapshots"][new_id]
            self._insert_batch(
                prepared, ids=ids, computed=batch._compute_stored_from_facts(facts)
            )
            batch._check_event(facts)
            batch._record_effects_batch(facts, plan=plan)
        return self.browse(ids)

    @api.model
    def _can_create_batch(self, vals_list):
        """Whether the batch path applies: column values only, no correction
        and no resource left for the action to create."""
        if not self._has_column_vals_only(vals_list):
            return False
        creates = {
            action.id: action.create_resource
            for action in self.env["rea.action"].browse(
                {vals["action_id"] for vals in vals_list}
            )
        }
        for vals in vals_list:
            if vals.get("corrects_event_id"):
                return False
            create_resource = creates[vals["action_id"]]
            if create_resource == "optional" and not vals.get("resource_id"):
                return False
            if create_resource == "optionalTo" and not vals.get("to_resource_id"):
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
        # Each value is looked up only when missing: a distribution gives
        # them all for a thousand events.
        resource = self.env["rea.resource"].browse(
            vals.get("resource_id") or vals.get("to_resource_id") or []
        )
        if resource:
            if "resource_conforms_to_id" not in vals:
                vals["resource_conforms_to_id"] = resource.conforms_to_id.id
            if vals.get("resource_quantity") and "resource_unit_id" not in vals:
                vals["resource_unit_id"] = resource.unit_id.id
        resource_type = self.env["product.template"].browse(
            vals.get("resource_conforms_to_id") or []
        )
        if resource_type:
            if vals.get("resource_quantity") and "resource_unit_id" not in vals:
                vals["resource_unit_id"] = resource_type.uom_id.id
            if (
                vals.get("effort_quantity")
                and "effort_unit_id" not in vals
                and resource_type.rea_effort_uom_id
            ):
                vals["effort_unit_id"] = resource_type.rea_effort_uom_id.id
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

    # Facts: the plain values checks and effects work on

    @api.model
    def _get_fact_fields(self):
        """Event columns the checks and effects read (extension hook: a
        module whose checks need another column adds it here)."""
        return [
            "action_id",
            "action_type_id",
            "provider_id",
            "receiver_id",
            "resource_conforms_to_id",
            "resource_id",
            "to_resource_id",
            "resource_quantity",
            "resource_unit_id",
            "effort_quantity",
            "effort_unit_id",
            "has_beginning",
            "has_end",
            "input_of_id",
            "output_of_id",
            "context_id",
            "commitment_id",
            "corrects_event_id",
            "to_location_id",
            "resource_state",
        ]

    @api.multi
    def _get_event_facts(self):
        """``{event id: Facts}``: the recorded columns of these events
        (``_read_event_rows``) with the facts of their action, resources,
        action type, context and commitment (``_add_related_facts``).

        Events created one by one and together are checked on these same
        values. Through the ORM a thousand events cost more in attribute
        access, conversion and prefetch than the checks themselves.
        """
        facts = self._read_event_rows()
        self._add_related_facts(list(facts.values()))
        return facts

    @api.multi
    def _read_event_rows(self):
        """``{event id: Facts}`` of the columns ``_get_fact_fields`` of these
        events: through the ORM for a few (see ``ORM_FACTS_MAX``), else in
        one query. They were just recorded by the caller: reading their own
        rows bypasses nothing. Values as the ORM gives them either way."""
        if not self.ids:
            return {}
        if len(self) <= ORM_FACTS_MAX:
            return self._read_facts(
                self._name, self.ids, self._get_fact_fields(), prefetch_fields=True
            )
        fields_ = [self._fields[fname] for fname in self._get_fact_fields()]
        # Names are our own columns, not input.
        self.env.cr.execute(
            'SELECT id, {} FROM "{}" WHERE id IN %s'.format(
                ", ".join('"%s"' % field.name for field in fields_), self._table
            ),
            (tuple(self.ids),),
        )
        return self._facts_from_columns(fields_, self.env.cr.fetchall())

    @api.model
    def _facts_from_columns(self, fields_, rows):
        """``{event id: Facts}`` of ``rows``: ``(id, value of each of
        ``fields_``)`` as PostgreSQL returns the columns."""
        # As the ORM gives them: no NULL, dates as strings.
        nulls = [
            0.0 if field.type in ("float", "monetary", "integer") else False
            for field in fields_
        ]
        dates = [
            index for index, field in enumerate(fields_) if field.type == "datetime"
        ]
        names = [field.name for field in fields_]
        facts = {}
        for row in rows:
            values = [
                null if value is None else value for value, null in zip(row[1:], nulls)
            ]
            for index in dates:
                if values[index] and not isinstance(values[index], str):
                    values[index] = fields.Datetime.to_string(values[index])
            facts[row[0]] = Facts(zip(names, values), id=row[0])
        return facts

    @api.multi
    def _facts_from_vals(self, vals_list):
        """``_get_event_facts`` of these events (ids drawn, rows not inserted
        yet) from the ``vals_list`` they will be inserted with: each value as
        its column will hold it and PostgreSQL return it. None when a value
        is not in a form known to come back unchanged (a datetime other than
        a 'YYYY-MM-DD HH:MM:SS' string): the rows are then read after the
        insert."""
        fields_ = [self._fields[fname] for fname in self._get_fact_fields()]
        converters = [self._get_column_converter(field) for field in fields_]
        rows = []
        for event_id, vals in zip(self.ids, vals_list):
            row = [event_id]
            for field, convert in zip(fields_, converters):
                value = vals.get(field.name)
                value = None if value is None else convert(value, vals)
                row.append(self._column_value_as_read(field, value))
            rows.append(row)
        if any(value is _UNKNOWN for row in rows for value in row):
            return None
        facts = self._facts_from_columns(fields_, rows)
        self._add_related_facts(list(facts.values()))
        return facts

    @api.model
    def _column_value_as_read(self, field, value):
        """``value`` (as ``_insert_batch`` converts it for ``field``'s column)
        as PostgreSQL will return it, or ``_UNKNOWN``."""
        if field.type == "boolean":
            return bool(value)
        if value is None or value is False:
            return None
        if field.type in ("float", "monetary"):
            return float(value)
        if field.type == "integer":
            return int(value)
        if field.type == "many2one":
            return value if isinstance(value, int) else _UNKNOWN
        if field.type == "datetime":
            if isinstance(value, str) and _DATETIME_RE.match(value):
                return value
            return _UNKNOWN
        if field.type == "date":
            if isinstance(value, str) and _DATE_RE.match(value):
                return value
            return _UNKNOWN
        if field.type in ("char", "text", "selection") and isinstance(value, str):
            return value
        return _UNKNOWN

    @api.model
    def _add_related_facts(self, facts_list):
        """Give each event's facts those of its action, resources (``resource``,
        ``to_resource``), action type, context and commitment (None when
        unset). Each record is read once for all events, through the ORM."""

        def ids(fname):
            return {ev[fname] for ev in facts_list if ev[fname]}

        action_ids = ids("action_id")
        # A few actions: each missing field would cost a query, their row
        # costs one.
        actions = self._read_facts(
            "rea.action",
            action_ids,
            self._get_action_fact_fields(),
            prefetch_fields=len(action_ids) <= ORM_FACTS_MAX,
        )
        resources = self._get_resource_facts(ids("resource_id") | ids("to_resource_id"))
        action_types = self._read_facts(
            "rea.action.type", ids("action_type_id"), ["action_id", "name"]
        )
        contexts = self._read_facts("res.partner", ids("context_id"), ["is_context"])
        commitments = self._read_facts(
            "rea.commitment", ids("commitment_id"), ["action_id"]
        )
        for ev in facts_list:
            ev["action"] = actions.get(ev.action_id)
            ev["resource"] = resources.get(ev.resource_id)
            ev["to_resource"] = resources.get(ev.to_resource_id)
            ev["action_type"] = action_types.get(ev.action_type_id)
            ev["context"] = contexts.get(ev.context_id)
            ev["commitment"] = commitments.get(ev.commitment_id)

    @api.model
    def _get_action_fact_fields(self):
        return [
            "name",
            "label",
            "input_output",
            "create_resource",
            "event_quantity",
            "accounting_effect",
            "onhand_effect",
            "location_effect",
            "containment_effect",
            "accountable_effect",
            "stage_effect",
            "state_effect",
        ]

    @api.model
    def _get_resource_effect_fields(self):
        """Resource columns the non-quantity effects set (see
        ``_get_effect_targets``): read with the resource facts, for the
        snapshots."""
        return [
            "current_location_id",
            "contained_in_id",
            "primary_accountable_id",
            "stage_id",
            "state",
        ]

    @api.model
    def _get_resource_facts(self, resource_ids):
        """Type and unit of these resources, with what the quantity checks
        need of them (``allow_negative``, ``rounding``) and the ``effect_values`` of
        their effect fields: one query for the
        resources (after the read access checks the ORM would make), each
        type and unit read once, not once per resource."""
        if not resource_ids:
            return {}
        effect_fields = self._get_resource_effect_fields()
        if len(resource_ids) <= ORM_FACTS_MAX:
            facts = self._read_facts(
                "rea.resource",
                resource_ids,
                ["conforms_to_id", "unit_id"],
                prefetch_fields=True,
            )
            for resource in facts.values():
                # Read from the resource if an effect needs them.
                resource["effect_values"] = {}
            return self._add_resource_type_facts(facts)
        resources = self.env["rea.resource"].browse(sorted(resource_ids))
        resources.check_access_rights("read")
        resources.check_access_rule("read")
        # Names are our own columns, not input.
        self.env.cr.execute(
            "SELECT id, conforms_to_id, unit_id, {} FROM rea_resource "
            "WHERE id IN %s".format(", ".join('"%s"' % f for f in effect_fields)),
            (tuple(resources.ids),),
        )
        facts = {
            row[0]: Facts(
                id=row[0],
                conforms_to_id=row[1],
                unit_id=row[2],
                # As _to_json gives them.
                effect_values={
                    fname: value or False
                    for fname, value in zip(effect_fields, row[3:])
                },
            )
            for row in self.env.cr.fetchall()
        }
        return self._add_resource_type_facts(facts)

    @api.model
    def _add_resource_type_facts(self, facts):
        """Give resource facts ``allow_negative`` and ``rounding``, each type
        and unit read once."""
        types = self._read_facts(
            "product.template",
            {r.conforms_to_id for r in facts.values()},
            ["rea_allow_negative_stock"],
        )
        units = self._read_facts(
            "product.uom", {r.unit_id for r in facts.values()}, ["rounding"]
        )
        for resource in facts.values():
            resource["allow_negative"] = types[
                resource.conforms_to_id
            ].rea_allow_negative_stock
            resource["rounding"] = units[resource.unit_id].rounding
        return facts

    # Validation

    @api.multi
    def _check_event(self, facts=None):
        """Refuse events that do not make sense for their action.

        Each check reads the event's facts (``_get_event_facts``, read once
        for all these events unless given) and the event record only to word
        its error."""
        if facts is None:
            facts = self._get_event_facts()
        for event in self:
            event._check_event_facts(facts[event.id])

    @api.multi
    def _check_event_facts(self, ev):
        self._check_action_type(ev)
        self._check_dates(ev)
        self._check_process_links(ev)
        self._check_quantities(ev)
        self._check_units(ev)
        self._check_resources(ev)
        self._check_context(ev)
        self._check_commitment(ev)
        if ev.corrects_event_id:
            self._check_correction()

    @api.multi
    def _check_action_type(self, ev):
        if ev.action_type and ev.action_type.action_id != ev.action_id:
            raise ValidationError(
                _("The action type '%(type)s' is a '%(expected)s', not a '%(action)s'.")
                % {
                    "type": ev.action_type.name,
                    "expected": self.env["rea.action"]
                    .browse(ev.action_type.action_id)
                    .name,
                    "action": ev.action.name,
                }
            )

    @api.multi
    def _check_dates(self, ev):
        if ev.has_beginning and ev.has_end and ev.has_end < ev.has_beginning:
            raise ValidationError(_("An economic event cannot end before it begins."))

    @api.multi
    def _check_process_links(self, ev):
        action = ev.action
        io = action.input_output
        if io == "input":
            if not ev.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an input: set the process it is input of.")
                    % action.name
                )
            if ev.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an input, it cannot be output of a process.")
                    % action.name
                )
        elif io == "output":
            if not ev.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an output: set the process it is output of.")
                    % action.name
                )
            if ev.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an output, it cannot be input of a process.")
                    % action.name
                )
        elif io == "notApplicable" and (ev.input_of_id or ev.output_of_id):
            raise ValidationError(
                _("A '%s' event happens between agents, not in a process.")
                % action.name
            )

    @api.multi
    def _check_quantities(self, ev):
        action = ev.action
        # Only a reversal carries negative quantities (checked separately).
        if not ev.corrects_event_id and (
            ev.resource_quantity < 0 or ev.effort_quantity < 0
        ):
            raise ValidationError(
                _("Quantities of an economic event must be positive.")
            )
        if action.event_quantity == "effort":
            if ev.resource_quantity or ev.resource_id or ev.to_resource_id:
                raise ValidationError(
                    _(
                        "A '%s' event carries an effort quantity (e.g. hours), "
                        "not a resource or a resource quantity."
                    )
                    % action.name
                )
            if not ev.effort_quantity:
                raise ValidationError(
                    _("A '%s' event needs an effort quantity.") % action.name
                )
        elif action.event_quantity == "resource":
            if not ev.resource_quantity:
                raise ValidationError(
                    _("A '%s' event needs a resource quantity.") % action.name
                )
        elif not (ev.resource_quantity or ev.effort_quantity):
            raise ValidationError(
                _("A '%s' event needs a resource or an effort quantity.") % action.name
            )

    @api.multi
    def _check_units(self, ev):
        if ev.resource_quantity and not ev.resource_unit_id:
            raise ValidationError(_("Set the unit of the resource quantity."))
        if ev.effort_quantity and not ev.effort_unit_id:
            raise ValidationError(_("Set the unit of the effort quantity."))
        if not ev.resource_quantity:
            return
        resources = [ev.resource]
        if self._moves_to_resource(ev.action):
            # The container of a combine is counted in its own unit.
            resources.append(ev.to_resource)
        for resource in resources:
            if resource and resource.unit_id != ev.resource_unit_id:
                unit_model = self.env["product.uom"]
                raise ValidationError(
                    _(
                        "The event is counted in %(event_unit)s but %(resource)s "
                        "is counted in %(resource_unit)s."
                    )
                    % {
                        "event_unit": unit_model.browse(ev.resource_unit_id).name,
                        "resource": self.env["rea.resource"]
                        .browse(resource.id)
                        .display_name,
                        "resource_unit": unit_model.browse(resource.unit_id).name,
                    }
                )

    @api.multi
    def _check_resources(self, ev):
        action = ev.action
        affects_resource = (
            action.accounting_effect,
            action.onhand_effect,
            action.containment_effect,
            action.stage_effect,
        ) != ("notApplicable",) * 4
        if affects_resource and not ev.resource_id:
            if action.create_resource != "optional":
                raise ValidationError(
                    _("A '%s' event needs the resource it affects.") % action.name
                )
            if not ev.resource_conforms_to_id:
                raise ValidationError(
                    _(
                        "A '%s' event needs a resource or the resource type of "
                        "the resource to create."
                    )
                    % action.name
                )
        # Only work is about agents alone; anything else is about something.
        if action.event_quantity != "effort" and not (
            ev.resource_id or ev.resource_conforms_to_id
        ):
            raise ValidationError(
                _("A '%s' event needs a resource or a resource type.") % action.name
            )
        if ev.to_resource_id and not self._accepts_to_resource(action):
            raise ValidationError(
                _("A '%s' event has no receiving resource.") % action.name
            )
        if ev.to_resource_id and ev.to_resource_id == ev.resource_id:
            raise ValidationError(
                _("The resource and the receiving resource must differ.")
            )
        if (
            ev.resource
            and ev.resource_conforms_to_id
            and ev.resource.conforms_to_id != ev.resource_conforms_to_id
        ):
            raise ValidationError(
                _("%(resource)s is not a %(type)s.")
                % {
                    "resource": self.env["rea.resource"]
                    .browse(ev.resource_id)
                    .display_name,
                    "type": self.env["product.template"]
                    .browse(ev.resource_conforms_to_id)
                    .display_name,
                }
            )

    @api.model
    def _moves_to_resource(self, action):
        """Whether the action (its facts) changes the quantities of the
        to-resource."""
        to_quantity_effects = ("decrementIncrement", "incrementTo")
        return (
            action.accounting_effect in to_quantity_effects
            or action.onhand_effect in to_quantity_effects
        )

    @api.model
    def _accepts_to_resource(self, action):
        """Whether the action (its facts) has a receiving side (or a
        container)."""
        return (
            action.create_resource == "optionalTo"
            or self._moves_to_resource(action)
            or action.containment_effect == "update"
            or "updateTo"
            in (action.location_effect, action.accountable_effect, action.state_effect)
        )

    @api.multi
    def _check_context(self, ev):
        if ev.context and not ev.context.is_context:
            raise ValidationError(
                _("%s is not a context agent (project, organisation, network).")
                % self.env["res.partner"].browse(ev.context_id).display_name
            )

    @api.multi
    def _check_commitment(self, ev):
        if ev.commitment and ev.commitment.action_id != ev.action_id:
            raise ValidationError(
                _("A '%(action)s' event cannot fulfil a '%(commitment)s' commitment.")
                % {
                    "action": ev.action.name,
                    "commitment": self.env["rea.action"]
                    .browse(ev.commitment.action_id)
                    .name,
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
    def _record_effects(self, facts=None):
        """Create the resources the action allows, then apply the effects."""
        self.ensure_one()
        if facts is None:
            facts = self._get_event_facts()
        new_vals = self._create_resources(facts[self.id])
        self._apply_effects(sign=1, extra_vals=new_vals, facts=facts)
        if facts[self.id].corrects_event_id:
            self.corrects_event_id._engine_write({"is_corrected": True})

    @api.multi
    def _record_effects_batch(self, facts=None, columns=None, plan=None):
        """``_record_effects`` of events created together (no resource to
        create, no correction): the quantities of all of them under one lock
        and in one update, then the other effects in order, their snapshots
        written in one query, with the other ``columns`` of these events
        still to write (see ``_insert_batch``). With ``plan``
        (``_plan_resource_values_batch``, made before the rows were inserted
        with their snapshots), its resource values are written."""
        if facts is None:
            facts = self._get_event_facts()
        columns = dict(columns or {})
        self._apply_quantity_effects(sign=1, facts=facts)
        if plan is None:
            plan = self._plan_resource_values_batch(facts)
            if plan["snapshots"]:
                columns[self._fields["effect_snapshot"]] = plan["snapshots"]
        self._write_resource_values(plan["writes"])
        self._write_columns_batch(columns)

    @api.multi
    def _plan_resource_values_batch(self, facts):
        """The non-quantity effects of these events, in their order, without
        writing them: ``{"snapshots": {event id: JSON snapshot}, "writes":
        [(resource facts, resource id, values)]}`` (see
        ``_plan_resource_values``)."""
        snapshots, writes, current = {}, [], {}
        for event in self:
            ev = facts[event.id]
            snapshot, event_writes = event._plan_resource_values(
                event._get_effect_targets(ev), ev, current
            )
            writes.extend(event_writes)
            if snapshot:
                snapshots[event.id] = json.dumps(snapshot, sort_keys=True)
        return {"snapshots": snapshots, "writes": writes}

    @api.multi
    def _can_plan_effects(self, facts):
        """Whether the effects of these events are known before their rows
        are inserted: not when an action finds its container among the
        recorded events (``_get_container``)."""
        return all(
            facts[event_id].action.containment_effect != "update"
            for event_id in self.ids
        )

    @api.multi
    def _create_resources(self, ev):
        """Create the from- or to-resource when missing and the action allows it.

        Returns the event values pointing at the created resource.
        """
        action = ev.action
        resource_model = self.env["rea.resource"].sudo()
        if action.create_resource == "optional" and not ev.resource_id:
            resource = resource_model.create(self._prepare_new_resource_vals())
            return {"resource_id": resource.id, "created_resource_id": resource.id}
        if action.create_resource == "optionalTo" and not ev.to_resource_id:
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
    def _apply_effects(self, sign=1, extra_vals=None, facts=None):
        """Apply (sign=1) or undo (sign=-1) the effects of these events.

        The single place where events change resources: quantities as the
        action's accounting/on-hand effects say, then location, containment,
        accountable agent, stage and state. Undoing restores the values the
        event replaced, when no later event changed them since.
        """
        if extra_vals:
            # Created resources must be known before the effects apply.
            self._engine_write(dict(extra_vals))
            facts = None
        if facts is None:
            facts = self._get_event_facts()
        for event in self:
            event._apply_quantity_effects(sign, facts=facts)
            if sign > 0:
                ev = facts[event.id]
                snapshot = event._set_resource_values(event._get_effect_targets(ev), ev)
                if snapshot:
                    event._engine_write(
                        {"effect_snapshot": json.dumps(snapshot, sort_keys=True)}
                    )
            else:
                event._restore_resource_values()

    @api.multi
    def _get_quantity_deltas(self, ev, sign=1):
        """Return ``{resource id: {quantity field: delta}}`` for the event of
        these facts."""
        deltas = {}
        action = ev.action
        if action.event_quantity == "effort":
            return deltas
        quantity = sign * ev.resource_quantity
        for effect_field, quantity_field in QUANTITY_EFFECT_FIELDS:
            for side, factor in QUANTITY_EFFECT_MOVES[action[effect_field]]:
                resource_id = ev[side]
                if not resource_id:
                    continue
                resource_deltas = deltas.setdefault(
                    resource_id, {"accounting_quantity": 0.0, "onhand_quantity": 0.0}
                )
                resource_deltas[quantity_field] += factor * quantity
        return deltas

    @api.multi
    def _apply_quantity_effects(self, sign=1, facts=None):
        """Move the quantities of these events, in their order, under one
        lock; each decrease is checked as if the events came one by one."""
        if facts is None:
            facts = self._get_event_facts()
        moves = []
        resources = {}
        for event in self:
            ev = facts[event.id]
            moves.append((event, event._get_quantity_deltas(ev, sign)))
            for side in ("resource", "to_resource"):
                if ev[side]:
                    resources[ev[side].id] = ev[side]
        resource_ids = sorted({rid for _event, deltas in moves for rid in deltas})
        if not resource_ids:
            return
        records = self.env["rea.resource"].browse(resource_ids)
        quantities = records._lock_quantities()
        for event, deltas in moves:
            for resource_id, resource_deltas in deltas.items():
                values = quantities[resource_id]
                for quantity_field, delta in resource_deltas.items():
                    values[quantity_field] += delta
                    if delta < 0:
                        event._check_not_negative(
                            resources[resource_id],
                            quantity_field,
                            values[quantity_field],
                        )
        records._set_quantities(quantities)

    @api.multi
    def _check_not_negative(self, resource, quantity_field, new_quantity):
        """Refuse a quantity below zero; ``resource`` is the resource's facts
        (see ``_get_resource_facts``)."""
        if resource.allow_negative:
            return
        rounding = resource.rounding or 0.001
        if float_compare(new_quantity, 0.0, precision_rounding=rounding) < 0:
            record = self.env["rea.resource"].browse(resource.id)
            raise UserError(
                _(
                    "Not enough %(resource)s: this event would take its "
                    "%(quantity_name)s to %(quantity)s %(unit)s."
                )
                % {
                    "resource": record.display_name,
                    "quantity_name": record._fields[quantity_field]
                    .get_description(self.env)["string"]
                    .lower(),
                    "quantity": new_quantity,
                    "unit": record.unit_id.name,
                }
            )

    @api.multi
    def _get_effect_targets(self, ev):
        """Return ``{event side: {resource field: new value}}`` for the
        non-quantity effects of this event (``ev``: its facts)."""
        self.ensure_one()
        if ev.corrects_event_id:
            return self._get_reversal_targets()
        action = ev.action
        targets = {}

        def target(effect, fname, value):
            side = EFFECT_SIDES.get(effect)
            if side and ev[side]:
                targets.setdefault(side, {})[fname] = value

        if ev.to_location_id:
            target(action.location_effect, "current_location_id", ev.to_location_id)
        if action.containment_effect == "update":
            target("update", "contained_in_id", self._get_container().id)
        elif action.containment_effect == "remove":
            target("remove", "contained_in_id", False)
        if action.accountable_effect == "updateTo":
            target("updateTo", "primary_accountable_id", ev.receiver_id)
        if action.stage_effect == "update" and ev.output_of_id:
            stage = self.env["rea.process"].browse(ev.output_of_id).based_on_id
            if stage:
                target("update", "stage_id", stage.id)
        if ev.resource_state:
            target(action.state_effect, "state", ev.resource_state)
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
    def _set_resource_values(self, targets, ev=None):
        """Write the targets on the resources; return the snapshot of the
        values before and after, kept even when unchanged so that undoing an
        earlier event can hand its 'before' value down the chain.

        ``ev``: the event's facts, whose resources carry their effect fields
        (``_get_resource_facts``, kept up to date here); else the values are
        read from the resources."""
        self.ensure_one()
        snapshot, writes = self._plan_resource_values(targets, ev)
        self._write_resource_values(writes)
        return snapshot

    @api.multi
    def _plan_resource_values(self, targets, ev=None, current=None):
        """``(snapshot, writes)`` of ``_set_resource_values`` without writing:
        ``writes`` as ``[(resource facts or None, resource id, values)]``.
        ``current``: ``{resource id: {field: value}}``, the values earlier
        events of the same batch will have set, kept up to date here."""
        self.ensure_one()
        current = {} if current is None else current
        snapshot, writes = {}, []
        for side, values in targets.items():
            resource_facts = ev[SIDE_FACTS[side]] if ev else None
            resource = self.env["rea.resource"].browse(ev[side]) if ev else self[side]
            known = current.setdefault(
                resource.id, dict(resource_facts.effect_values) if ev else {}
            )
            before = {
                fname: known[fname] if fname in known else _to_json(resource[fname])
                for fname in values
            }
            changed = {f: v for f, v in values.items() if before[f] != v}
            known.update(before)
            if changed:
                writes.append((resource_facts, resource.id, changed))
                known.update(changed)
            snapshot[side] = {"before": before, "after": dict(values)}
        return snapshot, writes

    @api.model
    def _write_resource_values(self, writes):
        """Write the resource values planned by ``_plan_resource_values``, in
        order, keeping the resource facts up to date."""
        resources = self.env["rea.resource"]
        for resource_facts, resource_id, values in writes:
            resources.browse(resource_id)._write_effects(values)
            if resource_facts is not None:
                resource_facts.effect_values.update(values)

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
