"""Tiny throwaway addons, one per way a test run can go wrong (or right)."""

import os
import textwrap

MANIFEST = """{
    "name": "%(name)s",
    "version": "11.0.1.0.0",
    "license": "AGPL-3",
    "depends": ["base"],
    "data": %(data)r,
    "installable": True,
}
"""

PASSING_TEST = """
from odoo.tests.common import TransactionCase


class TestPass(TransactionCase):
    def test_partner_exists(self):
        self.assertTrue(self.env.ref("base.main_partner"))

    def test_arithmetic(self):
        self.assertEqual(2 + 2, 4)
"""

FAILING_TEST = """
from odoo.tests.common import TransactionCase


class TestFail(TransactionCase):
    def test_passes(self):
        self.assertTrue(True)

    def test_fails(self):
        self.assertEqual(1, 2)
"""

ERRORING_TEST = """
from odoo.tests.common import TransactionCase


class TestError(TransactionCase):
    def test_raises(self):
        raise RuntimeError("boom")
"""

POST_INSTALL_FAILING_TEST = """
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class TestLate(common.TransactionCase):
    def test_fails_late(self):
        self.assertEqual("a", "b")
"""

IMPORT_ERROR_TEST = """
import module_that_does_not_exist  # noqa: F401
from odoo.tests.common import TransactionCase


class TestNeverRuns(TransactionCase):
    def test_never(self):
        self.assertTrue(True)
"""

BROKEN_DATA = """<?xml version="1.0" encoding="utf-8"?>
<odoo>
    <record id="broken" model="model.that.does.not.exist">
        <field name="name">broken</field>
    </record>
</odoo>
"""

SKIPPED_TEST = """
import unittest

from odoo.tests.common import TransactionCase


class TestSkip(TransactionCase):
    def test_runs(self):
        self.assertTrue(True)

    @unittest.skip("shows up as skipped")
    def test_skipped(self):
        self.fail("never")
"""

# name -> {relative path: content}; tests/__init__.py is written from the list.
CASES = {
    "t_pass": {"tests/test_pass.py": PASSING_TEST},
    "t_fail": {"tests/test_fail.py": FAILING_TEST},
    "t_error": {"tests/test_error.py": ERRORING_TEST},
    "t_late_fail": {"tests/test_late.py": POST_INSTALL_FAILING_TEST},
    "t_import_error": {"tests/test_import.py": IMPORT_ERROR_TEST},
    "t_install_error": {
        "data/broken.xml": BROKEN_DATA,
        "tests/test_pass.py": PASSING_TEST,
    },
    "t_zero": {},
    "t_unimported": {
        "tests/test_pass.py": PASSING_TEST,
        "tests/test_forgotten.py": PASSING_TEST,
    },
    "t_skip": {"tests/test_skip.py": SKIPPED_TEST},
}
# Test files deliberately left out of tests/__init__.py.
NOT_IMPORTED = {"t_unimported": ["test_forgotten"]}


def write_addon(folder, name):
    files = CASES[name]
    root = os.path.join(folder, name)
    data = sorted(p for p in files if p.startswith("data/"))
    tests = sorted(os.path.basename(p)[:-3] for p in files if p.startswith("tests/"))
    contents = dict(files)
    contents["__manifest__.py"] = MANIFEST % {"name": name, "data": data}
    contents["__init__.py"] = ""
    if tests:
        imported = [t for t in tests if t not in NOT_IMPORTED.get(name, [])]
        contents["tests/__init__.py"] = "".join(
            "from . import %s\n" % t for t in imported
        )
    for relative, text in contents.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            handle.write(textwrap.dedent(text))
    return root
