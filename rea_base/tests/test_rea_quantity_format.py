# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class TestReaQuantityFormat(SavepointCase):
    """Quantities written with the decimals of their unit and the
    separators of the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Uom = cls.env["product.uom"]
        cls.unit = cls.env.ref("product.product_uom_unit")
        cls.hour = cls.env.ref("product.product_uom_hour")
        cls.gram = cls.env.ref("product.product_uom_gram")
        money = cls.env["product.uom.categ"].create({"name": "Test money"})
        cls.eur = Uom.create(
            {
                "name": "TEUR",
                "category_id": money.id,
                "uom_type": "reference",
                "rounding": 0.01,
                "rea_money": True,
            }
        )
        coin = cls.env["product.uom.categ"].create({"name": "Test coin"})
        cls.fair = Uom.create(
            {
                "name": "TFAIR",
                "category_id": coin.id,
                "uom_type": "reference",
                "rounding": 0.00000001,
                "rea_money": True,
            }
        )
        # A language with a decimal comma and a space between thousands.
        cls.env["res.lang"].create(
            {
                "name": "Test comma",
                "code": "xx_RE",
                "decimal_point": ",",
                "thousands_sep": " ",
                "grouping": "[3,0]",
                "active": True,
            }
        )

    def _fmt(self, unit, quantity, lang="en_US", **kwargs):
        return unit.with_context(lang=lang).rea_format_quantity(quantity, **kwargs)

    def test_digits_of_units(self):
        self.assertEqual(self.unit.rea_get_digits(), 3)
        self.assertEqual(self.hour.rea_digits, 2)
        self.assertEqual(self.fair.rea_digits, 8)
        formats = self.env["product.uom"].rea_get_display_formats(
            [self.eur.id, self.hour.id]
        )
        self.assertEqual(formats[self.eur.id], {"digits": 2, "money": True})
        self.assertEqual(formats[self.hour.id], {"digits": 2, "money": False})

    def test_english(self):
        self.assertEqual(self._fmt(self.unit, 3.0), "3 %s" % self.unit.name)
        self.assertEqual(self._fmt(self.hour, 1.5), "1.5 %s" % self.hour.name)
        self.assertEqual(self._fmt(self.hour, 1.5, with_unit=False), "1.5")
        self.assertEqual(self._fmt(self.eur, 30), "30.00 TEUR")
        self.assertEqual(self._fmt(self.eur, 5000), "5,000.00 TEUR")
        self.assertEqual(self._fmt(self.fair, 0.12345678), "0.12345678 TFAIR")
        self.assertEqual(self._fmt(self.gram, 1234.5), "1,234.5 g")
        self.assertEqual(self._fmt(self.unit, 1000.0), "1,000 %s" % self.unit.name)

    def test_decimal_comma(self):
        self.assertEqual(self._fmt(self.gram, 1234.5, "xx_RE"), "1 234,5 g")
        self.assertEqual(self._fmt(self.eur, 5000, "xx_RE"), "5 000,00 TEUR")
        self.assertEqual(self._fmt(self.fair, 0.12345678, "xx_RE"), "0,12345678 TFAIR")
        self.assertEqual(self._fmt(self.unit, 3.0, "xx_RE", with_unit=False), "3")

    def test_user_language_without_context(self):
        self.env.user.lang = "xx_RE"
        unit = self.eur.with_context(lang=None)
        self.assertEqual(unit.rea_format_quantity(1.5), "1,50 TEUR")

    def test_no_unit(self):
        nothing = self.env["product.uom"].with_context(lang="en_US")
        self.assertEqual(nothing.rea_format_quantity(2.5), "2.5")
        self.assertEqual(nothing.rea_format_quantity(0.12345678), "0.12345678")

    def test_no_negative_zero(self):
        self.assertEqual(self._fmt(self.eur, -0.001), "0.00 TEUR")
        self.assertEqual(self._fmt(self.hour, -0.001), "0 %s" % self.hour.name)
        self.assertEqual(self._fmt(self.fair, -0.12345678), "-0.12345678 TFAIR")
