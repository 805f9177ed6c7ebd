# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.tools import float_round

from .rea_vf_exporter import _compact
from .vocabulary import ROLE_PREFIX, XMLID_PREFIX, format_datetime


class ReaVfExporterNodes(models.AbstractModel):
    """How each record is written: recipes and one JSON-LD node per record."""

    # One model split by concern (see rea_vf_exporter.py), on purpose.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "rea.vf.exporter"

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
