# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Give the FairCoin acquirers their journal (when the company has a
    chart of accounts; otherwise when one is installed)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["payment.acquirer"]._create_missing_journal_for_acquirers()
