# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class ReaVfExportWizard(models.TransientModel):
    """Back-office export: choose a context and dates, download the file."""

    _name = "rea.vf.export.wizard"
    _description = "ValueFlows export"

    context_id = fields.Many2one(
        "res.partner",
        string="Context agent",
        domain=[("is_context", "=", True)],
        help="Project, organisation or network whose economic life (and its "
        "parts') is exported. Empty: everything you may read.",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    state = fields.Selection(
        [("choose", "Choose"), ("done", "Done")], default="choose", required=True
    )
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            partner = self.env["res.partner"].browse(self.env.context.get("active_id"))
            if partner.is_context:
                values["context_id"] = partner.id
        return values

    @api.multi
    def _check_can_export(self):
        """Raise AccessError unless the caller may export the chosen
        context: REA managers any, REA users the contexts they work for
        (``rea_get_context_ids``); without a context, REA users export what
        their record rules show them. Members and visitors use their own
        pages: the file holds a context's whole economic life."""
        self.ensure_one()
        user = self.env.user
        if user._is_superuser() or user.has_group("rea_base.group_rea_manager"):
            return True
        if not user.has_group("rea_base.group_rea_user"):
            raise AccessError(_("Only REA users can export ValueFlows files."))
        context = self.context_id
        if context and context.id not in user.rea_get_context_ids():
            raise AccessError(
                _("Only REA managers and those working for %s can export it.")
                % context.sudo().display_name
            )
        return True

    @api.multi
    def action_export(self):
        self.ensure_one()
        self._check_can_export()
        text = self.env["rea.vf.exporter"].export_json(
            context_agent=self.context_id.id or None,
            date_from=self.date_from,
            date_to=self.date_to,
        )
        name = self.context_id.name or "all"
        self.write(
            {
                "state": "done",
                "data": base64.b64encode(text.encode("utf-8")),
                "filename": "valueflows-%s.jsonld"
                % "".join(c if c.isalnum() else "-" for c in name).lower(),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("ValueFlows export"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
