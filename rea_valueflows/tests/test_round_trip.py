# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import VfCase


class TestRoundTrip(VfCase):
    """Export a context, remove everything the export holds from the
    database, import the file, export again: the same document.

    Removing is real deletion (events undone by the effects engine, then
    resources, processes, agents deleted), so the import has to recreate
    every record and every quantity from the file alone, as it would in a
    fresh database. A two-database run of the same check is described in the
    readme (``tools/vf_round_trip.py``).
    """

    def _delete_exported(self, document):
        uris = [node["@id"] for node in document["@graph"]]
        env = self.env
        resources = env["rea.resource"].search([("vf_uri", "in", uris)])
        specs = env["product.template"].search([("vf_uri", "in", uris)])
        # Events of these resources outside the export go too (the supplier's
        # own stock history): the file must rebuild the balances alone.
        events = env["rea.event"].search(
            [
                "|",
                "|",
                ("vf_uri", "in", uris),
                ("resource_id", "in", resources.ids),
                ("to_resource_id", "in", resources.ids),
            ]
        )
        events.unlink()
        resources |= env["rea.resource"].search([("conforms_to_id", "in", specs.ids)])
        resources.unlink()
        env["rea.commitment"].search([("vf_uri", "in", uris)]).unlink()
        env["rea.process"].search([("vf_uri", "in", uris)]).unlink()
        env["rea.plan"].search([("vf_uri", "in", uris)]).unlink()
        env["rea.process.specification"].search([("vf_uri", "in", uris)]).unlink()
        env["rea.agent.relationship"].search([("vf_uri", "in", uris)]).unlink()
        specs.unlink()
        env["res.partner"].search([("vf_uri", "in", uris)]).unlink()
        for node in document["@graph"]:
            for model in (
                "res.partner",
                "rea.event",
                "rea.resource",
                "product.template",
            ):
                self.assertFalse(
                    env[model]
                    .with_context(active_test=False)
                    .search([("vf_uri", "=", node["@id"])]),
                    node["@id"],
                )

    def test_round_trip(self):
        first = self.Exporter.export_document(context_agent=self.network.vf_uri)
        context_uri = self.network.vf_uri
        supplier_stock_uri = self.supplier_plywood.vf_uri
        self._delete_exported(first)
        self.assertFalse(self.network.exists())

        report = self.Importer.import_document(first)
        self.assertFalse(report["rolled_back"], self.Importer.format_report(report))
        self.assertEqual(report["summary"]["refused"], 0)
        self.assertEqual(
            report["summary"]["matched"], len(self.of_type(first, "om2:Unit")) + 2
        )
        second = self.Exporter.export_document(context_agent=context_uri)
        self.assertEqual(second["@context"], first["@context"])
        self.assertEqual(
            [node["@id"] for node in second["@graph"]],
            [node["@id"] for node in first["@graph"]],
        )
        for before, after in zip(first["@graph"], second["@graph"]):
            self.assertEqual(after, before)

        # The supplier's stock, whose earlier history was not exported,
        # opens with the balance that the file's events need.
        supplier_stock = self.env["rea.resource"].search(
            [("vf_uri", "=", supplier_stock_uri)]
        )
        self.assertEqual(supplier_stock.accounting_quantity, 23)
        opening = self.env["rea.event"].search(
            [("resource_id", "=", supplier_stock.id), ("action_code", "=", "raise")]
        )
        self.assertEqual(opening.resource_quantity, 35)

        # Importing the same file again changes nothing.
        events = self.env["rea.event"].search_count([])
        again = self.Importer.import_document(first)
        self.assertEqual(again["summary"]["created"], 0, again)
        self.assertEqual(self.env["rea.event"].search_count([]), events)
        self.assertEqual(
            self.Exporter.export_document(context_agent=context_uri), first
        )
