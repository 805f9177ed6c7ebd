#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time the ValueFlows export and import of a context with many events.

Run with the Odoo venv's python against a database where rea_valueflows is
installed (e.g. one kept by ``./suite test rea_valueflows --keep``)::

    .venv/bin/python bench/bench_rea_valueflows.py DBNAME \\
        --events 1000 --events 5000

For each size, a fresh context gets that many events (raises and transfers
between its members' resources), then the script prints the time and SQL
queries of the export, of the import of the file under new @ids (everything
created, through the effects engine), and of a second import (everything
matched). All in one transaction, rolled back at the end.
"""

import argparse
import json
import os
import sys
import time
import uuid

import odoo
from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("--events", type=int, action="append")
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    return parser.parse_args()


def build(env, count):
    """A context, 10 members each with a resource, ``count`` events."""
    partner_model = env["res.partner"]
    context = partner_model.create(
        {"name": "Bench %s" % count, "agent_type": "project", "is_context": True}
    )
    spec = env["product.template"].create(
        {
            "name": "Bench credit",
            "rea_behavior": "account",
            "rea_allow_negative_stock": True,
        }
    )
    members = [partner_model.create({"name": "Member %s" % i}) for i in range(10)]
    resources = [
        env["rea.resource"].create(
            {"conforms_to_id": spec.id, "primary_accountable_id": member.id}
        )
        for member in members
    ]
    actions = {
        code: env["rea.action"].search([("code", "=", code)]).id
        for code in ("raise", "transfer")
    }
    for index in range(count):
        source = index % 10
        target = (index + 3) % 10
        vals = {
            "provider_id": members[source].id,
            "receiver_id": members[target].id,
            "resource_id": resources[source].id,
            "resource_quantity": 1 + index % 7,
            "context_id": context.id,
            "has_point_in_time": "2026-01-01 00:00:00",
        }
        if index % 2:
            vals.update(
                action_id=actions["transfer"], to_resource_id=resources[target].id
            )
        else:
            vals.update(action_id=actions["raise"], receiver_id=members[source].id)
        env["rea.event"].create(vals)
    return context


def renamed(document):
    """The same graph under new @ids (as if it came from elsewhere)."""
    suffix = "-" + uuid.uuid4().hex[:8]
    text = json.dumps(document)
    for node in document["@graph"]:
        uri = node["@id"]
        if uri.startswith("http"):
            text = text.replace('"%s"' % uri, '"%s%s"' % (uri, suffix))
    return json.loads(text)


def timed(env, function):
    queries = env.cr.sql_log_count
    start = time.time()
    result = function()
    return result, time.time() - start, env.cr.sql_log_count - queries


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["--addons-path", args.addons_path])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            for count in args.events or [1000]:
                context = build(env, count)
                exporter = env["rea.vf.exporter"]
                importer = env["rea.vf.importer"]
                document, seconds, queries = timed(
                    env, lambda: exporter.export_document(context_agent=context.id)
                )
                nodes = len(document["@graph"])
                sys.stdout.write(
                    "%6d events: export %6.2f s, %6d queries, %d nodes\n"
                    % (count, seconds, queries, nodes)
                )
                copy = renamed(document)
                report, seconds, queries = timed(
                    env, lambda: importer.import_document(copy)
                )
                sys.stdout.write(
                    "%6d events: import %6.2f s, %6d queries (%s)\n"
                    % (count, seconds, queries, report["message"])
                )
                report, seconds, queries = timed(
                    env, lambda: importer.import_document(copy)
                )
                sys.stdout.write(
                    "%6d events: again  %6.2f s, %6d queries (%s)\n"
                    % (count, seconds, queries, report["message"])
                )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
