"""The log reader on real Odoo 11 logs of the throwaway addons (no Odoo needed).

The logs in logs/ were written by Odoo 11 installing the addons of
fake_addons.py with --test-enable; paths were shortened.
"""

import os

import pytest

from suite import logcheck

LOGS = os.path.join(os.path.dirname(__file__), "logs")


def read(name):
    return logcheck.parse_file(os.path.join(LOGS, name + ".log"))


@pytest.mark.parametrize(
    "name, passed, failed, skipped, problem_kinds",
    [
        ("pass", 2, 0, 0, []),
        ("fail", 1, 1, 0, []),
        ("error", 0, 1, 0, []),
        ("late_fail", 0, 1, 0, []),
        ("import_error", 0, 0, 0, ["import error"]),
        ("install_error", 0, 0, 0, ["log error", "log error"]),
        ("zero", 0, 0, 0, []),
        ("unimported", 2, 0, 0, []),
        ("skip", 1, 0, 1, []),
    ],
)
def test_counts_and_problems(name, passed, failed, skipped, problem_kinds):
    report = read(name)
    assert (report.passed, report.failed, report.skipped) == (passed, failed, skipped)
    assert [p.kind for p in report.problems] == problem_kinds


def test_failed_test_names_are_kept():
    report = read("fail")
    assert report.blocks[0].failed_tests == [
        "FAIL: test_fails (odoo.addons.t_fail.tests.test_fail.TestFail)"
    ]


def test_import_error_reported_once_though_logged_twice():
    report = read("import_error")
    lines = open(os.path.join(LOGS, "import_error.log")).read()
    assert lines.count("Can not `import t_import_error`") == 2
    assert len(report.problems) == 1


def test_zero_tests_means_nothing_executed():
    assert read("zero").executed == 0
    assert not read("zero").blocks


def record(level, logger, msg, db="db"):
    return "2026-01-01 10:00:00,000 42 %s %s %s: %s\n" % (level, db, logger, msg)


def test_stray_error_line_is_a_problem():
    report = logcheck.parse(
        [record("ERROR", "odoo.addons.x.models.y", "something broke")]
    )
    assert [p.kind for p in report.problems] == ["log error"]


def test_critical_line_is_a_problem():
    report = logcheck.parse([record("CRITICAL", "odoo.service.server", "Failed")])
    assert report.problems


def test_traceback_under_warning_is_a_problem():
    lines = [
        record("WARNING", "odoo.http", "oops"),
        "Traceback (most recent call last):\n",
        '  File "x.py", line 1\n',
        "ValueError: bad\n",
    ]
    assert [p.kind for p in logcheck.parse(lines).problems] == ["traceback"]


def test_allowed_error_lines_are_ignored():
    lines = [record("ERROR", "odoo.modules.graph", "module a: Unmet dependencies: b")]
    assert not logcheck.parse(lines, allowed=[r"Unmet dependencies"]).problems


def test_not_installable_module_is_a_problem():
    lines = [
        record("WARNING", "odoo.modules.graph", "module x: not installable, skipped")
    ]
    assert [p.kind for p in logcheck.parse(lines).problems] == ["not installed"]


def test_block_without_result_is_a_problem():
    lines = [
        record(
            "INFO", "odoo.modules.module", "odoo.addons.x.tests.test_a running tests."
        ),
        record("INFO", "odoo.addons.x.tests.test_a", "test_one (odoo.addons.x...)"),
    ]
    report = logcheck.parse(lines)
    assert [p.kind for p in report.problems] == ["unfinished tests"]


def test_output_before_any_log_record_is_a_crash():
    lines = ["Traceback (most recent call last):\n", "ImportError: no odoo\n"]
    assert [p.kind for p in logcheck.parse(lines).problems] == ["crash"]


def test_unexpected_success_counts_as_failure():
    mod = "odoo.addons.x.tests.test_a"
    lines = [
        record("INFO", "odoo.modules.module", mod + " running tests."),
        record("INFO", mod, "Ran 3 tests in 0.1s"),
        record("INFO", mod, "OK"),
        record("INFO", mod, " (skipped=1, unexpected successes=1)"),
    ]
    report = logcheck.parse(lines)
    assert (report.passed, report.failed, report.skipped) == (1, 1, 1)
