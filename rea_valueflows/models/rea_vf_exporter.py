# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ir_model_data import VF_MODELS
from .vocabulary import CONTEXT, OM2_UNITS, UNIT_PREFIX

# Order of the kinds in the exported graph.
NODE_ORDER = (
    "agent",
    "role",
    "relationship",
    "unit",
    "spec",
    "process_spec",
    "plan",
    "process",
    "resource",
    "commitment",
    "event",
    "recipe",
)


class ExportState(object):
    """What one export collects: nodes by kind and the units they use."""

    def __init__(self, env):
        self.env = env
        self.nodes = {kind: {} for kind in NODE_ORDER}
        self.units = env["product.uom"].browse()
        self.roles = env["rea.agent.relationship.type"].browse()
        self.specs = env["product.template"].browse()
        self._unit_uris = {}

    def add(self, kind, node):
        self.nodes[kind][node["@id"]] = _compact(node)

    def unit_uri(self, uom):
        if uom.id not in self._unit_uris:
            xmlid = uom.sudo().get_external_id().get(uom.id)
            if xmlid in OM2_UNITS:
                uri = "om2:" + OM2_UNITS[xmlid]
            elif xmlid:
                uri = UNIT_PREFIX + xmlid
            else:
                uri = UNIT_PREFIX + uom.sudo().name
            self._unit_uris[uom.id] = uri
        self.units |= uom
        return self._unit_uris[uom.id]

    def graph(self, event_order):
        result = []
        for kind in NODE_ORDER:
            nodes = self.nodes[kind]
            keys = event_order if kind == "event" else sorted(nodes)
            result.extend(nodes[key] for key in keys if key in nodes)
        return result


def _compact(node):
    """Drop empty values: absent, not false, is how JSON-LD says 'unknown'."""
    return {
        key: value
        for key, value in node.items()
        if value is not None and value != [] and value != ""
    }


class ReaVfExporter(models.AbstractModel):
    """ValueFlows 1.0 JSON-LD export of a context agent's economic life.

    Runs with the caller's rights: records the user may not read are left
    out (a reference to one keeps only its ``@id``).
    """

    _name = "rea.vf.exporter"
    _description = "REA ValueFlows export"

    # Entry points

    @api.model
    def export_document(self, context_agent=None, date_from=None, date_to=None):
        """Return the JSON-LD document (a dict with @context and @graph).

        ``context_agent``: a context partner; its parts (sub-agents) are
        included. ``date_from``/``date_to``: dates (strings) bounding events,
        commitments and processes.
        """
        context_agent = self._vf_check_context_agent(context_agent)
        date_from, date_to = self._vf_check_dates(date_from, date_to)
        state = ExportState(self.env)
        records = self._vf_collect(self._vf_scope(context_agent), date_from, date_to)
        for node in self._vf_export_recipes(records["specs"], state):
            state.add("recipe", node)
        # Recipes may name more specifications.
        records["specs"] = self._vf_readable(records["specs"] | state.specs)
        self._vf_add_nodes(records, state)
        return {
            "@context": dict(CONTEXT),
            "@graph": state.graph([event.vf_uri for event in records["events"]]),
        }

    @api.model
    def _vf_scope(self, context_agent):
        """The context and its parts, or None for no context filter."""
        if not context_agent:
            return None
        # Its parts come from relationships: only for users who may read them.
        if self.env["rea.agent.relationship"].check_access_rights(
            "read", raise_exception=False
        ):
            return context_agent.get_sub_agents(include_self=True)
        return context_agent

    @api.model
    def _vf_collect(self, scope, date_from, date_to):
        """The readable records to export, by kind."""
        readable = self._vf_readable
        events = self._vf_select_events(scope, date_from, date_to)
        commitments = self._vf_select_commitments(scope, date_from, date_to)
        commitments |= readable(events.mapped("commitment_id"))
        flows = [events, commitments]
        processes = self._vf_select_processes(scope, date_from, date_to)
        for records in flows:
            processes |= readable(
                records.mapped("input_of_id") | records.mapped("output_of_id")
            )
        plans = self._vf_select_plans(scope) | readable(
            processes.mapped("plan_id")
            | commitments.mapped("plan_id")
            | commitments.mapped("independent_demand_of_id")
        )
        resources = self._vf_select_resources(scope) | readable(
            events.mapped("resource_id")
            | events.mapped("to_resource_id")
            | commitments.mapped("resource_id")
        )
        resources |= readable(resources.mapped("contained_in_id"))
        agents = scope if scope is not None else self.env["res.partner"].browse()
        for records, fnames in (
            (events, ("provider_id", "receiver_id", "context_id")),
            (commitments, ("provider_id", "receiver_id", "context_id")),
            (processes, ("context_id",)),
            (resources, ("primary_accountable_id",)),
            (plans, ("context_id",)),
        ):
            for fname in fnames:
                agents |= records.mapped(fname)
        relationships = self._vf_select_relationships(agents, scope)
        agents |= relationships.mapped("subject_id") | relationships.mapped("object_id")
        return {
            "events": events,
            "commitments": commitments,
            "processes": processes,
            "plans": plans,
            "resources": resources,
            "agents": readable(agents),
            "relationships": relationships,
            "process_specs": readable(
                processes.mapped("based_on_id")
                | resources.mapped("stage_id")
                | commitments.mapped("stage_id")
            ),
            "specs": readable(
                resources.mapped("conforms_to_id")
                | events.mapped("resource_conforms_to_id")
                | commitments.mapped("resource_conforms_to_id")
            ),
        }

    @api.model
    def _vf_add_nodes(self, records, state):
        for kind, key, method in (
            ("agent", "agents", self._vf_agent_node),
            ("relationship", "relationships", self._vf_relationship_node),
            ("spec", "specs", self._vf_spec_node),
            ("process_spec", "process_specs", self._vf_process_spec_node),
            ("plan", "plans", self._vf_plan_node),
            ("process", "processes", self._vf_process_node),
            ("resource", "resources", self._vf_resource_node),
            ("commitment", "commitments", self._vf_commitment_node),
            ("event", "events", self._vf_event_node),
        ):
            for record in records[key]:
                state.add(kind, method(record, state))
        # Roles and units are collected while writing the other nodes.
        for role in state.roles:
            state.add("role", self._vf_role_node(role, state))
        for uom in state.units:
            state.add("unit", self._vf_unit_node(uom, state))

    @api.model
    def export_record(self, record):
        """One record as a JSON-LD node with its @context (dereferencing an
        identifier). The caller has checked the user may read it."""
        methods = {
            "res.partner": self._vf_agent_node,
            "rea.agent.relationship": self._vf_relationship_node,
            "product.template": self._vf_spec_node,
            "rea.process.specification": self._vf_process_spec_node,
            "rea.plan": self._vf_plan_node,
            "rea.process": self._vf_process_node,
            "rea.resource": self._vf_resource_node,
            "rea.commitment": self._vf_commitment_node,
            "rea.event": self._vf_event_node,
        }
        node = _compact(methods[record._name](record, ExportState(self.env)))
        return dict({"@context": dict(CONTEXT)}, **node)

    @api.model
    def find_by_path(self, kind, key):
        """The readable record whose identifier ends with ``/vf/<kind>/<key>``
        (identifiers minted by this database), or an empty recordset."""
        if not re.match(r"^[A-Za-z0-9-]+$", key or ""):
            return self.env["res.partner"].browse()
        for model_name in VF_MODELS:
            model = self.env[model_name]
            if model._vf_kind != kind:
                continue
            if not model.check_access_rights("read", raise_exception=False):
                return model.browse()
            return model.with_context(active_test=False).search(
                [("vf_uri", "=like", "%%/vf/%s/%s" % (kind, key))], limit=1
            )
        return self.env["res.partner"].browse()

    @api.model
    def export_json(self, context_agent=None, date_from=None, date_to=None):
        """The document as indented JSON text."""
        document = self.export_document(context_agent, date_from, date_to)
        return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False)

    # Checks

    @api.model
    def _vf_check_context_agent(self, context_agent):
        partner_model = self.env["res.partner"]
        if not context_agent:
            return partner_model.browse()
        if isinstance(context_agent, str) and not context_agent.isdigit():
            found = partner_model.search([("vf_uri", "=", context_agent)], limit=1)
        else:
            found = partner_model.search([("id", "=", int(context_agent))])
        if not found:
            raise UserError(_("No agent %s you may read.") % context_agent)
        if not found.is_context:
            raise UserError(
                _(
                    "%s is not a context agent (project, organisation, network): "
                    "choose one to export its economic life."
                )
                % found.display_name
            )
        return found

    @api.model
    def _vf_check_dates(self, date_from, date_to):
        try:
            date_from = (
                fields.Date.to_string(fields.Date.from_string(date_from))
                if date_from
                else None
            )
            date_to = (
                fields.Date.to_string(fields.Date.from_string(date_to))
                if date_to
                else None
            )
        except ValueError:
            raise UserError(_("Dates are written YYYY-MM-DD."))
        if date_from and date_to and date_to < date_from:
            raise UserError(_("The end date comes before the start date."))
        return date_from, date_to
