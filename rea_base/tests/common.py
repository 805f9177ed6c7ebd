# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class ReaCase(SavepointCase):
    """Agents, resource types and helpers shared by the rea_base tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Event = cls.env["rea.event"]
        cls.Resource = cls.env["rea.resource"]
        cls.Process = cls.env["rea.process"]
        Partner = cls.env["res.partner"]
        cls.uom_unit = cls.env.ref("product.product_uom_unit")
        cls.uom_kg = cls.env.ref("product.product_uom_kgm")
        cls.uom_hour = cls.env.ref("product.product_uom_hour")

        cls.workshop = Partner.create(
            {
                "name": "Fusta Workshop",
                "agent_type": "project",
                "is_context": True,
                "is_company": True,
            }
        )
        cls.workshop_shed = Partner.create(
            {"name": "Workshop shed", "parent_id": cls.workshop.id, "type": "other"}
        )
        cls.alice = Partner.create({"name": "Alice", "agent_type": "individual"})
        cls.bob = Partner.create({"name": "Bob", "agent_type": "individual"})
        cls.supplier = Partner.create(
            {"name": "Boards & Co", "agent_type": "organization", "is_company": True}
        )
        cls.depot = Partner.create({"name": "Depot", "type": "other"})

        cls.plywood = cls._resource_type("Plywood sheet", "consumable")
        cls.desk = cls._resource_type("Desk", "produced")
        cls.design = cls._resource_type("Desk design", "citable")
        cls.cnc = cls._resource_type("CNC machine", "usable")
        cls.apples = cls._resource_type("Apples", "consumable", uom=cls.uom_kg)
        cls.carpentry = cls._resource_type(
            "Carpentry", "work", uom=cls.uom_hour, type_="service"
        )
        cls.cnc.rea_effort_uom_id = cls.uom_hour
        cls.carpentry.rea_effort_uom_id = cls.uom_hour
        cls.credit = cls._resource_type("Mutual credit", "account")
        cls.credit.rea_allow_negative_stock = True

        Spec = cls.env["rea.process.specification"]
        cls.spec_make = Spec.create({"name": "Desk making"})
        cls.spec_transport = Spec.create({"name": "Transport"})
        cls.spec_repair = Spec.create({"name": "Repair"})
        cls.spec_pack = Spec.create({"name": "Packing"})

    @classmethod
    def _resource_type(cls, name, behavior, uom=None, type_="consu"):
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
    def action(cls, code):
        return cls.env["rea.action"].search([("code", "=", code)])

    @classmethod
    def _process(cls, name, spec=None, **vals):
        vals.update({"name": name, "based_on_id": spec.id if spec else False})
        return cls.env["rea.process"].create(vals)

    @classmethod
    def _resource(cls, resource_type, quantity=0.0, agent=None, **vals):
        """A resource of ``agent``, raised to ``quantity`` by a raise event."""
        agent = agent or cls.workshop
        vals.update(
            {"conforms_to_id": resource_type.id, "primary_accountable_id": agent.id}
        )
        resource = cls.env["rea.resource"].create(vals)
        if quantity:
            cls._event(
                "raise",
                provider=agent,
                receiver=agent,
                resource_id=resource.id,
                resource_quantity=quantity,
            )
        return resource

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

    def assertQuantities(self, resource, accounting, onhand):
        self.assertAlmostEqual(resource.accounting_quantity, accounting)
        self.assertAlmostEqual(resource.onhand_quantity, onhand)
