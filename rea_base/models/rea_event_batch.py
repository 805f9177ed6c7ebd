# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from .rea_event import ReaEvent

# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventBatch(models.Model):
    """``create_batch`` of events (``rea.batch.create.mixin``): record
    several events; return them in the order of ``vals_list``.

    Each event is completed, checked and has its effects exactly as when
    created alone, but the rows, stored computed values, quantities and
    snapshots are written in a few queries whatever the number of events (a
    distribution records one event per recipient). Lists the batch path does
    not cover (see ``_can_create_batch``) are created one by one, all or
    nothing as well."""

    _inherit = "rea.event"

    # Hooks of rea.batch.create.mixin.create_batch, which rea.event
    # inherits: completed and checked as create does, atomic, and the
    # effects of the events recorded with their rows.

    @api.model
    def _prepare_create_batch_vals(self, vals):
        # As create: the context's defaults, what can be deduced, then the
        # required values checked.
        vals = self._prepare_create_vals(self._add_context_defaults(vals))
        self._check_required_vals(vals)
        return vals

    @api.model
    def _create_one_by_one(self, vals_list):
        # All or nothing, as the batch path.
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            return super()._create_one_by_one(vals_list)

    @api.model
    def _create_batch_rows(self, vals_list):
        """Record the events of ``vals_list`` (prepared, with their
        defaults) together, all or nothing: each is checked and has its
        effects exactly as when created alone, but the rows, stored computed
        values, quantities and snapshots are written in a few queries
        whatever the number of events."""
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            ids = self._draw_ids(len(vals_list))
            batch = self.browse(ids)._batch_reader()
            facts = batch._facts_from_vals(vals_list)
            if facts is None or not batch._can_plan_effects(facts):
                # Stored computed values are written with the snapshots.
                columns = {}
                self._insert_batch(vals_list, columns, ids=ids)
                facts = batch._get_event_facts()
                batch._check_event(facts)
                batch._record_effects_batch(facts, columns)
                return self.browse(ids)
            # Everything the rows hold is known before they are inserted:
            # no second write of a thousand new rows.
            plan = batch._plan_resource_values_batch(facts)
            for new_id, vals in zip(ids, vals_list):
                if new_id in plan["snapshots"]:
                    vals["effect_snapshot"] = plan["snapshots"][new_id]
            self._insert_batch(
                vals_list, ids=ids, computed=batch._compute_stored_from_facts(facts)
            )
            batch._check_event(facts)
            batch._record_effects_batch(facts, plan=plan)
        return self.browse(ids)

    @api.model
    def _can_create_batch(self, vals_list):
        """Whether the batch path applies: column values only, no correction
        and no resource left for the action to create."""
        if not super()._can_create_batch(vals_list):
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
        # One recordset: the units' fields are read once for all names.
        units = {
            unit.id: unit
            for unit in self.env["product.uom"].browse(
                list(ids["resource_unit_id"] | ids["effort_unit_id"])
            )
        }
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
                units.get(unit_id, self.env["product.uom"]),
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
