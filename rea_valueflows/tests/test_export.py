# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo.exceptions import UserError

from ..models.rea_vf_exporter import ExportState
from .common import VF, VfCase


class TestExport(VfCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.Exporter.export_document(context_agent=cls.network.id)
        cls.graph = cls.nodes(cls.document)

    def test_context(self):
        context = self.document["@context"]
        self.assertEqual(context["vf"], VF)
        self.assertEqual(
            context["om2"], "http://www.ontology-of-units-of-measure.org/resource/om-2/"
        )
        self.assertEqual(context["vf:hasPointInTime"], {"@type": "xsd:dateTime"})
        # The document is plain JSON.
        self.assertEqual(json.loads(json.dumps(self.document)), self.document)

    def test_ids_are_persistent_identifiers(self):
        for record in (
            self.network,
            self.alice,
            self.plywood,
            self.plywood_stock,
            self.process,
            self.spec_make,
            self.plan,
            self.commitment,
            self.purchase,
            self.part_of,
        ):
            self.assertTrue(record.vf_uri.startswith("http"), record)
            self.assertIn(record.vf_uri, self.graph, record)
        self.assertIn("/vf/event/", self.purchase.vf_uri)
        self.assertIn("/vf/agent/", self.alice.vf_uri)
        again = self.Exporter.export_document(context_agent=self.network.id)
        self.assertEqual(again, self.document)
        # A new record gets a new identifier; a copy does not share it.
        copy = self.alice.copy()
        self.assertTrue(copy.vf_uri)
        self.assertNotEqual(copy.vf_uri, self.alice.vf_uri)

    def test_module_records_are_named_by_xml_id(self):
        member = self.env.ref("rea_base.relationship_type_member")
        self.assertTrue(member)
        company_partner = self.env.ref("base.main_partner")
        self.assertEqual(
            company_partner.vf_uri, "urn:rea-coop-suite:xmlid:base.main_partner"
        )
        roles = self.of_type(self.document, "vf:AgentRelationshipRole")
        self.assertEqual(
            {role["@id"] for role in roles},
            {
                "urn:rea-coop-suite:relationship-role:child",
                "urn:rea-coop-suite:relationship-role:member",
            },
        )

    def test_module_data_created_later_is_named_by_xml_id(self):
        """Records a module ships after this one is installed get their XML
        id as identifier too; local export/import ids do not count."""
        data_model = self.env["ir.model.data"]
        shipped = self.env["res.partner"].create({"name": "Shipped"})
        data_model.create(
            {
                "module": "rea_demo_module",
                "name": "shipped_partner",
                "model": "res.partner",
                "res_id": shipped.id,
            }
        )
        self.assertEqual(
            shipped.vf_uri, "urn:rea-coop-suite:xmlid:rea_demo_module.shipped_partner"
        )
        local = self.env["res.partner"].create({"name": "Exported once"})
        minted = local.vf_uri
        data_model.create(
            {
                "module": "__export__",
                "name": "res_partner_local",
                "model": "res.partner",
                "res_id": local.id,
            }
        )
        self.assertEqual(local.vf_uri, minted)
        # An identifier already held (imported from elsewhere) is not taken.
        self.env["res.partner"].create(
            {
                "name": "Imported",
                "vf_uri": "urn:rea-coop-suite:xmlid:rea_demo_module.later",
            }
        )
        later = self.env["res.partner"].create({"name": "Later"})
        minted = later.vf_uri
        data_model.create(
            {
                "module": "rea_demo_module",
                "name": "later",
                "model": "res.partner",
                "res_id": later.id,
            }
        )
        self.assertEqual(later.vf_uri, minted)

    def test_agents(self):
        network = self.graph[self.network.vf_uri]
        self.assertEqual(network["@type"], "vf:Organization")
        self.assertEqual(network["vf:name"], "Vallès Network")
        self.assertEqual(network["rea:agentType"], "network")
        self.assertIs(network["rea:isContext"], True)
        alice = self.graph[self.alice.vf_uri]
        self.assertEqual(alice["@type"], "vf:Person")
        self.assertNotIn("rea:isContext", alice)
        part = self.graph[self.part_of.vf_uri]
        self.assertEqual(part["@type"], "vf:AgentRelationship")
        self.assertEqual(part["vf:subject"], {"@id": self.workshop.vf_uri})
        self.assertEqual(part["vf:object"], {"@id": self.network.vf_uri})
        self.assertEqual(
            part["vf:relationship"],
            {"@id": "urn:rea-coop-suite:relationship-role:child"},
        )
        self.assertEqual(part["rea:state"], "active")
        # No personal data beyond the name.
        self.assertFalse(
            [key for key in alice if "mail" in key or "phone" in key or "street" in key]
        )

    def test_resource_specifications_and_units(self):
        carpentry = self.graph[self.carpentry.vf_uri]
        self.assertEqual(carpentry["@type"], "vf:ResourceSpecification")
        self.assertEqual(carpentry["vf:name"], "Carpentry")
        self.assertEqual(carpentry["vf:defaultUnitOfResource"], {"@id": "om2:hour"})
        self.assertEqual(carpentry["vf:defaultUnitOfEffort"], {"@id": "om2:hour"})
        self.assertEqual(carpentry["rea:behavior"], "work")
        units = {node["@id"]: node for node in self.of_type(self.document, "om2:Unit")}
        self.assertEqual(units["om2:hour"]["rdfs:label"], self.uom_hour.name)
        self.assertIn("om2:one", units)

    def test_resources(self):
        stock = self.graph[self.plywood_stock.vf_uri]
        self.assertEqual(stock["@type"], "vf:EconomicResource")
        self.assertEqual(stock["vf:conformsTo"], {"@id": self.plywood.vf_uri})
        self.assertEqual(stock["vf:primaryAccountable"], {"@id": self.workshop.vf_uri})
        self.assertEqual(
            stock["vf:accountingQuantity"],
            {
                "@type": "om2:Measure",
                "om2:hasNumericalValue": 10.0,
                "om2:hasUnit": {"@id": "om2:one"},
            },
        )
        self.assertEqual(stock["vf:onhandQuantity"]["om2:hasNumericalValue"], 10.0)
        desk = self.graph[self.desk_unit.vf_uri]
        self.assertEqual(desk["vf:trackingIdentifier"], "DESK-001")
        self.assertEqual(desk["vf:stage"], {"@id": self.spec_make.vf_uri})
        self.assertEqual(desk["vf:accountingQuantity"]["om2:hasNumericalValue"], 0.0)
        # Bob's desk is referenced by the delivery.
        self.assertIn(self.bob_desk.vf_uri, self.graph)

    def test_processes_and_plans(self):
        process = self.graph[self.process.vf_uri]
        self.assertEqual(process["@type"], "vf:Process")
        self.assertEqual(process["vf:basedOn"], {"@id": self.spec_make.vf_uri})
        self.assertEqual(process["vf:inScopeOf"], {"@id": self.workshop.vf_uri})
        self.assertEqual(process["vf:plannedWithin"], {"@id": self.plan.vf_uri})
        self.assertEqual(process["vf:hasBeginning"], "2026-02-01T08:00:00Z")
        self.assertIs(process["vf:finished"], False)
        spec = self.graph[self.spec_make.vf_uri]
        self.assertEqual(spec["@type"], "vf:ProcessSpecification")
        plan = self.graph[self.plan.vf_uri]
        self.assertEqual(plan["@type"], "vf:Plan")
        self.assertEqual(plan["vf:due"], "2026-03-31T00:00:00Z")

    def test_events(self):
        purchase = self.graph[self.purchase.vf_uri]
        self.assertEqual(purchase["@type"], "vf:EconomicEvent")
        self.assertEqual(purchase["vf:action"], {"@id": "vf:transfer"})
        self.assertEqual(purchase["vf:provider"], {"@id": self.supplier.vf_uri})
        self.assertEqual(purchase["vf:receiver"], {"@id": self.workshop.vf_uri})
        self.assertEqual(
            purchase["vf:resourceInventoriedAs"], {"@id": self.supplier_plywood.vf_uri}
        )
        self.assertEqual(
            purchase["vf:toResourceInventoriedAs"], {"@id": self.plywood_stock.vf_uri}
        )
        self.assertEqual(purchase["vf:resourceQuantity"]["om2:hasNumericalValue"], 12.0)
        self.assertEqual(purchase["vf:hasPointInTime"], "2026-01-10T09:00:00Z")
        self.assertEqual(purchase["vf:inScopeOf"], {"@id": self.workshop.vf_uri})
        work = self.graph[self.work.vf_uri]
        self.assertEqual(work["vf:action"], {"@id": "vf:work"})
        self.assertEqual(
            work["vf:effortQuantity"],
            {
                "@type": "om2:Measure",
                "om2:hasNumericalValue": 6.0,
                "om2:hasUnit": {"@id": "om2:hour"},
            },
        )
        self.assertEqual(work["vf:inputOf"], {"@id": self.process.vf_uri})
        self.assertEqual(work["vf:resourceConformsTo"], {"@id": self.carpentry.vf_uri})
        self.assertNotIn("vf:resourceQuantity", work)
        produce = self.graph[self.produce.vf_uri]
        self.assertEqual(produce["vf:outputOf"], {"@id": self.process.vf_uri})
        reversal = self.graph[self.reversal.vf_uri]
        self.assertEqual(reversal["vf:corrects"], {"@id": self.consume.vf_uri})
        self.assertEqual(reversal["vf:resourceQuantity"]["om2:hasNumericalValue"], -3.0)
        delivery = self.graph[self.delivery.vf_uri]
        self.assertEqual(delivery["vf:fulfills"], {"@id": self.commitment.vf_uri})
        # Events come in recording order.
        events = [n["@id"] for n in self.of_type(self.document, "vf:EconomicEvent")]
        self.assertEqual(
            events.index(self.consume.vf_uri) + 1, events.index(self.use.vf_uri)
        )
        self.assertLess(
            events.index(self.consume.vf_uri), events.index(self.reversal.vf_uri)
        )

    def test_commitments(self):
        commitment = self.graph[self.commitment.vf_uri]
        self.assertEqual(commitment["@type"], "vf:Commitment")
        self.assertEqual(commitment["vf:action"], {"@id": "vf:transfer"})
        self.assertEqual(commitment["vf:receiver"], {"@id": self.bob.vf_uri})
        self.assertEqual(commitment["vf:resourceConformsTo"], {"@id": self.desk.vf_uri})
        self.assertEqual(commitment["vf:due"], "2026-02-10T12:00:00Z")
        self.assertEqual(
            commitment["vf:independentDemandOf"], {"@id": self.plan.vf_uri}
        )
        self.assertIs(commitment["vf:finished"], True)
        self.assertTrue(commitment["vf:created"].endswith("Z"))

    def test_context_filter(self):
        # The network's parts (the workshop) are in; the outside sale is not.
        self.assertIn(self.purchase.vf_uri, self.graph)
        self.assertIn(self.use.vf_uri, self.graph)
        self.assertNotIn(self.outside_sale.vf_uri, self.graph)
        self.assertNotIn(self.outsider.vf_uri, self.graph)
        # The workshop alone: the network's own machine opening is out.
        workshop_doc = self.nodes(
            self.Exporter.export_document(context_agent=self.workshop.vf_uri)
        )
        self.assertIn(self.purchase.vf_uri, workshop_doc)
        raise_cnc = self.env["rea.event"].search(
            [("resource_id", "=", self.cnc_machine.id), ("action_code", "=", "raise")]
        )
        self.assertIn(raise_cnc.vf_uri, self.graph)
        self.assertNotIn(raise_cnc.vf_uri, workshop_doc)
        # No filter: everything, the outside sale included.
        everything = self.nodes(self.Exporter.export_document())
        self.assertIn(self.outside_sale.vf_uri, everything)

    def test_date_filter(self):
        february = self.nodes(
            self.Exporter.export_document(
                context_agent=self.network.id,
                date_from="2026-02-01",
                date_to="2026-02-28",
            )
        )
        self.assertIn(self.work.vf_uri, february)
        self.assertIn(self.delivery.vf_uri, february)
        self.assertNotIn(self.purchase.vf_uri, february)
        self.assertIn(self.commitment.vf_uri, february)
        january = self.nodes(
            self.Exporter.export_document(
                context_agent=self.network.id, date_to="2026-01-31"
            )
        )
        self.assertIn(self.purchase.vf_uri, january)
        self.assertNotIn(self.work.vf_uri, january)
        self.assertNotIn(self.commitment.vf_uri, january)
        self.assertNotIn(self.process.vf_uri, january)

    def test_bad_filters(self):
        with self.assertRaisesRegex(UserError, "not a context agent"):
            self.Exporter.export_document(context_agent=self.alice.id)
        with self.assertRaisesRegex(UserError, "YYYY-MM-DD"):
            self.Exporter.export_document(date_from="02/01/2026")
        with self.assertRaisesRegex(UserError, "before the start"):
            self.Exporter.export_document(date_from="2026-02-01", date_to="2026-01-01")
        with self.assertRaisesRegex(UserError, "No agent"):
            self.Exporter.export_document(context_agent="https://nowhere.example/x")

    def test_recipe_builder(self):
        """The recipe shape bills of materials (or other sources) are written
        in, built here from resource specifications alone."""
        state = ExportState(self.env)
        nodes = self.Exporter._vf_recipe_nodes(
            "https://coop.example/vf/recipe/desk",
            "School desk",
            {
                "spec": self.desk,
                "quantity": 1,
                "unit": self.uom_unit,
                "action": "produce",
            },
            [
                {
                    "spec": self.plywood,
                    "quantity": 2,
                    "unit": self.uom_unit,
                    "action": "consume",
                },
                {
                    "spec": self.carpentry,
                    "quantity": 6,
                    "unit": self.uom_hour,
                    "action": "work",
                },
            ],
            state,
        )
        by_id = {node["@id"]: node for node in nodes}
        recipe = by_id["https://coop.example/vf/recipe/desk"]
        self.assertEqual(recipe["@type"], "vf:Recipe")
        self.assertEqual(recipe["vf:primaryOutput"], {"@id": self.desk.vf_uri})
        process = by_id["https://coop.example/vf/recipe/desk/process"]
        self.assertEqual(process["@type"], "vf:RecipeProcess")
        self.assertEqual(len(process["vf:hasRecipeInput"]), 2)
        work = by_id["https://coop.example/vf/recipe/desk/input/2"]
        self.assertEqual(work["@type"], "vf:RecipeFlow")
        self.assertEqual(work["vf:action"], {"@id": "vf:work"})
        self.assertEqual(work["vf:effortQuantity"]["om2:hasNumericalValue"], 6.0)
        self.assertEqual(
            work["vf:recipeInputOf"],
            {"@id": "https://coop.example/vf/recipe/desk/process"},
        )
        output = by_id["https://coop.example/vf/recipe/desk/output"]
        self.assertEqual(output["vf:action"], {"@id": "vf:produce"})
        self.assertEqual(state.specs, self.desk | self.plywood | self.carpentry)
        # No bill of materials (or no Manufacturing at all): no recipe node.
        self.assertEqual(self.Exporter._vf_export_recipes(self.desk, state), [])
