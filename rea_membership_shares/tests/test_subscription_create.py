# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import SharesCase


class TestSubscriptionCreateWizard(SharesCase):
    """'Create subscription' on a partner, and the partner's cooperator type
    and effective date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.coop_user = Users.create(
            {
                "name": "Wizard coop user",
                "login": "wizard_coop_user",
                "email": "wizard_coop_user@example.org",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("rea_membership_shares.group_share_user").id,
                        ],
                    )
                ],
            }
        )
        cls.plain = Users.create(
            {
                "name": "Wizard plain user",
                "login": "wizard_plain_user",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Marta Soler Puig",
                "email": "marta.soler@example.org",
                "street": "Rambla 5",
                "zip": "17001",
                "city": "Girona",
                "country_id": cls.country.id,
                "lang": "en_US",
                "birthdate_date": "1975-03-02",
                "gender": "female",
            }
        )
        cls.company_partner = cls.env["res.partner"].create(
            {
                "name": "Sol Comu SCCL",
                "is_company": True,
                "email": "info@solcomu.example.org",
                "company_register_number": "F55667788",
                "street": "Placa 2",
                "zip": "17002",
                "city": "Girona",
                "country_id": cls.country.id,
                "lang": "en_US",
            }
        )
        cls.representative = cls.env["res.partner"].create(
            {
                "name": "Jordi Roca",
                "email": "jordi.roca@example.org",
                "function": "Treasurer",
                "parent_id": cls.company_partner.id,
            }
        )
        cls.share_c = cls.env["product.product"].create(
            {
                "name": "Wind share C",
                "is_share": True,
                "share_project_id": cls.project.id,
                "default_code": "WIND-C",
                "list_price": 20.0,
                "sale_ok": False,
            }
        )

    def wizard(self, partner=None, user=None, **vals):
        partner = partner or self.partner
        Wizard = self.env["rea.subscription.create"].with_context(
            active_model="res.partner", active_id=partner.id
        )
        if user:
            Wizard = Wizard.sudo(user)
        values = Wizard.default_get(list(Wizard._fields))
        values.update(
            {
                "project_id": self.project.id,
                "share_product_id": self.share_a.id,
                "quantity": 2,
                "iban": "ES91 2100 0418 4502 0005 1332",
            }
        )
        values.update(vals)
        return Wizard.create(values)

    def created(self, wizard):
        action = wizard.action_create()
        self.assertEqual(action["res_model"], "rea.subscription.request")
        return self.Request.browse(action["res_id"])

    def test_defaults_from_partner(self):
        Wizard = self.env["rea.subscription.create"].with_context(
            active_model="res.partner", active_id=self.partner.id
        )
        values = Wizard.default_get(list(Wizard._fields))
        self.assertEqual(values["partner_id"], self.partner.id)
        self.assertEqual(values["firstname"], "Marta")
        self.assertEqual(values["lastname"], "Soler Puig")
        self.assertEqual(values["email"], "marta.soler@example.org")
        self.assertEqual(values["birthdate"], "1975-03-02")
        self.assertEqual(values["gender"], "female")
        company_values = Wizard.with_context(
            active_id=self.company_partner.id
        ).default_get(list(Wizard._fields))
        self.assertEqual(company_values["email"], "jordi.roca@example.org")
        self.assertEqual(company_values["company_register_number"], "F55667788")
        self.assertEqual(company_values["representative_function"], "Treasurer")

    def test_new_request_for_partner(self):
        wizard = self.wizard(user=self.coop_user, date="2026-02-03")
        request = self.created(wizard)
        self.assertEqual(request.partner_id, self.partner)
        self.assertEqual(request.source, "manual")
        self.assertEqual(request.type, "new")
        self.assertEqual(request.state, "draft")
        self.assertEqual(request.date, "2026-02-03")
        self.assertEqual(request.quantity, 2)
        self.assertEqual(request.share_unit_price, 50.0)
        self.assertEqual(request.city, "Girona")
        self.assertEqual(request.birthdate, "1975-03-02")
        self.assertEqual(request.company_id, self.company)

    def test_increase_validated_at_once(self):
        first = self.created(self.wizard(validate=True))
        self.assertEqual(first.state, "done")
        self.assertEqual(first.invoice_id.state, "open")
        self.pay(first, date="2026-01-10")
        second = self.created(
            self.wizard(user=self.coop_user, share_product_id=self.share_c.id)
        )
        self.assertEqual(second.type, "increase")
        self.assertEqual(second.partner_id, self.partner)
        # The matched partner is kept: no duplicate contact on validation.
        second.action_validate()
        self.assertEqual(second.partner_id, self.partner)
        self.assertEqual(second.invoice_id.partner_id, self.partner)

    def test_same_checks_as_every_request(self):
        count = self.Request.search_count([])
        cases = [
            # Below the forced minimum of share A.
            {"quantity": 1},
            # A share type of another project.
            {"share_product_id": self.share_other.id},
            # A share type for companies only.
            {"share_product_id": self.share_b.id},
            # Invalid IBAN, not skipped.
            {"iban": "ES00 1234"},
            # Too young.
            {"birthdate": "2020-01-01"},
            # Missing gender.
            {"gender": False},
        ]
        for vals in cases:
            with self.assertRaises(ValidationError, msg=str(vals)):
                self.wizard(**vals).action_create()
        self.assertEqual(self.Request.search_count([]), count)
        # Staff may skip the IBAN check and subscribe a type not on the website.
        request = self.created(
            self.wizard(
                iban="ES00 1234", skip_iban_check=True, share_product_id=self.share_c.id
            )
        )
        self.assertTrue(request.skip_iban_check)

    def test_failed_validation_leaves_nothing(self):
        count = self.Request.search_count([])
        account = self.company.share_receivable_account_id
        self.company.share_receivable_account_id = False
        try:
            with self.assertRaises(UserError):
                self.wizard(validate=True).action_create()
        finally:
            self.company.share_receivable_account_id = account
        self.assertEqual(self.Request.search_count([]), count)

    def test_company_partner(self):
        request = self.created(
            self.wizard(
                partner=self.company_partner,
                share_product_id=self.share_b.id,
                quantity=1,
                validate=True,
            )
        )
        self.assertTrue(request.is_company)
        self.assertEqual(request.company_name, "Sol Comu SCCL")
        self.assertEqual(request.company_email, "info@solcomu.example.org")
        self.assertEqual(request.state, "done")
        self.assertEqual(request.partner_id, self.company_partner)
        self.assertEqual(request.representative_id, self.representative)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_needs_share_group(self):
        wizard = self.wizard(user=self.plain)
        with self.assertRaises(AccessError):
            wizard.action_create()

    def test_cooperator_type_and_effective_date(self):
        self.assertFalse(self.partner.cooperator_type)
        self.assertFalse(self.partner.effective_date)
        first = self.created(self.wizard(validate=True))
        self.pay(first, date="2026-01-10")
        self.assertEqual(self.partner.cooperator_type, "WA")
        self.assertEqual(self.partner.effective_date, "2026-01-10")
        second = self.created(
            self.wizard(share_product_id=self.share_c.id, validate=True)
        )
        self.pay(second, date="2026-02-10")
        # The first line decides.
        self.assertEqual(self.partner.cooperator_type, "WA")
        self.assertEqual(self.partner.effective_date, "2026-01-10")
        Partner = self.env["res.partner"]
        self.assertIn(self.partner, Partner.search([("cooperator_type", "=", "WA")]))
        self.assertNotIn(
            self.partner, Partner.search([("effective_date", ">", "2026-01-10")])
        )
        # Without the first line, the next one decides (default code when
        # the share type has no short name).
        self.env["rea.share.ledger"].redeem(self.partner, self.share_a, 2, "2026-03-10")
        self.assertEqual(self.partner.cooperator_type, "WIND-C")
        self.assertEqual(self.partner.effective_date, "2026-02-10")
        self.assertIn(
            self.partner, Partner.search([("cooperator_type", "=", "WIND-C")])
        )
