# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError

from .common import ReaCase


class TestReaResourceBatch(ReaCase):
    """``rea.resource.create_batch`` opens resources as ``create`` does, in
    a number of queries that does not grow with the resources when no
    chatter is kept for them (``tracking_disable``, set by ReaCase)."""

    def _vals(self, agent, resource_type, **vals):
        vals.update(
            {"conforms_to_id": resource_type.id, "primary_accountable_id": agent.id}
        )
        return vals

    def _compared(self, resource):
        return (
            resource.name,
            resource.conforms_to_id,
            resource.unit_id,
            resource.behavior,
            resource.primary_accountable_id,
            resource.active,
            resource.accounting_quantity,
            resource.onhand_quantity,
            len(resource.message_follower_ids),
            len(resource.message_ids),
        )

    def test_same_as_one_by_one(self):
        vals_list = [
            self._vals(self.alice, self.credit),
            self._vals(self.bob, self.apples, tracking_identifier="LOT-7"),
            self._vals(self.supplier, self.plywood, name="Supplier's plywood"),
        ]
        model = self.Resource
        one_by_one = [model.create(dict(vals)) for vals in vals_list]
        batch = model.create_batch(vals_list)
        self.assertEqual(len(batch), 3)
        self.assertEqual(
            [self._compared(r) for r in batch],
            [self._compared(r) for r in one_by_one],
        )
        self.assertEqual(batch[1].name, "Apples LOT-7")
        self.assertEqual(batch[1].unit_id, self.uom_kg)
        self.assertEqual(batch[1].behavior, "consumable")
        self.assertEqual(batch[2].name, "Supplier's plywood")
        self.assertEqual(batch.mapped("create_uid"), self.env.user)
        self.assertFalse(model.create_batch([]))

    def test_queries_do_not_grow_with_resources(self):
        model = self.Resource
        counts = []
        agents = self.alice | self.bob | self.supplier | self.workshop
        # The first batch warms the caches (types, units): not counted.
        for size in (2, 4, 16):
            vals_list = [
                self._vals(agents[n % len(agents)], self.credit) for n in range(size)
            ]
            self.Resource.invalidate_cache()
            before = self.env.cr.sql_log_count
            resources = model.create_batch(vals_list)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(resources), size)
        self.assertEqual(counts[1], counts[2])

    def test_chatter_kept_means_one_by_one(self):
        # Without tracking_disable each resource is created as usual: its
        # creator follows it and its chatter says it was created.
        model = self.Resource.with_context(tracking_disable=False)
        resources = model.create_batch(
            [self._vals(self.alice, self.credit), self._vals(self.bob, self.credit)]
        )
        for resource in resources:
            self.assertIn(
                self.env.user.partner_id,
                resource.message_follower_ids.mapped("partner_id"),
            )
            self.assertTrue(resource.message_ids)

    def test_refused_vals_leave_nothing(self):
        model = self.Resource
        count = self.Resource.search_count([])
        with self.assertRaisesRegex(UserError, "only through economic events"):
            model.create_batch(
                [
                    self._vals(self.alice, self.credit),
                    self._vals(self.bob, self.credit, accounting_quantity=5),
                ]
            )
        self.assertEqual(self.Resource.search_count([]), count)

    def test_access_rights(self):
        employee = self.env["res.users"].create(
            {
                "name": "Resource batch employee",
                "login": "rea_resource_batch_employee",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        model = self.Resource
        with self.assertRaises(AccessError):
            model.sudo(employee).create_batch([self._vals(self.alice, self.credit)])
        rea_user = self.env["res.users"].create(
            {
                "name": "Resource batch REA user",
                "login": "rea_resource_batch_user",
                # Alice's own user: REA users record what is theirs (or
                # their contexts').
                "partner_id": self.alice.id,
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
        resources = model.sudo(rea_user).create_batch(
            [self._vals(self.alice, self.credit)]
        )
        self.assertEqual(resources.create_uid, rea_user)

    def test_related_values_inserted_with_rows(self):
        """The behaviour follows the resource type: known before the insert,
        it is inserted with the rows, not written again."""
        self.env.cr.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'rea_resource'"
        )
        before = self.env.cr.fetchone()[0]
        batch = self.Resource.create_batch(
            [
                self._vals(self.alice, self.credit),
                self._vals(self.bob, self.apples),
                self._vals(self.supplier, self.desk),
            ]
        )
        self.env.cr.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'rea_resource'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], before)
        self.assertEqual(
            batch.mapped("behavior"),
            [
                self.credit.rea_behavior,
                self.apples.rea_behavior,
                self.desk.rea_behavior,
            ],
        )
        self.assertEqual(batch[1].behavior, "consumable")
