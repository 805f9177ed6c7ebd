# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests


class TestReaQuantityWidget(odoo.tests.HttpCase):
    """The web client's quantity widget (QUnit tests of rea_base in the
    browser: digits of each row's unit, full precision when editing)."""

    post_install = True
    at_install = False

    def test_qunit_rea_quantity(self):
        self.phantom_js(
            "/web/tests?module=rea_base&failfast",
            "",
            "",
            login="admin",
            timeout=600,
        )
