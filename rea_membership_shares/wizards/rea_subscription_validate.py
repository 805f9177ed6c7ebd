# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ReaSubscriptionValidate(models.TransientModel):
    """Validate the selected draft and waiting-list requests at once."""

    _name = "rea.subscription.validate"
    _description = "Validate subscription requests"

    request_ids = fields.Many2many(
        "rea.subscription.request",
        string="Requests",
        default=lambda self: self._default_request_ids(),
    )

    @api.model
    def _default_request_ids(self):
        if self.env.context.get("active_model") != "rea.subscription.request":
            return []
        return [(6, 0, self.env.context.get("active_ids") or [])]

    @api.multi
    def action_validate(self):
        self.ensure_one()
        requests = self.request_ids.filtered(lambda r: r.state in ("draft", "waiting"))
        if not requests:
            raise UserError(_("Select draft or waiting-list requests to validate."))
        requests.action_validate()
        return {"type": "ir.actions.act_window_close"}
