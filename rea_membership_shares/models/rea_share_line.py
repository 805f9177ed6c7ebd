# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaShareLine(models.Model):
    """Shares a member holds now, one line per acquisition.

    Lines are created and removed only through
    ``res.partner._add_share_lines`` / ``_remove_share_lines``, which also
    keep the register in step. The flow that gives the shares links the
    line to the REA event(s) that recorded them (``rea_event_ids``).
    """

    _name = "rea.share.line"
    _description = "Share holding"
    _order = "effective_date, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        ondelete="restrict",
        index=True,
    )
    project_id = fields.Many2one(
        "rea.project", required=True, ondelete="restrict", index=True
    )
    share_product_id = fields.Many2one(
        "product.product",
        string="Share type",
        required=True,
        ondelete="restrict",
        index=True,
    )
    quantity = fields.Integer(required=True)
    share_unit_price = fields.Monetary(
        string="Unit price", required=True, currency_field="currency_id"
    )
    total_amount = fields.Monetary(
        compute="_compute_total_amount",
        store=True,
        currency_field="currency_id",
    )
    effective_date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    rea_event_ids = fields.Many2many(
        "rea.event",
        "rea_share_line_rea_event_rel",
        "share_line_id",
        "event_id",
        string="REA events",
        readonly=True,
        copy=False,
        help="The events that recorded this acquisition: the shares moving "
        "into the member's share account. A corrected date replaces them by "
        "their re-entry.",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A share line holds shares."),
    ]

    @api.depends("quantity", "share_unit_price")
    def _compute_total_amount(self):
        for line in self:
            line.total_amount = line.quantity * line.share_unit_price

    @api.multi
    def _set_rea_events(self, events):
        """Remember the events that recorded this acquisition, so that a
        correction finds them without guessing by date."""
        self.ensure_one()
        self.sudo().write({"rea_event_ids": [(6, 0, events.ids)]})

    @api.multi
    def _redate_rea_events(self, date, note):
        """Give the REA events of this acquisition the date ``date``.

        Events are facts that cannot be edited: each one is reversed by a
        correcting event (``rea.event.correct``) and recorded again at the
        new date with the same quantities, resources, transfer and
        commitment, so the share accounts end as they were. Returns the
        re-entered events, which the line links from now on.
        """
        self.ensure_one()
        events = self.sudo().rea_event_ids.filtered(
            lambda e: not e.is_corrected and not e.corrects_event_id
        )
        event_model = self.env["rea.event"].sudo()
        new_events = event_model.browse()
        # All or nothing, like ``correct`` itself.
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            for event in events:
                event.correct(note=note)
                new_events |= event_model.create(
                    self._prepare_redated_vals(event, date)
                )
            self._set_rea_events(new_events)
        return new_events

    @api.model
    def _prepare_redated_vals(self, event, date):
        """Values of ``event`` recorded again on ``date``: what a correction
        copies (rea_base's documented list, extended by the modules that add
        fields to events), its quantities and note, its dates moved by the
        same number of days (the time of day stays)."""
        shift = fields.Date.from_string(date) - (
            fields.Datetime.from_string(event.has_point_in_time).date()
        )
        vals = {}
        for fname in event._get_correction_copy_fields():
            value = event[fname]
            vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        for fname in ("has_point_in_time", "has_beginning", "has_end"):
            if event[fname]:
                vals[fname] = fields.Datetime.to_string(
                    fields.Datetime.from_string(event[fname]) + shift
                )
        vals.update(
            {
                "resource_quantity": event.resource_quantity,
                "effort_quantity": event.effort_quantity,
                "money_value": event.money_value,
                "note": event.note,
            }
        )
        return vals
