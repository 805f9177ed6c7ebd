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

    def test_grand_totals_never_add_share_types(self):
        """The pivots' grand total (no grouping) has no share count once two
        share types are held; per share type, the count stays."""
        project = self.env["rea.project"].create(
            {"name": "Totals Coop", "slug": "totals-coop-test", "join_style": "shares"}
        )
        member = self.env["res.partner"].create({"name": "Totals Member"})
        Line = self.env["rea.share.line"]
        for name, quantity in (("Totals share A", 3), ("Totals share B", 4)):
            product = self.env["product.product"].create(
                {
                    "name": name,
                    "is_share": True,
                    "share_project_id": project.id,
                    "list_price": 10.0,
                    "sale_ok": False,
                }
            )
            Line.create(
                {
                    "partner_id": member.id,
                    "share_product_id": product.id,
                    "project_id": project.id,
                    "quantity": quantity,
                    "share_unit_price": 10.0,
                    "effective_date": "2026-01-01",
                }
            )
        domain = [("partner_id", "=", member.id)]
        (total,) = Line.read_group(domain, ["quantity", "total_amount"], [])
        self.assertIs(total["quantity"], False)
        self.assertEqual(total["__rea_formats"]["total_amount"]["money"], True)
        per_type = Line.read_group(
            domain, ["share_product_id", "quantity"], ["share_product_id"]
        )
        self.assertEqual(sorted(g["quantity"] for g in per_type), [3, 4])
        self.assertEqual(per_type[0]["__rea_formats"]["quantity"]["digits"], 0)
