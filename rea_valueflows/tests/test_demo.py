# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import TransactionCase

SEEDS = "https://seeds.example.org/vf/"


class TestDemo(TransactionCase):
    """The demo seed library file was imported at install."""

    def test_demo_import(self):
        library = self.env["res.partner"].search(
            [("vf_uri", "=", SEEDS + "agent/seed-library")]
        )
        self.assertTrue(library.is_context)
        stock = self.env["rea.resource"].search(
            [("vf_uri", "=", SEEDS + "resource/library-tomato-seeds")]
        )
        self.assertEqual(stock.accounting_quantity, 400)
        self.assertEqual(stock.unit_id, self.env.ref("product.product_uom_gram"))
        marta = self.env.ref("rea_base.res_partner_marta_demo")
        marta_seeds = self.env["rea.resource"].search(
            [("vf_uri", "=", SEEDS + "resource/marta-tomato-seeds")]
        )
        self.assertEqual(marta_seeds.primary_accountable_id, marta)
        self.assertEqual(marta_seeds.accounting_quantity, 100)
        # Demo records are named by XML id, the same in every database.
        self.assertEqual(
            marta.vf_uri, "urn:rea-coop-suite:xmlid:rea_base.res_partner_marta_demo"
        )
        # Exporting the library gives back the file's identifiers.
        document = self.env["rea.vf.exporter"].export_document(context_agent=library.id)
        ids = {node["@id"] for node in document["@graph"]}
        self.assertIn(SEEDS + "event/share-with-marta", ids)
        self.assertIn(SEEDS + "relationship/nuria-member", ids)
