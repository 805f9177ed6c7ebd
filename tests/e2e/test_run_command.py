"""`./suite run` end to end: demo database with every addon, server up, admin login.

The session's demo server was created by `./suite run`; running it again with
`--check` on the same database must find nothing to install, serve on another
port, log in as admin over HTTP and load every stylesheet of the backend.
"""

import os
import subprocess

from suite import odoo, postgres

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_run_installed_every_addon(demo_server):
    rows = postgres.query(
        demo_server.dbname,
        "select name, demo from ir_module_module where state = 'installed' "
        "and name like 'rea\\_%'",
    )
    installed = {row[0] for row in rows}
    ours = {
        name
        for name in os.listdir(ROOT)
        if os.path.exists(os.path.join(ROOT, name, "__manifest__.py"))
    }
    assert ours and ours <= installed
    assert all(row[1] == "t" for row in rows), "installed without demo data"


def test_run_check_serves_and_admin_logs_in(demo_server):
    port = odoo.free_port()
    proc = subprocess.run(
        [
            os.path.join(ROOT, "suite"),
            "run",
            "--db",
            demo_server.dbname,
            "--port",
            str(port),
            "--check",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        cwd=ROOT,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout
    assert "installing" not in proc.stdout, "the database was complete already"
    assert "login as admin works" in proc.stdout, proc.stdout
    assert "http://localhost:%d" % port in proc.stdout
