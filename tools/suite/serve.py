"""`./suite run`: a demo database with every addon of ours, served on localhost."""

import os
import subprocess

from . import addons as addons_mod
from . import environment, logcheck, odoo, paths, postgres, testrun
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
    """Start the server, log in through HTTP as admin, stop: proves `run` works."""
    import time
    import urllib.parse
    import urllib.request
    from http.cookiejar import CookieJar

    proc = subprocess.Popen(
        cmd,
        env=environment.odoo_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = "http://127.0.0.1:%d" % port
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar())
    )
    try:
        page = None
        for _attempt in range(120):
            try:
                page = opener.open(base + "/web/login", timeout=10).read().decode()
                break
            except OSError:
                time.sleep(1)
        if page is None:
            raise SuiteError("the server did not answer on %s" % base)
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        data = urllib.parse.urlencode(
            {"login": "admin", "password": "admin", "csrf_token": token}
        ).encode()
        response = opener.open(base + "/web/login", data=data, timeout=30)
        landed = response.geturl()
        body = response.read().decode()
        if "/web/login" in landed or "odoo.session_info" not in body:
            raise SuiteError("logging in as admin failed (landed on %s)" % landed)
        say("login as admin works: %s" % landed)
        return 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
