# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import SharesCase


class TestSubscriptionSecurity(SharesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, groups):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "email": "%s@example.org" % login,
                    "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
                }
            )

        cls.plain = user("share_plain", ["base.group_user"])
        cls.coop_user = user(
            "share_coop_user",
            ["base.group_user", "rea_membership_shares.group_share_user"],
        )
        cls.coop_manager = user(
            "share_coop_manager",
            ["base.group_user", "rea_membership_shares.group_share_manager"],
        )
        cls.requests = {}
        for key in ("a", "b"):
            request = cls.make_request(email="member.%s@example.org" % key)
            request.action_validate()
            cls.requests[key] = request
        cls.portal = {}
        for key, request in cls.requests.items():
            cls.portal[key] = Users.create(
                {
                    "name": "Portal %s" % key,
                    "login": "share_portal_%s" % key,
                    "partner_id": request.partner_id.id,
                    "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
                }
            )

    def setUp(self):
        super().setUp()
        for request in self.requests.values():
            if request.state == "done":
                self.pay(request)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_plain_internal_user_sees_nothing(self):
        for model in (
            "rea.subscription.request",
            "rea.share.line",
            "rea.share.register",
        ):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.plain).search([])

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_cooperative_user(self):
        Request = self.Request.sudo(self.coop_user)
        self.assertEqual(
            Request.search([("id", "in", [r.id for r in self.requests.values()])]),
            self.requests["a"] | self.requests["b"],
        )
        self.assertTrue(self.env["rea.share.line"].sudo(self.coop_user).search([]))
        self.assertTrue(self.env["rea.share.register"].sudo(self.coop_user).search([]))
        request = Request.create(self.person_values(email="by.user@example.org"))
        request.action_validate()
        self.assertEqual(request.state, "done")
        self.assertTrue(request.invoice_id)
        draft = Request.create(self.person_values(email="user.draft@example.org"))
        with self.assertRaises(AccessError):
            draft.unlink()
        line = self.env["rea.share.line"].sudo(self.coop_user).search([], limit=1)
        with self.assertRaises(AccessError):
            line.write({"quantity": 99})
        with self.assertRaises(AccessError):
            self.env["rea.share.line"].sudo(self.coop_user).create(
                {
                    "partner_id": request.partner_id.id,
                    "project_id": self.project.id,
                    "share_product_id": self.share_a.id,
                    "quantity": 5,
                    "share_unit_price": 1,
                    "effective_date": "2026-01-01",
                }
            )
        with self.assertRaises(AccessError):
            self.env["product.template"].sudo(self.coop_user).create(
                {"name": "Sneaky share"}
            )

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_cooperative_manager(self):
        share = (
            self.env["product.template"]
            .sudo(self.coop_manager)
            .create(
                {
                    "name": "Manager share",
                    "is_share": True,
                    "share_project_id": self.project.id,
                    "list_price": 20,
                }
            )
        )
        self.assertEqual(share.rea_behavior, "share")
        draft = self.Request.sudo(self.coop_manager).create(
            self.person_values(email="mgr.draft@example.org")
        )
        draft.unlink()
        register = (
            self.env["rea.share.register"].sudo(self.coop_manager).search([], limit=1)
        )
        with self.assertRaises(AccessError):
            register.write({"quantity": 1000})
        with self.assertRaises(AccessError):
            register.unlink()

    def test_register_append_only_even_for_managers(self):
        register = self.requests["a"].partner_id.share_register_ids
        with self.assertRaises(AccessError):
            register.sudo(self.coop_manager).write({"quantity": 1})
        with self.assertRaises(AccessError):
            register.sudo(self.coop_manager).unlink()
        # The superuser may (e.g. an operation fixing a date).
        register.sudo().write({"date": "2026-01-16"})
        self.assertEqual(register.date, "2026-01-16")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_portal_members_see_only_their_own(self):
        for key, other in (("a", "b"), ("b", "a")):
            user = self.portal[key]
            mine, theirs = self.requests[key], self.requests[other]
            Request = self.Request.sudo(user)
            self.assertEqual(Request.search([]), mine)
            with self.assertRaises(AccessError):
                Request.browse(theirs.id).read(["email"])
            lines = self.env["rea.share.line"].sudo(user).search([])
            self.assertEqual(lines.mapped("partner_id"), mine.partner_id)
            register = self.env["rea.share.register"].sudo(user).search([])
            self.assertEqual(register.mapped("partner_id"), mine.partner_id)
            invoices = (
                self.env["account.invoice"]
                .sudo(user)
                .search([("is_capital_release", "=", True)])
            )
            self.assertNotIn(theirs.invoice_id, invoices)
            with self.assertRaises(AccessError):
                Request.create(self.person_values(email="portal.create@example.org"))
            with self.assertRaises(AccessError):
                Request.browse(mine.id).write({"quantity": 100})
            self.assertEqual(user.partner_id.sudo(user).share_count, 2)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_invoice_opens_for_readers_of_the_request_only(self):
        """Navigation follows read: the capital release request of another
        member's subscription does not open, even by id."""
        mine, theirs = self.requests["a"], self.requests["b"]
        Request = self.Request.sudo(self.portal["a"])
        action = Request.browse(mine.id).action_view_invoice()
        self.assertEqual(action["res_id"], mine.invoice_id.id)
        for user in (self.portal["a"], self.plain):
            with self.assertRaises(AccessError):
                self.Request.sudo(user).browse(theirs.id).action_view_invoice()
        action = (
            self.Request.sudo(self.coop_user).browse(theirs.id).action_view_invoice()
        )
        self.assertEqual(action["res_id"], theirs.invoice_id.id)
