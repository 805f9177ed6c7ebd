"""Install addons in one `-i` on a new empty database, as an integrator would.

`./suite run` and `./suite test` start from a template that already holds
Odoo's modules; a person installing from Apps, or with `odoo-bin -i` on a
new database, gets everything in one step instead, where Odoo's own
post-install work (e.g. `account` installing a chart of accounts) comes in a
later loading pass, after our demo data. This module runs that install and
says what went wrong.
"""

import os
import re
import time

from . import logcheck, odoo, paths, postgres

# The last line of a Python traceback: the exception and its message.
EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?\w*(?:Error|Exception|Warning): .+")


def last_exception(logfile):
    """The last exception line of a log (what made the install fail), or ''."""
    found = ""
    with open(logfile, errors="replace") as handle:
        for line in handle:
            if EXCEPTION_LINE.match(line):
                found = line.strip()
    return found


class InstallResult(object):
    def __init__(self, addons, dbname, logfile):
        self.addons = sorted(addons)
        self.dbname = dbname
        self.logfile = logfile
        self.code = None
        self.seconds = None
        self.problems = []

    @property
    def ok(self):
        return self.code == 0 and not self.problems

    def describe(self):
        head = "%s: exit %s after %.0f s" % (
            ",".join(self.addons),
            self.code,
            self.seconds or 0,
        )
        if self.ok:
            return head
        cause = last_exception(self.logfile) if os.path.exists(self.logfile) else ""
        return "%s\n  %s%s\n  log: %s" % (
            head,
            "\n  ".join(str(p) for p in self.problems[:8]),
            "\n  cause: %s" % cause[:400] if cause else "",
            self.logfile,
        )


def _module_problems(dbname, names):
    """Modules asked for that are not installed with demo data."""
    states = postgres.module_states(dbname, names)
    problems = []
    for name in sorted(names):
        state, demo = states[name]
        if state != "installed":
            problems.append(
                logcheck.Problem("not installed", "%s is %s" % (name, state))
            )
        elif demo != "t":
            problems.append(
                logcheck.Problem("no demo", "%s installed without demo data" % name)
            )
    return problems


def install(conf, addons, dbname, expect=(), keep=False, base_db=None):
    """Create dbname empty, install addons in one step, check; drop it after.

    expect: the modules that must end up installed (default: addons).
    base_db: start from a copy of this database holding only `base` (what
    Odoo's first step makes of an empty database; see base_only()).
    """
    logfile = os.path.join(paths.ensure_dir(paths.LOGS), "%s.log" % dbname)
    result = InstallResult(addons, dbname, logfile)
    postgres.drop(dbname)
    if base_db:
        postgres.copy(base_db, dbname)
    else:
        postgres.create_empty(dbname)
    cmd = odoo.command(
        conf,
        dbname,
        "-i",
        ",".join(sorted(addons)),
        "--stop-after-init",
        "--http-port",
        str(odoo.free_port()),
        "--log-level=info",
    )
    started = time.time()
    try:
        result.code = odoo.run_logged(cmd, logfile, progress=False)
        result.seconds = time.time() - started
        result.problems = logcheck.parse_file(logfile, odoo.ALLOWED_ERRORS).problems
        result.problems += _module_problems(dbname, expect or addons)
    finally:
        if not keep:
            postgres.drop(dbname)
    return result


def base_only(conf, dbname):
    """A new database where Odoo initialised `base` alone, with demo data.

    Installing into an empty database, Odoo first initialises `base`, then
    installs the rest: copies of this database skip that first step and
    meet everything else as a new database does (Apps installs from there).
    """
    result = install(conf, ["base"], dbname, keep=True)
    if not result.ok:
        postgres.drop(dbname)
    return result
