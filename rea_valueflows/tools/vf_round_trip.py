#!/usr/bin/env python3
# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ValueFlows round trip between two databases, through the HTTP routes.

Exports a context agent from the source database (``GET /vf/export``),
imports the file into the target database (``POST /vf/import``), exports the
same context (by its @id) from the target, and compares the two documents.
Then imports the file a second time, which must create nothing. Exit status
0 when the graphs are the same, 1 otherwise (differences printed).

Both databases are served by the same running Odoo (no ``dbfilter``)::

    python3 rea_valueflows/tools/vf_round_trip.py --url http://127.0.0.1:8069 \\
        --source demo_db --target empty_db --login admin --password admin \\
        --context urn:rea-coop-suite:xmlid:rea_base.res_partner_network_demo

The target database should have the modules but not the records: e.g. the
same modules installed ``--without-demo=all`` and the demo database as the
source. Standard library only.
"""

import argparse
import http.cookiejar
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


class Session(object):
    """A logged-in HTTP session on one database."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        result = self.rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        if not result.get("uid"):
            raise SystemExit("login refused on %s" % db)

    def request(self, path, data=None, content_type=None):
        headers = {"Content-Type": content_type} if content_type else {}
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=600) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            raise SystemExit("%s %s: %s" % (path, error.code, body[:2000]))

    def rpc(self, path, params):
        payload = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        answer = self.request(path, payload.encode("utf-8"), "application/json")
        if answer.get("error"):
            raise SystemExit("%s: %s" % (path, json.dumps(answer["error"])[:2000]))
        return answer["result"]

    def export(self, context, date_from=None, date_to=None):
        query = {"context": context}
        if date_from:
            query["from"] = date_from
        if date_to:
            query["to"] = date_to
        return self.request("/vf/export?" + urllib.parse.urlencode(query))

    def import_document(self, document):
        return self.request(
            "/vf/import",
            json.dumps(document).encode("utf-8"),
            "application/ld+json",
        )


def differences(first, second):
    """Human-readable differences between two exported documents."""
    problems = []
    if first["@context"] != second["@context"]:
        problems.append("@context differs")
    before = {node["@id"]: node for node in first["@graph"]}
    after = {node["@id"]: node for node in second["@graph"]}
    for uri in sorted(set(before) - set(after)):
        problems.append("missing after the round trip: %s" % uri)
    for uri in sorted(set(after) - set(before)):
        problems.append("new after the round trip: %s" % uri)
    for uri in sorted(set(before) & set(after)):
        if before[uri] != after[uri]:
            keys = sorted(
                key
                for key in set(before[uri]) | set(after[uri])
                if before[uri].get(key) != after[uri].get(key)
            )
            for key in keys:
                problems.append(
                    "%s %s: %s -> %s"
                    % (uri, key, before[uri].get(key), after[uri].get(key))
                )
    order = [n["@id"] for n in first["@graph"] if n["@type"] == "vf:EconomicEvent"]
    new_order = [n["@id"] for n in second["@graph"] if n["@type"] == "vf:EconomicEvent"]
    if order != new_order and set(order) == set(new_order):
        problems.append("events come in another order")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--source", required=True, help="source database")
    parser.add_argument("--target", required=True, help="target database")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--target-login", help="default: --login")
    parser.add_argument("--target-password", help="default: --password")
    parser.add_argument(
        "--context", required=True, help="@id (or id in the source) of the context"
    )
    parser.add_argument("--from", dest="date_from")
    parser.add_argument("--to", dest="date_to")
    args = parser.parse_args()

    source = Session(args.url, args.source, args.login, args.password)
    target = Session(
        args.url,
        args.target,
        args.target_login or args.login,
        args.target_password or args.password,
    )
    first = source.export(args.context, args.date_from, args.date_to)
    context_uri = args.context
    if context_uri.isdigit():
        # A numeric id means nothing in the target: use the @id.
        context_uri = source.rpc(
            "/web/dataset/call_kw",
            {
                "model": "res.partner",
                "method": "read",
                "args": [[int(context_uri)], ["vf_uri"]],
                "kwargs": {},
            },
        )[0]["vf_uri"]
    report = target.import_document(first)
    sys.stdout.write("import: %s\n" % report["message"])
    for line in report["lines"]:
        if line["status"] == "refused":
            sys.stdout.write("  refused %s: %s\n" % (line["id"], line["reason"]))
    if report["rolled_back"]:
        return 1
    second = target.export(context_uri, args.date_from, args.date_to)
    problems = differences(first, second)
    again = target.import_document(first)
    if again["summary"]["created"]:
        problems.append(
            "second import created %s records" % again["summary"]["created"]
        )
    for problem in problems:
        sys.stdout.write(problem + "\n")
    sys.stdout.write(
        "%s nodes, %s\n"
        % (len(first["@graph"]), "same graph" if not problems else "DIFFERENT")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
