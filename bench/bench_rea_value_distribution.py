#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time a value-equation distribution over many contribution events.

Run with the Odoo venv's python against a database where
rea_value_distribution is installed, for example::

    .venv/bin/python bench/bench_rea_value_distribution.py rea_dev_bench

A context with ``--members`` members gets 10,000 then 100,000 work
contribution events (inserted in SQL to build the data fast) and, for each
size, a live value equation: going live opens the claims of the events
recorded so far (a contribution recorded through the ORM opens its own).
That setup is committed, as a live database has it. Then the distribution
is previewed (engine + explanation lines) and confirmed (claims valued and
paid, one event per recipient, accounts opened) and rolled back, printing
the time and the number of SQL queries. The committed setup is deleted at
the end. Target: < 5 s and a query count that does not grow with the number
of events.
"""

import argparse
import os
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET_SECONDS = 5.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    return parser.parse_args(argv)


def setup(env, members):
    context = env["res.partner"].create(
        {"name": "Bench context", "agent_type": "project", "is_context": True}
    )
    skill = env["product.template"].create(
        {
            "name": "Bench skill",
            "type": "service",
            "rea_behavior": "work",
            "rea_value_per_unit": 20.0,
        }
    )
    process = env["rea.process"].create({"name": "Bench", "context_id": context.id})
    partner_ids = [
        env["res.partner"].create({"name": "Bench member %s" % n}).id
        for n in range(members)
    ]
    return context, skill, process, partner_ids


def add_events(env, count, context, skill, process, partner_ids):
    """Insert ``count`` work contributions spread over the members."""
    action = env.ref("rea_base.action_work")
    hour = env.ref("product.product_uom_hour")
    env.cr.execute(
        """
        INSERT INTO rea_event (name, action_id, action_code, provider_id,
               receiver_id, resource_conforms_to_id, effort_quantity,
               effort_unit_id, input_of_id, context_id, has_point_in_time,
               is_contribution, is_corrected, create_date, write_date)
        SELECT 'Work', %(action)s, 'work', (%(partners)s::int[])[1 + n %% %(m)s],
               %(context)s, %(skill)s, 1 + (n %% 8) * 0.5, %(hour)s,
               %(process)s, %(context)s,
               now() - (n %% 365) * interval '1 day', true, false, now(), now()
          FROM generate_series(1, %(count)s) n
        """,
        {
            "action": action.id,
            "partners": partner_ids,
            "m": len(partner_ids),
            "context": context.id,
            "skill": skill.id,
            "hour": hour.id,
            "process": process.id,
            "count": count,
        },
    )
    # A live database has statistics on its events (autovacuum keeps them);
    # rows inserted in this transaction have none until analysed.
    env.cr.execute("ANALYZE rea_event")


def measure(env, label, func):
    cr = env.cr
    before = cr.sql_log_count
    start = time.time()
    result = func()
    elapsed = time.time() - start
    queries = cr.sql_log_count - before
    print("%-28s %8.2f s %8d queries" % (label, elapsed, queries))
    return result, elapsed


def create_equation(env, size, context):
    work = env.ref("rea_base.action_work").id
    rule = {
        "action_id": work,
        "formula": "quantity * valuePerUnit",
        "claim_type": "debt",
    }
    bucket = {"name": "Work", "percentage": 90, "rule_ids": [(0, 0, rule)]}
    return env["rea.value.equation"].create(
        {
            "name": "Bench %s" % size,
            "context_id": context.id,
            "live": True,
            "bucket_ids": [(0, 0, bucket)],
        }
    )


def cleanup(env, context_id, skill_id, process_id, partner_ids):
    """Delete the committed setup (claims and events in SQL, as inserted)."""
    cr = env.cr
    cr.execute("DELETE FROM rea_claim WHERE context_id = %s", (context_id,))
    cr.execute("DELETE FROM rea_event WHERE context_id = %s", (context_id,))
    env["rea.value.equation"].with_context(active_test=False).search(
        [("context_id", "=", context_id)]
    ).unlink()
    env["rea.process"].browse(process_id).unlink()
    env["product.template"].browse(skill_id).unlink()
    env["res.partner"].browse(partner_ids + [context_id]).unlink()
    cr.commit()


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
    )
    registry = odoo.registry(args.database)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    failures = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        context, skill, process, partner_ids = setup(env, args.members)
        cr.commit()
        ids = (context.id, skill.id, process.id, partner_ids)
        try:
            done = 0
            for size in sizes:
                add_events(env, size - done, context, skill, process, partner_ids)
                done = size
                print("%d events, %d members" % (size, len(partner_ids)))
                equation, _open_time = measure(
                    env,
                    "  going live (claims opened)",
                    lambda: create_equation(env, size, context),
                )
                cr.commit()
                failures += measure_distribution(env, equation, size)
                cr.rollback()
        finally:
            cr.rollback()
            env.clear()
            cleanup(env, *ids)
    if failures:
        print("over target: " + "; ".join(failures))
    return not failures


def measure_distribution(env, equation, size):
    engine = env["rea.distribution.engine"]

    def preview():
        result = engine.compute(equation, 100000.0)
        engine.get_group_lines(result)
        return result

    _result, preview_time = measure(env, "  preview", preview)
    _dist, confirm_time = measure(
        env,
        "  confirm (compute + write)",
        lambda: env["rea.distribution"].create_from_result(
            equation, engine.compute(equation, 100000.0), None
        ),
    )
    failures = []
    for label, elapsed in (("preview", preview_time), ("confirm", confirm_time)):
        if elapsed > TARGET_SECONDS:
            failures.append("%s at %d events: %.2f s" % (label, size, elapsed))
    return failures


if __name__ == "__main__":
    with api.Environment.manage():
        sys.exit(0 if run(parse_args()) else 1)
