#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time the coordinator's pages of a big project (members and join requests).

Run with the Odoo venv's python against a database where rea_projects is
installed, for example::

    .venv/bin/python bench/bench_rea_projects.py rea_dev_pj_bench

Members, agents and join requests are inserted in bulk with SQL inside one
transaction, which is rolled back at the end. The pages are then loaded
through the same ORM calls the web client makes, as a coordinator (record
rules apply): the join-request list (first page, total and counts per
state) and the project form. Time and SQL queries must not grow with size.
"""

import argparse
import os
import statistics
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STATES = ("new", "confirmed", "pending", "accepted", "declined")
TARGET_MS = 300


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="database with rea_projects installed")
    parser.add_argument(
        "--sizes", default="2000,20000", help="comma-separated project sizes"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    parser.add_argument("--data-dir", help="Odoo data dir (filestore, sessions)")
    return parser.parse_args(argv)


def setup_project(env):
    project = env["rea.project"].create(
        {"name": "Bench project", "join_style": "moderated", "auto_create_user": False}
    )
    coordinator = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench coordinator",
                "login": "bench_coordinator",
                "groups_id": [
                    (6, 0, [env.ref("rea_projects.group_project_coordinator").id])
                ],
            }
        )
    )
    env["rea.agent.relationship"].create(
        {
            "subject_id": coordinator.partner_id.id,
            "object_id": project.partner_id.id,
            "type_id": env.ref("rea_base.relationship_type_manager").id,
        }
    )
    return project, coordinator


def grow(env, project, start, stop):
    """Add members ``start``..``stop`` and one join request each, in bulk."""
    cr = env.cr
    member_type = env.ref("rea_base.relationship_type_member")
    cr.execute(
        """INSERT INTO res_partner (name, display_name, email, active, type,
                                    agent_type, is_company, customer, supplier,
                                    employee, company_id, create_date, write_date)
           SELECT 'Member ' || n, 'Member ' || n, 'member' || n || '@example.org',
                  TRUE, 'contact', 'individual', FALSE, TRUE, FALSE, FALSE,
                  %s, now(), now()
           FROM generate_series(%s, %s - 1) n
           RETURNING id""",
        (env.user.company_id.id, start, stop),
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """INSERT INTO rea_agent_relationship (subject_id, object_id, type_id,
                                               behavior, state, date_start)
           SELECT unnest(%s), %s, %s, 'member',
                  'active', current_date""",
        (partner_ids, project.partner_id.id, member_type.id),
    )
    cr.execute(
        """INSERT INTO rea_join_request (name, email, project_id, request_date,
                                         type_of_user, state, partner_id,
                                         create_date, write_date)
           SELECT p.name, p.email, %s, now() - (p.id %% 365) * interval '1 day',
                  'individual', (%s)[1 + p.id %% 5], p.id, now(), now()
           FROM res_partner p WHERE p.id = ANY(%s)""",
        (project.id, list(STATES), partner_ids),
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE rea_agent_relationship")
    cr.execute("ANALYZE rea_join_request")
    (
        env.invalidate_all()
        if hasattr(env, "invalidate_all")
        else env["res.partner"].invalidate_cache()
    )


def view_fields(env, model, view_type):
    view = env[model].fields_view_get(view_type=view_type)
    return list(view["fields"])


def load_request_list(env, project, fields):
    """What the web client does to show the first page and the counts."""
    model = env["rea.join.request"]
    domain = [("project_id", "=", project.id)]
    records = model.search_read(domain, fields, limit=80)
    total = model.search_count(domain)
    counts = model.read_group(domain, ["state"], ["state"])
    return len(records), total, {c["state"]: c["state_count"] for c in counts}


def load_project_form(env, project, fields):
    return env["rea.project"].browse(project.id).read(fields)


def measure(env, func, repeat):
    cr = env.cr
    func()  # warm caches, as a second page view would
    times, queries = [], []
    for _index in range(repeat):
        env["res.partner"].invalidate_cache()
        count = cr.sql_log_count
        start = time.time()
        result = func()
        times.append((time.time() - start) * 1000)
        queries.append(cr.sql_log_count - count)
    return statistics.median(times), max(queries), result


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
        + (["--data-dir=%s" % args.data_dir] if args.data_dir else [])
    )
    registry = odoo.registry(args.database)
    cr = registry.cursor()
    failed = False
    try:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        project, coordinator = setup_project(env)
        coord_env = api.Environment(cr, coordinator.id, {})
        list_fields = view_fields(coord_env, "rea.join.request", "tree")
        form_fields = view_fields(coord_env, "rea.project", "form")
        sys.stdout.write(
            "%8s  %-32s %10s %8s  %s\n" % ("size", "page", "ms", "queries", "check")
        )
        size = 0
        for target in [int(s) for s in args.sizes.split(",")]:
            grow(env, project, size, target)
            size = target
            pages = (
                (
                    "join requests: page 1 + counts",
                    lambda: load_request_list(coord_env, project, list_fields),
                ),
                (
                    "project form",
                    lambda: load_project_form(coord_env, project, form_fields),
                ),
            )
            for name, func in pages:
                ms, queries, result = measure(coord_env, func, args.repeat)
                ok = ms < TARGET_MS
                failed |= not ok
                sys.stdout.write(
                    "%8d  %-32s %10.1f %8d  %s\n"
                    % (size, name, ms, queries, "ok" if ok else "SLOW")
                )
                if name.startswith("join"):
                    rows, total, counts = result
                    assert rows == 80 and total == size, (rows, total)
                    assert sum(counts.values()) == size, counts
                else:
                    assert result[0]["member_count"] == size, result[0]["member_count"]
    finally:
        cr.rollback()
        cr.close()
    return 1 if failed else 0


def main():
    with api.Environment.manage():
        return run(parse_args())


if __name__ == "__main__":
    sys.exit(main())
