# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class AccountChartTemplate(models.Model):
    _inherit = "account.chart.template"

    @api.model
    def generate_journals(self, acc_template_ref, company, journals_dict=None):
        """A company getting a chart also gets its share capital accounts and
        its capital release journal."""
        result = super().generate_journals(
            acc_template_ref, company, journals_dict=journals_dict
        )
        company._create_share_accounting()
        return result
