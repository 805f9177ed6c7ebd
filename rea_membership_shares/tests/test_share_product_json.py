# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests

from .http_common import ShareHttpCase

URL = "/subscription/get_share_product"


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestShareProductJson(ShareHttpCase):
    """The JSON answer the subscription form uses for price x quantity."""

    def setUp(self):
        super().setUp()
        self.project = self.create_project("Json Coop", "json-coop")
        self.share = self.create_share_type(
            self.project,
            "Json share",
            25.0,
            share_min_quantity=4,
            share_min_forced=True,
            share_for_companies=False,
        )
        self.hidden = self.create_share_type(
            self.project, "Json office share", 30.0, share_on_website=False
        )
        self.private_project = self.create_project(
            "Json Private Coop", "json-private-coop", visibility="private"
        )
        self.private_share = self.create_share_type(
            self.private_project, "Json private share", 10.0
        )
        self.not_share = self.env["product.product"].create(
            {"name": "Json plain product", "list_price": 5.0}
        )
        self.settle()

    def call(self, params):
        self.sync()
        response = self.opener.post(
            self.base_url() + URL,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        payload = response.json()
        self.assertNotIn("error", payload, payload)
        return payload["result"]

    def test_offered_share_type(self):
        info = self.call({"share_product_id": self.share.id})
        currency = self.env.user.company_id.currency_id
        self.assertEqual(info["id"], self.share.id)
        self.assertEqual(info["unit_price"], 25.0)
        self.assertEqual(info["min_quantity"], 4)
        self.assertIs(info["force_min_quantity"], True)
        self.assertIs(info["for_companies"], False)
        self.assertEqual(info["currency"]["name"], currency.name)
        self.assertEqual(info["currency"]["symbol"], currency.symbol)
        # Digits as text are read too (form values are text).
        self.assertEqual(self.call({"share_product_id": str(self.share.id)}), info)
        # The current price, not the one the page was rendered with.
        self.share.list_price = 27.5
        self.assertEqual(
            self.call({"share_product_id": self.share.id})["unit_price"], 27.5
        )

    def test_not_offered_gives_an_error_payload(self):
        for value in (
            self.hidden.id,
            self.private_share.id,
            self.not_share.id,
            999999999,
            2**40,
            -3,
            0,
            "abc",
            "1; DROP",
            True,
            None,
            [self.share.id],
            {"id": self.share.id},
        ):
            info = self.call({"share_product_id": value})
            self.assertEqual(list(info), ["error"], value)
            self.assertTrue(info["error"])
        self.assertIn("error", self.call({}))
        # Unknown parameters are ignored, not a traceback.
        self.assertIn("error", self.call({"other": 1}))

    def test_private_project_for_its_members(self):
        user = self.create_user("json_member")
        user.partner_id._set_project_membership(self.private_project)
        self.assertTrue(self.private_project.is_visible_to(user.partner_id))
        self.settle()
        self.authenticate("json_member", "json_member")
        info = self.call({"share_product_id": self.private_share.id})
        self.assertEqual(info.get("unit_price"), 10.0, info)
