# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    is_share_template = fields.Boolean(
        string="Share capital e-mail",
        help="Offered in the share settings as the e-mail of a subscription "
        "or share operation.",
    )

    @api.model
    def _flag_share_templates(self):
        """Flag the templates of this module: their records are noupdate, so
        databases installed before the flag existed get it here."""
        templates = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "=", "rea_membership_shares"),
                    ("model", "=", self._name),
                ]
            )
            .mapped("res_id")
        )
        self.sudo().browse(templates).filtered(lambda t: not t.is_share_template).write(
            {"is_share_template": True}
        )
        return True
