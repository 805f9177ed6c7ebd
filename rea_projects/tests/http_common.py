# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo import SUPERUSER_ID, api


class ReaHttpCase(odoo.tests.HttpCase):
    """HttpCase whose ``env`` works on the cursor the HTTP server uses.

    In Odoo 11 the server's test cursor is not the test's own cursor: data
    made in setUp must go through it to be seen by the requests, and is
    rolled back with it at the end of each test.
    """

    def setUp(self):
        super().setUp()
        self.env = api.Environment(
            self.registry.test_cr, SUPERUSER_ID, {"tracking_disable": True}
        )

    def authenticate(self, user, password):
        # Odoo 11 reads the user's context on self.cr: use the server's.
        own_cr, self.cr = self.cr, self.registry.test_cr
        try:
            return super().authenticate(user, password)
        finally:
            self.cr = own_cr

    def url_open(self, url, data=None, timeout=60):
        # The first page of a run builds the asset bundles: on a busy machine
        # that takes longer than Odoo's 10 s default.
        return super().url_open(url, data=data, timeout=timeout)

    def settle(self):
        """Keep the data made so far across requests (a savepoint move)."""
        self.registry.test_cr.commit()
        self.env["rea.join.request"].invalidate_cache()
