"""Who may do what: every rea.* model and method, for every role, over JSON-RPC.

The cells are generated from the served registry (the rea.* models of
ir.model, their object buttons in the views, the action_*/button_* methods of
our addons' sources) and compared with the declared expectations in
permissions.csv. A model, operation or method without an expectation fails,
and all failing cells are reported together.

Outcomes: allow (the call ran, or a business rule refused it after access was
granted: UserError/ValidationError), deny (AccessError or no session), skip
(not checked, declared explicitly). Anything else (a crash) fails the cell.
"""

import ast
import csv
import os
import re

from permission_world import World, object_buttons

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TABLE = os.path.join(HERE, "permissions.csv")
# Cells where the suite does not yet do what the table declares: known
# defects, listed so that every other cell guards against regressions now.
# A listed cell that comes right must leave the list (the test says so).
OPEN = os.path.join(HERE, "permissions_open.csv")
ROLES = World.ROLES
CRUD = ("read", "write", "create", "unlink")
# Deny-expected roles act first: an allowed workflow call changes the record.
METHOD_ORDER = (
    "public",
    "candidate",
    "portal",
    "rea_user",
    "share_user",
    "coordinator",
    "manager",
)
PUBLIC_METHOD = re.compile(r"^(action|button)_\w+$")
SIMPLE_TYPES = ("char", "text", "boolean", "integer", "float", "date", "selection")
MAGIC_FIELDS = ("id", "display_name", "create_date", "write_date", "__last_update")
PROBE_FIELDS = ("name", "note", "description", "sequence", "active", "comment")


def load_table():
    table = {}
    with open(TABLE) as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            key = (row["model"], row["operation"], row["scope"])
            assert key not in table, "permissions.csv repeats %s" % (key,)
            values = {role: row[role].strip() for role in ROLES}
            bad = {v for v in values.values() if v not in ("allow", "deny", "skip")}
            assert not bad, "permissions.csv %s: unknown outcome %s" % (key, bad)
            table[key] = values
    return table


def load_open():
    """{(model, operation, scope, role)} of the cells known to be wrong."""
    if not os.path.exists(OPEN):
        return set()
    with open(OPEN) as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {(r["model"], r["operation"], r["scope"], r["role"]) for r in rows}


def source_methods():
    """{model: {method}} of the action_*/button_* methods in our addons."""
    found = {}
    for addon in sorted(os.listdir(ROOT)):
        if not addon.startswith("rea_"):
            continue
        for folder, _dirs, files in os.walk(os.path.join(ROOT, addon)):
            if "/tests" in folder:
                continue
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(folder, name)) as handle:
                        tree = ast.parse(handle.read())
                    for node in ast.walk(tree):
                        if isinstance(node, ast.ClassDef):
                            _collect(node, found)
    return found


def _collect(node, found):
    names = {}
    for item in node.body:
        if isinstance(item, ast.Assign) and len(item.targets) == 1:
            target = getattr(item.targets[0], "id", None)
            if target in ("_name", "_inherit"):
                value = item.value
                if isinstance(value, ast.Str):
                    names[target] = [value.s]
                elif isinstance(value, ast.List):
                    names[target] = [e.s for e in value.elts if isinstance(e, ast.Str)]
    models = names.get("_name") or names.get("_inherit") or []
    methods = {
        item.name
        for item in node.body
        if isinstance(item, ast.FunctionDef) and PUBLIC_METHOD.match(item.name)
    }
    for model in models:
        found.setdefault(model, set()).update(methods)


class Matrix(object):
    def __init__(self, world):
        self.world = world
        self.admin = world.admin
        self.sessions = {role: world.session(role) for role in ROLES}
        self.got = {}  # (model, op, scope, role) -> (outcome, detail)
        self.cleanup = []

    # -- inventory ------------------------------------------------------
    def models(self):
        rows = self.admin.call(
            "ir.model",
            "search_read",
            [("model", "=like", "rea.%")],
            ["model", "transient"],
        )
        inventory = {}
        for row in rows:
            kind = "transient" if row["transient"] else "model"
            try:
                self.admin.call(row["model"], "search", [], limit=1)
            except Exception:
                kind = "abstract"
            inventory[row["model"]] = kind
        return inventory

    def methods(self, inventory):
        found = source_methods()
        views = self.admin.call(
            "ir.ui.view",
            "search_read",
            [("model", "in", sorted(inventory))],
            ["model", "arch_db"],
        )
        for view in views:
            found.setdefault(view["model"], set()).update(
                object_buttons(view["arch_db"])
            )
        return {model: sorted(found.get(model, ())) for model in inventory}

    # -- cells ----------------------------------------------------------
    def probe_field(self, model):
        fields = self.admin.call(
            model, "fields_get", attributes=["type", "readonly", "store"]
        )
        for name in PROBE_FIELDS:
            spec = fields.get(name)
            if spec and spec.get("store", True) and not spec.get("readonly"):
                return name
        # Read-only in the views is no protection over RPC: those count too.
        for readonly in (False, True):
            for name, spec in sorted(fields.items()):
                if (
                    spec["type"] in SIMPLE_TYPES
                    and spec.get("store", True)
                    and bool(spec.get("readonly")) == readonly
                    and name not in MAGIC_FIELDS
                ):
                    return name
        return None

    def run_crud(self, model, scopes, table):
        records = self.world.records.get(model, {})
        probe = self.probe_field(model)
        for scope in scopes:
            record_id = records.get(scope)
            value = None
            if record_id and probe:
                value = self.admin.call(model, "read", [record_id], [probe])[0][probe]
            for role in ROLES:
                session = self.sessions[role]
                expected = table.get((model, "read", scope), {})
                if not record_id:
                    self.note(model, "read", scope, role, ("error", "no record"))
                    self.note(model, "write", scope, role, ("error", "no record"))
                    continue
                if expected.get(role) != "skip":
                    self.note(
                        model,
                        "read",
                        scope,
                        role,
                        session.attempt(model, "read", [record_id], ["display_name"]),
                    )
                if probe and table.get((model, "write", scope), {}).get(role) != "skip":
                    self.note(
                        model,
                        "write",
                        scope,
                        role,
                        session.attempt(model, "write", [record_id], {probe: value}),
                    )
                elif not probe:
                    self.note(
                        model, "write", scope, role, ("error", "no writable field")
                    )

    def run_create(self, model, scopes, table):
        for scope in scopes:
            for role in ROLES:
                if table.get((model, "create", scope), {}).get(role) == "skip":
                    continue
                vals = self.world.new_values(model, scope)
                if vals is None and role == "public":
                    # No session: refused whatever the values, so the
                    # models the world builds no values for are checked too.
                    vals = {}
                if vals is None:
                    self.note(model, "create", scope, role, ("error", "no values"))
                    continue
                got = self.sessions[role].attempt(model, "create", vals)
                if got[0] == "allow":
                    self.cleanup.append((model, got[1]))
                    got = ("allow", got[1])
                self.note(model, "create", scope, role, got)

    def run_unlink(self, model, scopes, table):
        for scope in scopes:
            for role in ROLES:
                if table.get((model, "unlink", scope), {}).get(role) == "skip":
                    continue
                session = self.sessions[role]
                rights = session.attempt(
                    model, "check_access_rights", "unlink", raise_exception=False
                )
                if rights[0] != "allow" or not rights[1]:
                    # Refused by access rights: a real try would need a
                    # record to lose when an override elevates anyway.
                    self.note(model, "unlink", scope, role, ("deny", "access rights"))
                    continue
                vals = self.world.new_values(model, scope)
                if vals is None:
                    self.note(model, "unlink", scope, role, ("error", "no values"))
                    continue
                try:
                    victim = self.admin.call(model, "create", vals)
                except Exception as error:
                    self.note(model, "unlink", scope, role, ("error", str(error)[:200]))
                    continue
                got = session.attempt(model, "unlink", [victim])
                if got[0] != "allow":
                    self.cleanup.append((model, victim))
                self.note(model, "unlink", scope, role, got)

    def run_methods(self, model, kind, methods, scopes, table):
        records = self.world.records.get(model, {})
        for method in methods:
            for role in METHOD_ORDER:
                for scope in scopes:
                    if table.get((model, method, scope), {}).get(role) == "skip":
                        continue
                    session = self.sessions[role]
                    if kind == "transient":
                        vals = self.world.new_values(model, scope)
                        if vals is None:
                            got = ("error", "no values")
                        else:
                            got = session.attempt(model, "create", vals)
                        if got[0] == "allow":
                            got = session.attempt(model, method, [got[1]])
                    elif records.get(scope):
                        got = session.attempt(model, method, [records[scope]])
                        if method == "toggle_active" and got[0] == "allow":
                            # Shared reference data: switch it back on.
                            self.admin.call(model, method, [records[scope]])
                    else:
                        got = ("error", "no record")
                    self.note(model, method, scope, role, got)

    def note(self, model, op, scope, role, got):
        outcome, detail = got
        self.got[(model, op, scope, role)] = (outcome, " ".join(str(detail).split()))

    def finish(self):
        for model, record_id in reversed(self.cleanup):
            try:
                self.admin.call(model, "unlink", [record_id])
            except Exception:
                pass  # e.g. done records that refuse deletion: harmless leftovers


def matches(expected, outcome):
    if expected == "allow":
        return outcome in ("allow", "refused")
    return outcome == expected


def compare(got, table, still_open):
    """Problems of the observed cells against the table and the open list."""
    problems = []
    still_open = set(still_open)
    for cell, (outcome, detail) in sorted(got.items()):
        model, op, scope, role = cell
        expected = table.get((model, op, scope), {}).get(role)
        if not expected or expected == "skip":
            continue
        right = matches(expected, outcome)
        if cell in still_open:
            still_open.discard(cell)
            if right:
                problems.append(
                    "%s %s [%s] as %s: now %s as declared: remove it from "
                    "permissions_open.csv" % (model, op, scope, role, expected)
                )
        elif not right:
            problems.append(
                "%s %s [%s] as %s: expected %s, got %s (%s)"
                % (model, op, scope, role, expected, outcome, detail)
            )
    for cell in sorted(still_open):
        problems.append("%s %s [%s] as %s: in permissions_open.csv, not checked" % cell)
    return problems


def test_permission_matrix(click_server):
    world = World(click_server).build()
    table = load_table()
    matrix = Matrix(world)
    inventory = matrix.models()
    methods = matrix.methods(inventory)
    problems = []
    declared_scopes = {}
    for model, operation, scope in table:
        declared_scopes.setdefault(model, set()).add(scope)
    try:
        for model, kind in sorted(inventory.items()):
            scopes = sorted(
                world.records.get(model) or declared_scopes.get(model) or ["any"]
            )
            ops = list(methods[model])
            if kind == "model":
                ops = list(CRUD) + ops
                matrix.run_crud(model, scopes, table)
                matrix.run_methods(model, kind, methods[model], scopes, table)
                matrix.run_create(model, scopes, table)
                matrix.run_unlink(model, scopes, table)
            elif kind == "transient":
                ops = ["create"] + ops
                matrix.run_create(model, scopes, table)
                matrix.run_methods(model, kind, methods[model], scopes, table)
            else:
                matrix.run_methods(model, kind, methods[model], scopes, table)
            for op in ops:
                for scope in scopes:
                    if (model, op, scope) not in table:
                        problems.append(
                            "%s %s [%s]: no expectation in permissions.csv"
                            % (model, op, scope)
                        )
        known = set(inventory)
        for model, op, scope in sorted(table):
            if model not in known:
                problems.append("%s: in permissions.csv, not in the registry" % model)
            elif op not in CRUD + ("create",) and op not in methods[model]:
                problems.append("%s %s: declared, no such method" % (model, op))
    finally:
        matrix.finish()
    problems.extend(compare(matrix.got, table, load_open()))
    dump = os.environ.get("REA_MATRIX_DUMP")
    if dump:  # what the server did, in the table's shape, to review changes
        with open(dump, "w") as handle:
            out = csv.writer(handle)
            out.writerow(["model", "operation", "scope", "role", "got", "detail"])
            for key, (outcome, detail) in sorted(matrix.got.items()):
                out.writerow(list(key) + [outcome, str(detail)[:120]])
    assert not problems, "%d permission cells differ:\n%s" % (
        len(problems),
        "\n".join(sorted(set(problems))),
    )
