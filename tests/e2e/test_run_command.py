"""`./suite run` end to end: demo database with every addon, server up, admin login."""

import os
import subprocess

from suite import odoo, postgres

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_run_serves_and_admin_logs_in():
    dbname = "rea_test_run_%d" % os.getpid()
    port = odoo.free_port()
    try:
        proc = subprocess.run(
            [
                os.path.join(ROOT, "suite"),
                "run",
                "--db",
                dbname,
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
        assert "login as admin works" in proc.stdout, proc.stdout
        assert "http://localhost:%d" % port in proc.stdout
        rows = postgres.query(
            dbname,
            "select name from ir_module_module where state = 'installed' "
            "and name like 'rea\\_%'",
        )
        installed = {row[0] for row in rows}
        ours = {
            name
            for name in os.listdir(ROOT)
            if os.path.exists(os.path.join(ROOT, name, "__manifest__.py"))
        }
        assert ours and ours <= installed
    finally:
        postgres.drop(dbname)
