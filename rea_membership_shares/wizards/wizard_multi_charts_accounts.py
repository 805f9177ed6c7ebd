# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class WizardMultiChartsAccounts(models.TransientModel):
    _inherit = "wizard.multi.charts.accounts"

    @api.multi
    def execute(self):
        """Once a chart is loaded (accounts, journals, bank journals and
        properties), the demo steps that waited for it run."""
        result = super().execute()
        self.env["rea.subscription.request"]._demo_run_deferred()
        return result
