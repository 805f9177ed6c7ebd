# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ReaProcess(models.Model):
    """An activity that transforms inputs into outputs (ValueFlows Process)."""

    _name = "rea.process"
    _inherit = ["mail.thread"]
    _description = "REA Process"
    _order = "has_beginning desc, id desc"

    name = fields.Char(required=True, track_visibility="onchange")
    note = fields.Text()
    based_on_id = fields.Many2one(
        "rea.process.specification", string="Based on", ondelete="restrict"
    )
    context_id = fields.Many2one(
        "res.partner",
        string="In scope of",
        domain=[("is_context", "=", True)],
        track_visibility="onchange",
    )
    plan_id = fields.Many2one(
        "rea.plan", string="Planned within", ondelete="set null", index=True
    )
    has_beginning = fields.Datetime(string="Beginning")
    has_end = fields.Datetime(string="End")
    finished = fields.Boolean(track_visibility="onchange")
    input_event_ids = fields.One2many("rea.event", "input_of_id", string="Inputs")
    output_event_ids = fields.One2many("rea.event", "output_of_id", string="Outputs")
    input_commitment_ids = fields.One2many(
        "rea.commitment", "input_of_id", string="Planned inputs"
    )
    output_commitment_ids = fields.One2many(
        "rea.commitment", "output_of_id", string="Planned outputs"
    )
    input_event_count = fields.Integer(
        string="Number of inputs", compute="_compute_counts"
    )
    output_event_count = fields.Integer(
        string="Number of outputs", compute="_compute_counts"
    )

    @api.depends("input_event_ids", "output_event_ids")
    def _compute_counts(self):
        for process in self:
            process.input_event_count = len(process.input_event_ids)
            process.output_event_count = len(process.output_event_ids)

    @api.constrains("has_beginning", "has_end")
    def _check_dates(self):
        for process in self:
            if (
                process.has_beginning
                and process.has_end
                and process.has_end < process.has_beginning
            ):
                raise ValidationError(
                    _("The process '%s' ends before it begins.") % process.name
                )

    @api.multi
    def action_finish(self):
        self.write({"finished": True})

    @api.multi
    def action_reopen(self):
        self.write({"finished": False})

    @api.multi
    def _trace_node(self, level):
        self.ensure_one()
        return {
            "level": level,
            "kind": "process",
            "model": self._name,
            "res_id": self.id,
            "name": self.display_name,
        }

    @api.multi
    def _trace(self, lines, level, max_depth, seen, incoming):
        """Append this process and its inputs (incoming) or outputs (outgoing).

        Called by rea.resource traceability; ``seen`` guards against cycles.
        """
        self.ensure_one()
        lines.append(self._trace_node(level))
        key = (self._name, self.id)
        if key in seen or level >= max_depth:
            return
        seen.add(key)
        events = self.input_event_ids if incoming else self.output_event_ids
        for event in events.sorted(lambda e: (e.has_point_in_time, e.id)):
            lines.append(event._trace_node(level + 1))
            if event.resource_id:
                event.resource_id._trace(lines, level + 2, max_depth, seen, incoming)
