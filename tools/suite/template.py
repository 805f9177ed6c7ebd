"""Template databases: Odoo's own modules with demo data, installed once.

A test run (`./suite test`), the demo database (`./suite run`) and the
end-to-end tests copy a template instead of installing Odoo's modules again.
This module owns their names, when one is reused, built again or dropped.
"""

import fcntl
import hashlib
import os

from . import odoo, paths, postgres
from .shell import say

TEMPLATE_PREFIX = "rea_tmpl_"


def template_key(deps):
    """Name part for a template: which Odoo modules, then which pins and checkout.

    The first half tells templates of different dependency sets apart (they
    live side by side); the second changes with requirements.txt and with the
    checkout, whose .data folder holds the template's filestore.
    """
    modules = hashlib.sha256(",".join(sorted(deps)).encode()).hexdigest()[:6]
    environment = hashlib.sha256()
    with open(paths.REQUIREMENTS, "rb") as handle:
        environment.update(handle.read())
    environment.update(paths.ROOT.encode())
    return "%s_%s" % (modules, environment.hexdigest()[:6])


def template_name(deps):
    """The database name of the template holding the Odoo modules deps."""
    return TEMPLATE_PREFIX + template_key(deps)


def ensure_template(deps, conf, verbose=False):
    """A database holding Odoo's modules we depend on, with demo data, built once."""
    name = template_name(deps)
    if postgres.exists(name) and not missing_files(name):
        return name
    # Two runs at once (parallel work in one checkout) must not build the same
    # template twice: the second waits for the first, then reuses its result.
    os.makedirs(paths.DATA, exist_ok=True)
    with open(os.path.join(paths.DATA, name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if postgres.exists(name):
            lost = missing_files(name)
            if not lost:
                return name
            # A new clone at the same path finds the database of an earlier
            # clone but not its filestore: copies of it would miss attachments
            # (web assets, images) and log a traceback for each.
            say(
                "the template %s lost %d attachment files (a new checkout?): "
                "building it again" % (name, lost)
            )
            postgres.drop(name)
        return _build_template(name, deps, conf, verbose)


def missing_files(dbname):
    """How many stored attachments of dbname have no file in its filestore."""
    rows = postgres.query(
        dbname,
        "select distinct store_fname from ir_attachment where store_fname is not null",
    )
    folder = postgres.filestore(dbname)
    return sum(
        1 for row in rows or [] if not os.path.isfile(os.path.join(folder, row[0]))
    )


def _build_template(name, deps, conf, verbose):
    building = name + "_build"
    postgres.drop(building)
    postgres.create_empty(building)
    say(
        "building the template database %s with %s, once: about 2 minutes on "
        "an idle machine, more when it is busy; one line per module follows"
        % (name, ", ".join(deps))
    )
    odoo.run_once(conf, building, "-i", deps, "template", verbose, progress="modules")
    postgres.rename(building, name)
    # Older templates (other pins or dependencies) are ours and stale.
    same_modules = name.rsplit("_", 1)[0] + "_"
    for old in postgres.list_ours(same_modules):
        if old != name and not old.endswith("_build"):
            say("dropping the outdated template %s" % old)
            postgres.drop(old)
    return name
