"""`./suite run`: a demo database with every addon of ours, served on localhost."""

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from . import addons as addons_mod
from . import environment, httpcheck, logcheck, odoo, paths, postgres, template
from .shell import SuiteError, say

# The line `./suite run` prints just before it starts the server.
SERVING = "Odoo serves "
# Where Odoo listens: this machine only, unless --public asks for every interface.
LOCAL_INTERFACE = "127.0.0.1"
PUBLIC_INTERFACE = "0.0.0.0"
# What Odoo 11 logs when it cannot listen on its HTTP port.
BIND_FAILURE = "Address already in use"
# The demo database's admin password: its login is admin as well.
DEMO_PASSWORD = "admin"


class PortInUse(SuiteError):
    """The HTTP port is taken; the message names the option to choose another."""

    def __init__(self, port):
        super(PortInUse, self).__init__(
            "port %d is in use; choose another with --port N" % port
        )


def port_free(port, interface):
    """Whether a server could listen on interface:port right now.

    Odoo's server sets SO_REUSEADDR too, so a port in TIME_WAIT counts as free
    for both of us, and only a real listener counts as taken.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((interface, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def check_port(port, interface):
    if not 0 < port < 65536:
        raise SuiteError("--port must be between 1 and 65535 (got %d)" % port)
    if not port_free(port, interface):
        raise PortInUse(port)


def _installed(dbname, names):
    listed = "','".join(sorted(names))
    rows = (
        postgres.query(
            dbname,
            "select name from ir_module_module where state = "
            "'installed' and name in ('%s')" % listed,
        )
        or []
    )
    return {row[0] for row in rows}


def prepare(args):
    """Create (or complete) the demo database; return the config path."""
    environment.ensure_all()
    postgres.ensure_server()
    paths.ensure_dir(paths.LOGS)
    conf = environment.write_odoo_conf()
    available = addons_mod.discover()
    names = set(available)
    dbname = args.db
    if args.reset and postgres.exists(dbname):
        postgres.drop(dbname)
    if not postgres.exists(dbname):
        # Start from the test template: Odoo's own modules are already in it.
        template_db = template.ensure_template(
            addons_mod.external_depends(names, available), conf, args.verbose
        )
        postgres.copy(template_db, dbname)
        say(
            "installing %s into %s: about a minute on an idle machine; "
            "one line per module follows" % (", ".join(sorted(names)), dbname)
        )
        odoo.run_once(
            conf, dbname, "-i", names, "install", args.verbose, progress="modules"
        )
    else:
        missing = names - _installed(dbname, names)
        if missing:
            say(
                "adding %s to %s (a minute or more); one line per module follows"
                % (", ".join(sorted(missing)), dbname)
            )
            odoo.run_once(
                conf, dbname, "-i", missing, "install", args.verbose, progress="modules"
            )
        if args.update:
            say("updating our addons in %s (a minute or two)" % dbname)
            odoo.run_once(
                conf, dbname, "-u", names, "update", args.verbose, progress="modules"
            )
    return conf


def admin_has_demo_password(dbname):
    """Whether the database's admin still logs in with the demo password."""
    rows = postgres.query(
        dbname,
        "select password, password_crypt from res_users where login = 'admin'",
    ) or postgres.query(  # without auth_crypt the column does not exist
        dbname, "select password from res_users where login = 'admin'"
    )
    if not rows:
        return False
    plain, crypted = (rows[0] + ["", ""])[:2]
    if plain:
        return plain == DEMO_PASSWORD
    if not crypted:
        return False
    # Odoo 11 stores a passlib hash; its venv has passlib.
    check = subprocess.run(
        [
            paths.VENV_PYTHON,
            "-c",
            "import sys; from passlib.context import CryptContext; "
            "ctx = CryptContext(['pbkdf2_sha512', 'md5_crypt']); "
            "sys.exit(0 if ctx.verify(sys.argv[1], sys.argv[2]) else 1)",
            DEMO_PASSWORD,
            crypted,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return check.returncode == 0


def serving_message(dbname, port, public, demo_password):
    """What `./suite run` says before it starts the server (one or two lines)."""
    if public:
        where = "http://<this machine>:%d, on every network interface" % port
    else:
        where = "http://localhost:%d, to this machine only (--public for others)" % port
    login = (
        "log in as admin / admin, the demo password"
        if demo_password
        else "log in as admin with its password"
    )
    lines = [SERVING + "%s at %s; %s; Ctrl-C stops it" % (dbname, where, login)]
    if public and demo_password:
        lines.append(
            "WARNING: anyone who reaches this machine can log in as admin / admin; "
            "change the admin password (Preferences) before sharing it"
        )
    return lines


def server_command(conf, dbname, port, interface):
    """Odoo serving one database on interface:port."""
    return odoo.command(
        conf,
        dbname,
        "--http-port",
        str(port),
        "--http-interface",
        interface,
        "--db-filter",
        "^%s$" % dbname,
    )


def main(args):
    interface = PUBLIC_INTERFACE if args.public else LOCAL_INTERFACE
    # Before minutes of installing, and again just before serving (the port
    # may have been taken meanwhile).
    check_port(args.port, interface)
    conf = prepare(args)
    check_port(args.port, interface)
    for line in serving_message(
        args.db, args.port, args.public, admin_has_demo_password(args.db)
    ):
        say(line)
    cmd = server_command(conf, args.db, args.port, interface)
    if args.check:
        return _check(cmd, args.port, args.db)
    return _serve(cmd, args.port)


def _serve(cmd, port):
    """Run the server in the foreground; stop it if it cannot listen.

    Odoo 11 starts its HTTP thread, prints the bind error as a traceback and
    carries on without HTTP: the suite watches its output for that error,
    stops the server and says which option chooses another port.
    """
    proc = subprocess.Popen(
        cmd,
        env=environment.odoo_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        errors="replace",
    )
    failed = threading.Event()

    def relay():
        held = []  # a traceback is held back until we know what it is about
        for line in proc.stdout:
            if held or line.startswith(("Exception in thread", "Traceback")):
                held.append(line)
                if BIND_FAILURE in line:
                    failed.set()
                    _stop(proc)
                    return
                if len(held) > 1 and not line.startswith((" ", "Traceback")):
                    sys.stdout.writelines(held)
                    held = []
            else:
                sys.stdout.write(line)
            sys.stdout.flush()
        sys.stdout.writelines(held)
        sys.stdout.flush()

    def terminated(_signum, _frame):
        raise KeyboardInterrupt

    # A plain `kill` of ./suite must not leave the server running.
    previous = signal.signal(signal.SIGTERM, terminated)
    reader = threading.Thread(target=relay, daemon=True)
    reader.start()
    try:
        code = proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    reader.join(timeout=5)
    if failed.is_set():
        raise PortInUse(port)
    return code


def _stop(proc):
    """Stop the server: politely, then for good."""
    for stop, wait in ((proc.terminate, 30), (proc.kill, 10)):
        if proc.poll() is not None:
            return
        try:
            stop()
            proc.wait(timeout=wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def _check(cmd, port, dbname):
    """Start the server, log in over HTTP as admin, load the backend CSS, stop."""
    logfile = os.path.join(paths.LOGS, "%s-check.log" % dbname)
    say("server log: %s" % logfile)
    with open(logfile, "w") as log:
        proc = subprocess.Popen(
            cmd,
            env=environment.odoo_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_registry(logfile, proc, port=port)
        client = httpcheck.Client("http://127.0.0.1:%d" % port)
        # The first page compiles the asset bundles: that can take minutes.
        client.wait_until_up(seconds=600, process=proc)
        landed, body = client.login("admin", "admin")
        say("login as admin works: %s" % landed)
        for url in client.stylesheets(body):
            client.check_stylesheet(url)
            say("stylesheet compiled: %s" % url)
    finally:
        _stop(proc)
    report = logcheck.parse_file(logfile, odoo.ALLOWED_ERRORS)
    if report.problems:
        raise SuiteError(
            "the server logged problems: %s (see %s)"
            % ("; ".join(map(str, report.problems[:5])), logfile)
        )
    return 0


def _wait_for_registry(logfile, proc, seconds=600, after=None, port=None):
    """Wait until the server has loaded its registry.

    Odoo 11 serves HTTP before it loads the registry, and a request that
    arrives meanwhile imports every addon in another thread; the two imports
    can race and leave models half registered ("Failed to load registry").
    When the log also holds an install run before the server (`./suite run`
    into a new database), only what follows the line `after` counts: the
    installer's "Modules loaded." says nothing about the server.
    """
    deadline = time.time() + seconds
    while time.time() < deadline:
        with open(logfile) as log:
            text = log.read()
        if after is not None:
            start = text.rfind(after)
            text = text[start:] if start >= 0 else ""
        if port is not None and BIND_FAILURE in text:
            raise PortInUse(port)
        if "odoo.modules.loading: Modules loaded." in text:
            return
        if proc.poll() is not None or "Failed to load registry" in text:
            break
        time.sleep(0.5)
    raise SuiteError("the server did not load its registry, see %s" % logfile)
