# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ReaCase


class TestReaEventBatch(ReaCase):
    """``create_batch`` records events like ``create`` one by one, in a
    number of queries that does not grow with the events."""

    def _transfer_vals(self, source, target, quantity, **vals):
        vals.update(
            {
                "action_id": self.action("transfer").id,
                "provider_id": source.primary_accountable_id.id,
                "receiver_id": target.primary_accountable_id.id,
                "resource_id": source.id,
                "to_resource_id": target.id,
                "resource_quantity": quantity,
                "has_point_in_time": "2026-03-01 10:00:00",
            }
        )
        return vals

    def _compared(self, event):
        return (
            event.name,
            event.action_code,
            event.resource_conforms_to_id,
            event.resource_unit_id,
            event.resource_quantity,
            event.has_point_in_time,
            event.effect_snapshot,
            event.is_contribution,
            event.created_resource_id,
        )

    def test_same_as_one_by_one(self):
        results = []
        for batch in (False, True):
            source = self._resource(self.plywood, 10, agent=self.alice)
            targets = [
                self._resource(self.plywood, 1, agent=agent)
                for agent in (self.bob, self.supplier, self.bob)
            ]
            vals_list = [
                self._transfer_vals(source, target, n + 1, to_location_id=self.depot.id)
                for n, target in enumerate(targets)
            ]
            if batch:
                events = self.Event.create_batch(vals_list)
            else:
                events = self.Event.browse(
                    [self.Event.create(vals).id for vals in vals_list]
                )
            self.assertEqual(len(events), 3)
            self.assertEqual([e.to_resource_id for e in events], targets)
            self.assertQuantities(source, 4, 4)
            self.assertEqual(
                [(t.accounting_quantity, t.current_location_id) for t in targets],
                [(2.0, self.depot), (3.0, self.depot), (4.0, self.depot)],
            )
            results.append([self._compared(event) for event in events])
        self.assertEqual(results[0], results[1])
        self.assertTrue(results[1][0][0], "the stored name is computed")
        self.assertIn("before", results[1][0][6], "the effects are recorded")

    def test_mixed_actions_same_as_one_by_one(self):
        """Names (effort, resource, resource type), quantities and snapshots
        of several actions come out of a batch as out of single creates."""
        process = self._process("Batch desks", self.spec_make)
        results = []
        for batch in (False, True):
            stock = self._resource(self.plywood, 10, agent=self.workshop)
            other = self._resource(self.plywood, 0, agent=self.alice)
            vals_list = [
                {
                    "action_id": self.action("raise").id,
                    "resource_id": stock.id,
                    "resource_quantity": 2.5,
                },
                {
                    "action_id": self.action("work").id,
                    "input_of_id": process.id,
                    "resource_conforms_to_id": self.carpentry.id,
                    "effort_quantity": 3,
                },
                {
                    "action_id": self.action("consume").id,
                    "input_of_id": process.id,
                    "resource_id": stock.id,
                    "resource_quantity": 1,
                },
                {
                    "action_id": self.action("transfer").id,
                    "resource_id": stock.id,
                    "to_resource_id": other.id,
                    "resource_quantity": 4,
                    "to_location_id": self.depot.id,
                    "receiver_id": self.alice.id,
                },
                {
                    "action_id": self.action("cite").id,
                    "input_of_id": process.id,
                    "resource_conforms_to_id": self.design.id,
                    "resource_quantity": 1,
                },
            ]
            for vals in vals_list:
                vals.setdefault("provider_id", self.workshop.id)
                vals.setdefault("receiver_id", self.workshop.id)
                vals["has_point_in_time"] = "2026-03-02 10:00:00"
            if batch:
                events = self.Event.create_batch(vals_list)
            else:
                events = self.Event.browse(
                    [self.Event.create(vals).id for vals in vals_list]
                )
            self.assertQuantities(stock, 7.5, 7.5)
            self.assertQuantities(other, 4, 4)
            self.assertEqual(other.current_location_id, self.depot)
            results.append(
                [
                    self._compared(event)[:-1] + (event.effort_unit_id,)
                    for event in events
                ]
            )
        self.assertEqual(results[0], results[1])
        # The work is named by its effort and resource type.
        self.assertIn("3", results[1][1][0])
        self.assertIn("Carpentry", results[1][1][0])

    def test_queries_do_not_grow_with_events(self):
        source = self._resource(self.credit, 0, agent=self.workshop)
        counts = []
        # The first batch warms the caches (unit, action...): not counted.
        for size in (2, 3, 12):
            targets = [
                self._resource(self.credit, 0, agent=self.alice) for _n in range(size)
            ]
            vals_list = [self._transfer_vals(source, t, 1.5) for t in targets]
            self.Event.invalidate_cache()
            before = self.env.cr.sql_log_count
            self.Event.create_batch(vals_list)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(targets[-1].accounting_quantity, 1.5)
        self.assertEqual(counts[1], counts[2])
        self.assertAlmostEqual(source.accounting_quantity, -25.5)

    def test_refused_event_leaves_nothing(self):
        source = self._resource(self.plywood, 5, agent=self.alice)
        target = self._resource(self.plywood, 0, agent=self.bob)
        count = self.Event.search_count([])
        # The second event takes the source below zero, as it would one by
        # one even though the batch as a whole balances nothing back.
        vals_list = [
            self._transfer_vals(source, target, 3),
            self._transfer_vals(source, target, 3),
        ]
        with self.assertRaisesRegex(UserError, "Not enough"):
            self.Event.create_batch(vals_list)
        self.assertEqual(self.Event.search_count([]), count)
        self.assertQuantities(source, 5, 5)
        self.assertQuantities(target, 0, 0)
        # A check of one event refuses the whole batch too.
        vals_list = [
            self._transfer_vals(source, target, 1),
            self._transfer_vals(source, target, 0),
        ]
        with self.assertRaisesRegex(ValidationError, "needs a resource quantity"):
            self.Event.create_batch(vals_list)
        self.assertEqual(self.Event.search_count([]), count)
        self.assertQuantities(source, 5, 5)
        with self.assertRaisesRegex(ValidationError, "needs"):
            self.Event.create_batch([{"action_id": self.action("transfer").id}])

    def test_events_creating_resources_fall_back(self):
        source = self._resource(self.plywood, 10, agent=self.alice)
        vals = self._transfer_vals(source, source, 4)
        del vals["to_resource_id"]
        vals["receiver_id"] = self.bob.id
        events = self.Event.create_batch([vals, dict(vals, resource_quantity=1)])
        self.assertEqual(len(events), 2)
        self.assertTrue(all(events.mapped("created_resource_id")))
        self.assertEqual(
            events.mapped("to_resource_id.primary_accountable_id"), self.bob
        )
        self.assertQuantities(source, 5, 5)
        self.assertFalse(self.Event.create_batch([]))

    def test_access_rights(self):
        employee = self.env["res.users"].create(
            {
                "name": "Batch employee",
                "login": "rea_batch_employee",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        source = self._resource(self.credit, 0, agent=self.alice)
        target = self._resource(self.credit, 0, agent=self.bob)
        with self.assertRaises(AccessError):
            self.Event.sudo(employee).create_batch(
                [self._transfer_vals(source, target, 1)]
            )
        rea_user = self.env["res.users"].create(
            {
                "name": "Batch REA user",
                "login": "rea_batch_user",
                # Alice's own user: REA users record what is theirs (or
                # their contexts').
                "partner_id": self.alice.id,
                "groups_id": [(6, 0, [self.env.ref("rea_base.group_rea_user").id])],
            }
        )
        events = self.Event.sudo(rea_user).create_batch(
            [self._transfer_vals(source, target, 2)]
        )
        self.assertEqual(events.create_uid, rea_user)
        self.assertEqual(target.accounting_quantity, 2.0)

    def _updated_rows(self, table):
        """Rows of ``table`` updated so far in this transaction."""
        self.env.cr.execute(
            "SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = %s",
            (table,),
        )
        return self.env.cr.fetchone()[0]

    def test_rows_inserted_complete(self):
        """Names, snapshots and the other stored values are inserted with the
        rows: a second write of rows inserted in the same transaction would
        cost as much as inserting them."""
        source = self._resource(self.plywood, 10, agent=self.alice)
        targets = [
            self._resource(self.plywood, 0, agent=agent)
            for agent in (self.bob, self.supplier, self.bob)
        ]
        before = self._updated_rows("rea_event")
        events = self.Event.create_batch(
            [
                self._transfer_vals(source, target, 2, to_location_id=self.depot.id)
                for target in targets
            ]
        )
        self.assertEqual(self._updated_rows("rea_event"), before)
        for event in events:
            self.assertTrue(event.name)
            self.assertEqual(
                event._get_snapshot()["to_resource_id"]["after"],
                {
                    "current_location_id": self.depot.id,
                    "primary_accountable_id": event.receiver_id.id,
                },
            )
        self.assertEqual([t.current_location_id for t in targets], [self.depot] * 3)
        self.assertQuantities(source, 4, 4)

    def test_facts_from_values_as_read(self):
        """The facts the checks and effects see before the insert are the
        columns as read back after it."""
        source = self._resource(self.plywood, 10, agent=self.alice)
        process = self._process("Facts", self.spec_make)
        vals_list = [
            self._transfer_vals(
                source,
                self._resource(self.plywood, 0, agent=self.bob),
                1.23456789,
                has_beginning="2026-03-01 09:00:00",
                has_end="2026-03-01 11:30:00",
                resource_state="sold",
            ),
            {
                "action_id": self.action("work").id,
                "provider_id": self.alice.id,
                "receiver_id": self.workshop.id,
                "input_of_id": process.id,
                "resource_conforms_to_id": self.carpentry.id,
                "effort_quantity": 2.5,
            },
            self._transfer_vals(
                source, self._resource(self.plywood, 0, agent=self.supplier), 3
            ),
        ]
        Event = self.Event
        prepared = Event._add_missing_default_values_batch(
            [
                Event._prepare_create_vals(Event._add_context_defaults(v))
                for v in vals_list
            ]
        )
        events = Event.create_batch(vals_list)
        fnames = Event._get_fact_fields()
        read = events._read_event_rows()
        known = events._facts_from_vals(prepared)
        self.assertEqual(
            {i: {f: known[i][f] for f in fnames} for i in events.ids},
            {i: {f: read[i][f] for f in fnames} for i in events.ids},
        )
        self.assertEqual(known[events[0].id].has_end, "2026-03-01 11:30:00")
        self.assertEqual(known[events[1].id].effort_quantity, 2.5)
        # A value whose stored form is not known is read after the insert.
        self.assertIsNone(
            events[:1]._facts_from_vals([dict(prepared[0], has_end="2026-03-01")])
        )
        event = Event.create_batch(
            [dict(vals_list[2], has_beginning="2026-03-01", resource_quantity=1)]
        )
        self.assertEqual(event.has_beginning, "2026-03-01 00:00:00")
        self.assertTrue(event.name)

    def test_containers_found_among_recorded_events(self):
        """A combine without a to-resource finds its container among the
        recorded events: those batches are checked after the insert, as
        before."""
        packing = self._process("Batch crate", self.spec_pack)
        apples = self._resource(self.apples, 5)
        events = self.Event.create_batch(
            [
                {
                    "action_id": self.action("produce").id,
                    "provider_id": self.workshop.id,
                    "receiver_id": self.workshop.id,
                    "output_of_id": packing.id,
                    "resource_id": self._resource(self.desk).id,
                    "resource_quantity": 1,
                },
                {
                    "action_id": self.action("combine").id,
                    "provider_id": self.workshop.id,
                    "receiver_id": self.workshop.id,
                    "input_of_id": packing.id,
                    "resource_id": apples.id,
                    "resource_quantity": 5,
                },
            ]
        )
        self.assertEqual(apples.contained_in_id, events[0].resource_id)
        self.assertQuantities(apples, 5, 0)
        self.assertIn("contained_in_id", events[1].effect_snapshot)
