# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval


class TestShareTypeViews(TransactionCase):
    """The share types menu opens share type views, not the product form."""

    def test_action_opens_share_type_views(self):
        action = self.env.ref("rea_membership_shares.action_share_type")
        views = {view.view_mode: view.view_id for view in action.view_ids}
        self.assertEqual(
            views["form"],
            self.env.ref("rea_membership_shares.product_template_share_form"),
        )
        self.assertEqual(
            views["tree"],
            self.env.ref("rea_membership_shares.product_template_share_tree"),
        )
        self.assertEqual(
            action.search_view_id,
            self.env.ref("rea_membership_shares.product_template_share_search"),
        )
        # What the web client gets when it opens the action's form.
        result = self.env["product.template"].load_views(
            [(v.view_id.id, v.view_mode) for v in action.view_ids]
            + [(action.search_view_id.id, "search")]
        )
        form = etree.fromstring(result["fields_views"]["form"]["arch"])
        names = set(form.xpath("//field/@name"))
        for name in (
            "share_project_id",
            "list_price",
            "share_min_quantity",
            "share_max_value",
            "share_for_individuals",
            "share_for_companies",
            "property_account_income_id",
        ):
            self.assertIn(name, names)
        # No sales, purchase nor inventory tabs.
        self.assertFalse(form.xpath("//notebook"))
        for name in ("taxes_id", "supplier_taxes_id", "route_ids", "seller_ids"):
            self.assertNotIn(name, names)

    def test_share_type_form_saves(self):
        project = self.env["rea.project"].create(
            {"name": "Form Coop", "slug": "form-coop-test", "join_style": "shares"}
        )
        action = self.env.ref("rea_membership_shares.action_share_type")
        context = safe_eval(action.context)
        template = (
            self.env["product.template"]
            .with_context(**context)
            .create(
                {
                    "name": "Form share",
                    "share_project_id": project.id,
                    "list_price": 20.0,
                }
            )
        )
        self.assertTrue(template.is_share)
        self.assertFalse(template.sale_ok)
