"""Addons talk to each other through public methods and documented hooks only.

A private name (``_something``) defined in one ``rea_*`` addon may be used by
another addon (called, overridden, imported) only when the owning addon lists
it among its extension points in ``readme/DEVELOP.rst``. This check reads the
product code (not the tests) with ``ast`` and fails on every other crossing.
Names Odoo itself defines (``_compute_display_name``, ``_search``...) belong
to Odoo's API and are not ours to list.

Run it alone to see the list: ``python3 tests/test_addon_boundaries.py``.
"""

import ast
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ``model.name._method(`` or ``model.name.method(`` in a DEVELOP.rst bullet.
DOCUMENTED = re.compile(r"``([a-z][\w.]*?)\.(\w+)\(")
# Definitions in Odoo's own source: methods and class or module attributes.
CORE_DEFINITION = re.compile(r"^\s*(?:def\s+(_\w+)|(_\w+)\s*=)", re.M)

Crossing = collections.namedtuple("Crossing", "addon path line kind name owners")


def is_private(name):
    return name.startswith("_") and not name.startswith("__")


def find_addons(root=ROOT):
    """``{addon: [rea_* addons it depends on]}``."""
    addons = {}
    for name in sorted(os.listdir(root)):
        manifest = os.path.join(root, name, "__manifest__.py")
        if name.startswith("rea_") and os.path.isfile(manifest):
            with open(manifest) as handle:
                depends = ast.literal_eval(handle.read()).get("depends", [])
            addons[name] = depends
    return {
        name: [dep for dep in depends if dep in addons]
        for name, depends in addons.items()
    }


def below(addons, addon):
    """Every rea_* addon ``addon`` depends on, directly or not."""
    found, todo = set(), list(addons[addon])
    while todo:
        dep = todo.pop()
        if dep not in found:
            found.add(dep)
            todo.extend(addons[dep])
    return found


def product_files(root, addon):
    for folder, subfolders, files in os.walk(os.path.join(root, addon)):
        subfolders[:] = [
            sub for sub in subfolders if sub not in ("tests", "__pycache__")
        ]
        for name in sorted(files):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def _strings(node):
    if isinstance(node, ast.Str):
        return {node.s}
    if isinstance(node, (ast.List, ast.Tuple)):
        return {elt.s for elt in node.elts if isinstance(elt, ast.Str)}
    return set()


def _base_names(cls):
    names = set()
    for base in cls.bases:
        if isinstance(base, ast.Name):
            names.add(base.id)
        elif isinstance(base, ast.Attribute):
            names.add(base.attr)
    return names


def class_keys(cls, extending=False):
    """The models a class defines methods on (its ``_name``, else what it
    ``_inherit``s), else its Python class name; with ``extending``, also what
    it extends: our mixins (``rea.*``) or its Python base classes.

    A method overrides another addon's when a key of its class (extending)
    is a key of the other's class (defining): the same model through
    ``_inherit``, a mixin, or a controller subclassing another."""
    attrs = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                    attrs[target.id] = _strings(stmt.value)
    # A new model (``_name``) extends our own mixins (``rea.*``), not the
    # Odoo ones (mail.thread) that unrelated models of two addons share.
    models = set(attrs.get("_inherit", ()))
    if attrs.get("_name"):
        mixins = {name for name in models if name.startswith("rea.")}
        models = attrs["_name"] | (mixins if extending else set())
    if models:
        return {"model:" + model for model in models}
    bases = _base_names(cls) if extending else set()
    return {"class:" + name for name in bases | {cls.name}}


class AddonCode(object):
    """The private names an addon defines and how it uses others'."""

    def __init__(self, addon, paths):
        self.addon = addon
        self.defined = set()  # every private name defined anywhere
        self.methods = collections.defaultdict(set)  # class key -> private methods
        self.uses = []  # (path, line, name)
        self.overrides = []  # (path, line, name, class keys)
        self.imports = []  # (path, line, name, module)
        for path in paths:
            with open(path) as handle:
                self._read(path, ast.parse(handle.read(), path))

    def _read(self, path, tree):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                keys = class_keys(node)
                extends = class_keys(node, extending=True)
                for stmt in node.body:
                    if isinstance(stmt, ast.FunctionDef) and is_private(stmt.name):
                        for key in keys:
                            self.methods[key].add(stmt.name)
                        self.overrides.append((path, stmt.lineno, stmt.name, extends))
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and is_private(
                node.name
            ):
                self.defined.add(node.name)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and is_private(target.id):
                        self.defined.add(target.id)
            elif isinstance(node, ast.Attribute) and is_private(node.attr):
                self.uses.append((path, node.lineno, node.attr))
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if is_private(alias.name):
                        self.imports.append(
                            (path, node.lineno, alias.name, node.module)
                        )


def odoo_names():
    """Private names Odoo's own source defines (empty if Odoo is not found)."""
    names = set()
    for site in _odoo_dirs():
        for folder, _subfolders, files in os.walk(site):
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), encoding="utf-8") as fh:
                        for match in CORE_DEFINITION.finditer(fh.read()):
                            names.add(match.group(1) or match.group(2))
    return names


def _odoo_dirs():
    pattern = os.path.join(ROOT, ".venv", "lib", "python3.7", "site-packages", "odoo")
    return [pattern] if os.path.isdir(pattern) else []


def documented(root, addon):
    """Method names listed as extension points in the addon's DEVELOP.rst."""
    path = os.path.join(root, addon, "readme", "DEVELOP.rst")
    if not os.path.isfile(path):
        return set()
    with open(path) as handle:
        return {method for _model, method in DOCUMENTED.findall(handle.read())}


def crossings(root=ROOT, core=None):
    """Every use of another addon's private name not listed as its hook."""
    addons = find_addons(root)
    code = {
        addon: AddonCode(addon, list(product_files(root, addon))) for addon in addons
    }
    core = odoo_names() if core is None else core
    hooks = {addon: documented(root, addon) for addon in addons}
    found = []

    def check(addon, path, line, kind, name, owners):
        owners = sorted(owners)
        if owners and not any(name in hooks[owner] for owner in owners):
            rel = os.path.relpath(path, root)
            found.append(Crossing(addon, rel, line, kind, name, tuple(owners)))

    for addon in addons:
        lower = below(addons, addon)
        mine = code[addon]
        for path, line, name in mine.uses:
            if name in core or name in mine.defined:
                continue
            owners = {dep for dep in lower if name in code[dep].defined}
            check(addon, path, line, "calls", name, owners)
        for path, line, name, keys in mine.overrides:
            if name in core:
                continue
            owners = {
                dep
                for dep in lower
                for key in keys
                if name in code[dep].methods.get(key, ())
            }
            check(addon, path, line, "overrides", name, owners)
        for path, line, name, module in mine.imports:
            parts = module.split(".")
            owners = {dep for dep in lower if dep in parts}
            check(addon, path, line, "imports", name, owners)
    return found


def stale_hooks(root=ROOT):
    """Documented extension points that the addon does not define."""
    stale = []
    for addon in find_addons(root):
        names = AddonCode(addon, list(product_files(root, addon)))
        public = set()
        for path in product_files(root, addon):
            with open(path) as handle:
                public |= set(re.findall(r"def\s+([a-z]\w*)\s*\(", handle.read()))
        for name in sorted(documented(root, addon)):
            if name not in names.defined and name not in public:
                stale.append(
                    "%s/readme/DEVELOP.rst lists %s, not defined" % (addon, name)
                )
    return stale


def describe(crossing):
    return "%s:%d: %s %s %s of %s (not listed in its readme/DEVELOP.rst)" % (
        crossing.path,
        crossing.line,
        crossing.addon,
        crossing.kind,
        crossing.name,
        " / ".join(crossing.owners),
    )


def test_odoo_source_found():
    # Without Odoo's source every Odoo name would look like one of ours.
    assert _odoo_dirs(), "Odoo is not installed in .venv (run ./suite setup)"


def test_no_undocumented_crossing():
    found = crossings()
    assert not found, "\n".join(describe(c) for c in found)


def test_listed_hooks_exist():
    stale = stale_hooks()
    assert not stale, "\n".join(stale)


def test_checker_sees_a_crossing(tmp_path):
    """The checker itself: an undocumented call and override are found, a
    documented one is not."""
    low = tmp_path / "rea_low"
    high = tmp_path / "rea_high"
    for addon, depends in ((low, []), (high, ["rea_low"])):
        (addon / "models").mkdir(parents=True)
        (addon / "__manifest__.py").write_text(repr({"depends": depends}))
    (low / "models" / "thing.py").write_text(
        "class Thing(object):\n"
        "    _name = 'rea.thing'\n"
        "    def _secret(self):\n        pass\n"
        "    def _hook(self):\n        pass\n"
    )
    (high / "models" / "thing.py").write_text(
        "class Thing(object):\n"
        "    _inherit = 'rea.thing'\n"
        "    def _hook(self):\n        return self._secret()\n"
    )
    found = crossings(str(tmp_path), core=set())
    assert sorted((c.kind, c.name) for c in found) == [
        ("calls", "_secret"),
        ("overrides", "_hook"),
    ]
    (low / "readme").mkdir()
    (low / "readme" / "DEVELOP.rst").write_text(
        "- ``rea.thing._hook()``: extend it.\n- ``rea.thing._secret()``: call it.\n"
    )
    assert crossings(str(tmp_path), core=set()) == []


if __name__ == "__main__":
    result = crossings()
    for crossing in result:
        print(describe(crossing))
    for line in stale_hooks():
        print(line)
    print("%d undocumented crossings" % len(result))
    sys.exit(1 if result else 0)
