"""ValueFlows round trip between two real databases, over the HTTP routes.

The demo database (the session's demo server) exports its demo network context
as JSON-LD; a second, fresh database (the same addons, no demo records of ours)
imports it; exporting the same context there gives the same graph, and importing
again creates nothing.
"""

import importlib.util
import os
import subprocess

import pytest

from suite import addons, environment, odoo, paths, postgres, serve, template

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTEXT = "urn:rea-coop-suite:xmlid:rea_base.res_partner_network_demo"


def _round_trip_tool():
    path = os.path.join(ROOT, "rea_valueflows", "tools", "vf_round_trip.py")
    spec = importlib.util.spec_from_file_location("vf_round_trip", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def empty_server():
    """Every addon of ours installed without demo records, on its own port."""
    dbname = "rea_test_run_%d_vf" % os.getpid()
    conf = environment.write_odoo_conf()
    available = addons.discover()
    ours = sorted(available)
    template_db = template.ensure_template(
        addons.external_depends(ours, available), conf
    )
    postgres.copy(template_db, dbname)
    # Odoo 11 installs a module's demo data when its dependencies have demo
    # data: clear their flags, and --without-demo below does the rest.
    cleared = postgres.query(dbname, "UPDATE ir_module_module SET demo = false")
    assert cleared is not None, "could not clear the demo flags of %s" % dbname
    proc = None
    try:
        logfile = os.path.join(paths.LOGS, "%s-install.log" % dbname)
        code = odoo.run_logged(
            odoo.command(
                conf,
                dbname,
                "-i",
                ",".join(ours),
                "--without-demo=all",
                "--stop-after-init",
                "--http-port",
                str(odoo.free_port()),
            ),
            logfile,
            progress=False,
        )
        assert code == 0, "installing our addons failed, see %s" % logfile
        port = odoo.free_port()
        logfile = os.path.join(paths.LOGS, "%s-serve.log" % dbname)
        with open(logfile, "w") as log:
            proc = subprocess.Popen(
                odoo.command(
                    conf, dbname, "--http-port", str(port), "--db-filter", dbname
                ),
                env=environment.odoo_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        serve._wait_for_registry(logfile, proc)
        yield dbname, "http://127.0.0.1:%d" % port
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=60)
        postgres.drop(dbname)


def test_export_import_export_gives_the_same_graph(demo_server, empty_server):
    tool = _round_trip_tool()
    target_db, target_url = empty_server
    rows = postgres.query(
        target_db,
        "select count(*) from ir_module_module where name like 'rea\\_%' and demo",
    )
    assert rows == [["0"]], "the target database must hold no demo records of ours"
    source = tool.Session(demo_server.url, demo_server.dbname, "admin", "admin")
    target = tool.Session(target_url, target_db, "admin", "admin")

    first = source.export(CONTEXT)
    assert len(first["@graph"]) > 10
    report = target.import_document(first)
    refused = [line for line in report["lines"] if line["status"] == "refused"]
    assert not refused and not report["rolled_back"], refused
    assert report["summary"]["created"] > 10
    second = target.export(CONTEXT)
    # Resources of the context that also took part in events outside it start
    # in the target with an imported opening balance (marked as such): the
    # rest of the graph, quantities included, must be the same.
    openings = [n for n in second["@graph"] if n.get("rea:openingBalance")]
    assert all(n["@id"].endswith("#opening-balance") for n in openings)
    second_without = dict(
        second, **{"@graph": [n for n in second["@graph"] if n not in openings]}
    )
    assert tool.differences(first, second_without) == []

    again = target.import_document(first)
    assert again["summary"]["created"] == 0
    assert again["summary"]["refused"] == 0
    assert target.export(CONTEXT) == second
