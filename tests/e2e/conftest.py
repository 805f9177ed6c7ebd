"""One demo server for the end-to-end tests, started with the README's run command.

`./suite run` builds a fresh demo database with every addon of ours and serves it;
the tests then use it as people and integrators do: over HTTP, JSON-RPC and a real
browser. The server is stopped and its database dropped at the end of the session.
"""

import os
import re
import signal
import subprocess
import time

import pytest

from suite import httpcheck, odoo, paths, postgres, serve
from suite.shell import SuiteError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, ".data", "artifacts", "e2e")
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ")


class DemoServer(object):
    def __init__(self, dbname, port, logfile, proc):
        self.dbname = dbname
        self.port = port
        self.logfile = logfile
        self.proc = proc
        self.url = "http://127.0.0.1:%d" % port

    def log_size(self):
        return os.path.getsize(self.logfile)

    def problems_since(self, offset):
        """ERROR/CRITICAL lines and whole tracebacks logged after offset.

        A traceback is kept with its last lines (the exception itself), so a
        failure report says what went wrong, not only that something did.
        """
        with open(self.logfile, errors="replace") as handle:
            handle.seek(offset)
            lines = handle.read().splitlines()
        problems, block = [], None
        for line in lines:
            if block is not None:
                if LOG_LINE.match(line):
                    problems.append("\n".join(block[:3] + ["..."] + block[-4:]))
                    block = None
                else:
                    block.append(line)
                    continue
            if "Traceback" in line:
                block = [line]
            elif " ERROR " in line or " CRITICAL " in line:
                problems.append(line)
        if block is not None:
            problems.append("\n".join(block[:3] + ["..."] + block[-4:]))
        return problems


def _launch(dbname, port, logfile):
    with open(logfile, "a") as log:
        return subprocess.Popen(
            [os.path.join(ROOT, "suite"), "run", "--db", dbname, "--port", str(port)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _log_tail(logfile, lines=40):
    with open(logfile, errors="replace") as handle:
        return "\n".join(handle.read().splitlines()[-lines:])


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


def _start(attempts=2):
    """Install and serve the demo database; a second attempt only serves it.

    A failed start is retried once (the database is installed by then, so
    the retry is quick) and reported with the end of the server log.
    """
    # The runner drops rea_test_run_<pid>… databases whose process is gone.
    dbname = "rea_test_run_%d_e2e" % os.getpid()
    logfile = os.path.join(paths.ensure_dir(paths.LOGS), "%s-serve.log" % dbname)
    open(logfile, "w").close()
    for attempt in range(1, attempts + 1):
        port = odoo.free_port()
        proc = _launch(dbname, port, logfile)
        server = DemoServer(dbname, port, logfile, proc)
        try:
            # Installing every addon into a fresh database takes a few minutes.
            serve._wait_for_registry(logfile, proc, seconds=1500, after=serve.SERVING)
            httpcheck.Client(server.url).wait_until_up(seconds=600, process=proc)
            return server
        except SuiteError as error:
            _kill(proc)
            if attempt == attempts:
                raise SuiteError(
                    "%s; end of the server log:\n%s" % (error, _log_tail(logfile))
                )


def _stop(server):
    try:
        os.killpg(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=60)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=30)
    # Connections of the server may linger a moment after it exits.
    for _attempt in range(10):
        try:
            postgres.drop(server.dbname)
            return
        except SuiteError:
            time.sleep(1)
    postgres.drop(server.dbname)


@pytest.fixture(scope="session")
def demo_server():
    server = _start()
    try:
        yield server
    finally:
        _stop(server)


@pytest.fixture
def clean_server_log(demo_server):
    """Fail the test when the server logged an error while it ran."""
    offset = demo_server.log_size()
    yield demo_server
    problems = demo_server.problems_since(offset)
    assert not problems, "the server logged:\n" + "\n".join(problems[:8])


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


class ServedDatabase(DemoServer):
    """A server started by hand, named by REA_E2E_URL (and REA_E2E_DB, REA_E2E_LOG).

    Lets a developer run the browser tests against a database they serve
    themselves, e.g. while changing a view; the log file is still checked
    when REA_E2E_LOG names it.
    """

    def __init__(self, url, dbname, logfile):
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        super(ServedDatabase, self).__init__(dbname, port, logfile, None)
        self.url = url.rstrip("/")

    def log_size(self):
        return os.path.getsize(self.logfile) if self.logfile else 0

    def problems_since(self, offset):
        if not self.logfile:
            return []
        return super(ServedDatabase, self).problems_since(offset)


@pytest.fixture(scope="session")
def click_server(request):
    """The click-through's server: the demo server, or REA_E2E_URL's."""
    url = os.environ.get("REA_E2E_URL")
    if url:
        return ServedDatabase(
            url, os.environ.get("REA_E2E_DB", "rea_demo"), os.environ.get("REA_E2E_LOG")
        )
    return request.getfixturevalue("demo_server")


def pytest_collection_modifyitems(items):
    """The click-through presses buttons that change demo data: run it late;
    the permission matrix adds its own projects and users: run it last."""
    items.sort(
        key=lambda item: (
            "test_permission_matrix" in item.nodeid,
            "test_click_through" in item.nodeid,
        )
    )
