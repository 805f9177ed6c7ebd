"""The FairCoin addon's chain helpers and stand-in Electrum server, for the
end-to-end tests (not a test module).

They are plain Python (no Odoo): they are loaded from the addon's files under
a package name of their own, without running the addon's ``__init__`` (which
imports Odoo models).
"""

import importlib
import importlib.machinery
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADDON = os.path.join(ROOT, "rea_payment_faircoin")
PACKAGE = "_rea_payment_faircoin_e2e"


def _empty_package(name, path):
    """A package whose submodules are found in ``path``; its own
    ``__init__.py`` is not run."""
    if name not in sys.modules:
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = [path]
        sys.modules[name] = importlib.util.module_from_spec(spec)
    return sys.modules[name]


def load(submodule):
    """``load("tests.electrum_standin")``: that file of the addon as a module."""
    _empty_package(PACKAGE, ADDON)
    _empty_package(PACKAGE + ".tests", os.path.join(ADDON, "tests"))
    return importlib.import_module("%s.%s" % (PACKAGE, submodule))
