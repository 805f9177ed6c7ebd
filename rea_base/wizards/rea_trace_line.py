# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ReaTraceLine(models.TransientModel):
    """One node of a resource's value-flow tree, for back-office display."""

    _name = "rea.trace.line"
    _description = "REA Traceability Line"
    _order = "sequence"

    sequence = fields.Integer()
    level = fields.Integer()
    direction = fields.Selection([("incoming", "Incoming"), ("outgoing", "Outgoing")])
    kind = fields.Selection(
        [("resource", "Resource"), ("event", "Event"), ("process", "Process")]
    )
    name = fields.Char()
    display_name_indented = fields.Char(
        string="Value flow", compute="_compute_display_name_indented"
    )
    parent_id = fields.Many2one("rea.trace.line", ondelete="cascade")
    child_ids = fields.One2many("rea.trace.line", "parent_id", string="Children")
    root_resource_id = fields.Many2one(
        "rea.resource", string="Traced resource", ondelete="cascade"
    )
    resource_id = fields.Many2one("rea.resource", ondelete="cascade")
    event_id = fields.Many2one("rea.event", ondelete="cascade")
    process_id = fields.Many2one("rea.process", ondelete="cascade")
    action = fields.Char()
    quantity = fields.Float()
    unit_id = fields.Many2one("product.uom")
    date = fields.Datetime()

    @api.depends("name", "level")
    def _compute_display_name_indented(self):
        for line in self:
            line.display_name_indented = "\u2003" * line.level + (line.name or "")

    @api.model
    def create_from_flows(self, flows, root_resource, direction):
        """Turn ``rea.resource.get_*_flows()`` output into linked lines."""
        ref_fields = {
            "rea.resource": "resource_id",
            "rea.event": "event_id",
            "rea.process": "process_id",
        }
        lines = self.browse()
        parents = {}
        for sequence, flow in enumerate(flows):
            vals = {
                "sequence": sequence,
                "level": flow["level"],
                "direction": direction,
                "kind": flow["kind"],
                "name": flow["name"],
                "root_resource_id": root_resource.id,
                "parent_id": parents.get(flow["level"] - 1, self.browse()).id,
                "action": flow.get("action"),
                "quantity": flow.get("quantity"),
                "unit_id": flow.get("unit_id"),
                "date": flow.get("date"),
                ref_fields[flow["model"]]: flow["res_id"],
            }
            line = self.create(vals)
            parents[flow["level"]] = line
            lines |= line
        return lines

    @api.multi
    def _get_record(self):
        """The resource, event or process this line stands for."""
        self.ensure_one()
        return {
            "resource": self.resource_id,
            "event": self.event_id,
            "process": self.process_id,
        }.get(self.kind) or (self.event_id or self.process_id or self.resource_id)

    @api.multi
    def action_open_record(self):
        """Button: open the resource, event or process of this line."""
        self.ensure_one()
        self._rea_check_readable()
        record = self._get_record()
        if not record.exists():
            raise UserError(_("The record of this line no longer exists."))
        # The line is the caller's; the record it opens may not be.
        record._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "name": record.display_name,
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
