"""`./suite i18n`: write each addon's .pot from the installed code, merge its .po files.

Odoo exports the terms of one module from a database where it is installed
(`--i18n-export`); gettext's msgmerge carries the existing translations over
to the new template, so translators only see what is new or changed.
"""

import argparse
import glob
import os
import re
import shutil

from . import addons as addons_mod
from . import environment, odoo, paths, serve
from .shell import SuiteError, run, say

I18N_DB = "rea_i18n"

# Odoo stamps each export with the time; keeping the old stamp when nothing
# else changed keeps the files out of the diff.
CREATION_DATE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.M)


def _without_dates(text):
    return CREATION_DATE.sub("", text)


def _one_final_newline(text):
    """Odoo ends its files with a blank line; the repository's hooks want one
    newline."""
    return text.rstrip("\n") + "\n"


def export_pot(conf, dbname, addon):
    """Write addon/i18n/<addon>.pot; return True when its terms changed."""
    folder = paths.ensure_dir(os.path.join(addon.path, "i18n"))
    target = os.path.join(folder, addon.name + ".pot")
    fresh = os.path.join(folder, ".%s-new.po" % addon.name)
    cmd = odoo.command(
        conf,
        dbname,
        "--i18n-export=%s" % fresh,
        "--modules=%s" % addon.name,
        "--stop-after-init",
        "--log-level=warn",
    )
    run(cmd, quiet=True, env=environment.odoo_env())
    if not os.path.exists(fresh):
        raise SuiteError("Odoo wrote no %s" % fresh)
    with open(fresh) as handle:
        new_text = _one_final_newline(handle.read())
    old_text = ""
    if os.path.exists(target):
        with open(target) as handle:
            old_text = handle.read()
    if _without_dates(new_text) == _without_dates(old_text):
        os.remove(fresh)
        return False
    os.remove(fresh)
    with open(target, "w") as handle:
        handle.write(new_text)
    return True


def merge_po(pot, po):
    """Carry po's translations over to the terms of pot (new terms empty)."""
    run(
        [
            "msgmerge",
            "--quiet",
            "--update",
            "--backup=none",
            "--no-fuzzy-matching",
            "--no-wrap",
            po,
            pot,
        ],
        quiet=True,
    )
    with open(po) as handle:
        text = handle.read()
    with open(po, "w") as handle:
        handle.write(_one_final_newline(text))


def untranslated(po):
    """How many terms of po have no translation (msgfmt's statistics)."""
    proc = run(["msgfmt", "--statistics", "--output-file=/dev/null", po], quiet=True)
    found = re.search(r"(\d+) untranslated", proc.stdout)
    return int(found.group(1)) if found else 0


def main(args):
    if not shutil.which("msgmerge"):
        raise SuiteError(
            "msgmerge is missing: install gettext (apt install gettext) and run again"
        )
    available = addons_mod.discover()
    names = args.addons or sorted(available)
    unknown = sorted(set(names) - set(available))
    if unknown:
        raise SuiteError("no such addon here: %s" % ", ".join(unknown))
    # The demo database's recipe, under its own name, updated to this code.
    conf = serve.prepare(
        argparse.Namespace(db=I18N_DB, reset=False, update=True, verbose=args.verbose)
    )
    total_missing = 0
    for name in names:
        addon = available[name]
        changed = export_pot(conf, I18N_DB, addon)
        pot = os.path.join(addon.path, "i18n", name + ".pot")
        report = []
        for po in sorted(glob.glob(os.path.join(addon.path, "i18n", "*.po"))):
            merge_po(pot, po)
            missing = untranslated(po)
            total_missing += missing
            report.append("%s %d untranslated" % (os.path.basename(po)[:-3], missing))
        say(
            "%s: template %s; %s"
            % (
                name,
                "updated" if changed else "unchanged",
                ", ".join(report) or "no .po",
            )
        )
    say("%d terms wait for a translation" % total_missing)
    return 0
