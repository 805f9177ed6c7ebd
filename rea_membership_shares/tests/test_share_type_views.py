# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

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

    def test_share_type_list_shows_money(self):
        """The list writes prices in the company currency and leaves the
        'no limit' maximum (0) blank rather than '0.00'."""
        view = self.env.ref("rea_membership_shares.product_template_share_tree")
        result = self.env["product.template"].fields_view_get(
            view_id=view.id, view_type="tree"
        )
        tree = etree.fromstring(result["arch"])
        self.assertTrue(tree.xpath("//field[@name='currency_id']"))
        for name in ("list_price", "share_max_value"):
            (field,) = tree.xpath("//field[@name='%s']" % name)
            self.assertEqual(field.get("widget"), "monetary", name)
            self.assertIn("currency_id", field.get("options") or "", name)
        (max_value,) = tree.xpath("//field[@name='share_max_value']")
        modifiers = json.loads(max_value.get("modifiers"))
        self.assertEqual(modifiers["invisible"], [["share_max_value", "=", 0]])
