# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp

from .decimal_precision import rea_quantity_digits


class ReaCommitment(models.Model):
    """A promised economic event (ValueFlows Commitment), fulfilled by events."""

    _name = "rea.commitment"
    # A commitment out of the caller's contexts is refused as such, before
    # its constraints read it.
    _inherit = ["mail.thread", "rea.access.check.mixin"]
    _description = "REA Commitment"
    _order = "due, id"

    name = fields.Char(compute="_compute_name", store=True)
    action_id = fields.Many2one(
        "rea.action", required=True, ondelete="restrict", index=True
    )
    action_type_id = fields.Many2one(
        "rea.action.type", string="Action type", ondelete="restrict"
    )
    provider_id = fields.Many2one(
        "res.partner",
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
    )
    receiver_id = fields.Many2one(
        "res.partner",
        ondelete="restrict",
        index=True,
        track_visibility="onchange",
    )
    resource_conforms_to_id = fields.Many2one(
        "product.template", string="Resource type", ondelete="restrict"
    )
    resource_id = fields.Many2one("rea.resource", ondelete="restrict")
    resource_quantity = fields.Float(
        string="Resource quantity",
        digits=rea_quantity_digits,
        track_visibility="onchange",
    )
    resource_unit_id = fields.Many2one(
        "product.uom", string="Resource unit", ondelete="restrict"
    )
    effort_quantity = fields.Float(
        string="Effort quantity",
        digits=dp.get_precision("Product Unit of Measure"),
        track_visibility="onchange",
    )
    effort_unit_id = fields.Many2one(
        "product.uom", string="Effort unit", ondelete="restrict"
    )
    input_of_id = fields.Many2one(
        "rea.process", string="Input of", ondelete="cascade", index=True
    )
    output_of_id = fields.Many2one(
        "rea.process", string="Output of", ondelete="cascade", index=True
    )
    has_point_in_time = fields.Datetime(string="Date")
    has_beginning = fields.Datetime(string="Beginning")
    has_end = fields.Datetime(string="End")
    due = fields.Datetime(index=True, track_visibility="onchange")
    created = fields.Datetime(
        string="Created on", default=fields.Datetime.now, readonly=True
    )
    context_id = fields.Many2one(
        "res.partner",
        string="In scope of",
        domain=[("is_context", "=", True)],
        index=True,
    )
    plan_id = fields.Many2one(
        "rea.plan", string="Planned within", ondelete="set null", index=True
    )
    independent_demand_of_id = fields.Many2one(
        "rea.plan", string="Independent demand of", ondelete="set null"
    )
    stage_id = fields.Many2one(
        "rea.process.specification",
        help="Kind of process the resource should come out of.",
    )
    state = fields.Char(
        string="Resource state", help="Resource state the commitment asks for."
    )
    note = fields.Text()
    event_ids = fields.One2many(
        "rea.event", "commitment_id", string="Fulfilled by", readonly=True
    )
    fulfilled_quantity = fields.Float(
        string="Fulfilled quantity",
        compute="_compute_fulfilled_quantity",
        store=True,
        digits=rea_quantity_digits,
    )
    unfulfilled_quantity = fields.Float(
        string="Unfulfilled quantity",
        compute="_compute_fulfilled_quantity",
        store=True,
        digits=rea_quantity_digits,
    )
    finished = fields.Boolean(
        compute="_compute_fulfilled_quantity",
        store=True,
        help="Fully fulfilled.",
    )

    @api.depends(
        "action_id",
        "resource_quantity",
        "effort_quantity",
        "resource_id",
        "resource_conforms_to_id",
    )
    def _compute_name(self):
        for commitment in self:
            quantity = commitment._get_committed_quantity()
            what = commitment.resource_id or commitment.resource_conforms_to_id
            commitment.name = " ".join(
                part
                for part in (
                    commitment.action_id.name,
                    "%g" % quantity if quantity else "",
                    what.display_name or "",
                )
                if part
            )

    @api.depends(
        "resource_quantity",
        "effort_quantity",
        "action_id",
        "event_ids.resource_quantity",
        "event_ids.effort_quantity",
    )
    def _compute_fulfilled_quantity(self):
        # One grouped query for all commitments, whatever their history length.
        data = (
            self.env["rea.event"].read_group(
                [("commitment_id", "in", self.ids)],
                ["commitment_id", "resource_quantity", "effort_quantity"],
                ["commitment_id"],
            )
            if self.ids
            else []
        )
        sums = {d["commitment_id"][0]: d for d in data}
        for commitment in self:
            field = commitment._get_quantity_field()
            committed = commitment[field]
            done = sums.get(commitment.id, {}).get(field) or 0.0
            rounding = (
                commitment.effort_unit_id
                if field == "effort_quantity"
                else commitment.resource_unit_id
            ).rounding or 0.001
            commitment.fulfilled_quantity = done
            commitment.unfulfilled_quantity = max(committed - done, 0.0)
            commitment.finished = bool(
                committed
                and float_compare(done, committed, precision_rounding=rounding) >= 0
            )

    @api.constrains("resource_quantity", "effort_quantity")
    def _check_quantities(self):
        for commitment in self:
            if commitment.resource_quantity < 0 or commitment.effort_quantity < 0:
                raise ValidationError(_("Committed quantities must be positive."))

    @api.onchange("action_type_id")
    def _onchange_action_type_id(self):
        if self.action_type_id:
            self.action_id = self.action_type_id.action_id

    @api.onchange("resource_id")
    def _onchange_resource_id(self):
        if self.resource_id:
            self.resource_conforms_to_id = self.resource_id.conforms_to_id
            self.resource_unit_id = self.resource_id.unit_id

    @api.multi
    def _get_quantity_field(self):
        """The quantity committed and fulfilled, as the action counts it.

        Work is committed in effort, most actions in resource quantity; an
        action counting both (use) follows what the commitment promises: a
        resource quantity if any, else the effort (e.g. 3 hours of a tool).
        """
        self.ensure_one()
        event_quantity = self.action_id.event_quantity
        if event_quantity == "effort" or (
            event_quantity == "both"
            and self.effort_quantity
            and not self.resource_quantity
        ):
            return "effort_quantity"
        return "resource_quantity"

    @api.multi
    def _get_committed_quantity(self):
        self.ensure_one()
        return self[self._get_quantity_field()]

    @api.multi
    def _prepare_event_vals(self, quantity=None):
        """Values of an event fulfilling this commitment (what remains)."""
        self.ensure_one()
        field = self._get_quantity_field()
        vals = {
            "action_id": self.action_id.id,
            "action_type_id": self.action_type_id.id,
            "provider_id": self.provider_id.id,
            "receiver_id": self.receiver_id.id,
            "resource_conforms_to_id": self.resource_conforms_to_id.id,
            "resource_id": self.resource_id.id,
            "resource_unit_id": self.resource_unit_id.id,
            "effort_unit_id": self.effort_unit_id.id,
            "input_of_id": self.input_of_id.id,
            "output_of_id": self.output_of_id.id,
            "context_id": self.context_id.id,
            "commitment_id": self.id,
            field: quantity if quantity is not None else self.unfulfilled_quantity,
        }
        return {k: v for k, v in vals.items() if v}

    @api.multi
    def _rea_granted_references(self, fname, targets):
        granted = super()._rea_granted_references(fname, targets)
        if fname in ("input_of_id", "output_of_id"):
            granted |= self._rea_member_processes(targets)
        return granted

    @api.model
    def _rea_readable_reference_fields(self):
        # A commitment planned into a process or a plan the caller cannot
        # read would change another context's plans.
        return super()._rea_readable_reference_fields() + [
            "input_of_id",
            "output_of_id",
            "plan_id",
            "independent_demand_of_id",
        ]

    @api.multi
    def _check_can_manage(self):
        """Raise AccessError unless the caller may fulfil or change these
        commitments: write access and record rules (their contexts'
        coordinators, REA managers), not the agents merely reading them."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    @api.multi
    def action_record_event(self):
        """Button: open a new event form prefilled to fulfil what remains."""
        self.ensure_one()
        self._check_can_manage()
        context = {
            "default_%s" % fname: value
            for fname, value in self._prepare_event_vals().items()
        }
        return {
            "type": "ir.actions.act_window",
            "name": _("Record an event"),
            "res_model": "rea.event",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }
