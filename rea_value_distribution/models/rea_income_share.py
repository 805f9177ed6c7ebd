# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.rea_base.server_api import server_only

from .rea_value_rollup import MONEY_VALUE_SQL, TRANSFER_CODES, VALID_EVENT_SQL

# Events that deliver something out of a context (a shipment).
DELIVERY_CODES = ("transfer", "transferAllRights", "transferCustody", "deliverService")
SHARE_METHODS = ("process", "plan", "shipment")


class ReaIncomeShare(models.AbstractModel):
    """Who contributed to what was delivered: walks back from a delivered
    quantity (shipment, process, plan) through what produced it and gives
    each contribution event its share.

    The result is ``{event id: {"value", "share", "fraction"}}``: ``value``
    is what the whole event is worth in the roll-up, ``fraction`` the part of
    it behind the delivery, ``share = value x fraction``. The fraction is
    tracked along the walk, so it stays right for events worth 0.
    """

    _name = "rea.income.share"
    _description = "REA Income Shares"

    # Public entry points

    @api.model
    @server_only
    def get_resource_shares(self, resource, quantity):
        """Shares of ``quantity`` of ``resource`` (e.g. units sold)."""
        state = self._new_state()
        self._walk_quantity(resource.id, quantity, state)
        return state["shares"]

    @api.model
    @server_only
    def get_process_shares(self, processes):
        """Shares of the whole production of ``processes``."""
        state = self._new_state()
        for process in processes:
            self._walk_process(process.id, 1.0, state)
        return state["shares"]

    @api.model
    @server_only
    def get_plan_shares(self, plan):
        """Shares of what a plan (order) delivers: its final processes,
        those whose production no other process of the plan consumes; the
        others count through them, for what they consumed."""
        state = self._new_state()
        for process_id in self._get_final_processes(plan.id):
            self._walk_process(process_id, 1.0, state)
        return state["shares"]

    @api.model
    @server_only
    def get_shipment_shares(self, events, contexts=None):
        """Shares of the resources delivered by ``events`` (transfers out
        of the context, or services delivered by a process)."""
        state = self._new_state()
        for event in events.sudo():
            self._check_shipment(event, contexts)
            if event.action_code == "deliverService":
                info = self._rollup().get_process_info(
                    event.output_of_id, state["rollup"]
                )
                total = info["total_output"] or event.resource_quantity or 1.0
                self._walk_process(
                    event.output_of_id.id,
                    min(1.0, event.resource_quantity / total),
                    state,
                )
            else:
                self._walk_quantity(
                    event.resource_id.id, event.resource_quantity, state
                )
        return state["shares"]

    @api.model
    @server_only
    def get_bucket_fractions(self, bucket, bucket_filter):
        """{event id: fraction} for a bucket filtered by process, plan or
        shipment, as the distribution engine uses them."""
        method = bucket.filter_method
        env = self.env
        if method == "process":
            processes = env["rea.process"].browse(
                bucket_filter.get("process_ids") or []
            )
            shares = self.get_process_shares(processes)
        elif method == "plan":
            plan = env["rea.plan"].browse(bucket_filter.get("plan_id") or [])
            shares = self.get_plan_shares(plan) if plan else {}
        elif method == "shipment":
            events = env["rea.event"].browse(bucket_filter.get("shipment_ids") or [])
            contexts = bucket.get_contexts()
            shares = self.get_shipment_shares(events, contexts)
        else:
            return {}
        return {event_id: share["fraction"] for event_id, share in shares.items()}

    # Walk

    @api.model
    def _rollup(self):
        return self.env["rea.value.rollup"]

    @api.model
    def _new_state(self):
        return {
            "rollup": self._rollup().new_state(),
            "shares": {},
            "stack": set(),
            "funds": {},
        }

    @api.model
    def _add(self, state, event_id, value, fraction):
        entry = state["shares"].setdefault(
            event_id, {"value": value, "share": 0.0, "fraction": 0.0}
        )
        entry["fraction"] += fraction
        entry["share"] += value * fraction

    @api.model
    def _walk_quantity(self, resource_id, quantity, state):
        """``quantity`` of the resource, taken evenly from everything that
        brought it in (as its value per unit is their average)."""
        sources = self._rollup().get_sources(
            self.env["rea.resource"].browse(resource_id), state["rollup"]
        )
        total = sum(row["quantity"] for row in sources["contributions"])
        total += sum(row["quantity"] for row in sources["purchases"])
        total += sum(qty for _process, qty in sources["processes"])
        if total > 0 and quantity > 0:
            self._walk_resource(resource_id, min(1.0, quantity / total), state)

    @api.model
    def _walk_value(self, resource_id, amount, state):
        """Credit ``amount`` (a use or citation value) to what gave the
        resource its value, never more than the resource is worth."""
        node = self._rollup().explain(
            self.env["rea.resource"].browse(resource_id), state["rollup"]
        )
        if node["value"] > 0 and amount > 0:
            self._walk_resource(resource_id, min(1.0, amount / node["value"]), state)

    @api.model
    def _walk_resource(self, resource_id, fraction, state):
        if resource_id in state["stack"]:
            return  # a loop: already credited higher up
        state["stack"].add(resource_id)
        try:
            rollup = self._rollup()
            sources = rollup.get_sources(
                self.env["rea.resource"].browse(resource_id), state["rollup"]
            )
            for row in sources["contributions"]:
                self._add(state, row["id"], row["value"], fraction)
            for row in sources["purchases"]:
                self._walk_purchase(row, fraction, state)
            for process_id, quantity in sources["processes"]:
                info = rollup.get_process_info(
                    self.env["rea.process"].browse(process_id), state["rollup"]
                )
                portion = quantity / info["total_output"] if info["total_output"] else 1
                self._walk_process(process_id, fraction * portion, state)
        finally:
            state["stack"].discard(resource_id)

    @api.model
    def _walk_process(self, process_id, fraction, state):
        """``fraction`` of the process: its contributions (work, production,
        uses and citations contributed as such), the value of the resources
        it used or cited, and the quantities it consumed, recursively."""
        info = self._rollup().get_process_info(
            self.env["rea.process"].browse(process_id), state["rollup"]
        )
        for event_id, quantity in info["outputs"]:
            # A production contribution is worth its quantity.
            self._add(state, event_id, quantity, fraction)
        for group in info["groups"]:
            action = group["action"]
            if action == "consume":
                self._walk_quantity(
                    group["resource_id"], group["quantity"] * fraction, state
                )
            elif group["contribution"]:
                if action == "cite" and group["percent"]:
                    values = [group["value"] / len(group["event_ids"])] * len(
                        group["event_ids"]
                    )
                else:
                    values = group["event_values"]
                for event_id, value in zip(group["event_ids"], values):
                    self._add(state, event_id, value, fraction)
            elif action in ("use", "cite") and group["resource_id"]:
                self._walk_value(group["resource_id"], group["value"] * fraction, state)

    @api.model
    def _walk_purchase(self, row, fraction, state):
        rollup = self._rollup()
        info = rollup.get_exchange_info(
            self.env["rea.exchange"].browse(row["exchange_id"]), state["rollup"]
        )
        part = rollup.get_trigger_fraction(info, row["id"]) * fraction
        for payment in info["payments"]:
            if payment["contribution"]:
                # Paid by a member on the context's behalf.
                self._add(state, payment["id"], payment["value"], part)
            elif payment["resource_id"]:
                self._walk_fund(payment, payment["value"] * part, state)

    @api.model
    def _walk_fund(self, payment, amount, state):
        """A payment from a common account: the members who put money in it
        (up to the payment date) get the credit, in proportion to what they
        put in among all the money that came in."""
        key = (payment["resource_id"], payment["date"])
        if key not in state["funds"]:
            self.env.cr.execute(
                """
                SELECT e.id, e.is_contribution, {value}
                  FROM rea_event e
             LEFT JOIN product_template t ON t.id = e.resource_conforms_to_id
             LEFT JOIN product_uom u ON u.id = e.resource_unit_id
                 WHERE {valid} AND e.has_point_in_time <= %(date)s
                   AND ((e.to_resource_id = %(account)s
                         AND e.action_code IN %(transfers)s)
                     OR (e.resource_id = %(account)s AND e.action_code = 'raise'))
                """.format(value=MONEY_VALUE_SQL, valid=VALID_EVENT_SQL),
                {
                    "account": payment["resource_id"],
                    "date": payment["date"],
                    "transfers": TRANSFER_CODES,
                },
            )
            state["funds"][key] = self.env.cr.fetchall()
        rows = state["funds"][key]
        total = sum(value for _id, _contribution, value in rows)
        if total <= 0:
            return
        for event_id, contribution, value in rows:
            if contribution:
                self._add(state, event_id, value, amount / total)

    @api.model
    def _get_final_processes(self, plan_id):
        self.env.cr.execute(
            """
            SELECT p.id FROM rea_process p
             WHERE p.plan_id = %(plan)s
               AND NOT EXISTS (
                   SELECT 1
                     FROM rea_event o
                     JOIN rea_event i ON i.resource_id = o.resource_id
                                     AND i.action_code = 'consume'
                     JOIN rea_process ip ON ip.id = i.input_of_id
                    WHERE o.output_of_id = p.id AND o.action_code = 'produce'
                      AND ip.plan_id = %(plan)s AND ip.id <> p.id)
          ORDER BY p.id
            """,
            {"plan": plan_id},
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _check_shipment(self, event, contexts):
        delivering = event.action_code in DELIVERY_CODES and (
            event.resource_id or event.action_code == "deliverService"
        )
        if delivering and contexts is not None:
            delivering = event.provider_id in contexts
        if not delivering or event.is_corrected or event.corrects_event_id:
            raise UserError(
                _(
                    "%s is not a shipment: choose transfers or services "
                    "delivered by the project."
                )
                % event.display_name
            )
