# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import importlib.util

from odoo.modules.module import get_module_resource
from odoo.tests.common import TransactionCase


def load_migration(version, name):
    path = get_module_resource("rea_base", "migrations", version, name)
    spec = importlib.util.spec_from_file_location("rea_base_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestReaMoneyMigration(TransactionCase):
    """A database installed while ``product.uom.rea_money`` was rea_exchanges'
    field: upgraded, rea_base owns the field and its view as after a new
    installation (else uninstalling rea_exchanges drops the column)."""

    def xmlid_modules(self, name):
        self.env.cr.execute(
            "SELECT module FROM ir_model_data WHERE name = %s ORDER BY module",
            (name,),
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def test_field_and_view_move_to_rea_base(self):
        field = self.env.ref("rea_base.field_product_uom_rea_money")
        view = self.env.ref("rea_base.product_uom_form_view")
        # As the database was before the move.
        self.env.cr.execute(
            "UPDATE ir_model_data SET module = 'rea_exchanges' "
            "WHERE module = 'rea_base' AND name IN "
            "('field_product_uom_rea_money', 'product_uom_form_view')"
        )
        self.assertEqual(
            self.xmlid_modules("field_product_uom_rea_money"), ["rea_exchanges"]
        )
        migration = load_migration("11.0.1.2.0", "pre-migration.py")
        migration.migrate(self.env.cr, "11.0.1.1.0")
        self.env["ir.model.data"].clear_caches()
        self.assertEqual(
            self.xmlid_modules("field_product_uom_rea_money"), ["rea_base"]
        )
        self.assertEqual(self.env.ref("rea_base.field_product_uom_rea_money"), field)
        self.assertEqual(self.env.ref("rea_base.product_uom_form_view"), view)
        # Run again (or on a new database): nothing changes.
        migration.migrate(self.env.cr, "11.0.1.2.0")
        migration.migrate(self.env.cr, None)
        self.assertEqual(
            self.xmlid_modules("field_product_uom_rea_money"), ["rea_base"]
        )


class TestRecordsMenusMigration(TransactionCase):
    """Upgraded, REA users keep the economic records' menus; coordinators and
    cooperative users get the menus of their role."""

    def test_rea_users_keep_their_menus(self):
        records = self.env.ref("rea_base.group_rea_records")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        clerk = Users.create(
            {
                "name": "Clerk",
                "login": "migration_clerk",
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
        self.assertNotIn(records, clerk.groups_id)
        role = self.env.ref("rea_projects.group_project_coordinator", False)
        coordinator = role and Users.create(
            {
                "name": "Coord",
                "login": "migration_coord",
                "groups_id": [(6, 0, role.ids)],
            }
        )
        load_migration("11.0.1.3.0", "post-migration.py").migrate(
            self.env.cr, "11.0.1.2.0"
        )
        clerk.invalidate_cache()
        self.assertIn(records, clerk.groups_id)
        if coordinator:
            self.assertNotIn(records, coordinator.groups_id)
