# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import _, api, models
from odoo.exceptions import ValidationError

from .rea_event import QUANTITY_EFFECT_FIELDS, QUANTITY_EFFECT_MOVES

# Key of an event side's resource in the event's facts.
SIDE_FACTS = {"resource_id": "resource", "to_resource_id": "to_resource"}
# Side of the event whose resource a non-quantity effect changes.
EFFECT_SIDES = {
    "update": "resource_id",
    "remove": "resource_id",
    "updateTo": "to_resource_id",
}
# Context key of the NetQuantityMoves that events recorded together (see
# ``rea.event._create_net``) add their quantity moves to.
NET_MOVES_KEY = "rea_net_quantity_moves"


class NetQuantityMoves:
    """The quantity moves of events recorded together, summed per resource:
    moved as one step of ``rea.resource.move_quantities``, so that only
    their net effect is checked (a reversal may take a resource below zero
    on the way to a re-entry that brings it back). An object, not a flag:
    a client cannot put it in the context."""

    def __init__(self):
        self.step = {}
        self.limits = {}

    def add(self, moves, limits):
        """Add the steps ``moves`` (``{resource id: {quantity field:
        delta}}``) and the ``limits`` known of their resources."""
        for step in moves:
            for resource_id, deltas in step.items():
                net = self.step.setdefault(resource_id, {})
                for quantity_field, delta in deltas.items():
                    net[quantity_field] = net.get(quantity_field, 0.0) + delta
        self.limits.update(limits)

    def move(self, resources):
        """Move the net quantities (``resources``: the ``rea.resource``
        model): one lock, one check per resource and quantity, one update."""
        return resources.move_quantities([self.step], self.limits)


# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventEffects(models.Model):
    """Effects engine: what recording (or undoing) an event does to the
    resources. Quantities are moved by the resources themselves
    (``rea.resource.move_quantities``, which refuses going below zero);
    the other effects (location, containment, accountable agent, stage,
    state) are written here, with a snapshot to undo them exactly."""

    _inherit = "rea.event"

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
        """Move the quantities of these events, in their order: one step
        per event for ``rea.resource.move_quantities`` (one lock, one
        update; each decrease checked as if the events came one by one).
        Events recorded by ``_create_net`` only add their moves to the net
        ones, moved when all are recorded."""
        if facts is None:
            facts = self._get_event_facts()
        moves = []
        # What the resources check decreases against, known from the facts.
        limits = {}
        for event in self:
            ev = facts[event.id]
            moves.append(event._get_quantity_deltas(ev, sign))
            for side in ("resource", "to_resource"):
                if ev[side]:
                    limits[ev[side].id] = ev[side]
        net = self.env.context.get(NET_MOVES_KEY)
        if isinstance(net, NetQuantityMoves):
            net.add(moves, limits)
            return
        self.env["rea.resource"].move_quantities(moves, limits)

    @api.model
    def _create_net(self, vals_list):
        """Create events one after the other (``create``, each checked and
        with all its effects), but move their quantities as one step once
        all are recorded: a resource is checked against going below zero
        on the net effect of these events, not on each of them (a
        correction's reversal and re-entry). Returns the events in the
        order of ``vals_list``. All or nothing."""
        outer = self.env.context.get(NET_MOVES_KEY)
        net = outer if isinstance(outer, NetQuantityMoves) else NetQuantityMoves()
        recorder = self.with_context(**{NET_MOVES_KEY: net})
        event_ids = []
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            for vals in vals_list:
                event_ids.extend(recorder.create(vals).ids)
            if net is not outer:
                # An enclosing _create_net moves them with its own.
                net.move(self.env["rea.resource"])
        return self.browse(event_ids)

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
            # As superuser: the other party's resource is read for its
            # values before the effect (the event is checked by its rules).
            resource = (
                self.env["rea.resource"].sudo().browse(ev[side])
                if ev
                else self[side].sudo()
            )
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


def _to_json(value):
    """Comparable, JSON-safe form of a resource field value."""
    if isinstance(value, models.BaseModel):
        return value.id or False
    return value or False
