#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time a member's exchanges page and totals with 1,000 and 10,000 exchanges.

Run with the Odoo venv's python against a database where rea_exchanges is
installed (e.g. one kept by ``./suite test rea_exchanges --keep``)::

    .venv/bin/python bench/bench_rea_exchanges.py rea_kept_12345_6789

One member gets N exchanges with a project (share purchases paid in euros or
in FairCoin: 2 transfers each, three units: shares, EUR, FAIR), a third of
them still waiting for the payment. The rows are inserted with plain SQL
(the ORM would take long for 20,000 transfers and events); what is measured
goes through the real code: ``/my/exchanges`` rendered by Odoo's WSGI
application for the member's session, and ``res.partner.get_exchange_totals``
under the member's record rules. For each size it prints the median time and
the number of SQL queries; the targets are < 300 ms and a query count that
does not grow with N.

Everything happens in one transaction, rolled back at the end unless
``--commit`` is given (then the bench data stays: partners and exchanges
named "Bench ...").
"""

import argparse
import os
import statistics
import sys
import time

from werkzeug.test import Client
from werkzeug.wrappers import BaseResponse

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service import security

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# The page links asset bundles: Odoo 11 compiles them with the lessc that
# ./suite keeps in .tools/bin.
HELPERS = os.path.join(REPO, ".tools", "bin")
if os.path.isdir(HELPERS):
    os.environ["PATH"] = HELPERS + os.pathsep + os.environ.get("PATH", "")
LOGIN = "bench_rx_member"
TARGET_MS = 300.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="database with rea_exchanges installed")
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="comma-separated numbers of exchanges to measure (growing)",
    )
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure")
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    parser.add_argument("--data-dir", help="Odoo data dir (filestore, sessions)")
    parser.add_argument(
        "--commit",
        action="store_true",
        help="keep the bench data (default: roll everything back)",
    )
    return parser.parse_args(argv)


def setup_agents(env):
    """The member (with a portal login), the project and the share type."""
    partner_model = env["res.partner"]
    project = partner_model.create(
        {"name": "Bench project", "agent_type": "project", "is_context": True}
    )
    member = partner_model.create({"name": "Bench member", "agent_type": "individual"})
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "login": LOGIN,
            "password": LOGIN,
            "partner_id": member.id,
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    share = env["product.template"].create(
        {
            "name": "Bench share",
            "type": "service",
            "rea_behavior": "share",
            "rea_allow_negative_stock": True,
        }
    )
    return project, member, share


def slot_ids(env, code):
    exchange_type = env["rea.exchange.type"].search([("code", "=", code)])
    shares, payment = exchange_type.transfer_type_ids.sorted("sequence")
    return exchange_type, shares, payment


def insert_exchanges(env, project, member, share, first, last):
    """Insert exchanges number ``first``..``last`` with plain SQL.

    Exchange g: kind g % 3 is 0 (paid in EUR), 1 (paid in FAIR) or 2 (paid
    in EUR, payment still due); it buys 1 + g % 5 shares at 30 EUR or
    12.5 FAIR (plus g hundred-millionths, to exercise 8 decimals) each.
    """
    cr = env.cr
    fiat, fiat_shares, fiat_pay = slot_ids(env, "share_purchase_fiat")
    fair, fair_shares, fair_pay = slot_ids(env, "share_purchase_faircoin")
    euro = env.ref("rea_exchanges.product_template_euro")
    faircoin = env.ref("rea_exchanges.product_template_faircoin")
    transfer = env.ref("rea_base.action_transfer")
    accounts = {
        (agent.id, rtype.id): agent.get_rea_account(rtype).id
        for agent in (project, member)
        for rtype in (share, euro, faircoin)
    }
    params = {
        "first": first,
        "last": last,
        "project": project.id,
        "member": member.id,
        "uid": SUPERUSER_ID,
        "fiat": fiat.id,
        "fair": fair.id,
        "fiat_shares": fiat_shares.id,
        "fiat_pay": fiat_pay.id,
        "fair_shares": fair_shares.id,
        "fair_pay": fair_pay.id,
        "share": share.id,
        "euro": euro.id,
        "faircoin": faircoin.id,
        "share_uom": share.uom_id.id,
        "eur_uom": euro.uom_id.id,
        "fair_uom": faircoin.uom_id.id,
        "action": transfer.id,
        "p_share": accounts[(project.id, share.id)],
        "m_share": accounts[(member.id, share.id)],
        "p_eur": accounts[(project.id, euro.id)],
        "m_eur": accounts[(member.id, euro.id)],
        "p_fair": accounts[(project.id, faircoin.id)],
        "m_fair": accounts[(member.id, faircoin.id)],
    }
    cr.execute(
        """
        INSERT INTO rea_exchange (name, exchange_type_id, context_id, provider_id,
            receiver_id, start_date, note, transfer_count, cancelled, state,
            is_membership, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench ' || lpad(g::text, 6, '0'),
               CASE WHEN g %% 3 = 1 THEN %(fair)s ELSE %(fiat)s END,
               %(project)s, %(project)s, %(member)s,
               current_date - (g %% 1000), g::text, 2, false,
               CASE WHEN g %% 3 = 2 THEN 'pending' ELSE 'complete' END,
               true, %(uid)s, now(), %(uid)s, now()
          FROM generate_series(%(first)s, %(last)s) g
        """,
        params,
    )
    # Transfers: side 1 the shares (project -> member), side 2 the payment.
    cr.execute(
        """
        INSERT INTO rea_transfer (name, exchange_id, exchange_type_id, context_id,
            date, transfer_type_id, sequence, direction, provider_id, receiver_id,
            action_id, resource_conforms_to_id, unit_id, is_reciprocal,
            is_currency, is_contribution, is_to_distribute, committed_quantity,
            actual_quantity, remaining_quantity, progress, due, cancelled, state,
            create_uid, create_date, write_uid, write_date)
        SELECT CASE WHEN s = 1 THEN 'Shares: Bench share'
                    WHEN k = 1 THEN 'Payment: FairCoin' ELSE 'Payment: Euro' END,
               x.id, x.exchange_type_id, x.context_id, x.start_date,
               CASE WHEN s = 1 THEN (CASE WHEN k = 1 THEN %(fair_shares)s
                                          ELSE %(fiat_shares)s END)
                    ELSE (CASE WHEN k = 1 THEN %(fair_pay)s ELSE %(fiat_pay)s END)
               END,
               s * 10,
               CASE WHEN s = 1 THEN 'forward' ELSE 'backward' END,
               CASE WHEN s = 1 THEN %(project)s ELSE %(member)s END,
               CASE WHEN s = 1 THEN %(member)s ELSE %(project)s END,
               %(action)s,
               CASE WHEN s = 1 THEN %(share)s
                    WHEN k = 1 THEN %(faircoin)s ELSE %(euro)s END,
               CASE WHEN s = 1 THEN %(share_uom)s
                    WHEN k = 1 THEN %(fair_uom)s ELSE %(eur_uom)s END,
               s = 2, s = 2, false, false,
               q, CASE WHEN s = 2 AND k = 2 THEN 0 ELSE q END,
               CASE WHEN s = 2 AND k = 2 THEN q ELSE 0 END,
               CASE WHEN s = 2 AND k = 2 THEN 0 ELSE 100 END,
               x.start_date + interval '30 days', false,
               CASE WHEN s = 2 AND k = 2 THEN 'pending' ELSE 'complete' END,
               %(uid)s, now(), %(uid)s, now()
          FROM (SELECT x.*, x.note::int AS g, x.note::int %% 3 AS k
                  FROM rea_exchange x
                 WHERE x.name LIKE 'Bench %%'
                   AND x.note::int BETWEEN %(first)s AND %(last)s) x
          CROSS JOIN generate_series(1, 2) s
          CROSS JOIN LATERAL (
                SELECT CASE WHEN s = 1 THEN (1 + x.g %% 5)::numeric
                            WHEN x.k = 1 THEN (1 + x.g %% 5) * 12.5 + x.g * 0.00000001
                            ELSE (1 + x.g %% 5) * 30.0 END AS q) quantity
        """,
        params,
    )
    # One commitment per transfer, fulfilled by one event unless still due.
    cr.execute(
        """
        INSERT INTO rea_commitment (name, action_id, provider_id, receiver_id,
            resource_conforms_to_id, resource_unit_id, resource_quantity, due,
            created, context_id, fulfilled_quantity, unfulfilled_quantity,
            finished, transfer_id, exchange_id, create_uid, create_date,
            write_uid, write_date)
        SELECT 'Transfer ' || t.committed_quantity, t.action_id, t.provider_id,
               t.receiver_id, t.resource_conforms_to_id, t.unit_id,
               t.committed_quantity, t.due, now(), t.context_id,
               t.actual_quantity, t.remaining_quantity, t.state = 'complete',
               t.id, t.exchange_id, %(uid)s, now(), %(uid)s, now()
          FROM rea_transfer t JOIN rea_exchange x ON x.id = t.exchange_id
         WHERE x.name LIKE 'Bench %%' AND x.note::int BETWEEN %(first)s AND %(last)s
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO rea_event (name, action_id, action_code, provider_id,
            receiver_id, resource_conforms_to_id, resource_id, to_resource_id,
            resource_quantity, resource_unit_id, has_point_in_time, context_id,
            commitment_id, transfer_id, exchange_id, is_contribution,
            is_to_distribute, create_uid, create_date, write_uid, write_date)
        SELECT 'transfers ' || c.resource_quantity, c.action_id, 'transfer',
               c.provider_id, c.receiver_id, c.resource_conforms_to_id,
               CASE c.resource_conforms_to_id
                    WHEN %(share)s THEN %(p_share)s
                    WHEN %(euro)s THEN %(m_eur)s ELSE %(m_fair)s END,
               CASE c.resource_conforms_to_id
                    WHEN %(share)s THEN %(m_share)s
                    WHEN %(euro)s THEN %(p_eur)s ELSE %(p_fair)s END,
               c.resource_quantity, c.resource_unit_id,
               x.start_date + interval '1 day', c.context_id, c.id, c.transfer_id,
               c.exchange_id, false, false, %(uid)s, now(), %(uid)s, now()
          FROM rea_commitment c JOIN rea_exchange x ON x.id = c.exchange_id
         WHERE x.name LIKE 'Bench %%' AND x.note::int BETWEEN %(first)s AND %(last)s
           AND c.finished
        """,
        params,
    )
    # Account balances as the effects engine would have left them.
    cr.execute(
        """
        UPDATE rea_resource r
           SET accounting_quantity = COALESCE((SELECT SUM(resource_quantity)
                    FROM rea_event WHERE to_resource_id = r.id), 0)
                - COALESCE((SELECT SUM(resource_quantity)
                    FROM rea_event WHERE resource_id = r.id), 0),
               onhand_quantity = COALESCE((SELECT SUM(resource_quantity)
                    FROM rea_event WHERE to_resource_id = r.id), 0)
                - COALESCE((SELECT SUM(resource_quantity)
                    FROM rea_event WHERE resource_id = r.id), 0)
         WHERE r.id IN %(accounts)s
        """,
        dict(params, accounts=tuple(accounts.values())),
    )
    cr.execute("ANALYZE rea_exchange")
    cr.execute("ANALYZE rea_transfer")
    cr.execute("ANALYZE rea_commitment")
    cr.execute("ANALYZE rea_event")
    env.clear()


def expected_totals(count):
    """The member's totals computed here, independently of the module."""
    eur_out = fair_out = shares_in = eur_due = 0.0
    for g in range(1, count + 1):
        shares = 1 + g % 5
        shares_in += shares
        if g % 3 == 0:
            eur_out += shares * 30.0
        elif g % 3 == 1:
            fair_out += shares * 12.5 + g * 0.00000001
        else:
            eur_due += shares * 30.0
    return {
        "shares": shares_in,
        "eur_out": eur_out,
        "eur_due": eur_due,
        "fair": fair_out,
    }


def measure(func, repeat, cr):
    """Median milliseconds and queries of ``func()`` (after one warm-up)."""
    func()
    times, queries = [], []
    for _i in range(repeat):
        before = cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000.0)
        queries.append(cr.sql_log_count - before)
    return statistics.median(times), max(queries)


def login(registry, dbname, uid):
    """A session for the member, as the web login would leave it."""
    session = odoo.http.root.session_store.new()
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        session.db = dbname
        session.uid = uid
        session.login = LOGIN
        session.session_token = security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get() or {}, uid=uid)
    odoo.http.root.session_store.save(session)
    client = Client(odoo.http.root, BaseResponse)
    client.set_cookie("localhost", "session_id", session.sid)
    return client


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
        + (["--data-dir=%s" % args.data_dir] if args.data_dir else [])
    )
    registry = odoo.registry(args.database)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    # Test mode: the web requests share this one cursor, so they see the
    # bench data of this (uncommitted) transaction.
    registry.enter_test_mode()
    failures = []
    try:
        cr = registry.cursor()
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        project, member, share = setup_agents(env)
        uid = env["res.users"].search([("login", "=", LOGIN)]).id
        cr.commit()  # a savepoint in test mode
        cr.release()  # let the web requests take the cursor
        client = login(registry, args.database, uid)
        print(
            "%-8s %-30s %10s %8s  %s"
            % ("exchanges", "what", "median ms", "queries", "check")
        )
        done = 0
        for size in sizes:
            cr.acquire()
            insert_exchanges(env, project, member, share, done + 1, size)
            done = size
            cr.commit()
            cr.release()
            member_env = api.Environment(cr, uid, {})
            partner = member_env["res.partner"].browse(member.id)

            def totals():
                member_env.clear()
                return partner.get_exchange_totals()

            def page(url):
                response = client.get(url)
                if (
                    response.status_code != 200
                    or b"o_rea_exchange_row" not in response.data
                ):
                    raise RuntimeError("%s answered %s" % (url, response.status))
                return response

            cr.acquire()
            lines = {line["unit"].name: line for line in totals()}
            expected = expected_totals(size)
            ok = (
                abs(lines["EUR"]["outgo"] - expected["eur_out"]) < 1e-6
                and abs(lines["EUR"]["committed_out"] - expected["eur_due"]) < 1e-6
                and abs(lines["FAIR"]["outgo"] - expected["fair"]) < 1e-7
                and abs(lines[share.uom_id.name]["income"] - expected["shares"]) < 1e-6
            )
            figures = [("totals (member's rules)", measure(totals, args.repeat, cr))]
            cr.release()
            ok = ok and page("/my/exchanges").data.count(b"o_rea_exchange_row") == 20
            for what, url in (
                ("/my/exchanges", "/my/exchanges"),
                ("/my/exchanges page 3", "/my/exchanges/page/3"),
                ("/my/exchanges?state=pending", "/my/exchanges?state=pending"),
            ):
                figures.append(
                    (what, measure(lambda url=url: page(url), args.repeat, cr))
                )
            for what, (ms, queries) in figures:
                print(
                    "%-8d %-30s %10.1f %8d  %s"
                    % (size, what, ms, queries, "totals OK" if ok else "WRONG TOTALS")
                )
                if ms > TARGET_MS:
                    failures.append("%s at %d: %.0f ms" % (what, size, ms))
            if not ok:
                failures.append("totals at %d differ from the expected sums" % size)
            sys.stdout.flush()
        if args.commit:
            # Make the savepoints of the test cursor a real commit.
            odoo.sql_db.Cursor.commit(cr)
    finally:
        registry.leave_test_mode()  # rolls back what was not committed
    if failures:
        print("over target: " + "; ".join(failures))
    return not failures


if __name__ == "__main__":
    with api.Environment.manage():
        sys.exit(0 if run(parse_args()) else 1)
