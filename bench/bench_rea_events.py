#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Record many economic events and report throughput and SQL queries per event.

Run with the Odoo venv's python against a database where rea_base is
installed, for example::

    .venv/bin/python bench/bench_rea_events.py rea_dev_bench --events 10000
    .venv/bin/python bench/bench_rea_events.py rea_dev_bench --events 2000 --batch 1000

Everything runs in one transaction rolled back at the end, unless ``--commit``
is given (then every ``--step`` events are committed and kept). The point
is that queries per event stay constant whatever the number of events already
recorded: resource quantities are incremented, never recomputed from history.
"""

import argparse
import os
import random
import sys
import threading
import time

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools import mute_logger

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# Mix of actions recorded in turn: (action code, moves to a second resource).
ACTION_CYCLE = (
    ("transfer", True),
    ("raise", False),
    ("consume", False),
    ("move", True),
    ("lower", False),
    ("transferCustody", True),
    ("produce", False),
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="database with rea_base installed")
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--resources", type=int, default=100)
    parser.add_argument(
        "--step", type=int, default=1000, help="report every STEP events"
    )
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    parser.add_argument("--data-dir", help="Odoo data dir (filestore, sessions)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=0,
        metavar="N",
        help="also record N transfers each way between two resources from two "
        "parallel transactions and check that none is lost (its data is "
        "committed, then deleted)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=0,
        metavar="N",
        help="record the events N at a time with create_batch, then as many "
        "one by one with create, and report time and queries per event of "
        "each (rolled back)",
    )
    parser.add_argument(
        "--commit",
        action="store_true",
        help="commit after every STEP events and keep them (default: one "
        "transaction, rolled back)",
    )
    return parser.parse_args(argv)


def setup_data(env, resource_count):
    """Agents, a resource type, a process and resources with opening stock."""
    partner_model = env["res.partner"]
    workshop = partner_model.create(
        {"name": "Bench workshop", "agent_type": "project", "is_context": True}
    )
    member = partner_model.create({"name": "Bench member", "agent_type": "individual"})
    unit = env.ref("product.product_uom_unit")
    resource_type = env["product.template"].create(
        {
            "name": "Bench plank",
            "type": "consu",
            "rea_behavior": "consumable",
            "uom_id": unit.id,
            "uom_po_id": unit.id,
        }
    )
    process = env["rea.process"].create({"name": "Bench process"})
    actions = {a.code: a for a in env["rea.action"].search([])}
    resources = env["rea.resource"].browse()
    for index in range(resource_count):
        resource = env["rea.resource"].create(
            {
                "name": "Bench plank %03d" % index,
                "conforms_to_id": resource_type.id,
                "primary_accountable_id": workshop.id,
            }
        )
        env["rea.event"].create(
            {
                "action_id": actions["raise"].id,
                "provider_id": workshop.id,
                "receiver_id": workshop.id,
                "resource_id": resource.id,
                "resource_quantity": 1000000,
            }
        )
        resources |= resource
    return workshop, member, process, actions, resources


def event_vals(index, workshop, member, process, actions, resources):
    code, two_sided = ACTION_CYCLE[index % len(ACTION_CYCLE)]
    resource = resources[index % len(resources)]
    vals = {
        "action_id": actions[code].id,
        "provider_id": workshop.id,
        "receiver_id": member.id if code == "transfer" else workshop.id,
        "resource_id": resource.id,
        "resource_quantity": 1.0,
        "context_id": workshop.id,
    }
    if two_sided:
        vals["to_resource_id"] = resources[(index + 1) % len(resources)].id
    if code == "consume":
        vals["input_of_id"] = process.id
    elif code == "produce":
        vals["output_of_id"] = process.id
    return vals


def compare_batch(env, args, setup):
    """Time and queries per event of create_batch (N at a time) and of
    create, for the same events."""
    cr = env.cr
    event_model = env["rea.event"]
    vals_list = [event_vals(index, *setup) for index in range(args.events)]
    sys.stdout.write(
        "%-22s %10s %10s %14s\n" % ("", "seconds", "ms/event", "queries/event")
    )
    for label in ("create_batch(%d)" % args.batch, "create"):
        event_model.invalidate_cache()
        start, queries = time.time(), cr.sql_log_count
        if label == "create":
            for vals in vals_list:
                event_model.create(dict(vals))
        else:
            for index in range(0, len(vals_list), args.batch):
                event_model.create_batch(vals_list[index : index + args.batch])
        elapsed = time.time() - start
        sys.stdout.write(
            "%-22s %10.2f %10.3f %14.2f\n"
            % (
                label,
                elapsed,
                elapsed * 1000.0 / len(vals_list),
                (cr.sql_log_count - queries) / float(len(vals_list)),
            )
        )


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
        + (["--data-dir=%s" % args.data_dir] if args.data_dir else [])
    )
    registry = odoo.registry(args.database)
    cr = registry.cursor()
    try:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        setup = setup_data(env, args.resources)
        event_model = env["rea.event"]
        if args.batch:
            compare_batch(env, args, setup)
            cr.rollback()
            return
        sys.stdout.write(
            "Recording %d events on %d resources (database %s)\n"
            % (args.events, args.resources, args.database)
        )
        sys.stdout.write("%10s %12s %14s\n" % ("events", "events/s", "queries/event"))
        total_start = time.time()
        total_queries = cr.sql_log_count
        chunk_start, chunk_queries = total_start, cr.sql_log_count
        for index in range(args.events):
            event_model.create(event_vals(index, *setup))
            done = index + 1
            if done % args.step == 0 or done == args.events:
                now, queries = time.time(), cr.sql_log_count
                count = done % args.step or args.step
                sys.stdout.write(
                    "%10d %12.1f %14.2f\n"
                    % (
                        done,
                        count / (now - chunk_start),
                        (queries - chunk_queries) / float(count),
                    )
                )
                sys.stdout.flush()
                if args.commit:
                    # Realistic transaction sizes: one long transaction makes
                    # PostgreSQL walk ever longer row-version chains.
                    cr.commit()  # pylint: disable=invalid-commit
                chunk_start, chunk_queries = time.time(), cr.sql_log_count
        elapsed = time.time() - total_start
        sys.stdout.write(
            "Total: %d events in %.1f s, %.1f events/s, %.2f queries/event\n"
            % (
                args.events,
                elapsed,
                args.events / elapsed,
                (cr.sql_log_count - total_queries) / float(args.events),
            )
        )
        resources = setup[4]
        sys.stdout.write(
            "Check: total accounting quantity %.1f on %d resources\n"
            % (sum(resources.mapped("accounting_quantity")), len(resources))
        )
        if args.commit:
            cr.commit()  # pylint: disable=invalid-commit
            sys.stdout.write("Committed.\n")
        else:
            cr.rollback()
            sys.stdout.write("Rolled back.\n")
    finally:
        cr.close()


def record_with_retry(registry, vals, max_tries=50):
    """Record one event in its own transaction, retrying on the concurrency
    errors the Odoo RPC layer also retries. Returns the number of retries."""
    for attempt in range(max_tries):
        cr = registry.cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env["rea.event"].create(vals)
            cr.commit()  # pylint: disable=invalid-commit
            return attempt
        except psycopg2.OperationalError as error:
            cr.rollback()
            if error.pgcode not in PG_CONCURRENCY_ERRORS_TO_RETRY:
                raise
            time.sleep(random.uniform(0.0, 0.02 * (attempt + 1)))
        finally:
            cr.close()
    raise RuntimeError("Event not recorded after %d tries" % max_tries)


def check_concurrency(registry, count):
    """Two transactions transfer between the same two resources at once."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        workshop, member, process, actions, resources = setup_data(env, 2)
        ids = {
            "workshop": workshop.id,
            "member": member.id,
            "process": process.id,
            "type": resources[0].conforms_to_id.id,
            "transfer": actions["transfer"].id,
            "resources": resources.ids,
        }
    retries = []

    def worker(source, target):
        # Each thread needs its own ORM environment stack.
        with api.Environment.manage():
            for _index in range(count):
                vals = {
                    "action_id": ids["transfer"],
                    "provider_id": ids["workshop"],
                    "receiver_id": ids["workshop"],
                    "resource_id": source,
                    "to_resource_id": target,
                    "resource_quantity": 1.0,
                }
                retries.append(record_with_retry(registry, vals))

    first, second = ids["resources"]
    # Opposite directions: the locks must neither lose updates nor deadlock.
    threads = [
        threading.Thread(target=worker, args=(first, second)),
        threading.Thread(target=worker, args=(second, first)),
        threading.Thread(target=worker, args=(first, second)),
    ]
    start = time.time()
    # Odoo logs each query failing on a (retried) serialization error.
    with mute_logger("odoo.sql_db"):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    elapsed = time.time() - start
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        resources = env["rea.resource"].browse(ids["resources"])
        events = env["rea.event"].search(
            [
                "|",
                ("resource_id", "in", resources.ids),
                ("to_resource_id", "in", resources.ids),
            ]
        )
        transfers = events.filtered(lambda e: e.action_code == "transfer")
        # What the recorded transfers add up to, next to what the engine stored.
        expected = tuple(
            sum(
                e.resource_quantity * ((e.to_resource_id == r) - (e.resource_id == r))
                for e in transfers
            )
            for r in resources
        )
        found = tuple(q - 1000000.0 for q in resources.mapped("accounting_quantity"))
        ok = found == expected and len(retries) == 3 * count
        sys.stdout.write(
            "Concurrency: %d of %d transfers recorded from 3 parallel transactions "
            "in %.1f s, %d retries; net quantity changes %s, events add up to %s: "
            "%s\n"
            % (
                len(retries),
                3 * count,
                elapsed,
                sum(retries),
                found,
                expected,
                "OK" if ok else "MISMATCH",
            )
        )
        # Leave the database as it was.
        events.unlink()
        resources.unlink()
        env["rea.process"].browse(ids["process"]).unlink()
        env["product.template"].browse(ids["type"]).unlink()
        env["res.partner"].browse([ids["workshop"], ids["member"]]).unlink()
    return ok


if __name__ == "__main__":
    with api.Environment.manage():
        ARGS = parse_args()
        run(ARGS)
        if ARGS.concurrency and not check_concurrency(
            odoo.registry(ARGS.database), ARGS.concurrency
        ):
            sys.exit(1)
