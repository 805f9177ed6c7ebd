# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase

VF = "https://w3id.org/valueflows/ont/vf#"


class VfCase(SavepointCase):
    """A small cooperative economy covering every exported class.

    Vallès network (context) has the Fusta workshop as a part; Alice is a
    member. The workshop buys plywood from an outside supplier, makes a desk
    (consume, use, cite, work, produce) in a planned process, fixes a
    mistaken consumption with a correction, and delivers the desk to Bob,
    fulfilling a commitment. An outsider trades with the supplier only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        Partner = cls.env["res.partner"]
        cls.uom_unit = cls.env.ref("product.product_uom_unit")
        cls.uom_hour = cls.env.ref("product.product_uom_hour")
        cls.network = Partner.create(
            {
                "name": "Vallès Network",
                "agent_type": "network",
                "is_context": True,
                "is_company": True,
            }
        )
        cls.workshop = Partner.create(
            {
                "name": "Fusta Workshop",
                "agent_type": "project",
                "is_context": True,
                "is_company": True,
            }
        )
        cls.alice = Partner.create({"name": "Alice", "agent_type": "individual"})
        cls.bob = Partner.create({"name": "Bob", "agent_type": "individual"})
        cls.supplier = Partner.create(
            {"name": "Boards & Co", "agent_type": "organization", "is_company": True}
        )
        cls.outsider = Partner.create(
            {"name": "Outsider", "agent_type": "organization", "is_company": True}
        )
        Relationship = cls.env["rea.agent.relationship"]
        cls.part_of = Relationship.create(
            {
                "subject_id": cls.workshop.id,
                "object_id": cls.network.id,
                "type_id": cls.env.ref("rea_base.relationship_type_child").id,
            }
        )
        cls.membership = Relationship.create(
            {
                "subject_id": cls.alice.id,
                "object_id": cls.workshop.id,
                "type_id": cls.env.ref("rea_base.relationship_type_member").id,
            }
        )
        cls.plywood = cls._spec("Plywood sheet", "consumable")
        cls.desk = cls._spec("Desk", "produced")
        cls.design = cls._spec("Desk design", "citable")
        cls.cnc = cls._spec("CNC machine", "usable")
        cls.carpentry = cls._spec(
            "Carpentry", "work", uom=cls.uom_hour, type_="service"
        )
        cls.cnc.rea_effort_uom_id = cls.uom_hour
        cls.carpentry.rea_effort_uom_id = cls.uom_hour
        cls.spec_make = cls.env["rea.process.specification"].create(
            {"name": "Desk making"}
        )
        cls.plan = cls.env["rea.plan"].create(
            {
                "name": "Desks for the school",
                "due": "2026-03-31",
                "context_id": cls.workshop.id,
            }
        )
        cls.supplier_plywood = cls._resource(cls.plywood, cls.supplier)
        cls.plywood_stock = cls._resource(cls.plywood, cls.workshop)
        cls.design_file = cls._resource(cls.design, cls.workshop)
        cls.cnc_machine = cls._resource(cls.cnc, cls.network)
        cls._event(
            "raise",
            cls.supplier,
            cls.supplier,
            resource_id=cls.supplier_plywood.id,
            resource_quantity=40,
            has_point_in_time="2026-01-02 08:00:00",
        )
        cls._event(
            "raise",
            cls.workshop,
            cls.workshop,
            resource_id=cls.design_file.id,
            resource_quantity=1,
            has_point_in_time="2026-01-02 09:00:00",
        )
        cls._event(
            "raise",
            cls.network,
            cls.network,
            resource_id=cls.cnc_machine.id,
            resource_quantity=1,
            has_point_in_time="2026-01-02 10:00:00",
            context_id=cls.network.id,
        )
        cls.purchase = cls._event(
            "transfer",
            cls.supplier,
            cls.workshop,
            resource_id=cls.supplier_plywood.id,
            to_resource_id=cls.plywood_stock.id,
            resource_quantity=12,
            has_point_in_time="2026-01-10 09:00:00",
            context_id=cls.workshop.id,
        )
        cls.process = cls.env["rea.process"].create(
            {
                "name": "Make a school desk",
                "based_on_id": cls.spec_make.id,
                "context_id": cls.workshop.id,
                "plan_id": cls.plan.id,
                "has_beginning": "2026-02-01 08:00:00",
                "has_end": "2026-02-03 18:00:00",
            }
        )
        cls.commitment = cls.env["rea.commitment"].create(
            {
                "action_id": cls.action("transfer").id,
                "provider_id": cls.workshop.id,
                "receiver_id": cls.bob.id,
                "resource_conforms_to_id": cls.desk.id,
                "resource_quantity": 1,
                "resource_unit_id": cls.uom_unit.id,
                "due": "2026-02-10 12:00:00",
                "context_id": cls.workshop.id,
                "plan_id": cls.plan.id,
                "independent_demand_of_id": cls.plan.id,
            }
        )
        flow = {"input_of_id": cls.process.id, "context_id": cls.workshop.id}
        cls.consume = cls._event(
            "consume",
            resource_id=cls.plywood_stock.id,
            resource_quantity=3,
            has_point_in_time="2026-02-01 09:00:00",
            **flow,
        )
        cls.use = cls._event(
            "use",
            cls.network,
            cls.workshop,
            resource_id=cls.cnc_machine.id,
            effort_quantity=4,
            effort_unit_id=cls.uom_hour.id,
            has_point_in_time="2026-02-01 12:00:00",
            **flow,
        )
        cls._event(
            "cite",
            resource_id=cls.design_file.id,
            resource_quantity=1,
            has_point_in_time="2026-02-01 12:30:00",
            **flow,
        )
        cls.work = cls._event(
            "work",
            cls.alice,
            cls.workshop,
            resource_conforms_to_id=cls.carpentry.id,
            effort_quantity=6,
            has_point_in_time="2026-02-02 17:00:00",
            **flow,
        )
        # 3 sheets was a mistake: 2 were consumed.
        cls.reversal, cls.reentry = cls.consume.correct(new_quantity=2)
        cls.produce = cls._event(
            "produce",
            resource_conforms_to_id=cls.desk.id,
            resource_quantity=1,
            resource_tracking_identifier="DESK-001",
            has_point_in_time="2026-02-03 18:00:00",
            output_of_id=cls.process.id,
            context_id=cls.workshop.id,
        )
        cls.desk_unit = cls.produce.resource_id
        cls.delivery = cls._event(
            "transfer",
            cls.workshop,
            cls.bob,
            resource_id=cls.desk_unit.id,
            resource_quantity=1,
            has_point_in_time="2026-02-10 11:00:00",
            context_id=cls.workshop.id,
            commitment_id=cls.commitment.id,
        )
        cls.bob_desk = cls.delivery.to_resource_id
        # Outside the network: the supplier sells to someone else.
        cls.outsider_plywood = cls._resource(cls.plywood, cls.outsider)
        cls.outside_sale = cls._event(
            "transfer",
            cls.supplier,
            cls.outsider,
            resource_id=cls.supplier_plywood.id,
            to_resource_id=cls.outsider_plywood.id,
            resource_quantity=5,
            has_point_in_time="2026-01-20 09:00:00",
        )
        cls.Exporter = cls.env["rea.vf.exporter"]
        cls.Importer = cls.env["rea.vf.importer"]

    @classmethod
    def _spec(cls, name, behavior, uom=None, type_="consu"):
        uom = uom or cls.uom_unit
        return cls.env["product.template"].create(
            {
                "name": name,
                "type": type_,
                "rea_behavior": behavior,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
            }
        )

    @classmethod
    def _resource(cls, spec, agent):
        return cls.env["rea.resource"].create(
            {"conforms_to_id": spec.id, "primary_accountable_id": agent.id}
        )

    @classmethod
    def action(cls, code):
        return cls.env["rea.action"].search([("code", "=", code)])

    @classmethod
    def _event(cls, code, provider=None, receiver=None, **vals):
        vals.update(
            {
                "action_id": cls.action(code).id,
                "provider_id": (provider or cls.workshop).id,
                "receiver_id": (receiver or cls.workshop).id,
            }
        )
        return cls.env["rea.event"].create(vals)

    @staticmethod
    def nodes(document):
        return {node["@id"]: node for node in document["@graph"]}

    @staticmethod
    def of_type(document, vf_type):
        return [node for node in document["@graph"] if node["@type"] == vf_type]
