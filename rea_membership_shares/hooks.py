# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api


def post_init_hook(cr, registry):
    """Sequences for every company; accounts and journal for those that
    already have a chart of accounts."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._install_share_setup()
