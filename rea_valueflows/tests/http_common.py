# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo import SUPERUSER_ID, api


class VfHttpCase(odoo.tests.HttpCase):
    """HttpCase whose ``env`` works on the cursor the HTTP server uses.

    In Odoo 11 the server's test cursor is not the test's own cursor: data
    made in setUp must go through it to be seen by the requests.
    """

    def setUp(self):
        super().setUp()
        self.env = api.Environment(
            self.registry.test_cr, SUPERUSER_ID, {"tracking_disable": True}
        )
        self.warm_float_digits()

    def warm_float_digits(self):
        """Read the precision of float fields now, outside any savepoint.

        On a cold cache, ``Float.digits`` opens a LazyCursor, which in test
        mode is the shared test cursor: closing it 'commits' and 'rolls back'
        to the test savepoint, dropping any savepoint taken after it (the
        one rea.event.create records in, the import's).
        """
        for model in ("rea.event", "rea.resource", "rea.commitment"):
            for field in self.env[model]._fields.values():
                if field.type == "float":
                    self.assertIsNotNone(field.digits)

    def authenticate(self, user, password):
        # Odoo 11 reads the user's context on self.cr: use the server's.
        own_cr, self.cr = self.cr, self.registry.test_cr
        try:
            return super().authenticate(user, password)
        finally:
            self.cr = own_cr

    def url(self, path):
        return "http://%s:%s%s" % (odoo.tests.common.HOST, odoo.tests.common.PORT, path)
