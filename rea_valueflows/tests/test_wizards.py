# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import json

from odoo.exceptions import UserError

from .common import VfCase


class TestWizards(VfCase):
    def test_export_wizard_downloads_the_file(self):
        wizard = (
            self.env["rea.vf.export.wizard"]
            .with_context(active_model="res.partner", active_id=self.workshop.id)
            .create({})
        )
        self.assertEqual(wizard.context_id, self.workshop)
        wizard.date_from = "2026-02-01"
        action = wizard.action_export()
        self.assertEqual(action["res_id"], wizard.id)
        # The result dialog keeps a title (else the web client shows "Odoo").
        self.assertEqual(action["name"], "ValueFlows export")
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.filename, "valueflows-fusta-workshop.jsonld")
        document = json.loads(base64.b64decode(wizard.data).decode("utf-8"))
        ids = {node["@id"] for node in document["@graph"]}
        self.assertIn(self.work.vf_uri, ids)
        self.assertNotIn(self.purchase.vf_uri, ids)

    def test_import_wizard_reports(self):
        export = self.env["rea.vf.export.wizard"].create(
            {"context_id": self.workshop.id}
        )
        export.action_export()
        wizard = self.env["rea.vf.import.wizard"].create(
            {"data": export.data, "filename": export.filename}
        )
        action = wizard.action_import()
        self.assertEqual(action["name"], "ValueFlows import")
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.created_count, 0)
        self.assertEqual(wizard.refused_count, 0)
        self.assertGreater(wizard.matched_count, 10)
        self.assertIn("0 created", wizard.report)
        self.assertIn("matched EconomicEvent " + self.purchase.vf_uri, wizard.report)

    def test_import_wizard_errors(self):
        wizard = self.env["rea.vf.import.wizard"].create({})
        with self.assertRaisesRegex(UserError, "Choose a ValueFlows"):
            wizard.action_import()
        wizard.data = base64.b64encode(b"<xml/>")
        with self.assertRaisesRegex(UserError, "not valid JSON"):
            wizard.action_import()
        wizard.write({"data": base64.b64encode(b'{"@graph": []}'), "dry_run": True})
        with self.assertRaisesRegex(UserError, "no ValueFlows node"):
            wizard.action_import()
