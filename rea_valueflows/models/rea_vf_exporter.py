# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import float_round

from .ir_model_data import VF_MODELS
from .vocabulary import (
    CONTEXT,
    OM2_UNITS,
    ROLE_PREFIX,
    UNIT_PREFIX,
    XMLID_PREFIX,
    format_datetime,
)

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

    # Selection (each overridable)

    @api.model
    def _vf_readable(self, records):
        """Those of ``records`` the current user may read (record rules)."""
        if not records or not records.check_access_rights(
            "read", raise_exception=False
        ):
            return records.browse()
        return records.with_context(active_test=False).search(
            [("id", "in", records.ids)]
        )

    @api.model
    def _vf_date_domain(self, fname, date_from, date_to):
        domain = []
        if date_from:
            domain.append((fname, ">=", date_from + " 00:00:00"))
        if date_to:
            domain.append((fname, "<=", date_to + " 23:59:59"))
        return domain

    @api.model
    def _vf_agents_domain(self, scope, fnames):
        """Records in scope of, or with a party among, the scope agents."""
        domain = []
        for fname in fnames:
            domain = (["|"] if domain else []) + domain + [(fname, "in", scope.ids)]
        return domain

    @api.model
    def _vf_select_events(self, scope, date_from, date_to):
        event_model = self.env["rea.event"]
        if not event_model.check_access_rights("read", raise_exception=False):
            return event_model.browse()
        domain = self._vf_date_domain("has_point_in_time", date_from, date_to)
        if scope is not None:
            domain += self._vf_agents_domain(
                scope, ("context_id", "provider_id", "receiver_id")
            )
        return event_model.search(domain, order="id")

    @api.model
    def _vf_select_commitments(self, scope, date_from, date_to):
        commitment_model = self.env["rea.commitment"]
        if not commitment_model.check_access_rights("read", raise_exception=False):
            return commitment_model.browse()
        domain = []
        if date_from or date_to:
            # Dated by their due date, else by when they were made.
            domain = expression.OR(
                [
                    expression.AND(
                        [
                            [("due", "!=", False)],
                            self._vf_date_domain("due", date_from, date_to),
                        ]
                    ),
                    expression.AND(
                        [
                            [("due", "=", False)],
                            self._vf_date_domain("created", date_from, date_to),
                        ]
                    ),
                ]
            )
        if scope is not None:
            domain = expression.AND(
                [
                    domain,
                    self._vf_agents_domain(
                        scope, ("context_id", "provider_id", "receiver_id")
                    ),
                ]
            )
        return commitment_model.search(domain, order="id")

    @api.model
    def _vf_select_processes(self, scope, date_from, date_to):
        process_model = self.env["rea.process"]
        if not process_model.check_access_rights("read", raise_exception=False):
            return process_model.browse()
        domain = []
        if scope is not None:
            domain.append(("context_id", "in", scope.ids))
        # Processes overlapping the range (open-ended ones included).
        if date_to:
            domain += [
                "|",
                ("has_beginning", "=", False),
                ("has_beginning", "<=", date_to + " 23:59:59"),
            ]
        if date_from:
            domain += [
                "|",
                ("has_end", "=", False),
                ("has_end", ">=", date_from + " 00:00:00"),
            ]
        return process_model.search(domain, order="id")

    @api.model
    def _vf_select_plans(self, scope):
        plan_model = self.env["rea.plan"]
        if scope is None or not plan_model.check_access_rights(
            "read", raise_exception=False
        ):
            return plan_model.browse()
        return plan_model.search([("context_id", "in", scope.ids)], order="id")

    @api.model
    def _vf_select_resources(self, scope):
        resource_model = self.env["rea.resource"]
        if not resource_model.check_access_rights("read", raise_exception=False):
            return resource_model.browse()
        if scope is None:
            # No context: every resource the user may read was asked for.
            return resource_model.search([], order="id")  # pylint: disable=W8163
        return resource_model.search(
            [("primary_accountable_id", "in", scope.ids)], order="id"
        )

    @api.model
    def _vf_select_relationships(self, agents, scope):
        """Relationships between exported agents, and those of the scope
        agents (their members, coordinators, parts...)."""
        rel_model = self.env["rea.agent.relationship"]
        if not agents or not rel_model.check_access_rights(
            "read", raise_exception=False
        ):
            return rel_model.browse()
        domain = [("subject_id", "in", agents.ids), ("object_id", "in", agents.ids)]
        if scope is not None:
            domain = ["|", ("object_id", "in", scope.ids), "&"] + domain
        relationships = rel_model.search(domain, order="id")
        # Both ends must be readable to say anything about the link.
        readable = self._vf_readable(
            relationships.mapped("subject_id") | relationships.mapped("object_id")
        )
        return relationships.filtered(
            lambda r: r.subject_id in readable and r.object_id in readable
        )

    # Recipes

    @api.model
    def _vf_export_recipes(self, specs, state):
        """Recipe nodes for these resource specifications.

        Manufacturing bills of materials when ``mrp`` is installed (this
        module does not depend on it). Override to add other recipe sources.
        """
        if "mrp.bom" not in self.env:
            return []
        bom_model = self.env["mrp.bom"]
        if not specs or not bom_model.check_access_rights(
            "read", raise_exception=False
        ):
            return []
        nodes = []
        for bom in bom_model.search([("product_tmpl_id", "in", specs.ids)]):
            nodes.extend(self._vf_bom_recipe_nodes(bom, state))
        return nodes

    @api.model
    def _vf_bom_recipe_nodes(self, bom, state):
        """One bill of materials as Recipe, RecipeProcess and RecipeFlows."""
        inputs = [
            {
                "spec": line.product_id.product_tmpl_id,
                "quantity": line.product_qty,
                "unit": line.product_uom_id,
                "action": "consume",
            }
            for line in bom.bom_line_ids
        ]
        xmlid = bom.sudo().get_external_id().get(bom.id)
        if xmlid:
            key = XMLID_PREFIX + xmlid
        else:
            db_uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
            key = "%s/vf/recipe/%s-%s" % (
                self.env["rea.vf.mixin"]._vf_base_url(),
                db_uuid,
                bom.id,
            )
        return self._vf_recipe_nodes(
            key,
            bom.display_name,
            {
                "spec": bom.product_tmpl_id,
                "quantity": bom.product_qty,
                "unit": bom.product_uom_id,
                "action": "produce",
            },
            inputs,
            state,
        )

    @api.model
    def _vf_recipe_nodes(self, uri, name, output, inputs, state, note=None):
        """Build a one-process recipe.

        ``output`` and each of ``inputs`` are dicts: ``spec`` (product
        template), ``quantity``, ``unit`` (product.uom), ``action`` (VF code;
        work and use count as effort).
        """
        process_uri = uri + "/process"
        nodes = [
            {
                "@id": uri,
                "@type": "vf:Recipe",
                "vf:name": name,
                "vf:note": note,
                "vf:primaryOutput": self._vf_ref(output["spec"]),
                "vf:recipeIncludes": [{"@id": process_uri}],
            },
            {
                "@id": process_uri,
                "@type": "vf:RecipeProcess",
                "vf:name": name,
                "vf:hasRecipeOutput": [{"@id": uri + "/output"}],
                "vf:hasRecipeInput": [
                    {"@id": "%s/input/%s" % (uri, index)}
                    for index in range(1, len(inputs) + 1)
                ],
            },
            self._vf_recipe_flow(uri + "/output", output, state, output_of=process_uri),
        ]
        for index, flow in enumerate(inputs, 1):
            nodes.append(
                self._vf_recipe_flow(
                    "%s/input/%s" % (uri, index), flow, state, input_of=process_uri
                )
            )
        state.specs |= output["spec"]
        for flow in inputs:
            state.specs |= flow["spec"]
        return [_compact(node) for node in nodes]

    @api.model
    def _vf_recipe_flow(self, uri, flow, state, input_of=None, output_of=None):
        effort = flow["action"] in ("work", "use")
        measure = self._vf_measure(flow["quantity"], flow["unit"], state)
        return {
            "@id": uri,
            "@type": "vf:RecipeFlow",
            "vf:action": {"@id": "vf:" + flow["action"]},
            "vf:resourceConformsTo": self._vf_ref(flow["spec"]),
            "vf:effortQuantity" if effort else "vf:resourceQuantity": measure,
            "vf:recipeInputOf": {"@id": input_of} if input_of else None,
            "vf:recipeOutputOf": {"@id": output_of} if output_of else None,
        }

    # Nodes (each overridable to add properties)

    @api.model
    def _vf_ref(self, record):
        """Reference by @id; the identifier is read even when the record is
        not (it reveals nothing but itself)."""
        return {"@id": record.sudo().vf_uri} if record else None

    @api.model
    def _vf_measure(self, quantity, uom, state):
        if not uom:
            return None
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        return {
            "@type": "om2:Measure",
            "om2:hasNumericalValue": float_round(quantity, precision_digits=digits),
            "om2:hasUnit": {"@id": state.unit_uri(uom)},
        }

    @api.model
    def _vf_agent_node(self, agent, state):
        person = agent.agent_type == "individual" or (
            not agent.agent_type and not agent.is_company
        )
        return {
            "@id": agent.vf_uri,
            "@type": "vf:Person" if person else "vf:Organization",
            "vf:name": agent.name,
            "rea:agentType": agent.agent_type or None,
            "rea:isContext": True if agent.is_context else None,
        }

    @api.model
    def _vf_role_node(self, role, state):
        return {
            "@id": ROLE_PREFIX + role.identifier,
            "@type": "vf:AgentRelationshipRole",
            "vf:roleLabel": role.label,
            "vf:inverseRoleLabel": role.inverse_label,
            "rea:behavior": role.behavior,
        }

    @api.model
    def _vf_relationship_node(self, relationship, state):
        state.roles |= relationship.type_id
        return {
            "@id": relationship.vf_uri,
            "@type": "vf:AgentRelationship",
            "vf:subject": self._vf_ref(relationship.subject_id),
            "vf:object": self._vf_ref(relationship.object_id),
            "vf:relationship": {"@id": ROLE_PREFIX + relationship.type_id.identifier},
            "rea:state": relationship.state,
            "vf:note": relationship.note or None,
        }

    @api.model
    def _vf_unit_node(self, uom, state):
        return {
            "@id": state.unit_uri(uom),
            "@type": "om2:Unit",
            "rdfs:label": uom.name,
        }

    @api.model
    def _vf_spec_node(self, spec, state):
        return {
            "@id": spec.vf_uri,
            "@type": "vf:ResourceSpecification",
            "vf:name": spec.name,
            "vf:note": spec.description or None,
            "vf:defaultUnitOfResource": {"@id": state.unit_uri(spec.uom_id)},
            "vf:defaultUnitOfEffort": (
                {"@id": state.unit_uri(spec.rea_effort_uom_id)}
                if spec.rea_effort_uom_id
                else None
            ),
            "vf:substitutable": spec.rea_substitutable,
            "vf:mediumOfExchange": spec.rea_behavior in ("account", "dig_curr"),
            "rea:behavior": spec.rea_behavior or None,
            # Accounts and share accounts go below zero (the issuer's side).
            "rea:allowNegativeQuantity": spec.rea_allow_negative_stock or None,
        }

    @api.model
    def _vf_process_spec_node(self, process_spec, state):
        return {
            "@id": process_spec.vf_uri,
            "@type": "vf:ProcessSpecification",
            "vf:name": process_spec.name,
            "vf:note": process_spec.note or None,
        }

    @api.model
    def _vf_plan_node(self, plan, state):
        return {
            "@id": plan.vf_uri,
            "@type": "vf:Plan",
            "vf:name": plan.name,
            "vf:note": plan.note or None,
            "vf:due": format_datetime(plan.due and plan.due + " 00:00:00"),
            "vf:inScopeOf": self._vf_ref(plan.context_id),
        }

    @api.model
    def _vf_process_node(self, process, state):
        return {
            "@id": process.vf_uri,
            "@type": "vf:Process",
            "vf:name": process.name,
            "vf:note": process.note or None,
            "vf:basedOn": self._vf_ref(process.based_on_id),
            "vf:inScopeOf": self._vf_ref(process.context_id),
            "vf:plannedWithin": self._vf_ref(process.plan_id),
            "vf:hasBeginning": format_datetime(process.has_beginning),
            "vf:hasEnd": format_datetime(process.has_end),
            "vf:finished": process.finished,
        }

    @api.model
    def _vf_resource_node(self, resource, state):
        return {
            "@id": resource.vf_uri,
            "@type": "vf:EconomicResource",
            "vf:name": resource.name,
            "vf:note": resource.note or None,
            "vf:conformsTo": self._vf_ref(resource.conforms_to_id),
            "vf:trackingIdentifier": resource.tracking_identifier or None,
            "vf:primaryAccountable": self._vf_ref(resource.primary_accountable_id),
            "vf:accountingQuantity": self._vf_measure(
                resource.accounting_quantity, resource.unit_id, state
            ),
            "vf:onhandQuantity": self._vf_measure(
                resource.onhand_quantity, resource.unit_id, state
            ),
            "vf:stage": self._vf_ref(resource.stage_id),
            "vf:state": resource.state or None,
            "vf:containedIn": self._vf_ref(resource.contained_in_id),
        }

    @api.model
    def _vf_flow_properties(self, flow, state):
        """Properties events and commitments share."""
        return {
            "vf:action": {"@id": "vf:" + flow.action_id.code},
            "vf:provider": self._vf_ref(flow.provider_id),
            "vf:receiver": self._vf_ref(flow.receiver_id),
            "vf:resourceConformsTo": self._vf_ref(flow.resource_conforms_to_id),
            "vf:resourceInventoriedAs": self._vf_ref(flow.resource_id),
            "vf:resourceQuantity": (
                self._vf_measure(flow.resource_quantity, flow.resource_unit_id, state)
                if flow.resource_quantity
                else None
            ),
            "vf:effortQuantity": (
                self._vf_measure(flow.effort_quantity, flow.effort_unit_id, state)
                if flow.effort_quantity
                else None
            ),
            "vf:inputOf": self._vf_ref(flow.input_of_id),
            "vf:outputOf": self._vf_ref(flow.output_of_id),
            "vf:hasPointInTime": format_datetime(flow.has_point_in_time),
            "vf:hasBeginning": format_datetime(flow.has_beginning),
            "vf:hasEnd": format_datetime(flow.has_end),
            "vf:inScopeOf": self._vf_ref(flow.context_id),
            "vf:note": flow.note or None,
        }

    @api.model
    def _vf_commitment_node(self, commitment, state):
        node = {"@id": commitment.vf_uri, "@type": "vf:Commitment"}
        node.update(self._vf_flow_properties(commitment, state))
        node.update(
            {
                "vf:due": format_datetime(commitment.due),
                "vf:created": format_datetime(commitment.created),
                "vf:plannedWithin": self._vf_ref(commitment.plan_id),
                "vf:independentDemandOf": self._vf_ref(
                    commitment.independent_demand_of_id
                ),
                "vf:stage": self._vf_ref(commitment.stage_id),
                "vf:state": commitment.state or None,
                "vf:finished": commitment.finished,
            }
        )
        return node

    @api.model
    def _vf_event_node(self, event, state):
        node = {"@id": event.vf_uri, "@type": "vf:EconomicEvent"}
        node.update(self._vf_flow_properties(event, state))
        node.update(
            {
                "vf:toResourceInventoriedAs": self._vf_ref(event.to_resource_id),
                "vf:fulfills": self._vf_ref(event.commitment_id),
                "vf:corrects": self._vf_ref(event.corrects_event_id),
                "vf:state": event.resource_state or None,
                "rea:openingBalance": (
                    True if self._vf_is_opening_balance(event) else None
                ),
            }
        )
        return node

    @api.model
    def _vf_is_opening_balance(self, event):
        return bool(event.vf_uri and event.vf_uri.endswith("#opening-balance"))
