"""The whole runner (./suite test) on throwaway addons, through a real Odoo.

Each case installs one tiny addon on a copy of a template database holding
only `base`, and checks the closing line and the exit status.
"""

import os
import subprocess

import pytest

from . import fake_addons

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def addons_dir(tmp_path_factory):
    folder = str(tmp_path_factory.mktemp("fake_addons"))
    for name in fake_addons.CASES:
        fake_addons.write_addon(folder, name)
    return folder


def run_suite(addons_dir, name):
    proc = subprocess.run(
        [
            os.path.join(ROOT, "suite"),
            "test",
            "--no-pytest",
            "--addons-path",
            addons_dir,
            name,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        cwd=ROOT,
        timeout=900,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, lines[-1], proc.stdout


# name, closing line (None: only the shape is fixed), exit status is zero
CASES = [
    ("t_pass", "2 passed, 0 failed", True),
    ("t_skip", "1 passed, 0 failed, 1 skipped", True),
    ("t_fail", "1 passed, 1 failed", False),
    ("t_error", "0 passed, 1 failed", False),
    ("t_late_fail", "0 passed, 1 failed", False),
    ("t_import_error", "0 passed, 1 failed", False),
    ("t_zero", "0 passed, 1 failed", False),
    ("t_unimported", "2 passed, 1 failed", False),
    ("t_install_error", None, False),
]


@pytest.mark.parametrize("name, closing, succeeds", CASES)
def test_runner_verdict(addons_dir, name, closing, succeeds):
    code, last, out = run_suite(addons_dir, name)
    if closing is None:
        passed, failed = [int(part.split()[0]) for part in last.split(", ")[:2]]
        assert passed == 0 and failed >= 1, out
    else:
        assert last == closing, out
    assert (code == 0) == succeeds, out
    if not succeeds:
        assert "PROBLEM" in out or "FAIL" in out, out


def test_install_error_names_the_module(addons_dir):
    code, _last, out = run_suite(addons_dir, "t_install_error")
    assert code != 0
    assert "t_install_error is uninstalled after the run" in out
    assert "Odoo exited with 255" in out
