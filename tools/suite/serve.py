"""`./suite run`: a demo database with every addon of ours, served on localhost."""

import os
import subprocess

from . import addons as addons_mod
from . import environment, httpcheck, logcheck, odoo, paths, postgres, testrun
from .shell import SuiteError, say


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


def _install(conf, dbname, names, verbose):
    logfile = os.path.join(paths.LOGS, "%s-install.log" % dbname)
    cmd = odoo.command(
        conf,
        dbname,
        "-i",
        ",".join(sorted(names)),
        "--stop-after-init",
        "--http-port",
        str(odoo.free_port()),
        "--log-level=info",
    )
    code = odoo.run_logged(cmd, logfile, verbose=verbose)
    report = logcheck.parse_file(logfile, testrun.ALLOWED_ERRORS)
    if code != 0 or report.problems:
        raise SuiteError(
            "installing %s failed (exit %s): %s\nsee %s"
            % (
                ", ".join(sorted(names)),
                code,
                "; ".join(map(str, report.problems[:5])),
                logfile,
            )
        )


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
        template = testrun.ensure_template(
            addons_mod.external_depends(names, available), conf, args.verbose
        )
        postgres.copy(template, dbname)
        say("installing %s into %s" % (", ".join(sorted(names)), dbname))
        _install(conf, dbname, names, args.verbose)
    else:
        missing = names - _installed(dbname, names)
        if missing:
            say("adding %s to %s" % (", ".join(sorted(missing)), dbname))
            _install(conf, dbname, missing, args.verbose)
        if args.update:
            _update(conf, dbname, names, args.verbose)
    return conf


def _update(conf, dbname, names, verbose):
    logfile = os.path.join(paths.LOGS, "%s-update.log" % dbname)
    cmd = odoo.command(
        conf,
        dbname,
        "-u",
        ",".join(sorted(names)),
        "--stop-after-init",
        "--http-port",
        str(odoo.free_port()),
        "--log-level=info",
    )
    if odoo.run_logged(cmd, logfile, verbose=verbose) != 0:
        raise SuiteError("updating %s failed, see %s" % (dbname, logfile))


def main(args):
    conf = prepare(args)
    url = "http://localhost:%d" % args.port
    say(
        "Odoo serves %s at %s  (log in as admin / admin; Ctrl-C stops it)"
        % (args.db, url)
    )
    cmd = odoo.command(
        conf, args.db, "--http-port", str(args.port), "--db-filter", "^%s$" % args.db
    )
    if args.check:
        return _check(cmd, args.port)
    try:
        return subprocess.call(cmd, env=environment.odoo_env())
    except KeyboardInterrupt:
        return 0


def _check(cmd, port):
    """Start the server, log in over HTTP as admin, load the backend CSS, stop."""
    proc = subprocess.Popen(
        cmd,
        env=environment.odoo_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = httpcheck.Client("http://127.0.0.1:%d" % port)
        client.wait_until_up()
        landed, body = client.login("admin", "admin")
        say("login as admin works: %s" % landed)
        for url in client.stylesheets(body):
            client.check_stylesheet(url)
            say("stylesheet compiled: %s" % url)
        return 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
