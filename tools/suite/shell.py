"""Small wrappers around subprocess that print what they do."""

import os
import re
import shutil
import subprocess
import sys
import time


class SuiteError(Exception):
    """A problem the user can fix; the message says how."""


def say(message):
    print("==> %s" % message, flush=True)


def run(cmd, check=True, quiet=False, env=None, cwd=None, input_text=None):
    """Run a command; on failure raise SuiteError with its output."""
    if not quiet:
        say(" ".join(cmd))
    proc = subprocess.run(
        cmd,
        env=env,
        cwd=cwd,
        input=input_text,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
    )
    if check and proc.returncode != 0:
        raise SuiteError(
            "command failed (exit %s): %s\n%s"
            % (proc.returncode, " ".join(cmd), proc.stdout[-4000:])
        )
    return proc


def elapsed(since):
    """Minutes and seconds since a time.time() value, as m:ss."""
    seconds = int(time.time() - since)
    return "%d:%02d" % (seconds // 60, seconds % 60)


# pip's lines that mark a step worth showing (one line per package).
PIP_STEP = re.compile(
    r"^(Collecting|Building wheel for|Installing collected packages|"
    r"Successfully installed|Requirement already satisfied)"
)


def run_with_progress(cmd, step=PIP_STEP, env=None, total=None):
    """Run a long command and show one short line per step it reports.

    Each line carries the time spent so far and, when the number of steps is
    known, how many are done; the whole output is kept for the error message.
    """
    say(" ".join(cmd))
    started = time.time()
    lines, done = [], 0
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        errors="replace",
    )
    for line in proc.stdout:
        lines.append(line)
        if step.search(line):
            done += 1
            count = " %d/%d" % (done, total) if total else ""
            print(
                "    [%s%s] %s" % (elapsed(started), count, line.strip()[:100]),
                flush=True,
            )
    code = proc.wait()
    if code != 0:
        raise SuiteError(
            "command failed (exit %s): %s\n%s"
            % (code, " ".join(cmd), "".join(lines)[-4000:])
        )
    say("done in %s" % elapsed(started))
    return code


def output(cmd, env=None):
    """Run a command and return its stripped standard output, or None on failure."""
    try:
        proc = subprocess.run(
            cmd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            universal_newlines=True,
        )
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.strip()


def which(name, extra=()):
    path = os.pathsep.join(list(extra) + [os.environ.get("PATH", "")])
    return shutil.which(name, path=path)


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def fail(message):
    print("ERROR: %s" % message, file=sys.stderr, flush=True)
    sys.exit(2)
