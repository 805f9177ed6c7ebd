# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import api, fields, models

from .rea_batch_create_mixin import Facts

# Up to this many records, facts are read through the ORM: an event just
# created is in cache (its name was computed from it), and so are the
# resources it names. More are read in one query.
ORM_FACTS_MAX = 2
# A column value whose read-back form is not known (see _facts_from_vals).
_UNKNOWN = object()
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventFacts(models.Model):
    """Facts: the plain values the checks and effects of events work on,
    read once for all the events recorded together (or known from their
    values before the insert, see ``_facts_from_vals``)."""

    _inherit = "rea.event"

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
        need of them (``allow_negative``, ``rounding``: the ``limits`` of
        ``rea.resource.move_quantities``) and the ``effect_values`` of their
        effect fields: one query for the resources (after the read access
        checks the ORM would make), each type and unit read once, not once
        per resource."""
        if not resource_ids:
            return {}
        effect_fields = self._get_resource_effect_fields()
        # The resources of an event may be the other party's (a member's
        # account paying a project): the user needs the right to read
        # resources, not each one's record rule; the event they record is
        # itself checked against the rules of rea.event when created.
        self.env["rea.resource"].check_access_rights("read")
        if len(resource_ids) <= ORM_FACTS_MAX:
            facts = self.sudo()._read_facts(
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
        """Give resource facts ``allow_negative`` and ``rounding`` (as
        ``rea.resource._get_quantity_limits`` gives them), each type and unit
        read once."""
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
