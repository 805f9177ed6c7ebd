"""`./suite i18n` keeps translations across a new template and counts what is left."""

import shutil

import pytest

from suite import i18n

POT = r"""msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 11.0\n"
"POT-Creation-Date: 2026-12-07 10:00+0000\n"
"PO-Revision-Date: 2026-12-07 10:00+0000\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. module: rea_demo
#: model:ir.model.fields,field_description:rea_demo.field_x
msgid "Quantity"
msgstr ""

#. module: rea_demo
#: model:ir.model.fields,field_description:rea_demo.field_y
msgid "Unit of measure"
msgstr ""
"""

PO = r"""msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 11.0\n"
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

#. module: rea_demo
msgid "Quantity"
msgstr "Quantité"

#. module: rea_demo
msgid "Removed term"
msgstr "Terme supprimé"
"""


def test_dates_alone_do_not_count_as_a_change():
    later = POT.replace("2026-12-07 10:00", "2026-12-08 11:30")
    assert i18n._without_dates(POT) == i18n._without_dates(later)
    assert i18n._without_dates(POT) != i18n._without_dates(
        POT.replace("Quantity", "Qty")
    )


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="gettext is not installed")
def test_merge_keeps_translations_and_counts_new_terms(tmp_path):
    pot = tmp_path / "rea_demo.pot"
    po = tmp_path / "fr.po"
    pot.write_text(POT)
    po.write_text(PO)
    i18n.merge_po(str(pot), str(po))
    merged = po.read_text()
    assert 'msgstr "Quantité"' in merged
    assert 'msgid "Unit of measure"' in merged
    # A term gone from the code leaves the active translations.
    assert '\nmsgid "Removed term"' not in merged
    assert i18n.untranslated(str(po)) == 1
