# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    rea_context_id = fields.Many2one(
        "res.partner",
        string="REA context",
        domain=[("is_context", "=", True)],
        ondelete="restrict",
        help="Timesheets on this project become work contributions to this "
        "context agent.",
    )
    rea_skill_id = fields.Many2one(
        "product.template",
        string="Default skill",
        domain=[("rea_behavior", "=", "work")],
        ondelete="restrict",
    )
    rea_process_id = fields.Many2one(
        "rea.process",
        string="REA process",
        ondelete="restrict",
        copy=False,
        help="Process the timesheet work events are input of (created on "
        "the first timesheet).",
    )

    @api.multi
    def get_rea_process(self):
        """The process timesheet work is input of, created when missing."""
        self.ensure_one()
        if not self.rea_process_id:
            # Bookkeeping of the context: created past the user's REA rights.
            self.sudo().rea_process_id = (
                self.env["rea.process"]
                .sudo()
                .create(
                    {
                        "name": _("Work on %s") % self.name,
                        "context_id": self.rea_context_id.id,
                    }
                )
            )
        return self.rea_process_id
