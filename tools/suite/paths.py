"""Where things live. Everything the tool creates stays inside the checkout."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.path.join(ROOT, ".venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")
TOOLS_VENV = os.path.join(ROOT, ".venv-tools")
HELPERS = os.path.join(ROOT, ".tools")
HELPERS_BIN = os.path.join(HELPERS, "bin")
DATA = os.path.join(ROOT, ".data")
ODOO_DATA = os.path.join(DATA, "odoo")
LOGS = os.path.join(DATA, "logs")
ODOO_CONF = os.path.join(DATA, "odoo.conf")
LAUNCHER = os.path.join(ROOT, "tools", "odoo-bin")
REQUIREMENTS = os.path.join(ROOT, "requirements.txt")
TOOLS_REQUIREMENTS = os.path.join(ROOT, "requirements-tools.txt")


def odoo_addons_dir():
    """The core addons folder inside the venv (python3.7 site-packages)."""
    return os.path.join(VENV, "lib", "python3.7", "site-packages", "odoo", "addons")


def ensure_dir(path):
    os.makedirs(path, exist_ok=True)
    return path
