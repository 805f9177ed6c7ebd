# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests.common import TransactionCase

# Words people misread: "outgo" is not English, "Empty" reads as a defect.
UNCLEAR_RE = re.compile(r"\bOutgo\b|\bEmpty\b")


class TestWording(TransactionCase):
    """The states, filters and totals of exchanges in words people use."""

    def _labels(self, model):
        field = self.env[model]._fields["state"]
        return dict(field._description_selection(self.env))

    def test_state_of_an_exchange_without_transfers(self):
        for model in ("rea.exchange", "rea.transfer"):
            self.assertEqual(self._labels(model)["empty"], "Draft", model)

    def test_views_and_templates(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "rea_exchanges"), ("model", "=", "ir.ui.view")]
        )
        self.assertTrue(data)
        for record in data:
            arch = self.env["ir.ui.view"].browse(record.res_id).arch_db
            self.assertNotRegex(arch, UNCLEAR_RE, record.complete_name)
        search = self.env.ref("rea_exchanges.rea_exchange_view_search").arch_db
        self.assertIn('string="Draft" name="empty"', search)

    def test_totals_box_headers(self):
        html = (
            self.env["ir.qweb"]
            .render("rea_exchanges.exchange_totals_box", {"totals": []})
            .decode()
        )
        headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
        self.assertEqual(
            headers[:3], ["Resource", "Incoming", "Outgoing"], "the totals box columns"
        )
