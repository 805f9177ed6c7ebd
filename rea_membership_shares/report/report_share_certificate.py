# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools.misc import format_date


class ReportShareCertificate(models.AbstractModel):
    """The certificate speaks the member's language, dates included: QWeb
    formats fields in the language of whoever prints, so the document gets
    a date formatter in the member's."""

    _name = "report.rea_membership_shares.report_share_certificate"

    @api.model
    def get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].browse(docids),
            "member_date": self._format_member_date,
            # Today where the printer is (their time zone), not the server's.
            "today": fields.Date.context_today(self),
        }

    @api.model
    def _format_member_date(self, value, partner):
        """``value`` (a date string) as ``partner``'s language writes it."""
        lang = partner.lang
        if not lang or not self.env["res.lang"]._lang_get(lang):
            lang = False  # not installed (any more): the printer's
        return format_date(self.env, value, lang_code=lang)
