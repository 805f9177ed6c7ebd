#!/usr/bin/env python
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Validate and pay N subscription requests vs N plain customer invoices.

Run with the Odoo venv's python against a database where
rea_membership_shares is installed (e.g. one kept by
``./suite test rea_membership_shares --keep``)::

    .venv/bin/python bench/bench_rea_membership_shares.py rea_kept_1_2 --count 1000

Both runs go through the real code in the same transaction:

* shares: create the request, ``action_validate`` (agent, REA exchange,
  capital release invoice posted and queued e-mail), then a bank payment
  registered with ``account.payment`` that reconciles the invoice and runs
  the paid flow (share line, register line, membership, REA events,
  certificate e-mail);
* invoices: create a customer invoice of one line for a new customer,
  ``action_invoice_open`` and the same bank payment.

The two flows alternate in batches of ten, so both run under the same
machine load. It prints both times, the SQL queries per item (independent
of the load) and the time ratio; the target is a ratio <= 1.25. The
e-mails of the share flow are switched off unless ``--with-mails`` is given
(the plain invoices send none).
Everything is rolled back at the end unless ``--commit`` is given.

To see where the time and the queries go, ``--profile DIR`` writes a
cProfile of each flow (``DIR/shares.pstats``, ``DIR/invoices.pstats``) and
``--query-sites N`` prints, per flow, the N places issuing the most queries
per item (the innermost frame of an rea_* addon, else of Odoo). Both slow the
two flows down: their times and ratio are then not the measure.
"""

import argparse
import collections
import cProfile
import os
import sys
import time
import traceback

import odoo
from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET_RATIO = 1.25
BATCH = 10


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="database with rea_membership_shares")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [REPO, os.path.join(os.path.dirname(odoo.__file__), "addons")]
        ),
    )
    parser.add_argument("--commit", action="store_true", help="keep the data")
    parser.add_argument(
        "--with-mails",
        action="store_true",
        help="also render and queue the e-mails (capital release and "
        "certificate PDFs); the plain invoices send none",
    )
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="write a cProfile of each measured flow into DIR",
    )
    parser.add_argument(
        "--query-sites",
        type=int,
        default=0,
        metavar="N",
        help="print the N call sites issuing the most queries, per flow",
    )
    return parser.parse_args(argv)


class Probe(object):
    """Optional instruments around the measured calls: a cProfile per flow
    and the call site of each query. Off, they do nothing."""

    def __init__(self, args):
        self.profile_dir = args.profile
        self.query_sites = args.query_sites
        self.profiles = {}
        self.sites = collections.defaultdict(collections.Counter)
        self.flow = None
        if self.profile_dir:
            os.makedirs(self.profile_dir, exist_ok=True)
        if self.query_sites:
            self._wrap_execute()

    @property
    def active(self):
        return bool(self.profile_dir or self.query_sites)

    def _wrap_execute(self):
        execute = odoo.sql_db.Cursor.execute
        probe = self

        def traced_execute(cursor, query, params=None, log_exceptions=None):
            if probe.flow:
                probe.sites[probe.flow][probe._site()] += 1
            if log_exceptions is None:
                return execute(cursor, query, params)
            return execute(cursor, query, params, log_exceptions)

        odoo.sql_db.Cursor.execute = traced_execute

    @staticmethod
    def _site():
        # The innermost frame of an rea_* addon, else of an Odoo addon, else
        # of Odoo; the stack ends with traced_execute and _site.
        addon_site = odoo_site = None
        for frame in reversed(traceback.extract_stack()[:-2]):
            path = frame.filename
            if os.sep + "rea_" in path:
                where = "rea_" + path.split(os.sep + "rea_", 1)[1]
                return "%s:%s %s" % (where, frame.lineno, frame.name)
            if os.sep + "odoo" + os.sep in path:
                where = "odoo/" + path.split(os.sep + "odoo" + os.sep, 1)[1]
                site = "%s:%s %s" % (where, frame.lineno, frame.name)
                odoo_site = odoo_site or site
                if addon_site is None and where.startswith("odoo/addons/"):
                    addon_site = site
        return addon_site or odoo_site or "?"

    def run(self, flow, func, *args):
        if not self.active:
            return func(*args)
        self.flow = flow
        profile = self.profiles.setdefault(flow, cProfile.Profile())
        if self.profile_dir:
            profile.enable()
        try:
            return func(*args)
        finally:
            if self.profile_dir:
                profile.disable()
            self.flow = None

    def report(self, count):
        if self.profile_dir:
            for flow, profile in self.profiles.items():
                path = os.path.join(self.profile_dir, "%s.pstats" % flow)
                profile.dump_stats(path)
                sys.stdout.write("profile of the %s: %s\n" % (flow, path))
        for flow, sites in sorted(self.sites.items()):
            sys.stdout.write("queries per item of the %s, by call site:\n" % flow)
            for site, queries in sites.most_common(self.query_sites):
                sys.stdout.write("%8.1f  %s\n" % (queries / count, site))
        if self.active:
            sys.stdout.write("(profiled run: the times above are not the measure)\n")


def setup(env, with_mails=False):
    company = env.user.company_id
    company._create_share_accounting()
    if not with_mails:
        # The plain invoices send no e-mail: compare like with like.
        company.write(
            {
                "share_mail_confirmation": False,
                "share_mail_capital_release": False,
                "share_mail_certificate": False,
                "share_mail_increase": False,
            }
        )
    project = env["rea.project"].create(
        {
            "name": "Bench cooperative",
            "slug": "bench-cooperative-%d" % int(time.time()),
            "agent_type": "project",
            "is_context": True,
            "join_style": "shares",
        }
    )
    share = env["product.product"].create(
        {
            "name": "Bench share",
            "is_share": True,
            "share_project_id": project.id,
            "list_price": 25.0,
            "sale_ok": False,
        }
    )
    product = env["product.product"].create(
        {"name": "Bench service", "type": "service", "list_price": 25.0}
    )
    journal = env["account.journal"].search(
        [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
    )
    sale_journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    return project, share, product, journal, sale_journal


def pay(env, invoice, journal, method):
    payment = env["account.payment"].create(
        {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id,
            "amount": invoice.residual,
            "currency_id": invoice.currency_id.id,
            "journal_id": journal.id,
            "payment_date": "2026-01-15",
            "communication": invoice.number,
            "payment_method_id": method.id,
            "invoice_ids": [(6, 0, invoice.ids)],
        }
    )
    payment.post()


def bench_shares(env, count, project, share, journal, method, first=0):
    request_model = env["rea.subscription.request"]
    start = time.time()
    for i in range(first, first + count):
        request = request_model.create(
            {
                "project_id": project.id,
                "share_product_id": share.id,
                "quantity": 4,
                "firstname": "Bench",
                "lastname": "Member %d" % i,
                "email": "bench.member.%d@example.org" % i,
                "birthdate": "1980-01-01",
                "gender": "other",
                "street": "Street %d" % i,
                "zip_code": "1000",
                "city": "Town",
                "country_id": env.ref("base.be").id,
                "lang": "en_US",
                "skip_iban_check": True,
            }
        )
        request.action_validate()
        pay(env, request.invoice_id, journal, method)
        assert request.state == "paid", request.state
    return time.time() - start


def bench_invoices(env, count, product, journal, sale_journal, method, first=0):
    start = time.time()
    receivable = env["account.account"].search(
        [
            ("internal_type", "=", "receivable"),
            ("company_id", "=", env.user.company_id.id),
        ],
        limit=1,
    )
    income = (
        product.categ_id.property_account_income_categ_id
        or sale_journal.default_credit_account_id
    )
    for i in range(first, first + count):
        partner = env["res.partner"].create(
            {
                "name": "Bench customer %d" % i,
                "email": "bench.customer.%d@example.org" % i,
                "street": "Street %d" % i,
                "zip": "1000",
                "city": "Town",
                "country_id": env.ref("base.be").id,
            }
        )
        invoice = env["account.invoice"].create(
            {
                "partner_id": partner.id,
                "type": "out_invoice",
                "journal_id": sale_journal.id,
                "account_id": receivable.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "name": product.name,
                            "quantity": 4,
                            "price_unit": 25.0,
                            "account_id": income.id,
                            "invoice_line_tax_ids": [(6, 0, [])],
                        },
                    )
                ],
            }
        )
        invoice.action_invoice_open()
        pay(env, invoice, journal, method)
        assert invoice.state == "paid", invoice.state
    return time.time() - start


def run(args):
    odoo.tools.config.parse_config(
        ["--addons-path=%s" % args.addons_path, "--log-level=warn"]
    )
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        project, share, product, journal, sale_journal = setup(env, args.with_mails)
        method = env.ref("account.account_payment_method_manual_in")
        # Warm the caches of both flows before measuring.
        warm = args.count + 1
        bench_invoices(env, 3, product, journal, sale_journal, method, warm)
        bench_shares(env, 3, project, share, journal, method, warm)
        # Alternate the two flows in small batches: both then run under the
        # same machine load, and the ratio does not depend on what else the
        # machine did during one of them.
        probe = Probe(args)
        invoices = shares = 0.0
        invoice_queries = share_queries = 0
        done = 0
        while done < args.count:
            batch = min(BATCH, args.count - done)
            queries = cr.sql_log_count
            invoices += probe.run(
                "invoices",
                bench_invoices,
                env,
                batch,
                product,
                journal,
                sale_journal,
                method,
                done,
            )
            invoice_queries += cr.sql_log_count - queries
            queries = cr.sql_log_count
            shares += probe.run(
                "shares",
                bench_shares,
                env,
                batch,
                project,
                share,
                journal,
                method,
                done,
            )
            share_queries += cr.sql_log_count - queries
            done += batch
        ratio = shares / invoices if invoices else float("inf")
        sys.stdout.write(
            "%d plain invoices (create, validate, pay):        %8.2f s "
            "(%.1f ms, %.0f queries each)\n"
            % (
                args.count,
                invoices,
                1000 * invoices / args.count,
                invoice_queries / args.count,
            )
        )
        sys.stdout.write(
            "%d subscription requests (create, validate, pay): %8.2f s "
            "(%.1f ms, %.0f queries each)\n"
            % (
                args.count,
                shares,
                1000 * shares / args.count,
                share_queries / args.count,
            )
        )
        sys.stdout.write(
            "ratio %.2f (target <= %.2f): %s\n"
            % (ratio, TARGET_RATIO, "OK" if ratio <= TARGET_RATIO else "ABOVE TARGET")
        )
        probe.report(args.count)
        if args.commit:
            cr.commit()
        else:
            cr.rollback()
    return 0


if __name__ == "__main__":
    sys.exit(run(parse_args()))
