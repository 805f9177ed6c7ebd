# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..formatting import format_date, format_shares


class ReaShareLineUpdate(models.TransientModel):
    """Correct the effective date of a share line ("Update info").

    The only change the append-only register accepts: the date of the
    register line(s) of the same acquisition follows, the REA events that
    recorded it are corrected to the new date, and the partner's chatter
    keeps the old and new dates. Managers only.
    """

    _name = "rea.share.line.update"
    _description = "Correct the effective date of a share line"

    share_line_id = fields.Many2one(
        "rea.share.line", string="Share line", required=True, ondelete="cascade"
    )
    old_effective_date = fields.Date(
        related="share_line_id.effective_date",
        string="Current effective date",
        readonly=True,
    )
    effective_date = fields.Date(string="Correct effective date", required=True)

    @api.model
    def default_get(self, fields_list):
        result = super().default_get(fields_list)
        context = self.env.context
        if not result.get("share_line_id") and context.get("active_model") == (
            "rea.share.line"
        ):
            result["share_line_id"] = context.get("active_id")
        line = self.env["rea.share.line"].browse(result.get("share_line_id"))
        if "effective_date" in fields_list and line.exists():
            result.setdefault("effective_date", line.effective_date)
        return result

    @api.multi
    def _check(self):
        self.ensure_one()
        if not self.env.user.has_group("rea_membership_shares.group_share_manager"):
            raise AccessError(
                _("Only cooperative managers may correct the effective date of shares.")
            )
        line = self.share_line_id
        if self.effective_date == line.effective_date:
            raise UserError(_("The new effective date is the current one."))
        if self.effective_date > fields.Date.context_today(self):
            raise UserError(_("The effective date cannot be in the future."))

    @api.multi
    def action_update(self):
        self._check()
        line = self.share_line_id.sudo()
        old_date = line.effective_date
        # Superuser: the register refuses every other write.
        registers, events = (
            self.env["rea.share.ledger"]
            .sudo()
            .correct_date(
                line,
                self.effective_date,
                note=_("Effective date of the shares corrected: %(old)s → %(new)s")
                % {
                    "old": format_date(self.env, old_date),
                    "new": format_date(self.env, self.effective_date),
                },
            )
        )
        if registers:
            lines_text = ", ".join(str(n) for n in registers.mapped("register_number"))
        else:
            lines_text = _("none found")
        events_text = ", ".join(events.mapped("name")) or _("none linked")
        line.partner_id.message_post(
            body=_(
                "Effective date of %(quantity)s shares of %(type)s corrected "
                "by %(user)s: %(old)s → %(new)s (register lines: %(lines)s; "
                "REA events recorded again at the new date: %(events)s)."
            )
            % {
                "quantity": format_shares(self.env, line.quantity),
                "type": line.share_product_id.display_name,
                "user": self.env.user.name,
                "old": format_date(self.env, old_date),
                "new": format_date(self.env, self.effective_date),
                "lines": lines_text,
                "events": events_text,
            },
            author_id=self.env.user.partner_id.id,
        )
        return {"type": "ir.actions.act_window_close"}
