"""Every addon, alone and all together, installs in one step with demo data.

On a new empty database, as `createdb X; odoo-bin -d X -i rea_x
--stop-after-init` does (and Apps does): Odoo's own modules come in the same
run, and what they do after installing (e.g. `account` installs a chart of
accounts in a later pass) happens after our demo data loaded. A case fails
on a non-zero exit, an ERROR/CRITICAL line or a traceback in the log, or a
module that is not installed with demo data.

Every case starts from a copy of one database where Odoo initialised `base`
alone (its first step on an empty database, done once). The installs run two
at a time (SUITE_INSTALL_JOBS changes it), longest first; their durations are
written to .data/logs/install-one-step.txt.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from suite import addons as addons_mod
from suite import environment, onestep, paths, postgres

AVAILABLE = addons_mod.discover()
ALL = "all"
# Longest first, so that two workers finish together.
CASES = [ALL] + sorted(
    AVAILABLE, key=lambda name: -len(addons_mod.external_depends([name], AVAILABLE))
)


def _dbname(case):
    return "rea_test_run_%d_one_%s" % (os.getpid(), case.replace("rea_", ""))


def _install(case, base_db):
    names = sorted(AVAILABLE) if case == ALL else [case]
    conf = environment.write_odoo_conf()
    return onestep.install(
        conf,
        names,
        _dbname(case),
        expect=addons_mod.closure(names, AVAILABLE),
        base_db=base_db,
    )


@pytest.fixture(scope="module")
def results():
    jobs = int(os.environ.get("SUITE_INSTALL_JOBS", "2"))
    started = time.time()
    conf = environment.write_odoo_conf()
    base = onestep.base_only(conf, _dbname("base_only"))
    assert base.ok, base.describe()
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            installs = pool.map(lambda case: _install(case, base.dbname), CASES)
            done = dict(zip(CASES, installs))
    finally:
        postgres.drop(base.dbname)
    report = os.path.join(paths.ensure_dir(paths.LOGS), "install-one-step.txt")
    with open(report, "w") as handle:
        handle.write(base.describe() + " (base alone, copied for each case)\n")
        for case in CASES:
            handle.write(done[case].describe() + "\n")
        handle.write(
            "%d installs, %d at a time: %.0f s\n"
            % (len(CASES), jobs, time.time() - started)
        )
    return done


@pytest.mark.parametrize("case", CASES)
def test_installs_in_one_step_with_demo_data(results, case):
    result = results[case]
    assert result.ok, result.describe()


def test_a_failure_names_its_cause(tmp_path):
    logfile = tmp_path / "install.log"
    logfile.write_text(
        "2026-12-07 10:00:00,000 1 ERROR db odoo.modules.registry: "
        "Failed to load registry\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        'odoo.tools.convert.ParseError: "Set the cooperator account first"\n'
    )
    result = onestep.InstallResult(["rea_x"], "db", str(logfile))
    result.code, result.seconds = 255, 12.0
    result.problems = [onestep.logcheck.Problem("log error", "Failed to load registry")]
    text = result.describe()
    assert text.startswith("rea_x: exit 255 after 12 s")
    assert 'cause: odoo.tools.convert.ParseError: "Set the cooperator account' in text
