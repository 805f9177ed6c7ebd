# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.tests.common import TransactionCase


class TestViewTotals(TransactionCase):
    """No list or pivot of this addon adds shares of different types or
    amounts of different currencies into one total."""

    def views(self, view_type):
        data = self.env["ir.model.data"].search(
            [("module", "=", "rea_membership_shares"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id"))
        return views.filtered(lambda v: v.type == view_type)

    def test_lists_have_no_column_sums(self):
        lists = self.views("tree")
        self.assertTrue(lists)
        for view in lists:
            arch = etree.fromstring(view.arch)
            summed = arch.xpath("//field[@sum]/@name")
            self.assertFalse(summed, "%s sums %s" % (view.xml_id, summed))

    def test_pivots_group_by_share_type_and_company(self):
        pivots = self.views("pivot")
        self.assertTrue(pivots)
        for view in pivots:
            arch = etree.fromstring(view.arch)
            rows = arch.xpath("//field[@type='row']/@name")
            cols = arch.xpath("//field[@type='col']/@name")
            self.assertEqual(rows[:1], ["share_product_id"], view.xml_id)
            self.assertEqual(cols, ["company_id"], view.xml_id)
