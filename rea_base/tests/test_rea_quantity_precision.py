# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ReaCase

QUANTITY_FIELDS = {
    "rea.event": ("resource_quantity",),
    "rea.commitment": (
        "resource_quantity",
        "fulfilled_quantity",
        "unfulfilled_quantity",
    ),
    "rea.resource": ("accounting_quantity", "onhand_quantity"),
}


class TestReaQuantityPrecision(ReaCase):
    """Resource quantities keep 8 decimals (0.00000001 FAIR)."""

    def test_quantity_fields_use_rea_quantity(self):
        precision = self.env.ref("rea_base.decimal_precision_rea_quantity")
        self.assertEqual((precision.name, precision.digits), ("REA Quantity", 8))
        for model, fnames in QUANTITY_FIELDS.items():
            for fname in fnames:
                self.assertEqual(
                    self.env[model]._fields[fname].digits, (16, 8), (model, fname)
                )
        # Effort (hours) keeps the unit of measure precision.
        self.assertNotEqual(
            self.env["rea.event"]._fields["effort_quantity"].digits[1], 8
        )

    def test_unknown_precision_falls_back_to_default(self):
        Precision = self.env["decimal.precision"]
        self.assertEqual(Precision.rea_precision_get("REA No Such Usage", 5), 5)
        self.assertEqual(Precision.rea_precision_get("REA Quantity", 5), 8)

    def test_events_keep_eight_decimals(self):
        account = self._resource(self.credit, 0.0, agent=self.alice)
        self._event(
            "raise",
            provider=self.alice,
            receiver=self.alice,
            resource_id=account.id,
            resource_quantity=0.12345678,
        )
        account.invalidate_cache()
        self.assertAlmostEqual(account.accounting_quantity, 0.12345678, places=9)
