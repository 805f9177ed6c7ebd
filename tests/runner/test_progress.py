"""Long steps show progress: one line per package pip resolves, one line per
module Odoo installs, each with the time spent so far."""

import sys

import pytest

from suite import environment, odoo, shell

FAKE_PIP = r"""
import sys, time
for name in ("alpha", "beta", "gamma"):
    print("Collecting %s==1.0" % name, flush=True)
    print("  Downloading %s-1.0.tar.gz (12 kB)" % name, flush=True)
    time.sleep(0.2)
print("Installing collected packages: alpha, beta, gamma", flush=True)
sys.exit(int(sys.argv[1]))
"""


def test_pip_progress_one_line_per_package(capsys):
    shell.run_with_progress(
        [sys.executable, "-c", FAKE_PIP, "0"],
        step=environment.PIP_COLLECTING,
        total=3,
    )
    shown = capsys.readouterr().out.splitlines()
    steps = [line for line in shown if line.startswith("    [")]
    assert len(steps) == 3, shown
    assert steps[0].startswith("    [0:00 1/3] Collecting alpha==1.0")
    assert steps[2].endswith("3/3] Collecting gamma==1.0")
    # pip's other lines stay in its output, kept for an error message.
    assert not any(line.lstrip().startswith("Downloading") for line in shown)
    assert shown[-1].startswith("==> done in 0:0")


def test_pip_failure_keeps_the_output():
    with pytest.raises(shell.SuiteError) as error:
        shell.run_with_progress(
            [sys.executable, "-c", FAKE_PIP, "1"], step=environment.PIP_COLLECTING
        )
    assert "exit 1" in str(error.value)
    assert "Downloading gamma-1.0.tar.gz" in str(error.value)


def test_pins_are_counted(tmp_path):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pins\nalpha==1.0\n\nbeta==2.0  # why\n")
    assert environment._count_pins(str(requirements)) == 2


def test_module_progress_one_line_per_module():
    progress = odoo.ModuleProgress()
    log = [
        "2026-12-07 10:00:00,000 1 INFO db odoo.modules.loading: loading 39 modules...",
        "2026-12-07 10:00:01,000 1 INFO db odoo.modules.registry: module account: "
        "creating or updating database tables",
        "2026-12-07 10:00:02,000 1 INFO db odoo.modules.loading: loading "
        "account/data/account_data.xml",
        "2026-12-07 10:00:03,000 1 INFO db odoo.modules.registry: module rea_base: "
        "creating or updating database tables",
    ]
    shown = [progress.line_for(line) for line in log]
    assert shown[0] is None and shown[2] is None
    assert shown[1] == "    [0:00] module 1: account\n"
    assert shown[3] == "    [0:00] module 2: rea_base\n"


def test_run_logged_shows_module_lines(tmp_path, capsys):
    script = (
        "print('2026-12-07 10:00:00,000 1 INFO db odoo.modules.registry: module "
        "web: creating or updating database tables'); "
        "print('2026-12-07 10:00:00,000 1 INFO db odoo.modules.loading: loading "
        "web/views/webclient_templates.xml')"
    )
    logfile = str(tmp_path / "odoo.log")
    code = odoo.run_logged([sys.executable, "-c", script], logfile, progress="modules")
    assert code == 0
    shown = capsys.readouterr().out.splitlines()[1:]  # after the command line
    assert shown == ["    [0:00] module 1: web"]
    with open(logfile) as handle:
        assert "webclient_templates" in handle.read()
