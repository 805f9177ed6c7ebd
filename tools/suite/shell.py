"""Small wrappers around subprocess that print what they do."""

import os
import shutil
import subprocess
import sys


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
