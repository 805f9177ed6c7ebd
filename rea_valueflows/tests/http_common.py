# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.addons.rea_base.tests.http_common import ReaHttpCase


class VfHttpCase(ReaHttpCase):
    """The shared HTTP case, with the float precisions read up front."""

    def setUp(self):
        super().setUp()
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

    def url(self, path):
        return self.base_url() + path
