# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ValueCase


class TestDistributionQueries(ValueCase):
    """Previewing and confirming a distribution take a number of queries
    that does not depend on the number of contribution events."""

    def _add_work(self, count):
        """``count`` work contributions of the three members (inserted in
        SQL: only the distribution is measured)."""
        self.env.cr.execute(
            """
            INSERT INTO rea_event (name, action_id, action_code, provider_id,
                   receiver_id, resource_conforms_to_id, effort_quantity,
                   effort_unit_id, input_of_id, context_id, has_point_in_time,
                   is_contribution, is_corrected, create_date, write_date)
            SELECT 'Work', %(action)s, 'work', (%(members)s::int[])[1 + n %% 3],
                   %(context)s, %(skill)s, 1 + n %% 4, %(hour)s, %(process)s,
                   %(context)s, '2026-03-01', true, false, now(), now()
              FROM generate_series(1, %(count)s) n
            """,
            {
                "action": self.work_action.id,
                "members": [self.alice.id, self.bob.id, self.carol.id],
                "context": self.workshop.id,
                "skill": self.carpentry.id,
                "hour": self.uom_hour.id,
                "process": self.make.id,
                "count": count,
            },
        )
        self.env["rea.event"].invalidate_cache()

    def _count(self, func):
        before = self.env.cr.sql_log_count
        result = func()
        return result, self.env.cr.sql_log_count - before

    def _measure(self, count):
        """Queries of the preview and of the confirmation once the context
        has ``count`` contributions."""
        self.env.cr.execute(
            "SELECT count(*) FROM rea_event WHERE context_id = %s AND is_contribution",
            (self.workshop.id,),
        )
        self._add_work(count - self.env.cr.fetchone()[0])
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 80, "rules": [self.work_rule()]},
            ]
        )
        _lines, preview = self._count(
            lambda: self.Engine.get_group_lines(self.Engine.compute(equation, 100000.0))
        )
        distribution, confirm = self._count(lambda: self.distribute(equation, 100000.0))
        self.assertEqual(len(distribution.line_ids), 4)
        claims = self.env["rea.claim"].search([("equation_id", "=", equation.id)])
        self.assertEqual(len(claims), count)
        self.assertEqual(len(distribution.claim_payment_ids), count)
        return preview, confirm

    def test_queries_do_not_grow_with_events(self):
        # Warm up the caches (ORM, xml ids) and create the money accounts.
        self._measure(5)
        small = self._measure(50)
        large = self._measure(500)
        # Ten times the events, no more queries (one fewer may come from a
        # cache the first measure filled).
        self.assertLessEqual(large[0], small[0])
        self.assertLessEqual(large[1], small[1])

    def test_claim_pages_leave_room_for_updates(self):
        """Claims are rewritten by each distribution: their table keeps half
        of each page free, so that the updates stay on the page (HOT)."""
        self.env.cr.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'rea_claim'"
        )
        self.assertIn("fillfactor=50", self.env.cr.fetchone()[0])

    def _updated_rows(self):
        """{table: rows updated so far in this transaction}."""
        self.env.cr.execute(
            "SELECT relname, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname "
            "IN ('rea_event', 'rea_distribution_line', 'rea_distribution_detail')"
        )
        return dict(self.env.cr.fetchall())

    def test_new_rows_written_once(self):
        """The distribution events, lines and details are inserted complete
        (event, names, snapshots, what each detail paid on each claim): a
        second write of rows inserted in the same transaction costs as much
        as inserting them."""
        self._add_work(30)
        equation = self.equation(
            [
                {"name": "Fund", "percentage": 10, "agent": self.fund},
                {"name": "Work", "percentage": 80, "rules": [self.work_rule()]},
            ]
        )
        # Open the money accounts first: their quantities are written by the
        # events' effects, which is what an account is for.
        self.distribute(equation, 100.0)
        before = self._updated_rows()
        distribution = self.distribute(equation, 1000.0)
        self.assertEqual(self._updated_rows(), before)
        lines = distribution.line_ids
        self.assertEqual(len(lines), 4)
        self.assertTrue(all(line.event_id.name for line in lines))
        self.assertEqual(
            sorted(lines.mapped("event_id.resource_quantity")),
            sorted(lines.mapped("amount")),
        )
        self.assertTrue(
            all(event.effect_snapshot for event in lines.mapped("event_id"))
        )
        self.assertEqual(len(distribution.detail_ids.filtered("rule_id")), 3)
        payments = distribution.claim_payment_ids
        self.assertEqual(len(payments.mapped("claim_id")), 30)
        self.assertEqual(
            payments.mapped("detail_id"), distribution.detail_ids.filtered("rule_id")
        )
        self.assertAlmostEqual(sum(payments.mapped("amount")), 800.0, delta=0.01)
