# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ReaProjectCoordinatorWizard(models.TransientModel):
    """Add or remove a coordinator of a project from its form: the
    "Coordinator" relationship is made or ended by the project, which
    checks the caller."""

    _name = "rea.project.coordinator.wizard"
    # Created only on records the user may read (no names or figures
    # of other projects through the wizard).
    _inherit = ["rea.wizard.target.mixin"]
    _rea_wizard_targets = ("project_id",)
    _description = "Add or remove a project coordinator"

    project_id = fields.Many2one("rea.project", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("add", "Add"), ("remove", "Remove")], required=True, default="add"
    )
    user_id = fields.Many2one(
        "res.users",
        help="Pick a user, or the person or organisation below.",
    )
    partner_id = fields.Many2one("res.partner", string="Coordinator")

    @api.onchange("mode", "project_id")
    def _onchange_mode(self):
        """Removing offers the project's coordinators only."""
        if self.mode == "remove":
            ids = self.project_id.sudo().coordinator_ids.ids
            return {"domain": {"partner_id": [("id", "in", ids)]}}
        return {"domain": {"partner_id": [("is_context", "=", False)]}}

    @api.onchange("user_id")
    def _onchange_user_id(self):
        if self.user_id:
            self.partner_id = self.user_id.partner_id

    @api.multi
    def action_apply(self):
        self.ensure_one()
        partner = self.partner_id or self.user_id.partner_id
        if not partner:
            raise UserError(_("Choose the user or the partner first."))
        if self.mode == "add":
            self.project_id.add_coordinator(partner)
        else:
            self.project_id.remove_coordinator(partner)
        return {"type": "ir.actions.act_window_close"}
