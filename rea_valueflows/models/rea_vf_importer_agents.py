# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models

from .rea_vf_importer import Refusal
from .vocabulary import OM2, OM2_UNITS_REVERSE, RDFS, REA, ROLE_PREFIX, UNIT_PREFIX


class ReaVfImporterAgents(models.AbstractModel):
    """Import of agents, their relationships, units and specifications."""

    # One model split by concern (see rea_vf_importer.py), on purpose.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "rea.vf.importer"

    # Units

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

    @api.model
    def _vf_import_unit(self, state, node):
        unit = self._vf_unit(state, node["id"])
        return unit, "matched", None

    # Agents and relationships

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

    # Specifications

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
