"""`./suite run`: a demo database with every addon of ours, served on localhost."""

import os
import subprocess
import time

from . import addons as addons_mod
from . import environment, httpcheck, logcheck, odoo, paths, postgres, template
from .shell import SuiteError, say

# The line `./suite run` prints just before it starts the server.
SERVING = "Odoo serves "


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
        say("installing %s into %s" % (", ".join(sorted(names)), dbname))
        odoo.run_once(conf, dbname, "-i", names, "install", args.verbose)
    else:
        missing = names - _installed(dbname, names)
        if missing:
            say("adding %s to %s" % (", ".join(sorted(missing)), dbname))
            odoo.run_once(conf, dbname, "-i", missing, "install", args.verbose)
        if args.update:
            odoo.run_once(conf, dbname, "-u", names, "update", args.verbose)
    return conf


def main(args):
    conf = prepare(args)
    url = "http://localhost:%d" % args.port
    say(
        SERVING
        + "%s at %s  (log in as admin / admin; Ctrl-C stops it)" % (args.db, url)
    )
    cmd = odoo.command(
        conf, args.db, "--http-port", str(args.port), "--db-filter", "^%s$" % args.db
    )
    if args.check:
        return _check(cmd, args.port, args.db)
    try:
        return subprocess.call(cmd, env=environment.odoo_env())
    except KeyboardInterrupt:
        return 0


def _check(cmd, port, dbname):
    """Start the server, log in over HTTP as admin, load the backend CSS, stop."""
    logfile = os.path.join(paths.LOGS, "%s-check.log" % dbname)
    say("server log: %s" % logfile)
    with open(logfile, "w") as log:
        proc = subprocess.Popen(
            cmd, env=environment.odoo_env(), stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_for_registry(logfile, proc)
        client = httpcheck.Client("http://127.0.0.1:%d" % port)
        # The first page compiles the asset bundles: that can take minutes.
        client.wait_until_up(seconds=600, process=proc)
        landed, body = client.login("admin", "admin")
        say("login as admin works: %s" % landed)
        for url in client.stylesheets(body):
            client.check_stylesheet(url)
            say("stylesheet compiled: %s" % url)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    report = logcheck.parse_file(logfile, odoo.ALLOWED_ERRORS)
    if report.problems:
        raise SuiteError(
            "the server logged problems: %s (see %s)"
            % ("; ".join(map(str, report.problems[:5])), logfile)
        )
    return 0


def _wait_for_registry(logfile, proc, seconds=600, after=None):
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
        if "odoo.modules.loading: Modules loaded." in text:
            return
        if proc.poll() is not None or "Failed to load registry" in text:
            break
        time.sleep(0.5)
    raise SuiteError("the server did not load its registry, see %s" % logfile)
