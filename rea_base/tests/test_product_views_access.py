# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class TestProductViewsAccess(SavepointCase):
    """REA users open resource types (products) without an access error,
    even where Inventory adds smart buttons counting stock moves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "REA product reader",
                    "login": "rea_product_reader",
                    "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
                }
            )
        )
        cls.product = cls.env["product.template"].create(
            {
                "name": "Plywood test sheet",
                "type": "consu",
                "rea_behavior": "consumable",
            }
        )

    def _read_views(self, user, views):
        Product = self.env["product.template"].sudo(user)
        for view_id, view_type in views:
            view = Product.fields_view_get(view_id=view_id, view_type=view_type)
            Product.browse(self.product.id).read(list(view["fields"]))
        return view

    def test_default_product_form(self):
        view = self._read_views(
            self.user, [(None, "tree"), (None, "kanban"), (None, "form")]
        )
        if "stock.move" in self.env:
            self.assertNotIn("qty_available", view["fields"])
            self.assertNotIn("qty_available", view["arch"])
            # Who may read stock moves keeps Inventory's buttons.
            admin_view = self.env["product.template"].fields_view_get(view_type="form")
            self.assertIn("qty_available", admin_view["fields"])

    def test_resource_types_action(self):
        action = self.env.ref("rea_base.product_template_action_rea")
        views = [(v.view_id.id, v.view_mode) for v in action.view_ids]
        self.assertEqual(
            sorted(mode for _id, mode in views), ["form", "kanban", "tree"]
        )
        view = self._read_views(self.user, views)
        self.assertIn("rea_behavior", view["fields"])
        self.assertNotIn("qty_available", view["fields"])
