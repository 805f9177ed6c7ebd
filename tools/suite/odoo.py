"""Start Odoo 11 processes with the suite's config, capturing their log."""

import os
import re
import socket
import subprocess
import sys

from . import environment, logcheck, paths
from .shell import SuiteError, say

# Known harmless ERROR lines (regexes); keep this empty unless proven needed.
ALLOWED_ERRORS = ()

# What the quiet mode still shows while Odoo works.
PROGRESS = re.compile(
    r" (ERROR|CRITICAL) | running tests\.|Ran \d+ tests?|loading \d+ modules|"
    r"Modules loaded|All post-tested| module \S+: (creating or updating|loading)|"
    r"^\S+ \S+ \d+ INFO \S+ odoo\.addons\.\S+\.tests\.\S+: (OK|FAIL)"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(conf, dbname, *args):
    return [paths.VENV_PYTHON, paths.LAUNCHER, "-c", conf, "-d", dbname] + list(args)


def run_logged(cmd, logfile, verbose=False, progress=True):
    """Run Odoo, write its whole output to logfile, echo all or the progress lines."""
    say("%s  (log: %s)" % (" ".join(cmd[1:]), logfile))
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
            if verbose or (progress and PROGRESS.search(line)):
                sys.stdout.write(line)
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
