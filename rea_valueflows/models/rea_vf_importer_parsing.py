# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import _, api, models
from odoo.exceptions import UserError

from .rea_vf_importer import KNOWN_CLASSES, Refusal, _value
from .vocabulary import OM2, VF, Expander, parse_datetime


class ReaVfImporterParsing(models.AbstractModel):
    """Reading the document: JSON-LD parsing, node classes, property values."""

    # One model split by concern (see rea_vf_importer.py), on purpose.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "rea.vf.importer"

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
