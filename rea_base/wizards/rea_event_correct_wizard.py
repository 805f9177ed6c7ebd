# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare


def _event_digits(fname):
    """Digits of a quantity field of rea.event, as finally defined.

    Other modules may count events more finely (e.g. digital currencies to 8
    decimals); the wizard follows them instead of rounding their quantities.
    """

    def digits(cr):
        field = api.Environment(cr, SUPERUSER_ID, {})["rea.event"]._fields[fname]
        return field._digits(cr) if callable(field._digits) else field._digits

    return digits


class ReaEventCorrectWizard(models.TransientModel):
    """Correct a mistaken economic event: enter the right quantities.

    The event is reversed by a correcting event, then recorded again with the
    new quantities (see ``rea.event.correct``).
    """

    _name = "rea.event.correct.wizard"
    # Created only on records the user may read (no names or figures
    # of other projects through the wizard).
    _inherit = ["rea.wizard.target.mixin"]
    _rea_wizard_targets = ("event_id",)
    _description = "Correct an Economic Event"

    event_id = fields.Many2one("rea.event", required=True, ondelete="cascade")
    event_quantity = fields.Selection(
        related="event_id.action_id.event_quantity", readonly=True
    )
    recorded_resource_quantity = fields.Float(
        related="event_id.resource_quantity",
        string="Recorded resource quantity",
        readonly=True,
    )
    recorded_effort_quantity = fields.Float(
        related="event_id.effort_quantity",
        string="Recorded effort quantity",
        readonly=True,
    )
    resource_unit_id = fields.Many2one(
        related="event_id.resource_unit_id", string="Resource unit", readonly=True
    )
    effort_unit_id = fields.Many2one(
        related="event_id.effort_unit_id", string="Effort unit", readonly=True
    )
    resource_quantity = fields.Float(
        string="Right resource quantity",
        digits=_event_digits("resource_quantity"),
        help="Quantity the event should have had.",
    )
    effort_quantity = fields.Float(
        string="Right effort quantity",
        digits=_event_digits("effort_quantity"),
        help="Effort (e.g. hours) the event should have had.",
    )
    note = fields.Text(
        help="Why the event is corrected; kept on the reversing event.",
    )

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        context = self.env.context
        event_id = vals.get("event_id")
        if not event_id and context.get("active_model") == "rea.event":
            event_id = context.get("active_id")
        if event_id:
            if "event_id" in fields_list:
                vals["event_id"] = event_id
            event = self._readable_event(event_id)
            for fname, value in self._get_event_quantities(event).items():
                if fname in fields_list:
                    vals.setdefault(fname, value)
        return vals

    @api.model
    def create(self, vals):
        event = self._readable_event(vals.get("event_id"))
        if event:
            vals = dict(self._get_event_quantities(event), **vals)
        return super().create(vals)

    @api.model
    def _readable_event(self, event_id):
        """The event if the caller may read it, else an empty recordset.

        Like any wizard this one may be created by every signed-in user;
        it starts from the quantities only of an event the caller reads (the
        correction itself is guarded by ``rea.event._check_can_correct``)."""
        event = self.env["rea.event"].browse(event_id or [])
        if not event.exists():
            return event.browse()
        try:
            event.check_access_rights("read")
            event.check_access_rule("read")
        except AccessError:
            return event.browse()
        return event

    @api.model
    def _get_event_quantities(self, event):
        """The wizard starts from the recorded quantities."""
        return {
            "resource_quantity": event.resource_quantity,
            "effort_quantity": event.effort_quantity,
        }

    @api.multi
    def _get_new_quantities(self):
        """Return ``(resource quantity, effort quantity)`` to re-enter.

        Refuse what the correction could not do, with a clear message.
        """
        self.ensure_one()
        event = self.event_id
        if event.corrects_event_id:
            raise UserError(
                _(
                    "'%s' is a correcting event: it cannot be corrected itself. "
                    "Record a new event instead."
                )
                % event.name
            )
        if event.is_corrected:
            raise UserError(
                _("The event '%s' has already been corrected.") % event.name
            )
        resource_quantity = self.resource_quantity
        effort_quantity = self.effort_quantity
        if event.action_id.event_quantity == "effort":
            # Work carries no resource quantity (the field is hidden).
            resource_quantity = 0.0
        if resource_quantity < 0 or effort_quantity < 0:
            raise UserError(
                _(
                    "The right quantities cannot be negative; leave them at zero "
                    "to only reverse the event."
                )
            )
        if self._is_same(resource_quantity, effort_quantity):
            raise UserError(
                _(
                    "These are the quantities already recorded: there is nothing "
                    "to correct. Use 'Reverse' to cancel the event."
                )
            )
        return resource_quantity, effort_quantity

    @api.multi
    def _is_same(self, resource_quantity, effort_quantity):
        event = self.event_id
        for fname, value in (
            ("resource_quantity", resource_quantity),
            ("effort_quantity", effort_quantity),
        ):
            digits = event._fields[fname].digits
            precision = digits[1] if digits else 6
            if float_compare(value, event[fname], precision_digits=precision):
                return False
        return True

    @api.multi
    def action_correct(self):
        """Button: reverse the event, re-enter it with the right quantities
        and open the new events."""
        self.ensure_one()
        self.event_id._check_can_correct()
        resource_quantity, effort_quantity = self._get_new_quantities()
        events = self.event_id.correct(
            new_quantity=resource_quantity or None,
            new_effort_quantity=effort_quantity or None,
            note=self.note or None,
        )
        return events._get_correction_action()
