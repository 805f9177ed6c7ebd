# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools.misc import formatLang

from .common import SharesCase


class TestMessagesForPeople(SharesCase):
    """Numbers in messages as people write them: shares whole, amounts with
    their currency, and a quantity of 0 told as a minimum, not as missing."""

    def money(self, amount):
        return formatLang(self.env, amount, currency_obj=self.company.currency_id)

    def check(self, **kw):
        return self.Request.check_values(self.person_values(**kw))

    def test_zero_shares_is_below_the_minimum(self):
        # Share B has no forced minimum: one share at least.
        errors = self.Request.check_values(self.company_values(quantity=0))
        self.assertEqual(
            errors.get("quantity"), "The number of shares must be at least 1."
        )
        # Share A forces two shares at least.
        errors = self.check(quantity=0)
        self.assertEqual(
            errors.get("quantity"), "The number of shares must be at least 2."
        )
        self.assertNotIn("required", errors.get("quantity"))
        self.assertEqual(
            self.check(quantity=-3).get("quantity"),
            "The number of shares must be at least 2.",
        )
        # Missing stays missing; one below the forced minimum keeps its rule.
        self.assertIn("required", self.check(quantity=False)["quantity"])
        self.assertEqual(
            self.check(quantity=1)["quantity"],
            "Subscribe at least 2 shares of this type.",
        )

    def test_back_office_request_says_the_minimum(self):
        partner = self.env["res.partner"].create(
            {"name": "Energia Comuna SCCL", "is_company": True, "email": "e@c.org"}
        )
        wizard = (
            self.env["rea.subscription.create"]
            .with_context(active_model="res.partner", active_id=partner.id)
            .new(
                {
                    "partner_id": partner.id,
                    "project_id": self.project.id,
                    "share_product_id": self.share_b.id,
                    "quantity": 0,
                }
            )
        )
        values = wizard._prepare_request_values()
        errors = self.Request.check_values(values, as_staff=True)
        self.assertEqual(
            errors.get("quantity"), "The number of shares must be at least 1."
        )

    def test_maximum_value_message_formats_amounts(self):
        # Share A: at most 1000 per member; 30 shares of 50 are 1500.
        message = self.check(quantity=30)["quantity"]
        self.assertIn("at most %s" % self.money(1000.0), message)
        self.assertIn("(%s already held" % self.money(0.0), message)
        self.assertNotIn("1000.0 ", message)
        self.assertNotIn("0.0 already", message)

    def test_payment_message_formats_the_amount(self):
        request = self.make_request(quantity=4)
        request.action_validate()
        self.pay(request, amount=80.0)
        body = request.message_ids.filtered(lambda m: "received" in (m.body or ""))[
            :1
        ].body
        self.assertIn("Payment of %s received" % self.money(80.0), body)
        self.assertNotIn("80.0 ", body)
