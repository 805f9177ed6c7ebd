"""`./suite run`: a port in use, the interface it binds, what it says.

A port in use is one line naming --port and a non-zero exit, both when the
suite sees it before starting Odoo and when Odoo itself fails to bind (the
port was taken meanwhile); nothing is left running either way.
"""

import os
import socket
import subprocess
import sys
import time

import pytest

from suite import environment, odoo, paths, postgres, serve
from suite.shell import SuiteError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def taken_port():
    """A port with a listener on 127.0.0.1, like another server would hold."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def _processes_naming(port):
    """Command lines of running processes that mention --http-port port."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as handle:
                args = handle.read().split(b"\0")
        except OSError:
            continue
        if b"--http-port" in args and str(port).encode() in args:
            found.append(b" ".join(args).decode(errors="replace"))
    return found


def test_port_in_use_is_one_line_before_anything_starts(taken_port):
    # The database does not exist: the check must come before any install.
    dbname = "rea_test_run_%d_port" % os.getpid()
    started = time.time()
    proc = subprocess.run(
        [os.path.join(ROOT, "suite"), "run", "--port", str(taken_port), "--db", dbname],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        cwd=ROOT,
        timeout=600,
    )
    out = proc.stdout
    assert proc.returncode != 0, out
    assert "port %d is in use; choose another with --port N" % taken_port in out
    assert "Traceback" not in out, out
    assert serve.SERVING not in out, out
    problem_lines = [line for line in out.splitlines() if "ERROR" in line]
    assert len(problem_lines) == 1, out
    assert not postgres.exists(dbname), "it installed before checking the port"
    assert not _processes_naming(taken_port)
    assert time.time() - started < 300


def test_odoo_failing_to_bind_stops_it_with_one_line(taken_port, capsys):
    """The port is free when checked, taken when Odoo binds: Odoo logs a
    traceback and would run on without HTTP; the suite stops it instead."""
    conf = environment.write_odoo_conf()
    # Odoo without a database is enough: it binds before it loads one.
    cmd = [
        paths.VENV_PYTHON,
        paths.LAUNCHER,
        "-c",
        conf,
        "--http-port",
        str(taken_port),
        "--http-interface",
        "127.0.0.1",
        "--max-cron-threads",
        "0",
    ]
    started = time.time()
    with pytest.raises(serve.PortInUse) as error:
        serve._serve(cmd, taken_port)
    assert str(error.value) == (
        "port %d is in use; choose another with --port N" % taken_port
    )
    assert time.time() - started < 120
    shown = capsys.readouterr().out
    assert "Traceback" not in shown and "Address already in use" not in shown, shown
    assert not _processes_naming(taken_port)


def test_cli_prints_the_port_error_without_traceback(taken_port, capsys):
    from suite import cli

    code = cli.main(["run", "--port", str(taken_port), "--db", "rea_demo"])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.err.strip() == (
        "ERROR: port %d is in use; choose another with --port N" % taken_port
    )


def test_binds_localhost_unless_public():
    local = serve.server_command("c.conf", "db", 8069, serve.LOCAL_INTERFACE)
    assert local[local.index("--http-interface") + 1] == "127.0.0.1"
    public = serve.server_command("c.conf", "db", 8069, serve.PUBLIC_INTERFACE)
    assert public[public.index("--http-interface") + 1] == "0.0.0.0"


def test_odoo_really_listens_on_localhost_only():
    conf = environment.write_odoo_conf()
    port = odoo.free_port()
    cmd = serve.server_command(conf, "postgres", port, serve.LOCAL_INTERFACE)
    # No database is loaded (--db-filter matches none of ours); only HTTP.
    cmd = [c for c in cmd if c not in ("-d", "postgres")] + ["--max-cron-threads=0"]
    proc = subprocess.Popen(
        cmd,
        env=environment.odoo_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
    )
    try:
        for line in proc.stdout:
            if "HTTP service (werkzeug) running on" in line:
                break
        else:
            pytest.fail("Odoo never said it listens")
        # Odoo says so as it starts the thread that binds: wait for the socket.
        deadline = time.time() + 30
        while not _listening_addresses(port) and time.time() < deadline:
            time.sleep(0.2)
        assert _listening_addresses(port) == ["127.0.0.1"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _listening_addresses(port):
    """IPv4 addresses with a listening TCP socket on port (from /proc/net/tcp)."""
    found = []
    with open("/proc/net/tcp") as table:
        next(table)
        for row in table:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_message_says_local_and_demo_password():
    lines = serve.serving_message("rea_demo", 8069, False, True)
    assert lines == [
        "Odoo serves rea_demo at http://localhost:8069, to this machine only "
        "(--public for others); log in as admin / admin, the demo password; "
        "Ctrl-C stops it"
    ]
    changed = serve.serving_message("rea_demo", 8069, False, False)
    assert "admin / admin" not in changed[0]


def test_public_warns_about_the_demo_password():
    lines = serve.serving_message("rea_demo", 8070, True, True)
    assert "every network interface" in lines[0]
    assert len(lines) == 2 and lines[1].startswith("WARNING: anyone")
    assert "admin / admin" in lines[1]
    assert len(serve.serving_message("rea_demo", 8070, True, False)) == 1


def test_admin_password_read_from_the_database():
    dbname = "rea_test_run_%d_password" % os.getpid()
    postgres.drop(dbname)
    postgres.create_empty(dbname)
    hashed = subprocess.check_output(
        [
            paths.VENV_PYTHON,
            "-c",
            "from passlib.context import CryptContext; "
            "print(CryptContext(['pbkdf2_sha512']).hash('admin'))",
        ],
        universal_newlines=True,
    ).strip()
    try:
        postgres.execute(
            dbname,
            "create table res_users (login varchar, password varchar, "
            "password_crypt varchar)",
        )
        postgres.execute(
            dbname, "insert into res_users values ('admin', null, '%s')" % hashed
        )
        assert serve.admin_has_demo_password(dbname)
        postgres.execute(
            dbname, "update res_users set password_crypt = '$pbkdf2-sha512$1$x$y'"
        )
        assert not serve.admin_has_demo_password(dbname)
        postgres.execute(dbname, "update res_users set password = 'admin'")
        assert serve.admin_has_demo_password(dbname)
    finally:
        postgres.drop(dbname)


def test_invalid_port_is_refused():
    with pytest.raises(SuiteError) as error:
        serve.check_port(70000, "127.0.0.1")
    assert "--port" in str(error.value)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))


def test_check_mode_reports_a_bind_failure_from_the_log(tmp_path):
    """`./suite run --check` reads Odoo's log: a bind failure there is the
    port error, even when the registry loaded afterwards."""
    logfile = tmp_path / "check.log"
    logfile.write_text(
        "Exception in thread odoo.service.httpd:\n"
        "Traceback (most recent call last):\n"
        "OSError: [Errno 98] Address already in use\n"
        "2026-12-07 10:00:00,000 1 INFO db odoo.modules.loading: Modules loaded.\n"
    )
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(serve.PortInUse) as error:
            serve._wait_for_registry(str(logfile), sleeper, seconds=5, port=8069)
    finally:
        sleeper.kill()
        sleeper.wait()
    assert "choose another with --port N" in str(error.value)
