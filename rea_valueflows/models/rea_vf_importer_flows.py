# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import datetime

from odoo import _, api, fields, models
from odoo.tools import float_is_zero

from odoo.addons.rea_base.models.rea_event import QUANTITY_EFFECT_MOVES

from .rea_vf_importer import OPENING_SUFFIX, Refusal, _value
from .vocabulary import OM2, REA, VF


class ReaVfImporterFlows(models.AbstractModel):
    """Import of plans, processes, resources, commitments and events."""

    # One model split by concern (see rea_vf_importer.py), on purpose.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "rea.vf.importer"

    # Plans and processes

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

    # Resources

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

    # Events and commitments

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
