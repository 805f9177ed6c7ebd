# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import copy
import json

from odoo.exceptions import UserError

from .common import VfCase

COOP = "https://garden.example.org/vf/"


def measure(value, unit="om2:kilogram"):
    return {
        "@type": "om2:Measure",
        "om2:hasNumericalValue": value,
        "om2:hasUnit": {"@id": unit},
    }


def ref(name):
    return {"@id": COOP + name}


class TestImport(VfCase):
    """Files written by another ValueFlows application: a community garden
    gives apples to the workshop's canteen."""

    def garden_document(self):
        return {
            "@context": {
                # Another prefix than ours: the import expands IRIs.
                "valueflows": "https://w3id.org/valueflows/ont/vf#",
                "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
                "rea": "https://github.com/rea-coop/rea-coop-suite/ns#",
                "g": COOP,
            },
            "@graph": [
                {
                    "@id": "g:agent/garden",
                    "@type": "valueflows:Organization",
                    "valueflows:name": "Can Pla Community Garden",
                    "rea:isContext": True,
                    "rea:agentType": "project",
                },
                {
                    "@id": "g:spec/apples",
                    "@type": "valueflows:ResourceSpecification",
                    "valueflows:name": "Apples",
                    "valueflows:defaultUnitOfResource": {"@id": "om2:kilogram"},
                    "rea:behavior": "consumable",
                },
                {
                    "@id": "g:resource/garden-apples",
                    "@type": "valueflows:EconomicResource",
                    "valueflows:name": "Garden apples",
                    "valueflows:conformsTo": {"@id": "g:spec/apples"},
                    "valueflows:primaryAccountable": {"@id": "g:agent/garden"},
                    "valueflows:accountingQuantity": measure(70),
                    "valueflows:onhandQuantity": measure(70),
                },
                {
                    "@id": "g:resource/canteen-apples",
                    "@type": "valueflows:EconomicResource",
                    "valueflows:conformsTo": {"@id": "g:spec/apples"},
                    "valueflows:primaryAccountable": {"@id": self.workshop.vf_uri},
                },
                {
                    "@id": "g:event/harvest",
                    "@type": "valueflows:EconomicEvent",
                    "valueflows:action": {"@id": "valueflows:raise"},
                    "valueflows:provider": {"@id": "g:agent/garden"},
                    "valueflows:receiver": {"@id": "g:agent/garden"},
                    "valueflows:resourceInventoriedAs": {
                        "@id": "g:resource/garden-apples"
                    },
                    "valueflows:resourceQuantity": measure(100),
                    "valueflows:hasPointInTime": "2026-09-01T10:00:00+02:00",
                },
                {
                    "@id": "g:commitment/apples-for-canteen",
                    "@type": "valueflows:Commitment",
                    "valueflows:action": {"@id": "valueflows:transfer"},
                    "valueflows:provider": {"@id": "g:agent/garden"},
                    "valueflows:receiver": {"@id": self.workshop.vf_uri},
                    "valueflows:resourceConformsTo": {"@id": "g:spec/apples"},
                    "valueflows:resourceQuantity": measure(30),
                    "valueflows:due": "2026-09-10T12:00:00Z",
                },
                {
                    "@id": "g:event/gift",
                    "@type": "valueflows:EconomicEvent",
                    "valueflows:action": {"@id": "valueflows:transfer"},
                    "valueflows:provider": {"@id": "g:agent/garden"},
                    # An embedded node is lifted into the graph.
                    "valueflows:receiver": {
                        "@id": self.workshop.vf_uri,
                        "@type": "valueflows:Organization",
                        "valueflows:name": "Fusta Workshop",
                    },
                    "valueflows:resourceInventoriedAs": {
                        "@id": "g:resource/garden-apples"
                    },
                    "valueflows:toResourceInventoriedAs": {
                        "@id": "g:resource/canteen-apples"
                    },
                    "valueflows:resourceQuantity": measure(30),
                    "valueflows:fulfills": {"@id": "g:commitment/apples-for-canteen"},
                    "valueflows:hasPointInTime": "2026-09-10T09:00:00Z",
                    "valueflows:note": "For the canteen.",
                },
            ],
        }

    def find(self, model, name):
        return self.env[model].search([("vf_uri", "=", COOP + name)])

    def statuses(self, report):
        return {line["id"]: line["status"] for line in report["lines"]}

    def test_import_creates(self):
        report = self.Importer.import_document(json.dumps(self.garden_document()))
        self.assertFalse(report["rolled_back"], report)
        self.assertEqual(report["summary"]["refused"], 0, report)
        statuses = self.statuses(report)
        self.assertEqual(statuses[COOP + "event/gift"], "created")
        self.assertEqual(statuses[self.workshop.vf_uri], "matched")
        garden = self.find("res.partner", "agent/garden")
        self.assertTrue(garden.is_context)
        self.assertTrue(garden.is_company)
        self.assertEqual(garden.agent_type, "project")
        apples = self.find("product.template", "spec/apples")
        self.assertEqual(apples.uom_id, self.env.ref("product.product_uom_kgm"))
        self.assertEqual(apples.rea_behavior, "consumable")
        garden_apples = self.find("rea.resource", "resource/garden-apples")
        canteen = self.find("rea.resource", "resource/canteen-apples")
        # Quantities come from the events, through the effects engine.
        self.assertEqual(garden_apples.accounting_quantity, 70)
        self.assertEqual(garden_apples.onhand_quantity, 70)
        self.assertEqual(canteen.accounting_quantity, 30)
        self.assertEqual(canteen.name, "Apples")
        gift = self.find("rea.event", "event/gift")
        self.assertEqual(gift.action_code, "transfer")
        self.assertEqual(gift.provider_id, garden)
        self.assertEqual(gift.receiver_id, self.workshop)
        self.assertEqual(gift.to_resource_id, canteen)
        self.assertEqual(gift.note, "For the canteen.")
        commitment = self.find("rea.commitment", "commitment/apples-for-canteen")
        self.assertEqual(gift.commitment_id, commitment)
        self.assertTrue(commitment.finished)
        harvest = self.find("rea.event", "event/harvest")
        # +02:00 stored in UTC.
        self.assertEqual(harvest.has_point_in_time, "2026-09-01 08:00:00")
        # The file explains every quantity: no opening balance was added.
        self.assertFalse(
            self.env["rea.event"].search(
                [
                    ("vf_uri", "like", "%#opening-balance"),
                    ("resource_id", "=", garden_apples.id),
                ]
            )
        )

    def test_second_import_matches(self):
        document = self.garden_document()
        self.Importer.import_document(document)
        event_count = self.env["rea.event"].search_count([])
        garden_apples = self.find("rea.resource", "resource/garden-apples")
        report = self.Importer.import_document(document)
        self.assertEqual(report["summary"]["created"], 0, report)
        self.assertEqual(report["summary"]["refused"], 0, report)
        self.assertEqual(set(self.statuses(report).values()), {"matched"})
        self.assertEqual(self.env["rea.event"].search_count([]), event_count)
        self.assertEqual(garden_apples.accounting_quantity, 70)

    def test_refused_nodes_roll_back_the_file(self):
        document = self.garden_document()
        graph = document["@graph"]
        graph[4]["valueflows:action"] = {"@id": "valueflows:teleport"}
        graph.append(
            {
                "@id": "g:event/too-much",
                "@type": "valueflows:EconomicEvent",
                "valueflows:action": {"@id": "valueflows:transfer"},
                "valueflows:provider": {"@id": "g:agent/garden"},
                "valueflows:receiver": {"@id": "https://elsewhere.example/agent/9"},
                "valueflows:resourceInventoriedAs": {"@id": "g:resource/garden-apples"},
                "valueflows:resourceQuantity": measure(1),
            }
        )
        report = self.Importer.import_document(document)
        self.assertTrue(report["rolled_back"])
        self.assertIn("Nothing was imported", report["message"])
        lines = {line["id"]: line for line in report["lines"]}
        self.assertEqual(lines[COOP + "event/harvest"]["status"], "refused")
        self.assertIn("unknown action", lines[COOP + "event/harvest"]["reason"])
        self.assertIn(
            "neither in the file nor in this database",
            lines[COOP + "event/too-much"]["reason"],
        )
        self.assertEqual(report["summary"]["refused"], 2)
        for model, name in (
            ("res.partner", "agent/garden"),
            ("product.template", "spec/apples"),
            ("rea.resource", "resource/garden-apples"),
            ("rea.commitment", "commitment/apples-for-canteen"),
        ):
            self.assertFalse(self.find(model, name), name)
        self.assertFalse(self.env["rea.event"].search([("vf_uri", "like", COOP + "%")]))

    def test_partial_import_refuses_what_depends_on_refusals(self):
        document = self.garden_document()
        document["@graph"][1]["valueflows:defaultUnitOfResource"] = {
            "@id": "om2:furlong"
        }
        report = self.Importer.import_document(document, atomic=False)
        self.assertFalse(report["rolled_back"])
        lines = {line["id"]: line for line in report["lines"]}
        self.assertEqual(lines[COOP + "spec/apples"]["status"], "refused")
        self.assertIn("unknown unit", lines[COOP + "spec/apples"]["reason"])
        self.assertIn(
            "which was refused", lines[COOP + "resource/garden-apples"]["reason"]
        )
        self.assertEqual(lines[COOP + "event/gift"]["status"], "refused")
        # What did not depend on the unit is in.
        self.assertEqual(lines[COOP + "agent/garden"]["status"], "created")
        self.assertTrue(self.find("res.partner", "agent/garden"))
        self.assertFalse(self.find("product.template", "spec/apples"))
        text = self.Importer.format_report(report)
        self.assertIn(
            "refused EconomicResource " + COOP + "resource/garden-apples", text
        )

    def test_dry_run_writes_nothing(self):
        report = self.Importer.import_document(self.garden_document(), dry_run=True)
        self.assertTrue(report["rolled_back"])
        self.assertEqual(report["summary"]["created"], 7)
        self.assertFalse(self.find("res.partner", "agent/garden"))

    def test_malformed_input(self):
        partners = self.env["res.partner"].search_count([])
        bad_inputs = (
            (b"{not json", "not valid JSON"),
            (b"\xff\xfe", "not UTF-8"),
            ("42", "object or a list"),
            ('{"@graph": {"@id": "x"}}', "must be a list"),
            ('{"@graph": ["x"]}', "not a JSON object"),
            ('{"@context": "https://w3id.org/valueflows", "@id": "x"}', "Remote"),
            ('{"@graph": [{"@type": "vf:Person", "vf:name": "No id"}]}', "no @id"),
            ('{"@graph": []}', "no ValueFlows node"),
            (
                '{"@graph": [{"@id": "a:1", "@type": "x"}, '
                '{"@id": "a:1", "@type": "y"}]}',
                "appears twice",
            ),
        )
        for data, message in bad_inputs:
            with self.assertRaisesRegex(UserError, message):
                self.Importer.import_document(data)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_vocab_units_by_label_and_skipped_classes(self):
        document = {
            "@context": {
                "@vocab": "https://w3id.org/valueflows/ont/vf#",
                "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            },
            "@graph": [
                {"@id": COOP + "agent/ana", "@type": "Person", "name": "Ana"},
                {
                    "@id": COOP + "unit/hour",
                    "@type": "om2:Unit",
                    "rdfs:label": self.uom_hour.name.upper(),
                },
                {
                    "@id": COOP + "event/work",
                    "@type": "EconomicEvent",
                    "action": {"@id": "work"},
                    "provider": {"@id": COOP + "agent/ana"},
                    "receiver": {"@id": self.workshop.vf_uri},
                    "effortQuantity": {
                        "om2:hasNumericalValue": "2.5",
                        "om2:hasUnit": {"@id": COOP + "unit/hour"},
                    },
                    "resourceConformsTo": {"@id": self.carpentry.vf_uri},
                    "inputOf": {"@id": self.process.vf_uri},
                },
                {"@id": COOP + "recipe/1", "@type": "Recipe", "name": "Jam"},
                {"@id": COOP + "proposal/1", "@type": "Proposal", "name": "Offer"},
            ],
        }
        report = self.Importer.import_document(document)
        self.assertFalse(report["rolled_back"], report)
        lines = {line["id"]: line for line in report["lines"]}
        self.assertEqual(lines[COOP + "event/work"]["status"], "created")
        work = self.find("rea.event", "event/work")
        self.assertEqual(work.effort_quantity, 2.5)
        self.assertEqual(work.effort_unit_id, self.uom_hour)
        self.assertEqual(work.input_of_id, self.process)
        self.assertEqual(work.provider_id.agent_type, False)
        self.assertFalse(work.provider_id.is_company)
        self.assertEqual(lines[COOP + "recipe/1"]["status"], "skipped")
        self.assertIn("exported, not imported", lines[COOP + "recipe/1"]["reason"])
        self.assertEqual(lines[COOP + "proposal/1"]["status"], "skipped")

    def test_engine_refusal_is_explained(self):
        document = {
            "@context": {
                "vf": "https://w3id.org/valueflows/ont/vf#",
                "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
            },
            "@graph": [
                {
                    "@id": COOP + "event/consume-outside",
                    "@type": "vf:EconomicEvent",
                    "vf:action": {"@id": "vf:consume"},
                    "vf:provider": {"@id": self.workshop.vf_uri},
                    "vf:receiver": {"@id": self.workshop.vf_uri},
                    "vf:resourceInventoriedAs": {"@id": self.plywood_stock.vf_uri},
                    "vf:resourceQuantity": {
                        "om2:hasNumericalValue": 1,
                        "om2:hasUnit": {"@id": "om2:one"},
                    },
                    "vf:hasPointInTime": "yesterday",
                }
            ],
        }
        report = self.Importer.import_document(copy.deepcopy(document))
        reason = report["lines"][0]["reason"]
        self.assertIn("not a date and time", reason)
        document["@graph"][0]["vf:hasPointInTime"] = "2026-03-01T10:00:00Z"
        report = self.Importer.import_document(document)
        self.assertIn("is an input: set the process", report["lines"][0]["reason"])
        self.assertEqual(self.plywood_stock.accounting_quantity, 10)

    def test_opening_balance_of_partial_history(self):
        """A resource whose earlier history is not in the file starts from
        the balance that makes the file's events end where the file says."""
        document = {
            "@context": {
                "vf": "https://w3id.org/valueflows/ont/vf#",
                "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
            },
            "@graph": [
                {
                    "@id": COOP + "resource/jam",
                    "@type": "vf:EconomicResource",
                    "vf:conformsTo": {"@id": self.plywood.vf_uri},
                    "vf:primaryAccountable": {"@id": self.supplier.vf_uri},
                    "vf:accountingQuantity": measure(8, "om2:one"),
                    "vf:onhandQuantity": measure(8, "om2:one"),
                },
                {
                    "@id": COOP + "event/sale",
                    "@type": "vf:EconomicEvent",
                    "vf:action": {"@id": "vf:transfer"},
                    "vf:provider": {"@id": self.supplier.vf_uri},
                    "vf:receiver": {"@id": self.workshop.vf_uri},
                    "vf:resourceInventoriedAs": {"@id": COOP + "resource/jam"},
                    "vf:toResourceInventoriedAs": {"@id": self.plywood_stock.vf_uri},
                    "vf:resourceQuantity": measure(2, "om2:one"),
                    "vf:hasPointInTime": "2026-04-01T10:00:00Z",
                },
            ],
        }
        report = self.Importer.import_document(document)
        self.assertFalse(report["rolled_back"], report)
        jam = self.find("rea.resource", "resource/jam")
        self.assertEqual(jam.accounting_quantity, 8)
        opening = self.env["rea.event"].search(
            [("vf_uri", "=", COOP + "resource/jam#opening-balance")]
        )
        self.assertEqual(opening.action_code, "raise")
        self.assertEqual(opening.resource_quantity, 10)
        self.assertEqual(opening.has_point_in_time, "2026-04-01 09:59:59")
        self.assertEqual(self.plywood_stock.accounting_quantity, 12)
        # Exported, it says what it is; imported where the resource already
        # exists, it is skipped rather than counted twice.
        exported = self.nodes(self.Exporter.export_document())
        self.assertIs(exported[opening.vf_uri]["rea:openingBalance"], True)
        again = self.Importer.import_document(
            {
                "@context": self.Exporter.export_document()["@context"],
                "@graph": [
                    dict(exported[opening.vf_uri], **{"@id": opening.vf_uri + "-copy"})
                ],
            }
        )
        self.assertEqual(again["lines"][0]["status"], "skipped")
        self.assertEqual(jam.accounting_quantity, 8)
