"""PostgreSQL: make sure a server runs and we may use it; create and drop our databases.

Databases made by this tool carry a comment (MARK); the tool drops only
databases that carry it, never one it did not create.
"""

import getpass
import os
import re
import shutil
import time

from . import paths
from .shell import SuiteError, is_root, output, run, say, which

MARK = "created by the REA suite tool"
# Each checkout keeps its own filestore (.data), so it keeps its own databases.
OWN_MARK = "%s in %s" % (MARK, paths.ROOT.replace("'", "''"))
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def _psql(sql, dbname="postgres"):
    """Run one statement through psql and return its unaligned output (or None)."""
    cmd = [
        "psql",
        "-X",
        "-q",
        "-A",
        "-t",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        dbname,
        "-c",
        sql,
    ]
    return output(cmd)


def _server_answers():
    return _psql("select 1") == "1"


def _start_clusters():
    clusters = output(["pg_lsclusters", "--no-header"])
    if clusters is None:
        return False
    started = False
    for line in clusters.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] == "down":
            if not is_root():
                raise SuiteError(
                    "PostgreSQL %s/%s is down; start it with: "
                    "sudo pg_ctlcluster %s %s start"
                    % (parts[0], parts[1], parts[0], parts[1])
                )
            run(["pg_ctlcluster", parts[0], parts[1], "start"])
            started = True
    return started


def _create_role():
    user = getpass.getuser()
    if not is_root() and user != "postgres":
        raise SuiteError(
            "PostgreSQL has no role '%s'; create it with: "
            "sudo -u postgres createuser -s %s" % (user, user)
        )
    say("creating the PostgreSQL role '%s'" % user)
    runner = which("runuser")
    if runner:
        run([runner, "-u", "postgres", "--", "createuser", "-s", user])
    else:
        run(["su", "postgres", "-c", "createuser -s %s" % user])


def ensure_server():
    """Use a running server; start a stopped one; create our role if needed."""
    if not which("psql"):
        raise SuiteError(
            "PostgreSQL is not installed (no psql). Install it, e.g. "
            "apt-get install postgresql, then run this command again"
        )
    if _server_answers():
        return
    probe = run(
        ["psql", "-X", "-d", "postgres", "-c", "select 1"], check=False, quiet=True
    )
    if "does not exist" in probe.stdout and "role" in probe.stdout:
        _create_role()
    elif _start_clusters():
        for _attempt in range(30):
            if _server_answers():
                break
            probe = run(
                ["psql", "-X", "-d", "postgres", "-c", "select 1"],
                check=False,
                quiet=True,
            )
            if "role" in probe.stdout and "does not exist" in probe.stdout:
                _create_role()
            time.sleep(1)
    elif which("pg_lsclusters") is None:
        raise SuiteError(
            "No PostgreSQL server answers and none is installed here "
            "(no pg_lsclusters). Install PostgreSQL 15 and start it."
        )
    # Another command of ours may have just started the cluster: it refuses
    # connections while it starts up, which is not a failure.
    for _attempt in range(60):
        if "starting up" not in probe.stdout or _server_answers():
            break
        time.sleep(1)
        probe = run(
            ["psql", "-X", "-d", "postgres", "-c", "select 1"], check=False, quiet=True
        )
    if not _server_answers():
        raise SuiteError("PostgreSQL does not answer: %s" % probe.stdout.strip())


def _check_name(name):
    if not NAME_RE.match(name):
        raise SuiteError(
            "invalid database name %r (lowercase letters, digits, _)" % name
        )


def exists(name):
    _check_name(name)
    return _psql("select 1 from pg_database where datname = '%s'" % name) == "1"


def created_by_us(name):
    _check_name(name)
    comment = _psql(
        "select shobj_description(oid, 'pg_database') "
        "from pg_database where datname = '%s'" % name
    )
    return bool(comment) and comment.startswith(MARK)


def _mark(name):
    run(
        [
            "psql",
            "-X",
            "-q",
            "-d",
            "postgres",
            "-c",
            "COMMENT ON DATABASE %s IS '%s'" % (name, OWN_MARK),
        ],
        quiet=True,
    )


def create_empty(name):
    """An empty UTF-8 database that Odoo initialises on first start."""
    _check_name(name)
    run(
        ["createdb", "-E", "UTF8", "-T", "template0", "--lc-collate=C", name],
        quiet=True,
    )
    _mark(name)


def filestore(name):
    return os.path.join(paths.ODOO_DATA, "filestore", name)


def copy(template, name):
    """Copy a database and its filestore (attachments live on disk)."""
    _check_name(template)
    _check_name(name)
    run(["createdb", "-T", template, name], quiet=True)
    _mark(name)
    if os.path.isdir(filestore(template)):
        if os.path.isdir(filestore(name)):
            shutil.rmtree(filestore(name))
        shutil.copytree(filestore(template), filestore(name))


def rename(old, new):
    _check_name(old)
    _check_name(new)
    run(
        [
            "psql",
            "-X",
            "-q",
            "-d",
            "postgres",
            "-c",
            "ALTER DATABASE %s RENAME TO %s" % (old, new),
        ],
        quiet=True,
    )
    if os.path.isdir(filestore(old)):
        os.rename(filestore(old), filestore(new))


def drop(name):
    """Drop a database this tool created; refuse any other."""
    if not exists(name):
        return
    if not created_by_us(name):
        raise SuiteError(
            "refusing to drop database %r: this tool did not create it" % name
        )
    run(["dropdb", "--if-exists", name], quiet=True)
    shutil.rmtree(filestore(name), ignore_errors=True)


def list_ours(prefix):
    names = _psql(
        "select datname from pg_database where datname like '%s%%' "
        "and shobj_description(oid, 'pg_database') = '%s'" % (prefix, OWN_MARK)
    )
    return [n for n in (names or "").splitlines() if n]


def query(name, sql):
    """Rows of a read-only query as lists of strings ('|'-separated by psql)."""
    result = _psql(sql, dbname=name)
    if result is None:
        return None
    return [line.split("|") for line in result.splitlines() if line]


def execute(name, sql):
    """Run one statement in a database; stop with a clear error if it fails."""
    _check_name(name)
    if _psql(sql, dbname=name) is None:
        raise SuiteError("PostgreSQL refused, in %s: %s" % (name, sql))


def module_states(dbname, names):
    """{module: (state, demo)} of names in dbname; absent ones are
    ("absent", "f"), as a module Odoo never heard of."""
    listed = "','".join(sorted(names))
    rows = (
        query(
            dbname,
            "select name, state, demo from ir_module_module "
            "where name in ('%s')" % listed,
        )
        or []
    )
    states = {row[0]: (row[1], row[2]) for row in rows}
    return {name: states.get(name, ("absent", "f")) for name in names}
