# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons import decimal_precision as dp

from .decimal_precision import rea_quantity_digits

# rea.event is split by concern over several files of this package, each
# class extending the model (they override nothing of each other):
#   rea_event.py               fields, names, create/write/unlink
#   rea_event_facts.py         the plain values checks and effects work on
#   rea_event_checks.py        validation of a recorded event
#   rea_event_effects.py       what an event does to resources
#   rea_event_correction.py    reversals and re-entries
#   rea_event_batch.py         create_batch (rea.batch.create.mixin hooks)
#   rea_event_traceability.py  nodes of track and trace

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
# Context key: the events a correction re-enters (records, not a flag).
CORRECTING_KEY = "rea_correcting_events"


class ReaEvent(models.Model):
    """An economic event (ValueFlows EconomicEvent): a fact, never edited.

    Recording an event applies the effects of its action to the resources, in
    one place: ``_apply_effects`` (rea_event_effects.py), which has the
    resources move their quantities (``rea.resource.move_quantities``).
    Mistakes are fixed with a correcting event (``corrects_event_id``), see
    ``correct``.
    """

    _name = "rea.event"
    _inherit = [
        "rea.batch.create.mixin",
        "rea.aggregate.unit.mixin",
        "rea.access.check.mixin",
    ]
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

    @api.model
    def _rea_get_unit_measures(self):
        measures = super()._rea_get_unit_measures()
        measures.update(
            resource_quantity="resource_unit_id",
            effort_quantity="effort_unit_id",
            money_value="currency_id",
        )
        return measures

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
            # Named as superuser: the other party's resource (a member's
            # account) may be out of the recording user's record rules.
            what = (event.resource_id or event.resource_conforms_to_id).sudo()
            event.name = event._format_name(
                event.action_id.label or event.action_id.name,
                quantity,
                unit,
                what.display_name,
            )

    @api.model
    def _format_name(self, action_label, quantity, unit, what_name):
        """The event's name from plain values (``unit`` a product.uom, maybe
        empty): ``_compute_name`` and ``_compute_names_batch`` both feed it.
        The quantity is written as people read it in its unit ("transfers
        239.40 EUR …", "0.12345678 FAIR"), never as a raw float."""
        return " ".join(
            part
            for part in (
                action_label,
                unit.rea_format_quantity(quantity) if quantity else "",
                what_name or "",
            )
            if part
        )

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

    @api.multi
    def _rea_granted_references(self, fname, targets):
        granted = super()._rea_granted_references(fname, targets)
        if fname in ("input_of_id", "output_of_id"):
            granted |= self._rea_member_processes(targets)
        # A correction links what the event it corrects links, and who may
        # change that event may correct it.
        corrected = self.sudo().mapped("corrects_event_id").sudo(self.env.uid)
        corrected |= self._rea_correcting_events()
        if corrected and corrected._rea_may_change():
            granted |= targets & corrected.sudo().mapped(fname).sudo(self.env.uid)
        return granted

    @api.model
    def _rea_correcting_events(self):
        """The events a correction in progress re-enters (``correct`` puts
        them in the context as records: a client cannot)."""
        corrected = self.env.context.get(CORRECTING_KEY)
        if isinstance(corrected, models.BaseModel) and corrected._name == self._name:
            return corrected.sudo(self.env.uid)
        return self.browse()

    @api.multi
    def _rea_may_change(self):
        """Whether the current user may change these events (rules)."""
        try:
            self.check_access_rights("write")
            self.check_access_rule("write")
        except AccessError:
            return False
        return True

    @api.model
    def _rea_readable_reference_fields(self):
        # An event recorded into a process or against a commitment the
        # caller cannot read would change another context's books.
        return super()._rea_readable_reference_fields() + [
            "input_of_id",
            "output_of_id",
            "commitment_id",
        ]

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
        # them all for a thousand events. As superuser: the resource may be
        # the other party's (the event itself is checked by its rules).
        resource = (
            self.env["rea.resource"]
            .sudo()
            .browse(vals.get("resource_id") or vals.get("to_resource_id") or [])
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
