"""Read an Odoo 11 log and decide whether a test run really passed.

Odoo 11 exits 0 in several situations where tests did not run or failed
(a test package that cannot be imported, for one), so the verdict comes
from the log itself plus the exit code, never from the exit code alone.
"""

import re

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ "
    r"(?P<level>[A-Z_0-9]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
RUNNING = re.compile(r"^(?P<module>odoo\.addons\.[\w.]+) running tests\.$")
RAN = re.compile(r"^Ran (?P<count>\d+) tests? in ")
# unittest writes "FAILED" and " (failures=1)" separately: two log records.
OUTCOME = re.compile(r"^(?P<word>OK|FAILED)(?: \((?P<details>[^)]*)\))?\s*$")
DETAILS = re.compile(r"^\s*\((?P<details>[^)]*)\)\s*$")
BAD_LEVELS = ("ERROR", "CRITICAL")

# Lines Odoo writes to sum up failures that the per-test counts already
# carry: they must not be counted a second time as stray errors.
TEST_SUMMARY_LINES = (
    re.compile(r"^Module \S+: \d+ failures, \d+ errors$"),
    re.compile(r"^At least one test failed when loading the modules\.$"),
)
# Messages that say a module was not installed although it was asked for.
NOT_INSTALLED = (
    re.compile(r"not installable, skipped"),
    re.compile(r"invalid module names, ignored"),
)


class Problem(object):
    """One reason why the run cannot be trusted, with the log line number."""

    def __init__(self, kind, text, line=None):
        self.kind = kind
        self.text = text
        self.line = line

    def __repr__(self):
        where = " (log line %s)" % self.line if self.line else ""
        return "%s: %s%s" % (self.kind, self.text, where)

    __str__ = __repr__


class TestBlock(object):
    """The results of one test module, from 'running tests.' to 'OK'/'FAILED'."""

    def __init__(self, module, line):
        self.module = module
        self.line = line
        self.ran = None
        self.failures = 0
        self.errors = 0
        self.skipped = 0
        self.unexpected_successes = 0
        self.closed = False
        self.details_seen = False
        self.failed_tests = []

    @property
    def passed(self):
        bad = self.failures + self.errors + self.skipped + self.unexpected_successes
        return max((self.ran or 0) - bad, 0)

    @property
    def failed(self):
        return self.failures + self.errors + self.unexpected_successes


class LogReport(object):
    """Counts and problems read from one log."""

    def __init__(self):
        self.blocks = []
        self.problems = []

    @property
    def passed(self):
        return sum(b.passed for b in self.blocks)

    @property
    def failed(self):
        return sum(b.failed for b in self.blocks)

    @property
    def skipped(self):
        return sum(b.skipped for b in self.blocks)

    @property
    def executed(self):
        return sum(b.ran or 0 for b in self.blocks)

    def add(self, problem):
        """Record a problem once: Odoo repeats some (at_install and post_install)."""
        if not any(
            p.kind == problem.kind and p.text == problem.text for p in self.problems
        ):
            self.problems.append(problem)

    def modules_run(self):
        return {b.module for b in self.blocks}


def _records(lines):
    """Yield (line number, level, logger, message, continuation lines)."""
    current = None
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        match = RECORD.match(line)
        if match:
            if current:
                yield current
            current = [
                number,
                match.group("level"),
                match.group("logger"),
                match.group("msg"),
                [],
            ]
        elif current:
            current[4].append(line)
        elif line.strip():
            # Output before the first log record (a crash of the launcher).
            current = [number, "RAW", "", line, []]
    if current:
        yield current


def _apply_outcome(block, details):
    for part in (details or "").split(","):
        if "=" not in part:
            continue
        key, value = part.strip().split("=", 1)
        value = int(value)
        if key == "failures":
            block.failures = value
        elif key == "errors":
            block.errors = value
        elif key == "skipped":
            block.skipped = value
        elif key == "unexpected successes":
            block.unexpected_successes = value


def _block_line(block, msg):
    """Feed one line of the unittest runner's output to its block.

    Returns False when the line is not part of the block after all.
    """
    if block.closed:
        if block.details_seen:
            return False
        block.details_seen = True
        details = DETAILS.match(msg)
        if details:
            _apply_outcome(block, details.group("details"))
            return True
        return False
    ran = RAN.match(msg)
    outcome = OUTCOME.match(msg)
    if ran:
        block.ran = int(ran.group("count"))
    elif outcome and block.ran is not None:
        _apply_outcome(block, outcome.group("details"))
        block.closed = True
    elif msg.startswith(("FAIL: ", "ERROR: ")):
        block.failed_tests.append(msg)
    return True


def _other_line(report, record, allowed):
    """A line outside test output: is it a sign of trouble?"""
    number, level, logger, msg, more = record
    if level == "RAW":
        text = "\n".join([msg] + more)
        if "Traceback (most recent call last)" in text or "Error" in text:
            report.add(Problem("crash", msg, number))
    elif any(p.search(msg) for p in NOT_INSTALLED):
        report.add(Problem("not installed", msg, number))
    elif level in BAD_LEVELS:
        harmless = TEST_SUMMARY_LINES + tuple(re.compile(p) for p in allowed)
        if not any(p.search(msg) for p in harmless):
            kind = "import error" if "Can not `import" in msg else "log error"
            report.add(Problem(kind, msg, number))
    elif any("Traceback (most recent call last)" in line for line in more):
        report.add(Problem("traceback", "%s %s: %s" % (level, logger, msg), number))


def parse(lines, allowed=()):
    """Parse log lines; `allowed` holds regexes of known harmless ERROR lines."""
    report = LogReport()
    block = None
    for record in _records(lines):
        logger, msg = record[2], record[3]
        running = RUNNING.match(msg)
        if running:
            block = TestBlock(running.group("module"), record[0])
            report.blocks.append(block)
        # Lines of the unittest runner are logged under the test module name.
        elif not (block and logger == block.module and _block_line(block, msg)):
            _other_line(report, record, allowed)
    for block in report.blocks:
        if not block.closed:
            report.add(
                Problem(
                    "unfinished tests",
                    "%s started but never reported its result" % block.module,
                    block.line,
                )
            )
    return report


def parse_file(path, allowed=()):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return parse(handle, allowed)
