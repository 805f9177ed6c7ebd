"""`./suite test`: install our addons on a copy of a template database with
--test-enable, then read the log to decide, then run the top-level pytest tests.

The closing line is `N passed, N failed[, N skipped]`. Problems that make a run
untrustworthy (a test module that cannot be imported, a module that did not
install, an ERROR line, no test at all) each count as one failure.
"""

import glob
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ElementTree

from . import addons as addons_mod
from . import environment, logcheck, odoo, paths, postgres, template
from .shell import SuiteError, say

TEST_PREFIX = "rea_test_"
KEPT_PREFIX = "rea_kept_"
OWNER_PID = re.compile(r"^rea_test_(?:run_)?(\d+)")


class Outcome(object):
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.problems = []
        self.rows = []  # (what, passed, failed, skipped)

    def add(self, what, passed, failed, skipped):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        self.rows.append((what, passed, failed, skipped))

    def problem(self, kind, text):
        self.problems.append(logcheck.Problem(kind, text))

    @property
    def ok(self):
        return not self.failed and not self.problems and self.passed > 0

    def closing_line(self):
        failed = self.failed + len(self.problems)
        line = "%d passed, %d failed" % (self.passed, failed)
        if self.skipped:
            line += ", %d skipped" % self.skipped
        return line


def _check_installed(outcome, dbname, names):
    states = postgres.module_states(dbname, names)
    for name in sorted(names):
        state, demo = states[name]
        if state != "installed":
            outcome.problem("not installed", "%s is %s after the run" % (name, state))
        elif demo != "t":
            # at_install tests run only for modules installed with demo data.
            outcome.problem("no demo", "%s was installed without demo data" % name)


def _check_test_files(outcome, report, tested):
    ran = report.modules_run()
    broken = " ".join(p.text for p in report.problems if p.kind == "import error")
    for addon in tested:
        if "`import %s`" % addon.name in broken:
            continue  # already reported: its tests package did not import
        for module in addon.test_files():
            if module not in ran:
                outcome.problem(
                    "tests never ran",
                    "%s: not imported in tests/__init__.py, no at_install/post_install "
                    "test in it, or the package failed to import" % module,
                )


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_leftovers():
    """Test databases of runs that were interrupted (their process is gone)."""
    for name in postgres.list_ours(TEST_PREFIX):
        owner = OWNER_PID.match(name)
        if owner and not _alive(int(owner.group(1))):
            say("dropping %s, left over by an interrupted run" % name)
            postgres.drop(name)


def run_odoo_tests(outcome, targets, available, extra_paths, keep, verbose):
    conf = environment.write_odoo_conf(extra_paths)
    drop_leftovers()
    deps = addons_mod.external_depends(targets, available)
    template_db = template.ensure_template(deps, conf, verbose)
    dbname = "%s%d_%d" % (TEST_PREFIX, os.getpid(), int(time.time()) % 100000)
    postgres.copy(template_db, dbname)
    logfile = os.path.join(paths.LOGS, "%s.log" % dbname)
    cmd = odoo.command(
        conf,
        dbname,
        "-i",
        ",".join(sorted(targets)),
        "--test-enable",
        "--stop-after-init",
        "--http-port",
        str(odoo.free_port()),
        "--log-level=info",
    )
    try:
        code = odoo.run_logged(cmd, logfile, verbose=verbose)
        report = logcheck.parse_file(logfile, odoo.ALLOWED_ERRORS)
        installed = addons_mod.closure(targets, available)
        _check_installed(outcome, dbname, installed)
    finally:
        if keep:
            kept = KEPT_PREFIX + dbname[len(TEST_PREFIX) :]
            postgres.rename(dbname, kept)
            say("kept database %s (drop it with: dropdb %s)" % (kept, kept))
        else:
            postgres.drop(dbname)
    for block in report.blocks:
        outcome.add(block.module, block.passed, block.failed, block.skipped)
        for failed_test in block.failed_tests:
            say("  %s" % failed_test)
    outcome.problems.extend(report.problems)
    _check_test_files(outcome, report, [available[n] for n in sorted(installed)])
    # Exit 1 is how Odoo reports failed tests, which are counted already.
    if code != 0 and not (code == 1 and report.failed):
        outcome.problem(
            "exit status", "Odoo exited with %s (log: %s)" % (code, logfile)
        )
    if not report.executed and not outcome.problems:
        outcome.problem("no tests", "Odoo ran no test at all (log: %s)" % logfile)
    return logfile


def run_pytest(outcome, verbose):
    """The top-level tests/ (cross-module tests and the runner's own tests)."""
    folder = os.path.join(paths.ROOT, "tests")
    if not glob.glob(os.path.join(folder, "**", "test_*.py"), recursive=True):
        return
    junit = os.path.join(paths.LOGS, "pytest-%d.xml" % os.getpid())
    cmd = [
        paths.VENV_PYTHON,
        "-m",
        "pytest",
        folder,
        "-p",
        "no:cacheprovider",
        "--junitxml",
        junit,
        "-rfE",
        "-q" if not verbose else "-v",
    ]
    say(" ".join(cmd[1:]))
    code = subprocess.call(cmd, cwd=paths.ROOT, env=environment.odoo_env())
    if not os.path.exists(junit):
        outcome.problem("pytest", "pytest wrote no report (exit %s)" % code)
        return
    root = ElementTree.parse(junit).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = failed = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    os.remove(junit)
    outcome.add("tests/ (pytest)", total - failed - skipped, failed, skipped)
    if code not in (0, 1, 5) or (code == 1 and not failed):
        outcome.problem("pytest", "pytest exited with %s" % code)


def print_summary(outcome, logfile):
    print()
    print("%-60s %7s %7s %7s" % ("test module", "passed", "failed", "skipped"))
    for what, passed, failed, skipped in outcome.rows:
        print("%-60s %7d %7d %7d" % (what, passed, failed, skipped))
    for problem in outcome.problems:
        print("PROBLEM %s" % problem)
    if logfile:
        print("Odoo log: %s" % logfile)
    print(outcome.closing_line(), flush=True)


def main(args):
    extra_paths = [os.path.abspath(p) for p in args.addons_path]
    available = addons_mod.discover([paths.ROOT] + extra_paths)
    wanted = list(args.targets)
    run_top_tests = not wanted or "tests" in wanted
    targets = [t for t in wanted if t != "tests"]
    unknown = [t for t in targets if t not in available]
    if unknown:
        raise SuiteError(
            "unknown or uninstallable addon(s): %s (known: %s)"
            % (", ".join(unknown), ", ".join(sorted(available)))
        )
    if not wanted:
        targets = sorted(available)
    environment.ensure_all()
    postgres.ensure_server()
    paths.ensure_dir(paths.LOGS)
    outcome = Outcome()
    logfile = None
    if targets:
        logfile = run_odoo_tests(
            outcome, targets, available, extra_paths, args.keep, args.verbose
        )
    if run_top_tests and not args.no_pytest:
        run_pytest(outcome, args.verbose)
    if not targets and not outcome.rows:
        outcome.problem("no tests", "nothing to test")
    print_summary(outcome, logfile)
    return 0 if outcome.ok else 1
