# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_round

from ..formatting import format_quantity

ROLE_ACTIONS = {
    "consume": "rea_base.action_consume",
    "use": "rea_base.action_use",
    "cite": "rea_base.action_cite",
    "work": "rea_base.action_work",
}


class ReaRecipePlanner(models.AbstractModel):
    """Explodes a recipe (BOM tree) into a plan of processes and commitments,
    netting consumed inputs against what is on hand or already scheduled."""

    _name = "rea.recipe.planner"
    _description = "REA recipe planner"

    @api.model
    def plan_from_bom(
        self, bom, quantity, due, context_agent, create_productions=False, name=None
    ):
        """Plan ``quantity`` (product unit) of ``bom``'s product for ``due``
        in ``context_agent``; return the ``rea.plan``."""
        self._check_plan_request(bom, quantity, context_agent)
        self._check_cycles(bom)
        plan = self.env["rea.plan"].create(
            self._prepare_plan_vals(bom, quantity, due, context_agent, name)
        )
        state = {
            "plan": plan,
            "context": context_agent,
            # Commitments and processes are due at a time; the plan on a day.
            "due": "%s 12:00:00" % due,
            "available": {},
            "levels": [],
        }
        product = bom.product_id or bom.product_tmpl_id.product_variant_id
        top = self._explode(bom, product, quantity, state)
        top.output_commitment_ids.filtered(
            lambda c: c.resource_conforms_to_id == bom.product_tmpl_id
        ).write({"independent_demand_of_id": plan.id})
        if create_productions:
            self._create_productions(state["levels"], plan)
        return plan

    # Checks -------------------------------------------------------------

    @api.model
    def _check_plan_request(self, bom, quantity, context_agent):
        if not bom:
            raise UserError(_("Choose a recipe (bill of materials) to plan."))
        if quantity <= 0:
            raise UserError(_("The quantity to plan must be greater than zero."))
        if not context_agent:
            raise UserError(_("Choose the context the plan is in scope of."))
        self._check_context_access(context_agent)

    @api.model
    def _check_context_access(self, context_agent):
        """Only REA managers and coordinators of the context plan for it."""
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return
        if user.partner_id not in context_agent.get_rea_coordinators():
            raise AccessError(
                _("Only coordinators of %s can plan its production.")
                % context_agent.display_name
            )

    @api.model
    def _find_bom(self, product):
        return self.env["mrp.bom"]._bom_find(product=product)

    @api.model
    def _check_cycles(self, bom):
        """Refuse a recipe tree in which a product needs itself."""
        product = bom.product_id or bom.product_tmpl_id.product_variant_id
        self._walk_for_cycles(bom, product, [product])

    @api.model
    def _walk_for_cycles(self, bom, product, path):
        for line in self._get_exploded_lines(bom, product):
            child = line.product_id
            if child in path:
                cycle = path[path.index(child) :] + [child]
                raise UserError(
                    _("The recipe has a cycle: %s.")
                    % " → ".join(p.display_name for p in cycle)
                )
            child_bom = self._find_bom(child)
            if child_bom:
                self._walk_for_cycles(child_bom, child, path + [child])

    # Explosion ----------------------------------------------------------

    @api.model
    def _prepare_plan_vals(self, bom, quantity, due, context_agent, name):
        return {
            "name": name
            or _("%(product)s × %(quantity)s")
            % {
                "product": bom.product_tmpl_id.display_name,
                "quantity": format_quantity(self.env, quantity),
            },
            "due": due,
            "context_id": context_agent.id,
        }

    @api.model
    def _get_exploded_lines(self, bom, product):
        return bom.bom_line_ids.filtered(lambda line: not line._skip_bom_line(product))

    @api.model
    def _explode(self, bom, product, quantity, state):
        """One process producing ``quantity`` of ``product``; its inputs'
        own recipes are exploded for their net demand."""
        process = self.env["rea.process"].create(
            self._prepare_process_vals(bom, product, state)
        )
        state["levels"].append((process, bom, product, quantity))
        factor = self._get_factor(bom, product, quantity)
        Commitment = self.env["rea.commitment"]
        Commitment.create(self._prepare_output_vals(process, product, quantity, state))
        for byproduct in bom.sub_products:
            qty = byproduct.product_uom_id._compute_quantity(
                byproduct.product_qty * factor, byproduct.product_id.uom_id
            )
            Commitment.create(
                self._prepare_output_vals(
                    process,
                    byproduct.product_id,
                    self._round(qty, byproduct.product_id),
                    state,
                )
            )
        for line in self._get_exploded_lines(bom, product):
            demand = self._get_line_demand(line, factor)
            Commitment.create(self._prepare_input_vals(process, line, demand, state))
            net = self._net_demand(line, demand, state)
            child_bom = net > 0 and self._find_bom(line.product_id)
            if child_bom:
                self._explode(child_bom, line.product_id, net, state)
        return process

    @api.model
    def _get_factor(self, bom, product, quantity):
        """How many times the BOM's quantity the process makes."""
        in_bom_uom = product.uom_id._compute_quantity(quantity, bom.product_uom_id)
        return in_bom_uom / bom.product_qty

    @api.model
    def _round(self, quantity, product):
        return float_round(quantity, precision_rounding=product.uom_id.rounding)

    @api.model
    def _get_line_demand(self, line, factor):
        """Hours for use and work, quantity (product unit) otherwise."""
        if line.rea_role in ("use", "work"):
            return float_round(line.rea_hours * factor, precision_digits=2)
        if line.rea_role == "cite" and line.rea_cite_mode == "percent":
            return 1.0
        qty = line.product_uom_id._compute_quantity(
            line.product_qty * factor, line.product_id.uom_id
        )
        return self._round(qty, line.product_id)

    @api.model
    def _prepare_process_vals(self, bom, product, state):
        return {
            "name": _("Make %s") % product.display_name,
            "based_on_id": self._get_process_specification(bom).id,
            "plan_id": state["plan"].id,
            "context_id": state["context"].id,
            "has_end": state["due"],
        }

    @api.model
    def _get_process_specification(self, bom):
        """The specification the processes of ``bom`` are based on (created
        on first planning; kept here, with the planning that needs it)."""
        bom.ensure_one()
        if not bom.rea_process_specification_id:
            # Describing the recipe's process is configuration the planner
            # may lack the rights for; it carries no economic effect.
            spec = (
                self.env["rea.process.specification"]
                .sudo()
                .create({"name": _("Make %s") % bom.product_tmpl_id.name})
            )
            bom.sudo().rea_process_specification_id = spec
        return bom.rea_process_specification_id

    @api.model
    def _prepare_commitment_vals(self, process, action_xmlid, product, state):
        return {
            "action_id": self.env.ref(action_xmlid).id,
            "resource_conforms_to_id": product.product_tmpl_id.id,
            "plan_id": state["plan"].id,
            "context_id": state["context"].id,
            "due": state["due"],
        }

    @api.model
    def _prepare_output_vals(self, process, product, quantity, state):
        vals = self._prepare_commitment_vals(
            process, "rea_base.action_produce", product, state
        )
        vals.update(
            {
                "output_of_id": process.id,
                "provider_id": state["context"].id,
                "receiver_id": state["context"].id,
                "resource_quantity": quantity,
                "resource_unit_id": product.uom_id.id,
            }
        )
        return vals

    @api.model
    def _prepare_input_vals(self, process, line, demand, state):
        product = line.product_id
        vals = self._prepare_commitment_vals(
            process, ROLE_ACTIONS[line.rea_role], product, state
        )
        vals.update({"input_of_id": process.id, "receiver_id": state["context"].id})
        if line.rea_role in ("use", "work"):
            vals.update(
                {
                    "effort_quantity": demand,
                    "effort_unit_id": (
                        product.rea_effort_uom_id
                        or self.env.ref("product.product_uom_hour")
                    ).id,
                }
            )
            if line.rea_role == "use":
                vals["note"] = _("Price of use: %s per hour") % line.rea_use_price
        else:
            vals.update(
                {"resource_quantity": demand, "resource_unit_id": product.uom_id.id}
            )
            if line.rea_role == "cite" and line.rea_cite_mode == "percent":
                vals["note"] = _("Cited for %s%% of the other inputs' value") % (
                    line.rea_cite_percent
                )
        return vals

    # Netting ------------------------------------------------------------

    @api.model
    def _net_demand(self, line, demand, state):
        """Quantity of the input still to produce in this plan."""
        template = line.product_id.product_tmpl_id
        if line.rea_role == "work":
            return 0.0
        if line.rea_role in ("use", "cite"):
            return self._net_use_demand(template, state)
        return self._net_consume_demand(line.product_id, demand, state)

    @api.model
    def _net_use_demand(self, template, state):
        """Used or cited resources are not used up: one is enough."""
        if not template.rea_substitutable:
            return 1.0
        available = self._get_available(template, state)
        return 0.0 if available["onhand"] + available["scheduled"] > 0 else 1.0

    @api.model
    def _net_consume_demand(self, product, demand, state):
        template = product.product_tmpl_id
        if not template.rea_substitutable:
            # Tracked one by one: each order needs its own resources.
            return demand
        available = self._get_available(template, state)
        from_onhand = min(available["onhand"], demand)
        available["onhand"] -= from_onhand
        from_scheduled = min(available["scheduled"], demand - from_onhand)
        available["scheduled"] -= from_scheduled
        return self._round(demand - from_onhand - from_scheduled, product)

    @api.model
    def _get_available(self, template, state):
        """On hand and scheduled quantities of ``template``, fetched once per
        plan then reduced by each demand."""
        if template.id not in state["available"]:
            state["available"][template.id] = {
                "onhand": self._get_onhand(template, state["context"]),
                "scheduled": self._get_scheduled(template, state),
            }
        return state["available"][template.id]

    @api.model
    def _get_onhand(self, template, context_agent):
        data = self.env["rea.resource"].read_group(
            [
                ("conforms_to_id", "=", template.id),
                ("primary_accountable_id", "child_of", context_agent.id),
                ("onhand_quantity", ">", 0),
            ],
            ["onhand_quantity"],
            [],
        )
        return (data[0]["onhand_quantity"] or 0.0) if data else 0.0

    @api.model
    def _get_scheduled(self, template, state):
        """What other plans will still produce of ``template`` and not
        consume themselves: their own dependent demand is not available."""
        produce = self.env.ref("rea_base.action_produce")
        consume = self.env.ref("rea_base.action_consume")
        data = self.env["rea.commitment"].read_group(
            [
                ("action_id", "in", [produce.id, consume.id]),
                ("resource_conforms_to_id", "=", template.id),
                ("context_id", "=", state["context"].id),
                ("finished", "=", False),
                "|",
                ("plan_id", "=", False),
                ("plan_id", "!=", state["plan"].id),
            ],
            ["action_id", "unfulfilled_quantity"],
            ["action_id"],
        )
        totals = {
            row["action_id"][0]: row["unfulfilled_quantity"] or 0.0 for row in data
        }
        return max(totals.get(produce.id, 0.0) - totals.get(consume.id, 0.0), 0.0)

    # Manufacturing orders -----------------------------------------------

    @api.model
    def _create_productions(self, levels, plan):
        Production = self.env["mrp.production"]
        for process, bom, product, quantity in levels:
            Production.create(
                self._prepare_production_vals(process, bom, product, quantity, plan)
            )

    @api.model
    def _prepare_production_vals(self, process, bom, product, quantity, plan):
        return {
            "product_id": product.id,
            "product_qty": quantity,
            "product_uom_id": product.uom_id.id,
            "bom_id": bom.id,
            "date_planned_start": process.has_end,
            "origin": plan.name,
            "rea_process_id": process.id,
        }
