#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time one run of the FairCoin watcher with 100 and 1,000 pending payments.

Run with the Odoo venv's python against a database where rea_payment_faircoin
is installed (e.g. one kept by ``./suite test rea_payment_faircoin --keep``)::

    .venv/bin/python bench/bench_rea_payment_faircoin.py rea_kept_12345_6789

N payments wait on one address; the stand-in Electrum server of the tests
(loopback, real protocol) holds N chain transactions paying them, half
confirmed, half in the mempool. One watcher run binds every transaction,
verifies its hash, parses it, and completes the confirmed half through
form_feedback (REA transfer included). Printed: wall time, time per payment,
SQL queries and server calls. Targets: at most 60 queries per payment (no
growth with N) and one server call per chain transaction, so the cost stays
linear. Everything is rolled back at the end.
"""

import argparse
import os
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET_QUERIES = 60


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="database with rea_payment_faircoin")
    parser.add_argument("--sizes", default="100,1000", help="numbers of payments")
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    return parser.parse_args(argv)


def measure(env, standin, size):
    from odoo.addons.rea_payment_faircoin.faircoin.address import (
        address_script,
        encode_address,
        to_sat,
    )
    from odoo.addons.rea_payment_faircoin.tests.txbuilder import (
        build_transaction,
        make_hash160,
    )

    standin.reset()
    address = encode_address(make_hash160("bench %d" % size), "test")
    script = address_script(address)
    acquirer = env["payment.acquirer"].create(
        {
            "name": "FairCoin bench %d" % size,
            "provider": "faircoin",
            "view_template_id": env.ref("rea_payment_faircoin.faircoin_form").id,
            "faircoin_network": "test",
            "faircoin_address": address,
            "faircoin_electrum_host": "127.0.0.1",
            "faircoin_electrum_port": standin.port,
            "faircoin_electrum_tls": False,
            "faircoin_confirmations": 1,
        }
    )
    payer = env["res.partner"].create({"name": "Bench payer %d" % size})
    fair = env.ref("rea_payment_faircoin.currency_fair")
    country = env.ref("base.be").id
    Tx = env["payment.transaction"]
    txs = Tx.browse()
    for index in range(size):
        tx = Tx.create(
            {
                "acquirer_id": acquirer.id,
                "amount": 1.0 + index / 100.0,
                "currency_id": fair.id,
                "partner_id": payer.id,
                "partner_country_id": country,
                "reference": "BENCH-%d-%d" % (size, index),
                "state": "pending",
            }
        )
        raw = build_transaction([(to_sat(tx.faircoin_amount), script)])
        standin.add_transaction(raw, standin.tip if index % 2 else 0)
        txs |= tx
    env.cr.execute("SELECT 1")
    queries_before = env.cr.sql_log_count
    start = time.time()
    txs.faircoin_watch()
    elapsed = time.time() - start
    queries = env.cr.sql_log_count - queries_before
    done = len(txs.filtered(lambda t: t.state == "done"))
    bound = len(txs.filtered("faircoin_txid"))
    return elapsed, queries, done, bound, len(standin.calls)


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
    )
    from odoo.addons.rea_payment_faircoin.tests.electrum_standin import (
        ElectrumStandin,
    )

    registry = odoo.registry(args.database)
    standin = ElectrumStandin().start()
    failures = []
    print(
        "%-9s %10s %12s %9s %7s %7s %8s"
        % ("payments", "total ms", "ms/payment", "queries", "bound", "done", "calls")
    )
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            for size in sorted(int(s) for s in args.sizes.split(",")):
                elapsed, queries, done, bound, calls = measure(env, standin, size)
                per = elapsed * 1000.0 / size
                print(
                    "%-9d %10.0f %12.1f %9d %7d %7d %8d"
                    % (size, elapsed * 1000.0, per, queries, bound, done, calls)
                )
                sys.stdout.flush()
                if queries > TARGET_QUERIES * size:
                    failures.append("%d payments: %d queries" % (size, queries))
                if calls > size + 3:
                    failures.append("%d payments: %d server calls" % (size, calls))
                if bound != size or done != size // 2:
                    failures.append(
                        "%d payments: %d bound, %d done" % (size, bound, done)
                    )
            cr.rollback()
    finally:
        standin.stop()
    if failures:
        print("over target: " + "; ".join(failures))
    return not failures


if __name__ == "__main__":
    with api.Environment.manage():
        sys.exit(0 if run(parse_args()) else 1)
