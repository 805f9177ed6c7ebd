"""Start Odoo 11 processes with the suite's config, capturing their log."""

import os
import re
import socket
import subprocess
import sys
import time

from . import environment, logcheck, paths
from .shell import SuiteError, elapsed, say

# Known harmless ERROR lines (regexes); keep this empty unless proven needed.
ALLOWED_ERRORS = ()

# What the quiet mode still shows while Odoo works.
PROGRESS = re.compile(
    r" (ERROR|CRITICAL) | running tests\.|Ran \d+ tests?|loading \d+ modules|"
    r"Modules loaded|All post-tested| module \S+: (creating or updating|loading)|"
    r"^\S+ \S+ \d+ INFO \S+ odoo\.addons\.\S+\.tests\.\S+: (OK|FAIL)"
)


# Odoo's line when it starts installing (or updating) one module.
MODULE_STARTS = re.compile(
    r" module (?P<module>\S+): creating or updating database tables"
)


class ModuleProgress(object):
    """Turns Odoo's log into one short line per module it installs, with
    the time spent so far (Odoo does not say how many will follow: it finds
    auto-installed companions on the way)."""

    def __init__(self):
        self.started = time.time()
        self.done = 0

    def line_for(self, line):
        module = MODULE_STARTS.search(line)
        if not module:
            return None
        self.done += 1
        return "    [%s] module %d: %s\n" % (
            elapsed(self.started),
            self.done,
            module.group("module"),
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(conf, dbname, *args):
    return [paths.VENV_PYTHON, paths.LAUNCHER, "-c", conf, "-d", dbname] + list(args)


def run_logged(cmd, logfile, verbose=False, progress=True):
    """Run Odoo, write its whole output to logfile, echo all or the progress lines.

    progress: True echoes the lines of PROGRESS, "modules" one short line per
    module installed (for long installs), False nothing.
    """
    say("%s  (log: %s)" % (" ".join(cmd[1:]), logfile))
    modules = ModuleProgress() if progress == "modules" else None
    with open(logfile, "w") as log:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment.odoo_env(),
            universal_newlines=True,
            errors="replace",
        )
        for line in proc.stdout:
            log.write(line)
            shown = None
            if verbose:
                shown = line
            elif modules is not None:
                shown = modules.line_for(line) or (
                    line if " ERROR " in line or " CRITICAL " in line else None
                )
            elif progress and PROGRESS.search(line):
                shown = line
            if shown:
                sys.stdout.write(shown)
                sys.stdout.flush()
        return proc.wait()


def run_once(conf, dbname, mode, modules, what, verbose=False, progress=True):
    """Install (mode -i) or update (-u) modules and stop; insist on a clean log."""
    logfile = os.path.join(paths.ensure_dir(paths.LOGS), "%s-%s.log" % (dbname, what))
    cmd = command(
        conf,
        dbname,
        mode,
        ",".join(sorted(modules)),
        "--stop-after-init",
        "--http-port",
        str(free_port()),
        "--log-level=info",
    )
    code = run_logged(cmd, logfile, verbose=verbose, progress=progress)
    report = logcheck.parse_file(logfile, ALLOWED_ERRORS)
    if code != 0 or report.problems:
        raise SuiteError(
            "%s of %s in %s failed (exit %s): %s\nsee %s"
            % (
                what,
                ", ".join(sorted(modules)),
                dbname,
                code,
                "; ".join(map(str, report.problems[:5])),
                logfile,
            )
        )
