"""Lint does not depend on what ran before it.

isort guesses that a module is first party when it finds it in the checkout
(a `suite.py`, a `suite/` or `src/suite/` package, a checkout folder named
`suite`). Such a guess changed the import order of the tests after other
commands had left files behind. `.isort.cfg` declares the sections instead:
the tests' and the tooling's imports must stay sorted whatever lies around.
"""

import os
import shutil
import subprocess

import pytest

from suite import environment, paths


def _isort():
    environment.ensure_tools_venv()
    return os.path.join(paths.TOOLS_VENV, "bin", "isort")


def _checkout(parent, name):
    """The files isort reads, copied into parent/name."""
    root = os.path.join(str(parent), name)
    ignore = shutil.ignore_patterns("__pycache__", "logs")
    for folder in ("tests", "tools"):
        shutil.copytree(
            os.path.join(paths.ROOT, folder), os.path.join(root, folder), ignore=ignore
        )
    shutil.copy(os.path.join(paths.ROOT, ".isort.cfg"), root)
    return root


def _touch(root, relative):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").close()


@pytest.mark.parametrize(
    "name, leftovers",
    [
        ("fresh", []),
        ("module", ["suite.py"]),
        ("package", ["src/suite/__init__.py"]),
        ("suite", []),
    ],
)
def test_imports_stay_sorted_whatever_the_checkout_holds(tmp_path, name, leftovers):
    root = _checkout(tmp_path, name)
    for relative in leftovers:
        _touch(root, relative)
    proc = subprocess.run(
        [_isort(), "--check-only", "--diff", "tests", "tools"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        universal_newlines=True,
        env=environment.tools_env(),
    )
    assert proc.returncode == 0, proc.stdout
