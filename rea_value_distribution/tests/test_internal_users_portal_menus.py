# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo.tests.common import SavepointCase

from odoo.addons.rea_base.tests.http_common import ReaHttpCase
from odoo.addons.rea_exchanges.tests.test_portal_internal_users import (
    create_internal_user,
)

# A timesheet worker: an internal user with REA and project rights only.
WORKER_GROUPS = (
    "base.group_user",
    "rea_base.group_rea_user",
    "hr_timesheet.group_hr_timesheet_user",
)


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestWorkerPortalHttp(ReaHttpCase):
    """Timesheet workers open their contribution pages (with account
    installed, Odoo's invoice count made them answer 403)."""

    def setUp(self):
        super().setUp()
        create_internal_user(self.env, "vd_worker", WORKER_GROUPS)
        self.settle()
        self.authenticate("vd_worker", "vd_worker")

    def test_my_pages_open(self):
        for url in ("/my", "/my/contributions", "/my/distributions"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)


class TestValueDistributionMenus(SavepointCase):
    """Coordinators (REA users without ``group_rea_records``) see the value
    distribution of their projects; recipes are economic records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coordinator = create_internal_user(
            cls.env, "vd_menu_coordinator", ["rea_base.group_rea_user"]
        )

    def test_coordinator_menus(self):
        menus = set(
            self.env["ir.ui.menu"]
            .sudo(self.coordinator)
            .load_menus(False)["all_menu_ids"]
        )
        for xmlid in (
            "rea_menu_value",
            "rea_value_equation_menu",
            "rea_distribution_menu",
            "rea_distribution_line_menu",
            "rea_event_menu_contribution",
        ):
            menu = self.env.ref("rea_value_distribution.%s" % xmlid)
            self.assertIn(menu.id, menus, xmlid)
        recipes = self.env.ref("rea_value_distribution.mrp_bom_menu_recipes")
        self.assertNotIn(recipes.id, menus)
