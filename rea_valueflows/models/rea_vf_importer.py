# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import datetime
import json
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import file_open, float_is_zero

from odoo.addons.rea_base.models.rea_event import QUANTITY_EFFECT_MOVES

from .vocabulary import (
    EXPORT_ONLY_CLASSES,
    IMPORT_CLASSES,
    OM2,
    OM2_UNITS_REVERSE,
    RDFS,
    REA,
    ROLE_PREFIX,
    UNIT_PREFIX,
    VF,
    XMLID_PREFIX,
    Expander,
    parse_datetime,
)

_logger = logging.getLogger(__name__)

OPENING_SUFFIX = "#opening-balance"
KNOWN_CLASSES = set(IMPORT_CLASSES) | set(EXPORT_ONLY_CLASSES) | {"Unit"}
# Which model each imported class becomes.
CLASS_MODELS = {
    "Person": "res.partner",
    "Organization": "res.partner",
    "Agent": "res.partner",
    "AgentRelationshipRole": "rea.agent.relationship.type",
    "AgentRelationship": "rea.agent.relationship",
    "ResourceSpecification": "product.template",
    "ProcessSpecification": "rea.process.specification",
    "Plan": "rea.plan",
    "Process": "rea.process",
    "EconomicResource": "rea.resource",
    "Commitment": "rea.commitment",
    "EconomicEvent": "rea.event",
}


class Refusal(Exception):
    """A node cannot be imported; the message says why."""


class Rollback(Exception):
    """Undo the whole file (all-or-nothing import with refusals, dry run)."""


class ImportState(object):
    """Nodes of one file, what became of them, and the report."""

    def __init__(self, nodes):
        self.nodes = nodes  # {uri: node}
        self.order = list(nodes)
        self.done = {}  # {uri: record, or False when refused}
        self.in_progress = set()
        self.created_resources = set()
        self.lines = []
        self.warnings = []

    def add_line(self, node, status, record=None, reason=None):
        self.lines.append(
            {
                "id": node["id"],
                "type": node["class"] or "",
                "status": status,
                "model": record._name if record else None,
                "res_id": record.id if record else None,
                "name": record.display_name if record else None,
                "reason": reason,
            }
        )


def _value(raw):
    """One JSON-LD value: unwrap single-item lists and ``@value`` objects."""
    if isinstance(raw, list):
        if not raw:
            return None
        if len(raw) > 1:
            raise Refusal(_("one value expected, got %s") % len(raw))
        raw = raw[0]
    if isinstance(raw, dict) and "@value" in raw:
        return raw["@value"]
    return raw


class ReaVfImporter(models.AbstractModel):
    """Import of ValueFlows JSON-LD: events and what they refer to.

    Idempotent by ``@id``: a node whose ``@id`` is already the ValueFlows
    identifier of a record is matched, not created again. Runs with the
    caller's rights. By default all or nothing: one refused node and the
    whole file is rolled back, the report saying why.
    """

    _name = "rea.vf.importer"
    _description = "REA ValueFlows import"

    # Entry point

    @api.model
    def import_document(self, data, atomic=True, dry_run=False):
        """Import ``data`` (JSON text, bytes or the parsed document).

        Returns the report: ``{"summary": {status: count}, "lines": [...],
        "warnings": [...], "rolled_back": bool, "message": str}``. Malformed
        input raises a UserError before anything is written.
        """
        nodes = self._vf_collect_nodes(self._vf_parse(data))
        state = ImportState(nodes)
        self._vf_index_resource_flows(state)
        rolled_back = False
        try:
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                for uri in state.order:
                    self._vf_import_node(state, uri)
                refused = any(line["status"] == "refused" for line in state.lines)
                if dry_run or (atomic and refused):
                    raise Rollback()
        except Rollback:
            rolled_back = True
        return self._vf_report(state, rolled_back, dry_run)

    @api.model
    def import_demo_file(self, path):
        """Import a JSON-LD file shipped with a module (demo data)."""
        with file_open(path, "rb") as handle:
            report = self.import_document(handle.read())
        if report["rolled_back"]:
            raise UserError(self.format_report(report))
        return True

    # Parsing

    @api.model
    def _vf_parse(self, data):
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UserError(_("The file is not UTF-8 text."))
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError as error:
                raise UserError(_("The file is not valid JSON: %s") % error)
        if not isinstance(data, (dict, list)):
            raise UserError(_("A JSON-LD document is an object or a list."))
        return data

    @api.model
    def _vf_collect_nodes(self, document):
        """Return ``{uri: node}`` in document order, IRIs expanded.

        A node is ``{"id", "class", "types", "props"}`` where ``props`` is
        keyed by full IRI. Embedded nodes (objects with @id, @type and
        properties) are lifted into the graph.
        """
        if isinstance(document, dict):
            context = document.get("@context")
            items = document.get("@graph")
            if items is None:
                items = [document]
        else:
            context, items = None, document
        if not isinstance(items, list):
            raise UserError(_("@graph must be a list of nodes."))
        nodes = {}
        for index, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise UserError(_("Item %s of the graph is not a JSON object.") % index)
            expander = self._vf_expander(item.get("@context", context))
            self._vf_lift_node(item, expander, nodes, index)
        if not nodes:
            raise UserError(_("The document contains no ValueFlows node."))
        return nodes

    @api.model
    def _vf_expander(self, context):
        if isinstance(context, str) or (
            isinstance(context, list) and any(isinstance(c, str) for c in context)
        ):
            raise UserError(
                _(
                    "Remote JSON-LD contexts are not fetched: write the "
                    "@context inline (prefixes such as "
                    '"vf": "https://w3id.org/valueflows/ont/vf#").'
                )
            )
        try:
            return Expander(context)
        except ValueError:
            raise UserError(_("The @context is not a JSON-LD context."))

    @api.model
    def _vf_lift_node(self, item, expander, nodes, index):
        uri = item.get("@id")
        if not isinstance(uri, str) or not uri.strip():
            raise UserError(
                _(
                    "Node %s has no @id: imports are idempotent by @id, "
                    "every node needs one."
                )
                % index
            )
        uri = expander.iri(uri.strip(), vocab=False)
        types = item.get("@type") or []
        types = [
            expander.iri(t) for t in (types if isinstance(types, list) else [types])
        ]
        props = {}
        for key, value in item.items():
            if key.startswith("@"):
                continue
            props[expander.iri(key)] = self._vf_expand_value(
                value, expander, nodes, index
            )
        node = {
            "id": uri,
            "class": self._vf_class(types),
            "types": types,
            "props": props,
        }
        if uri in nodes and nodes[uri] != node:
            raise UserError(
                _("The @id %s appears twice in the document, with different values.")
                % uri
            )
        nodes[uri] = node
        return uri

    @api.model
    def _vf_expand_value(self, value, expander, nodes, index):
        if isinstance(value, list):
            return [self._vf_expand_value(v, expander, nodes, index) for v in value]
        if not isinstance(value, dict):
            return value
        has_props = any(not k.startswith("@") for k in value)
        if "@id" in value and "@type" in value and has_props:
            # An embedded node: lift it, keep a reference.
            return {"@id": self._vf_lift_node(value, expander, nodes, index)}
        result = {}
        for key, sub in value.items():
            if key == "@id":
                result[key] = expander.iri(sub, vocab=False)
            elif key == "@type":
                result[key] = sub
            else:
                result[expander.iri(key)] = self._vf_expand_value(
                    sub, expander, nodes, index
                )
        return result

    @api.model
    def _vf_class(self, types):
        for iri in types:
            for namespace in (VF, OM2):
                if iri.startswith(namespace) and iri[len(namespace) :] in KNOWN_CLASSES:
                    return iri[len(namespace) :]
        return None

    # Node properties

    @api.model
    def _vf_get(self, node, name, namespace=VF):
        return _value(node["props"].get(namespace + name))

    @api.model
    def _vf_text(self, node, name, namespace=VF):
        value = self._vf_get(node, name, namespace)
        if value is None:
            return False
        if not isinstance(value, (str, int, float)):
            raise Refusal(_("%s must be text") % name)
        return str(value)

    @api.model
    def _vf_bool(self, node, name, namespace=VF):
        value = self._vf_get(node, name, namespace)
        return value is True or value in ("true", "1", 1)

    @api.model
    def _vf_ref_uri(self, node, name, namespace=VF):
        value = self._vf_get(node, name, namespace)
        if value is None:
            return None
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            return value["@id"]
        if isinstance(value, str):
            return value
        raise Refusal(_("%s must be a reference (an object with @id)") % name)

    @api.model
    def _vf_datetime(self, node, name):
        value = self._vf_get(node, name)
        if value is None:
            return False
        try:
            return parse_datetime(value)
        except (ValueError, OverflowError):
            raise Refusal(
                _("%(name)s: '%(value)s' is not a date and time")
                % {
                    "name": name,
                    "value": value,
                }
            )

    @api.model
    def _vf_action(self, node):
        uri = self._vf_ref_uri(node, "action")
        if not uri:
            raise Refusal(_("no action"))
        code = uri[len(VF) :] if uri.startswith(VF) else uri
        action = self.env["rea.action"].search([("code", "=", code)], limit=1)
        if not action:
            raise Refusal(_("unknown action %s") % uri)
        return action

    @api.model
    def _vf_measure(self, state, node, name):
        """Return ``(quantity, unit)`` of a measure property, or (0, None)."""
        value = self._vf_get(node, name)
        if value is None:
            return 0.0, self.env["product.uom"].browse()
        if not isinstance(value, dict):
            raise Refusal(_("%s must be a measure (om2:Measure)") % name)
        try:
            quantity = float(_value(value.get(OM2 + "hasNumericalValue")))
        except (TypeError, ValueError):
            raise Refusal(_("%s has no numerical value") % name)
        unit_uri = _value(value.get(OM2 + "hasUnit"))
        if isinstance(unit_uri, dict):
            unit_uri = unit_uri.get("@id")
        if not unit_uri:
            raise Refusal(_("%s has no unit") % name)
        return quantity, self._vf_unit(state, unit_uri)

    @api.model
    def _vf_unit(self, state, uri):
        """A unit: om2 units and suite XML ids, else by label."""
        uom_model = self.env["product.uom"]
        unit = uom_model.browse()
        if uri.startswith(OM2) and uri[len(OM2) :] in OM2_UNITS_REVERSE:
            unit = self.env.ref(OM2_UNITS_REVERSE[uri[len(OM2) :]], False)
        elif uri.startswith(UNIT_PREFIX):
            key = uri[len(UNIT_PREFIX) :]
            if "." in key:
                unit = self.env.ref(key, False)
            if not unit or unit._name != "product.uom":
                unit = uom_model.search([("name", "=ilike", key)], limit=1)
        if not unit:
            node = state.nodes.get(uri)
            label = node and self._vf_text(node, "label", RDFS)
            if label:
                unit = uom_model.search([("name", "=ilike", label)], limit=1)
        if not unit or unit._name != "product.uom":
            raise Refusal(_("unknown unit %s") % uri)
        return unit

    # Identity

    @api.model
    def _vf_find(self, model_name, uri):
        """The record of this database with that @id, if any.

        Searched as superuser so that an existing record the user may not
        read is reported as such instead of created twice.
        """
        model = self.env[model_name]
        found = (
            model.sudo()
            .with_context(active_test=False)
            .search([("vf_uri", "=", uri)], limit=1)
        )
        if not found and uri.startswith(XMLID_PREFIX):
            found = self.env.ref(uri[len(XMLID_PREFIX) :], False)
            if found is not None and found._name != model_name:
                found = None
        if not found:
            return model.browse()
        readable = model.check_access_rights(
            "read", raise_exception=False
        ) and model.with_context(active_test=False).search([("id", "=", found.id)])
        if not readable:
            raise Refusal(_("%s exists in this database but you may not read it") % uri)
        return readable

    @api.model
    def _vf_resolve(self, state, uri, model_name):
        """The record a reference points to: imported from this file or
        already in the database."""
        if not uri:
            return self.env[model_name].browse()
        if uri in state.done:
            record = state.done[uri]
            if not record:
                raise Refusal(_("it refers to %s, which was refused or skipped") % uri)
        else:
            if uri in state.in_progress:
                raise Refusal(_("circular reference through %s") % uri)
            record = self._vf_find(model_name, uri)
            if not record:
                raise Refusal(_("%s is neither in the file nor in this database") % uri)
        if record._name != model_name:
            raise Refusal(
                _("%(uri)s is a %(found)s, not a %(expected)s")
                % {"uri": uri, "found": record._description, "expected": model_name}
            )
        return record

    # Import of one node

    @api.model
    def _vf_node_references(self, value):
        """Every @id referenced inside a property value."""
        if isinstance(value, list):
            for item in value:
                yield from self._vf_node_references(item)
        elif isinstance(value, dict):
            if isinstance(value.get("@id"), str):
                yield value["@id"]
            for key, sub in value.items():
                if not key.startswith("@"):
                    yield from self._vf_node_references(sub)

    @api.model
    def _vf_import_node(self, state, uri):
        """Import a node after the nodes it refers to, each in its own
        savepoint (never nested, so a refusal undoes only its own node)."""
        if uri in state.done or uri in state.in_progress:
            return
        node = state.nodes[uri]
        state.in_progress.add(uri)
        for ref in self._vf_node_references(list(node["props"].values())):
            if ref in state.nodes and ref != uri:
                self._vf_import_node(state, ref)
        state.in_progress.discard(uri)
        handler = self._vf_handler(node["class"])
        if handler is None:
            reason = (
                _("recipes are exported, not imported")
                if node["class"] in EXPORT_ONLY_CLASSES
                else _("not a ValueFlows class this import handles (%s)")
                % ", ".join(node["types"] or ["-"])
            )
            state.done[uri] = None
            state.add_line(node, "skipped", reason=reason)
            return
        try:
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                record, status, reason = handler(state, node)
        except Refusal as error:
            record, status, reason = False, "refused", str(error)
        except (UserError, ValidationError, AccessError) as error:
            record, status, reason = False, "refused", error.name
        except psycopg2.Error as error:
            record, status, reason = False, "refused", error.pgerror or str(error)
        state.done[uri] = record
        state.add_line(node, status, record or None, reason)

    @api.model
    def _vf_handler(self, class_name):
        """The method importing a class; ``None`` skips it. Override to
        import more classes."""
        if class_name == "Unit":
            return self._vf_import_unit
        if class_name not in CLASS_MODELS:
            return None
        return {
            "Person": self._vf_import_agent,
            "Organization": self._vf_import_agent,
            "Agent": self._vf_import_agent,
            "AgentRelationshipRole": self._vf_import_role,
            "AgentRelationship": self._vf_import_relationship,
            "ResourceSpecification": self._vf_import_spec,
            "ProcessSpecification": self._vf_import_process_spec,
            "Plan": self._vf_import_plan,
            "Process": self._vf_import_process,
            "EconomicResource": self._vf_import_resource,
            "Commitment": self._vf_import_commitment,
            "EconomicEvent": self._vf_import_event,
        }[class_name]

    @api.model
    def _vf_match_or_create(self, node, vals):
        """Match by @id, else create; returns (record, status, reason)."""
        model_name = CLASS_MODELS[node["class"]]
        existing = self._vf_find(model_name, node["id"])
        if existing:
            return existing, "matched", None
        vals = dict(vals, vf_uri=node["id"])
        return self.env[model_name].create(vals), "created", None

    @api.model
    def _vf_existing(self, node):
        return self._vf_find(CLASS_MODELS[node["class"]], node["id"])

    @api.model
    def _vf_import_unit(self, state, node):
        unit = self._vf_unit(state, node["id"])
        return unit, "matched", None

    @api.model
    def _vf_import_agent(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        name = self._vf_text(node, "name")
        if not name:
            raise Refusal(_("an agent needs a name"))
        person = node["class"] == "Person"
        agent_type = self._vf_text(node, "agentType", REA)
        partner_model = self.env["res.partner"]
        known_types = dict(partner_model._fields["agent_type"].selection)
        if agent_type and agent_type not in known_types:
            raise Refusal(_("unknown agent type %s") % agent_type)
        vals = {
            "name": name,
            "is_company": not person,
            "agent_type": agent_type or False,
            "is_context": self._vf_bool(node, "isContext", REA),
        }
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_role(self, state, uri):
        """Relationship roles are configuration: matched, never created."""
        type_model = self.env["rea.agent.relationship.type"].with_context(
            active_test=False
        )
        role = type_model.browse()
        if uri.startswith(ROLE_PREFIX):
            role = type_model.search(
                [("identifier", "=", uri[len(ROLE_PREFIX) :])], limit=1
            )
        node = state.nodes.get(uri)
        if not role and node:
            label = self._vf_text(node, "roleLabel")
            if label:
                role = type_model.search([("label", "=ilike", label)], limit=1)
        if not role:
            raise Refusal(
                _(
                    "unknown relationship role %s: add it to the relationship "
                    "types first"
                )
                % uri
            )
        return role

    @api.model
    def _vf_import_role(self, state, node):
        return self._vf_role(state, node["id"]), "matched", None

    @api.model
    def _vf_import_relationship(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        subject = self._vf_resolve(
            state, self._vf_ref_uri(node, "subject"), "res.partner"
        )
        obj = self._vf_resolve(state, self._vf_ref_uri(node, "object"), "res.partner")
        role_uri = self._vf_ref_uri(node, "relationship")
        if not (subject and obj and role_uri):
            raise Refusal(_("a relationship needs a subject, an object and a role"))
        relationship_state = self._vf_text(node, "state", REA) or "active"
        if relationship_state not in ("candidate", "active", "inactive"):
            raise Refusal(_("unknown relationship state %s") % relationship_state)
        vals = {
            "subject_id": subject.id,
            "object_id": obj.id,
            "type_id": self._vf_role(state, role_uri).id,
            "state": relationship_state,
            "note": self._vf_text(node, "note"),
        }
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_import_spec(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        name = self._vf_text(node, "name")
        if not name:
            raise Refusal(_("a resource specification needs a name"))
        unit_uri = self._vf_ref_uri(node, "defaultUnitOfResource")
        unit = (
            self._vf_unit(state, unit_uri)
            if unit_uri
            else self.env.ref("product.product_uom_unit")
        )
        effort_uri = self._vf_ref_uri(node, "defaultUnitOfEffort")
        behavior = self._vf_text(node, "behavior", REA)
        template_model = self.env["product.template"]
        if behavior and behavior not in dict(
            template_model._fields["rea_behavior"].selection
        ):
            raise Refusal(_("unknown resource behaviour %s") % behavior)
        substitutable = self._vf_get(node, "substitutable")
        vals = {
            "name": name,
            "description": self._vf_text(node, "note"),
            "type": "service" if behavior == "work" else "consu",
            "uom_id": unit.id,
            "uom_po_id": unit.id,
            "rea_behavior": behavior,
            "rea_substitutable": substitutable is not False,
            "rea_allow_negative_stock": self._vf_bool(
                node, "allowNegativeQuantity", REA
            ),
            "rea_effort_uom_id": (
                self._vf_unit(state, effort_uri).id if effort_uri else False
            ),
        }
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_import_process_spec(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        name = self._vf_text(node, "name")
        if not name:
            raise Refusal(_("a process specification needs a name"))
        return self._vf_match_or_create(
            node, {"name": name, "note": self._vf_text(node, "note")}
        )

    @api.model
    def _vf_import_plan(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        name = self._vf_text(node, "name")
        if not name:
            raise Refusal(_("a plan needs a name"))
        due = self._vf_datetime(node, "due")
        vals = {
            "name": name,
            "note": self._vf_text(node, "note"),
            "due": due and due[:10],
            "context_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "inScopeOf"), "res.partner"
            ).id,
        }
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_import_process(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        name = self._vf_text(node, "name")
        if not name:
            raise Refusal(_("a process needs a name"))
        vals = {
            "name": name,
            "note": self._vf_text(node, "note"),
            "based_on_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "basedOn"), "rea.process.specification"
            ).id,
            "context_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "inScopeOf"), "res.partner"
            ).id,
            "plan_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "plannedWithin"), "rea.plan"
            ).id,
            "has_beginning": self._vf_datetime(node, "hasBeginning"),
            "has_end": self._vf_datetime(node, "hasEnd"),
            "finished": self._vf_bool(node, "finished"),
        }
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_import_resource(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        spec = self._vf_resolve(
            state, self._vf_ref_uri(node, "conformsTo"), "product.template"
        )
        if not spec:
            raise Refusal(_("a resource needs the specification it conforms to"))
        accounting, unit = self._vf_measure(state, node, "accountingQuantity")
        onhand, onhand_unit = self._vf_measure(state, node, "onhandQuantity")
        unit = unit or onhand_unit or spec.uom_id
        vals = {
            "name": self._vf_text(node, "name") or spec.name,
            "note": self._vf_text(node, "note"),
            "conforms_to_id": spec.id,
            "unit_id": unit.id,
            "tracking_identifier": self._vf_text(node, "trackingIdentifier"),
            "primary_accountable_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "primaryAccountable"), "res.partner"
            ).id,
            "stage_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "stage"), "rea.process.specification"
            ).id,
            "state": self._vf_text(node, "state"),
            "contained_in_id": self._vf_resolve(
                state, self._vf_ref_uri(node, "containedIn"), "rea.resource"
            ).id,
        }
        resource, status, reason = self._vf_match_or_create(node, vals)
        state.created_resources.add(node["id"])
        # Without quantities in the file there is nothing to reconcile.
        given = [
            quantity if self._vf_get(node, name) is not None else None
            for quantity, name in (
                (accounting, "accountingQuantity"),
                (onhand, "onhandQuantity"),
            )
        ]
        if given != [None, None]:
            self._vf_record_opening_balance(
                state,
                node,
                resource,
                given[0] if given[0] is not None else given[1],
                given[1] if given[1] is not None else given[0],
            )
        return resource, status, reason

    @api.model
    def _vf_flow_vals(self, state, node):
        """Values events and commitments share."""
        action = self._vf_action(node)
        resource_quantity, resource_unit = self._vf_measure(
            state, node, "resourceQuantity"
        )
        effort_quantity, effort_unit = self._vf_measure(state, node, "effortQuantity")
        ref = self._vf_ref_uri
        return {
            "action_id": action.id,
            "provider_id": self._vf_resolve(
                state, ref(node, "provider"), "res.partner"
            ).id,
            "receiver_id": self._vf_resolve(
                state, ref(node, "receiver"), "res.partner"
            ).id,
            "resource_conforms_to_id": self._vf_resolve(
                state, ref(node, "resourceConformsTo"), "product.template"
            ).id,
            "resource_id": self._vf_resolve(
                state, ref(node, "resourceInventoriedAs"), "rea.resource"
            ).id,
            "resource_quantity": resource_quantity,
            "resource_unit_id": resource_unit.id,
            "effort_quantity": effort_quantity,
            "effort_unit_id": effort_unit.id,
            "input_of_id": self._vf_resolve(
                state, ref(node, "inputOf"), "rea.process"
            ).id,
            "output_of_id": self._vf_resolve(
                state, ref(node, "outputOf"), "rea.process"
            ).id,
            "has_point_in_time": self._vf_datetime(node, "hasPointInTime"),
            "has_beginning": self._vf_datetime(node, "hasBeginning"),
            "has_end": self._vf_datetime(node, "hasEnd"),
            "context_id": self._vf_resolve(
                state, ref(node, "inScopeOf"), "res.partner"
            ).id,
            "note": self._vf_text(node, "note"),
        }

    @api.model
    def _vf_import_commitment(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        vals = self._vf_flow_vals(state, node)
        vals.update(
            {
                "due": self._vf_datetime(node, "due"),
                "plan_id": self._vf_resolve(
                    state, self._vf_ref_uri(node, "plannedWithin"), "rea.plan"
                ).id,
                "independent_demand_of_id": self._vf_resolve(
                    state, self._vf_ref_uri(node, "independentDemandOf"), "rea.plan"
                ).id,
                "stage_id": self._vf_resolve(
                    state, self._vf_ref_uri(node, "stage"), "rea.process.specification"
                ).id,
                "state": self._vf_text(node, "state"),
            }
        )
        created = self._vf_datetime(node, "created")
        if created:
            vals["created"] = created
        return self._vf_match_or_create(node, vals)

    @api.model
    def _vf_import_event(self, state, node):
        existing = self._vf_existing(node)
        if existing:
            return existing, "matched", None
        vals = self._vf_flow_vals(state, node)
        if not vals["has_point_in_time"]:
            vals.pop("has_point_in_time")
        if not (vals["provider_id"] and vals["receiver_id"]):
            raise Refusal(_("an economic event needs a provider and a receiver"))
        if self._vf_bool(node, "openingBalance", REA):
            resource_uri = self._vf_ref_uri(node, "resourceInventoriedAs")
            if resource_uri not in state.created_resources:
                # The balance it opened is already here.
                return (
                    None,
                    "skipped",
                    _("opening balance of a resource that already exists here"),
                )
        vals.update(
            {
                "to_resource_id": self._vf_resolve(
                    state,
                    self._vf_ref_uri(node, "toResourceInventoriedAs"),
                    "rea.resource",
                ).id,
                "commitment_id": self._vf_resolve(
                    state, self._vf_ref_uri(node, "fulfills"), "rea.commitment"
                ).id,
                "corrects_event_id": self._vf_resolve(
                    state, self._vf_ref_uri(node, "corrects"), "rea.event"
                ).id,
                "resource_state": self._vf_text(node, "state"),
            }
        )
        return self._vf_match_or_create(node, vals)

    # Opening balances

    @api.model
    def _vf_index_resource_flows(self, state):
        """For each resource, the quantity moves of the file's events, in
        document order: ``{resource uri: [(accounting, onhand, date)]}``."""
        state.flows = {}
        actions = {}
        for uri in state.order:
            node = state.nodes[uri]
            if node["class"] != "EconomicEvent":
                continue
            try:
                action_uri = self._vf_ref_uri(node, "action") or ""
                code = (
                    action_uri[len(VF) :] if action_uri.startswith(VF) else action_uri
                )
                if code not in actions:
                    actions[code] = self.env["rea.action"].search(
                        [("code", "=", code)], limit=1
                    )
                action = actions[code]
                quantity = self._vf_get(node, "resourceQuantity") or {}
                quantity = float(_value(quantity.get(OM2 + "hasNumericalValue")) or 0)
                sides = {
                    "resource_id": self._vf_ref_uri(node, "resourceInventoriedAs"),
                    "to_resource_id": self._vf_ref_uri(node, "toResourceInventoriedAs"),
                }
                date = self._vf_datetime(node, "hasPointInTime")
            except (Refusal, AttributeError, TypeError, ValueError):
                continue  # The event itself will be refused with the reason.
            if not action or action.event_quantity == "effort":
                continue
            moves = {}
            for effect_field, index in (("accounting_effect", 0), ("onhand_effect", 1)):
                for side, factor in QUANTITY_EFFECT_MOVES[action[effect_field]]:
                    if sides[side]:
                        move = moves.setdefault(sides[side], [0.0, 0.0])
                        move[index] += factor * quantity
            for resource_uri, move in moves.items():
                state.flows.setdefault(resource_uri, []).append(
                    (move[0], move[1], date)
                )

    @api.model
    def _vf_record_opening_balance(self, state, node, resource, accounting, onhand):
        """Bring a resource created by this import to the quantity it had
        before the file's events, so that after them it holds what the file
        says (the file may not carry the whole history of a resource, e.g.
        a supplier's stock outside the exported context)."""
        flows = state.flows.get(node["id"], [])
        rounding = resource.unit_id.rounding or 0.001
        opening = [accounting, onhand]
        for index in (0, 1):
            total, lowest = 0.0, 0.0
            for move in flows:
                total += move[index]
                lowest = min(lowest, total)
            opening[index] -= total
            if not resource.conforms_to_id.rea_allow_negative_stock:
                # Never let the file's events take it below zero on the way.
                opening[index] = max(opening[index], -lowest)
        if not float_is_zero(opening[0] - opening[1], precision_rounding=rounding):
            state.warnings.append(
                _(
                    "%(resource)s: the file's events do not explain the "
                    "difference between its accounting and on-hand quantities; "
                    "its on-hand quantity will differ from the file's."
                )
                % {"resource": node["id"]}
            )
        if float_is_zero(opening[0], precision_rounding=rounding):
            return
        dates = [move[2] for move in flows if move[2]]
        if dates:
            first = fields.Datetime.from_string(min(dates))
            date = fields.Datetime.to_string(first - datetime.timedelta(seconds=1))
        else:
            date = fields.Datetime.now()
        agent = resource.primary_accountable_id or self.env.user.company_id.partner_id
        code = "raise" if opening[0] > 0 else "lower"
        self.env["rea.event"].create(
            {
                "vf_uri": node["id"] + OPENING_SUFFIX,
                "action_id": self.env["rea.action"]
                .search([("code", "=", code)], limit=1)
                .id,
                "provider_id": agent.id,
                "receiver_id": agent.id,
                "resource_id": resource.id,
                "resource_quantity": abs(opening[0]),
                "resource_unit_id": resource.unit_id.id,
                "has_point_in_time": date,
                "note": _("Opening balance, imported from ValueFlows."),
            }
        )

    # Report

    @api.model
    def _vf_report(self, state, rolled_back, dry_run):
        summary = {"created": 0, "matched": 0, "refused": 0, "skipped": 0}
        for line in state.lines:
            summary[line["status"]] += 1
            if rolled_back and line["status"] == "created":
                # Would have been created: there is no record to point to.
                line["res_id"] = None
        if dry_run:
            message = _("Dry run: nothing was written.")
        elif rolled_back:
            message = (
                _("Nothing was imported: %s node(s) were refused (see why below).")
                % summary["refused"]
            )
        else:
            message = (
                _(
                    "%(created)s created, %(matched)s matched, %(refused)s refused, "
                    "%(skipped)s skipped."
                )
                % summary
            )
        return {
            "summary": summary,
            "lines": state.lines,
            "warnings": state.warnings,
            "rolled_back": rolled_back,
            "message": message,
        }

    @api.model
    def format_report(self, report):
        """The report as plain text (wizard, logs)."""
        labels = {
            "created": _("created"),
            "matched": _("matched"),
            "refused": _("refused"),
            "skipped": _("skipped"),
        }
        lines = [report["message"]]
        lines.extend(_("Warning: %s") % warning for warning in report["warnings"])
        for line in report["lines"]:
            text = "%s %s %s" % (labels[line["status"]], line["type"], line["id"])
            if line["name"]:
                text += " (%s)" % line["name"]
            if line["reason"]:
                text += ": %s" % line["reason"]
            lines.append(text)
        return "\n".join(lines)
