"""`./suite lint` (pre-commit, offline) and `./suite wheels` (setuptools-odoo)."""

import glob
import os
import shutil
import subprocess
import zipfile

from . import environment, paths
from .shell import SuiteError, run, say


def lint(args):
    environment.ensure_tools_venv()
    cmd = [
        os.path.join(paths.TOOLS_VENV, "bin", "pre-commit"),
        "run",
        "--show-diff-on-failure",
    ]
    cmd += ["--all-files"] if not args.files else ["--files"] + args.files
    say(" ".join(cmd))
    return subprocess.call(cmd, cwd=paths.ROOT, env=environment.tools_env())


def wheels(args):
    """One odoo11-addon-* wheel per setup/<addon> folder, into dist/."""
    python = environment.ensure_tools_venv()
    dist = os.path.join(paths.ROOT, "dist")
    shutil.rmtree(dist, ignore_errors=True)
    folders = sorted(
        f
        for f in glob.glob(os.path.join(paths.ROOT, "setup", "*"))
        if os.path.exists(os.path.join(f, "setup.py"))
    )
    if not folders:
        raise SuiteError("no setup/<addon>/setup.py found")
    for folder in folders:
        # No build isolation: setuptools-odoo comes from the tools venv, so the
        # build needs no network.
        run(
            [
                python,
                "-m",
                "pip",
                "wheel",
                "--disable-pip-version-check",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                dist,
                folder,
            ],
            env=environment.tools_env(),
        )
        shutil.rmtree(os.path.join(folder, "build"), ignore_errors=True)
        for egg in glob.glob(os.path.join(folder, "*.egg-info")):
            shutil.rmtree(egg, ignore_errors=True)
    built = sorted(os.path.basename(w) for w in glob.glob(os.path.join(dist, "*.whl")))
    _check_contents(dist, folders)
    for name in built:
        print(name)
    if len(built) != len(folders):
        raise SuiteError("expected %d wheels, built %d" % (len(folders), len(built)))
    say("%d wheels in dist/" % len(built))
    return 0


def _check_contents(dist, folders):
    """Each addon wheel must carry its manifest (untracked files are left out)."""
    for folder in folders:
        name = os.path.basename(folder)
        if name.startswith("_"):
            continue
        wheel = glob.glob(os.path.join(dist, "odoo11_addon_%s-*.whl" % name))
        if not wheel:
            raise SuiteError("no wheel for %s" % name)
        with zipfile.ZipFile(wheel[0]) as archive:
            if "odoo/addons/%s/__manifest__.py" % name not in archive.namelist():
                raise SuiteError(
                    "%s lacks odoo/addons/%s/__manifest__.py: are the "
                    "addon's files committed?" % (wheel[0], name)
                )
