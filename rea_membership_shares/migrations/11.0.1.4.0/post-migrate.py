# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """Exchanges of requests validated before commitments existed get the
    commitments the validation now makes."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    requests = env["rea.subscription.request"]._add_missing_exchange_commitments()
    _logger.info("Commitments added to the exchanges of %d requests", len(requests))
