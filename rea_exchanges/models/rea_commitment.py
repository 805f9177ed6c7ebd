# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import datetime

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The hour a due day stands for when only the day is known: noon in the
# user's time zone falls on the same day in UTC for every usual zone, so the
# day reads the same wherever it is shown.
DUE_HOUR = 12


class ReaCommitment(models.Model):
    _inherit = "rea.commitment"

    transfer_id = fields.Many2one(
        "rea.transfer",
        string="Exchange transfer",
        ondelete="cascade",
        index=True,
    )
    # Cascade like transfer_id: deleting an exchange deletes its plans in one
    # statement (a 'set null' here would conflict with that cascade).
    exchange_id = fields.Many2one(
        related="transfer_id.exchange_id",
        string="Exchange",
        store=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )

    # The day of ``due`` as people plan it: a date, read and written in the
    # user's time zone. A date widget on the datetime itself would store the
    # picked day at midnight UTC, the day before for a user west of UTC.
    due_date = fields.Date(
        string="Due",
        compute="_compute_due_date",
        inverse="_inverse_due_date",
        help="The day the commitment is due.",
    )

    @api.depends("due")
    def _compute_due_date(self):
        for commitment in self:
            due = commitment.due
            commitment.due_date = due and fields.Date.context_today(
                commitment, fields.Datetime.from_string(due)
            )

    def _inverse_due_date(self):
        for commitment in self:
            commitment.due = self._due_from_day(commitment.due_date)

    @api.model
    def _due_tz(self):
        name = self.env.context.get("tz") or self.env.user.tz
        try:
            return pytz.timezone(name or "UTC")
        except pytz.UnknownTimeZoneError:
            return pytz.utc

    @api.model
    def _due_from_day(self, day):
        """The moment stored for a due ``day`` (a date or 'YYYY-MM-DD'):
        noon of that day in the user's time zone, in UTC."""
        if not day:
            return False
        if isinstance(day, str):
            day = fields.Date.from_string(day)
        moment = datetime.datetime.combine(day, datetime.time(DUE_HOUR))
        moment = self._due_tz().localize(moment).astimezone(pytz.utc)
        return fields.Datetime.to_string(moment.replace(tzinfo=None))

    @api.model
    def _normalize_due(self, vals):
        """A due given as a day only (an invoice's release date, a date
        typed in an import) means that day where the user is, not midnight
        UTC."""
        due = vals.get("due")
        is_day = isinstance(due, str) and len(due) == len("YYYY-MM-DD")
        if is_day or (
            isinstance(due, datetime.date) and not isinstance(due, datetime.datetime)
        ):
            vals = dict(vals, due=self._due_from_day(due))
        return vals

    @api.model
    def _rea_readable_reference_fields(self):
        return super()._rea_readable_reference_fields() + ["transfer_id"]

    @api.multi
    def write(self, vals):
        return super().write(self._normalize_due(vals))

    @api.model
    def create(self, vals):
        vals = self._normalize_due(vals)
        if vals.get("transfer_id"):
            transfer = self.env["rea.transfer"].browse(vals["transfer_id"])
            vals = transfer.prepare_commitment_vals(vals)
        return super().create(vals)

    @api.constrains(
        "transfer_id",
        "action_id",
        "provider_id",
        "receiver_id",
        "resource_conforms_to_id",
    )
    def _check_transfer(self):
        for commitment in self.sudo().filtered("transfer_id"):
            transfer = commitment.transfer_id
            if (
                commitment.action_id != transfer.action_id
                or commitment.provider_id != transfer.provider_id
                or commitment.receiver_id != transfer.receiver_id
                or commitment.resource_conforms_to_id
                != transfer.resource_conforms_to_id
            ):
                raise ValidationError(
                    _(
                        "The commitment does not match the transfer %s: same "
                        "action, provider, receiver and resource type expected."
                    )
                    % transfer.name
                )
