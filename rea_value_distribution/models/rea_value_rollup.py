# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.tools.misc import formatLang

from odoo.addons.rea_base.server_api import server_only

from ..formatting import format_percentage, format_quantity

TRANSFER_CODES = ("transfer", "transferAllRights", "transferCustody")
OUTPUT_CODES = ("produce", "deliverService")
# Value of one input event without recursion (consumption is valued by the
# consumed resource's own roll-up): work at the member's rate for the skill,
# else the skill's default; use at its price, else time x value per unit of
# use of the used resource; a cite by quantity at its price, else quantity x
# value per unit of use (1 when not set). A percentage cite is valued later.
INPUT_VALUE_SQL = """
    (CASE e.action_code
        WHEN 'work' THEN COALESCE(NULLIF(e.money_value, 0),
            COALESCE(e.effort_quantity, 0)
            * COALESCE(NULLIF(sk.value_per_unit, 0), t.rea_value_per_unit, 0))
        WHEN 'use' THEN COALESCE(NULLIF(e.money_value, 0),
            COALESCE(NULLIF(e.effort_quantity, 0), e.resource_quantity, 0)
            * COALESCE(r.value_per_unit_of_use, 0))
        WHEN 'cite' THEN COALESCE(NULLIF(e.money_value, 0),
            COALESCE(e.resource_quantity, 0)
            * COALESCE(NULLIF(r.value_per_unit_of_use, 0), 1))
        ELSE 0
    END)::float
"""
# Value of a contribution or a payment: its money value, else its quantity
# when it is money, else quantity x the declared value of its type.
MONEY_VALUE_SQL = """
    COALESCE(NULLIF(e.money_value, 0)::float,
             CASE WHEN u.rea_money THEN e.resource_quantity
                  ELSE COALESCE(e.resource_quantity, 0)
                       * COALESCE(t.rea_value_per_unit, 0) END, 0)::float
"""
VALID_EVENT_SQL = "NOT COALESCE(e.is_corrected, false) AND e.corrects_event_id IS NULL"


class ReaValueRollup(models.AbstractModel):
    """Value per unit of resources, rolled up from what brought them in:
    contributions, purchases and producing processes (work, use, consumed
    inputs recursively, citations).

    One computation gives both the value and its explanation tree, so the
    two always agree. Events are aggregated in SQL: one query per resource,
    process or exchange met, whatever their number of events.
    """

    _name = "rea.value.rollup"
    _description = "REA Value Roll-up"

    @api.model
    def new_state(self):
        """Caches of one computation (shared with income shares)."""
        return {
            "memo": {},
            "stack": set(),
            "sources": {},
            "processes": {},
            "exchanges": {},
        }

    @api.model
    @server_only
    def explain(self, resource, state=None):
        """Where the value of ``resource`` comes from, as a tree of nodes
        ``{label, kind, quantity, value, value_per_unit, children, res_model,
        res_id}``; the root's value_per_unit is the rolled-up value."""
        return self._resource_node(resource.id, state or self.new_state())

    @api.model
    @server_only
    def compute_value_per_unit(self, resource, state=None):
        return self.explain(resource, state)["value_per_unit"]

    # The walks of income shares (rea.income.share) read the same sources
    # through the same caches (``state``). Public, so they take records:
    # a remote caller cannot read the events of resources by bare ids. An
    # empty record reads nothing (NULL), as a missing id did.

    @api.model
    @server_only
    def get_sources(self, resource, state):
        """What brought ``resource`` in: contributions, purchases and
        producing processes (see ``_get_sources``), cached in ``state``."""
        return self._get_sources(resource.id or None, state)

    @api.model
    @server_only
    def get_process_info(self, process, state):
        """Value of all the inputs of ``process`` and its total output,
        cached in ``state``."""
        return self._get_process_info(process.id or None, state)

    @api.model
    @server_only
    def get_exchange_info(self, exchange, state):
        """Payments and goods received of ``exchange``, cached in
        ``state``."""
        return self._get_exchange_info(exchange.id or None, state)

    # Nodes

    @api.model
    def _node(self, label, kind, quantity, value, model=None, res_id=None, **extra):
        node = {
            "label": label,
            "kind": kind,
            "quantity": quantity,
            "value": value,
            "children": [],
            "res_model": model,
            "res_id": res_id,
        }
        node.update(extra)
        return node

    @api.model
    def _resource_node(self, resource_id, state):
        if resource_id in state["memo"]:
            return state["memo"][resource_id]
        resource = self.env["rea.resource"].sudo().browse(resource_id)
        if resource_id in state["stack"]:
            # A loop in the recipe: the resource is already being valued
            # higher up, this path adds nothing.
            return self._node(
                _("%s (cycle: counted 0)") % resource.display_name,
                "cycle",
                0.0,
                0.0,
                "rea.resource",
                resource_id,
                value_per_unit=0.0,
            )
        state["stack"].add(resource_id)
        try:
            sources = self._get_sources(resource_id, state)
            children = [
                self._node(
                    _("Contribution: %(event)s by %(agent)s")
                    % {"event": row["name"], "agent": row["provider"]},
                    "contribution",
                    row["quantity"],
                    row["value"],
                    "rea.event",
                    row["id"],
                )
                for row in sources["contributions"]
            ]
            children += [
                self._purchase_node(row, state) for row in sources["purchases"]
            ]
            children += [
                self._process_node(process_id, quantity, state)
                for process_id, quantity in sources["processes"]
            ]
        finally:
            state["stack"].discard(resource_id)
        quantity = sum(child["quantity"] for child in children)
        value = sum(child["value"] for child in children)
        if quantity:
            value_per_unit = value / quantity
            label = resource.display_name
        else:
            # Nothing recorded brought it in: its current value stands.
            value_per_unit = (
                resource.value_per_unit or resource.conforms_to_id.rea_value_per_unit
            )
            label = _("%s (no recorded source: current value kept)") % (
                resource.display_name
            )
        node = self._node(
            label,
            "resource",
            quantity,
            value,
            "rea.resource",
            resource_id,
            value_per_unit=value_per_unit,
        )
        node["children"] = children
        state["memo"][resource_id] = node
        return node

    @api.model
    def _process_node(self, process_id, quantity, state):
        info = self._get_process_info(process_id, state)
        portion = quantity / info["total_output"] if info["total_output"] else 1.0
        node = self._node(
            _("%(process)s: %(value)s for %(total)s produced, %(qty)s of them")
            % {
                "process": info["name"],
                "value": formatLang(self.env, info["value"]),
                "total": format_quantity(self.env, info["total_output"]),
                "qty": format_quantity(self.env, quantity),
            },
            "process",
            quantity,
            info["value"] * portion,
            "rea.process",
            process_id,
            process_value=info["value"],
            total_output=info["total_output"],
        )
        node["children"] = info["children"]
        return node

    @api.model
    def _purchase_node(self, row, state):
        info = self._get_exchange_info(row["exchange_id"], state)
        fraction = self.get_trigger_fraction(info, row["id"])
        node = self._node(
            _("Purchase: %(event)s (%(exchange)s), %(percent)s of its payments")
            % {
                "event": row["name"],
                "exchange": info["name"],
                "percent": format_percentage(self.env, fraction * 100.0),
            },
            "purchase",
            row["quantity"],
            sum(p["value"] for p in info["payments"]) * fraction,
            "rea.event",
            row["id"],
            trigger_fraction=fraction,
        )
        node["children"] = [
            self._node(
                _("Payment: %s") % payment["name"],
                "payment",
                payment["quantity"],
                payment["value"] * fraction,
                "rea.event",
                payment["id"],
            )
            for payment in info["payments"]
        ]
        return node

    # Data (SQL, cached per computation)

    @api.model
    def _get_sources(self, resource_id, state):
        """What brought the resource in: contributions (transfers into it or
        raises marked as contribution), purchases (transfers into it in an
        exchange) and producing processes with the quantity each produced."""
        if resource_id in state["sources"]:
            return state["sources"][resource_id]
        self.env.cr.execute(
            """
            SELECT e.id, e.name, e.action_code, e.is_contribution, e.exchange_id,
                   e.output_of_id, p.name, COALESCE(e.resource_quantity, 0)::float,
                   {value}
              FROM rea_event e
              JOIN res_partner p ON p.id = e.provider_id
         LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
         LEFT JOIN product_uom u ON u.id = e.resource_unit_id
             WHERE {valid}
               AND ((e.to_resource_id = %(res)s AND e.action_code IN %(transfers)s)
                 OR (e.resource_id = %(res)s AND e.output_of_id IS NOT NULL
                     AND e.action_code = 'produce')
                 OR (e.resource_id = %(res)s AND e.is_contribution
                     AND e.action_code = 'raise'))
          ORDER BY e.id
            """.format(value=MONEY_VALUE_SQL, valid=VALID_EVENT_SQL),
            {"res": resource_id, "transfers": TRANSFER_CODES},
        )
        sources = {"contributions": [], "purchases": [], "processes": []}
        produced = {}
        for row in self.env.cr.fetchall():
            eid, name, code, contribution, exchange, process, provider, qty, value = row
            values = {
                "id": eid,
                "name": name,
                "provider": provider,
                "quantity": qty,
                "value": value,
                "exchange_id": exchange,
            }
            if code == "produce":
                produced[process] = produced.get(process, 0.0) + qty
            elif contribution:
                sources["contributions"].append(values)
            elif exchange:
                sources["purchases"].append(values)
        sources["processes"] = sorted(produced.items())
        state["sources"][resource_id] = sources
        return sources

    @api.model
    def _get_process_info(self, process_id, state):
        """Value of all the inputs of a process and its total output."""
        if process_id in state["processes"]:
            return state["processes"][process_id]
        process = self.env["rea.process"].sudo().browse(process_id)
        info = {
            "name": process.display_name,
            "value": 0.0,
            "total_output": 0.0,
            "groups": [],
            "outputs": [],
            "children": [],
        }
        # Registered before the inputs are valued: a loop back to this
        # process meets it (its resources are on the stack anyway).
        state["processes"][process_id] = info
        cr = self.env.cr
        cr.execute(
            """
            SELECT e.action_code, e.is_contribution, e.resource_id,
                   e.provider_id, e.resource_conforms_to_id,
                   COALESCE(e.effort_unit_id = %(percent)s, false),
                   sum(COALESCE(e.resource_quantity, 0))::float,
                   sum(COALESCE(e.effort_quantity, 0))::float,
                   sum({value}),
                   array_agg(e.id ORDER BY e.id),
                   array_agg({value} ORDER BY e.id)
              FROM rea_event e
         LEFT JOIN rea_resource r ON r.id = e.resource_id
         LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
         LEFT JOIN rea_agent_skill sk
                ON sk.partner_id = e.provider_id
               AND sk.skill_id = e.resource_conforms_to_id
             WHERE e.input_of_id = %(process)s AND {valid}
               AND e.action_code IN ('work', 'use', 'consume', 'cite')
          GROUP BY 1, 2, 3, 4, 5, 6
          ORDER BY 1, 3, 4, 5
            """.format(value=INPUT_VALUE_SQL, valid=VALID_EVENT_SQL),
            {"process": process_id, "percent": self._get_percent_uom_id()},
        )
        keys = (
            "action",
            "contribution",
            "resource_id",
            "provider_id",
            "type_id",
            "percent",
            "quantity",
            "effort",
            "value",
            "event_ids",
            "event_values",
        )
        groups = [dict(zip(keys, row)) for row in cr.fetchall()]
        cr.execute(
            """
            SELECT e.is_contribution, sum(e.resource_quantity)::float,
                   array_agg(e.id ORDER BY e.id),
                   array_agg(e.resource_quantity::float ORDER BY e.id)
              FROM rea_event e
             WHERE e.output_of_id = %(process)s AND {valid}
               AND e.action_code IN %(outputs)s
          GROUP BY 1
            """.format(valid=VALID_EVENT_SQL),
            {"process": process_id, "outputs": OUTPUT_CODES},
        )
        for contribution, quantity, ids, quantities in cr.fetchall():
            info["total_output"] += quantity or 0.0
            if contribution:
                info["outputs"] = list(zip(ids, quantities))
        base = 0.0
        for group in groups:
            if group["action"] == "consume":
                consumed = self._resource_node(group["resource_id"], state)
                group["value"] = group["quantity"] * consumed["value_per_unit"]
                group["node"] = self._input_node(group, [consumed])
            elif group["action"] == "cite" and group["percent"]:
                continue
            else:
                group["node"] = self._input_node(group, [])
            base += group["value"]
        for group in groups:
            if group["action"] == "cite" and group["percent"]:
                # A percentage of the other inputs' value.
                group["value"] = group["effort"] / 100.0 * base
                group["node"] = self._input_node(group, [])
        info["groups"] = groups
        info["value"] = sum(group["value"] for group in groups)
        info["children"] = [group["node"] for group in groups]
        return info

    @api.model
    def _input_node(self, group, children):
        env = self.env
        resource = env["rea.resource"].sudo().browse(group["resource_id"] or [])
        what = resource.display_name or (
            env["product.template"].sudo().browse(group["type_id"] or []).display_name
        )
        action = group["action"]
        if action == "work":
            label = _("Work: %(who)s, %(skill)s") % {
                "who": env["res.partner"].sudo().browse(group["provider_id"]).name,
                "skill": what or "",
            }
            quantity = group["effort"]
        elif action == "use":
            label = _("Use: %s") % what
            quantity = group["effort"] or group["quantity"]
        elif action == "consume":
            label = _("Consume: %s") % what
            quantity = group["quantity"]
        elif group["percent"]:
            label = _("Cite: %(what)s, %(pct)s of the other inputs") % {
                "what": what,
                "pct": format_percentage(self.env, group["effort"]),
            }
            quantity = group["quantity"]
        else:
            label = _("Cite: %s") % what
            quantity = group["quantity"]
        node = self._node(
            label,
            action,
            quantity,
            group["value"],
            "rea.resource" if resource else None,
            resource.id or None,
        )
        node["children"] = children
        return node

    @api.model
    def _get_exchange_info(self, exchange_id, state):
        """Payments and goods received of an exchange, by one query."""
        if exchange_id in state["exchanges"]:
            return state["exchanges"][exchange_id]
        cr = self.env.cr
        cr.execute(
            """
            SELECT e.id, e.name, e.provider_id, e.receiver_id, e.resource_id,
                   e.has_point_in_time, e.is_contribution,
                   COALESCE(tr.is_currency, false), t.type,
                   COALESCE(e.resource_quantity, 0)::float,
                   COALESCE(NULLIF(e.money_value, 0),
                            COALESCE(e.resource_quantity, 0)
                            * COALESCE(t.list_price, 0))::float,
                   {value}
              FROM rea_event e
              JOIN rea_transfer tr ON tr.id = e.transfer_id
         LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
         LEFT JOIN product_uom u ON u.id = e.resource_unit_id
             WHERE e.exchange_id = %(exchange)s AND {valid}
          ORDER BY e.id
            """.format(value=MONEY_VALUE_SQL, valid=VALID_EVENT_SQL),
            {"exchange": exchange_id},
        )
        rows = cr.fetchall()
        exchange = self.env["rea.exchange"].sudo().browse(exchange_id)
        buyer = exchange.receiver_id.id
        info = {"name": exchange.display_name, "payments": [], "receipts": {}}
        for row in rows:
            eid, name, provider, receiver, resource, date, contribution = row[:7]
            currency, product_type, quantity, weight, value = row[7:]
            if currency and provider == buyer:
                info["payments"].append(
                    {
                        "id": eid,
                        "name": name,
                        "resource_id": resource,
                        "date": date,
                        "contribution": contribution,
                        "quantity": quantity,
                        "value": value,
                    }
                )
            elif not currency and receiver == buyer and product_type != "service":
                # Services received with the goods (transport...) are
                # expenses: what was paid for them lands on the goods.
                info["receipts"][eid] = weight
        state["exchanges"][exchange_id] = info
        return info

    @api.model
    @server_only
    def get_trigger_fraction(self, info, event_id):
        """Part of the exchange's payments that buys this receipt: by the
        receipts' values (or prices), evenly when none is known."""
        receipts = info["receipts"]
        if event_id not in receipts:
            return 0.0
        total = sum(receipts.values())
        if total:
            return receipts[event_id] / total
        return 1.0 / len(receipts)

    @api.model
    def _get_percent_uom_id(self):
        uom = self.env.ref(
            "rea_value_distribution.product_uom_percent", raise_if_not_found=False
        )
        return uom.id if uom else 0
