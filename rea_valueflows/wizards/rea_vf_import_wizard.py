# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ReaVfImportWizard(models.TransientModel):
    """Back-office import: upload a ValueFlows JSON-LD file, read the report."""

    _name = "rea.vf.import.wizard"
    _description = "ValueFlows import"

    data = fields.Binary(string="File", attachment=False)
    filename = fields.Char()
    atomic = fields.Boolean(
        string="All or nothing",
        default=True,
        help="Import nothing when a node is refused. Unset: import what can "
        "be, refuse the rest.",
    )
    dry_run = fields.Boolean(
        string="Dry run", help="Check the file and show the report; write nothing."
    )
    state = fields.Selection(
        [("upload", "Upload"), ("done", "Done")], default="upload", required=True
    )
    report = fields.Text(readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    matched_count = fields.Integer(string="Matched", readonly=True)
    refused_count = fields.Integer(string="Refused", readonly=True)
    skipped_count = fields.Integer(string="Skipped", readonly=True)
    rolled_back = fields.Boolean(string="Nothing imported", readonly=True)

    @api.multi
    def action_import(self):
        self.ensure_one()
        if not self.data:
            raise UserError(_("Choose a ValueFlows JSON-LD file to import."))
        try:
            content = base64.b64decode(self.data)
        except (binascii.Error, ValueError):
            raise UserError(_("The uploaded file could not be read."))
        importer = self.env["rea.vf.importer"]
        report = importer.import_document(
            content, atomic=self.atomic, dry_run=self.dry_run
        )
        summary = report["summary"]
        self.write(
            {
                "state": "done",
                "report": importer.format_report(report),
                "created_count": summary["created"],
                "matched_count": summary["matched"],
                "refused_count": summary["refused"],
                "skipped_count": summary["skipped"],
                "rolled_back": report["rolled_back"],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("ValueFlows import"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
