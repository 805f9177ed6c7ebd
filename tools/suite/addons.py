"""Find our addons and what they need from Odoo."""

import ast
import glob
import os

from . import paths


class Addon(object):
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(os.path.join(path, "__manifest__.py")) as handle:
            self.manifest = ast.literal_eval(handle.read())

    @property
    def depends(self):
        return list(self.manifest.get("depends", []))

    @property
    def installable(self):
        return self.manifest.get("installable", True)

    def test_files(self):
        """Test modules by their Odoo name (odoo.addons.X.tests.test_y)."""
        found = glob.glob(os.path.join(self.path, "tests", "test_*.py"))
        return sorted(
            "odoo.addons.%s.tests.%s" % (self.name, os.path.basename(f)[:-3])
            for f in found
        )

    def __repr__(self):
        return "<Addon %s>" % self.name


def discover(folders=(paths.ROOT,)):
    """Installable addons in the given folders, by name."""
    found = {}
    for folder in folders:
        for manifest in sorted(glob.glob(os.path.join(folder, "*", "__manifest__.py"))):
            addon = Addon(os.path.dirname(manifest))
            if addon.installable:
                found[addon.name] = addon
    return found


def closure(names, available):
    """The given addons plus those of ours they depend on, transitively."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in available:
            continue
        seen.add(name)
        todo.extend(available[name].depends)
    return seen


def external_depends(names, available):
    """Odoo modules (not ours) that the given addons need, directly or through ours."""
    ours = closure(names, available)
    deps = set()
    for name in ours:
        deps.update(d for d in available[name].depends if d not in available)
    return sorted(deps) or ["base"]
