# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ValueCase


class TestRecipes(ValueCase):
    """Tables are made of legs and a top; legs of beams; beams of logs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Planner = cls.env["rea.recipe.planner"]
        cls.kg = cls.env.ref("product.product_uom_kgm")
        cls.table = cls.resource_type("Table", "produced")
        cls.leg = cls.resource_type("Leg", "produced")
        cls.beam = cls.resource_type("Beam", "produced")
        cls.top = cls.resource_type("Table top", "consumable")
        cls.log = cls.resource_type("Log", "consumable")
        cls.sawdust = cls.resource_type("Sawdust", "produced", uom=cls.kg)
        cls.plans = cls.resource_type("Table plans", "citable")
        cls.table_bom = cls.bom(
            cls.table,
            2,
            [
                (cls.leg, 8, {}),
                (cls.top, 2, {}),
                (cls.cnc, 1, {"rea_role": "use", "rea_hours": 3, "rea_use_price": 12}),
                (
                    cls.plans,
                    1,
                    {
                        "rea_role": "cite",
                        "rea_cite_mode": "percent",
                        "rea_cite_percent": 10,
                    },
                ),
                (cls.carpentry, 1, {"rea_role": "work", "rea_hours": 4}),
            ],
            sub_products=[(cls.sawdust, 1)],
        )
        cls.leg_bom = cls.bom(
            cls.leg,
            4,
            [
                (cls.beam, 1, {}),
                (cls.carpentry, 1, {"rea_role": "work", "rea_hours": 2}),
            ],
        )
        cls.beam_bom = cls.bom(
            cls.beam,
            1,
            [
                (cls.log, 0.5, {}),
                (cls.carpentry, 1, {"rea_role": "work", "rea_hours": 1}),
            ],
        )

    @classmethod
    def bom(cls, template, quantity, lines, sub_products=()):
        return cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": template.id,
                "product_qty": quantity,
                "product_uom_id": template.uom_id.id,
                "bom_line_ids": [
                    (
                        0,
                        0,
                        dict(
                            vals,
                            product_id=line_type.product_variant_id.id,
                            product_qty=qty,
                            product_uom_id=line_type.uom_id.id,
                        ),
                    )
                    for line_type, qty, vals in lines
                ],
                "sub_products": [
                    (
                        0,
                        0,
                        {
                            "product_id": sub.product_variant_id.id,
                            "product_qty": qty,
                            "product_uom_id": sub.uom_id.id,
                        },
                    )
                    for sub, qty in sub_products
                ],
            }
        )

    @classmethod
    def onhand(cls, template, quantity, agent=None):
        agent = agent or cls.workshop
        resource = cls.env["rea.resource"].create(
            {"conforms_to_id": template.id, "primary_accountable_id": agent.id}
        )
        cls.env["rea.event"].create(
            {
                "action_id": cls.env.ref("rea_base.action_raise").id,
                "provider_id": agent.id,
                "receiver_id": agent.id,
                "resource_id": resource.id,
                "resource_conforms_to_id": template.id,
                "resource_quantity": quantity,
                "resource_unit_id": template.uom_id.id,
            }
        )
        return resource

    def plan(self, quantity=10, bom=None, **kw):
        return self.Planner.plan_from_bom(
            bom or self.table_bom, quantity, "2026-06-01", self.workshop, **kw
        )

    @staticmethod
    def process_of(plan, template):
        return plan.process_ids.filtered(
            lambda p: template
            in p.output_commitment_ids.mapped("resource_conforms_to_id")
        )

    @staticmethod
    def flows(process):
        """{(action code, resource type name): quantity or hours}"""
        result = {}
        for commitment in process.input_commitment_ids | process.output_commitment_ids:
            key = (commitment.action_id.code, commitment.resource_conforms_to_id.name)
            result[key] = commitment._get_committed_quantity()
        return result

    def test_three_level_explosion(self):
        plan = self.plan(10)
        self.assertEqual(len(plan.process_ids), 3)
        self.assertEqual(plan.context_id, self.workshop)
        tables = self.process_of(plan, self.table)
        self.assertEqual(
            self.flows(tables),
            {
                ("produce", "Table"): 10,
                ("produce", "Sawdust"): 5,
                ("consume", "Leg"): 40,
                ("consume", "Table top"): 10,
                ("use", "CNC machine"): 15,
                ("cite", "Table plans"): 1,
                ("work", "Carpentry"): 20,
            },
        )
        self.assertEqual(
            self.flows(self.process_of(plan, self.leg)),
            {
                ("produce", "Leg"): 40,
                ("consume", "Beam"): 10,
                ("work", "Carpentry"): 20,
            },
        )
        self.assertEqual(
            self.flows(self.process_of(plan, self.beam)),
            {("produce", "Beam"): 10, ("consume", "Log"): 5, ("work", "Carpentry"): 10},
        )
        # The plan delivers the tables; each level is based on its recipe.
        self.assertEqual(
            plan.independent_demand_ids.mapped("resource_conforms_to_id"), self.table
        )
        self.assertEqual(plan.independent_demand_ids.resource_quantity, 10)
        self.assertEqual(
            tables.based_on_id, self.table_bom.rea_process_specification_id
        )
        self.assertTrue(tables.based_on_id)
        self.assertEqual(
            self.process_of(plan, self.leg).based_on_id,
            self.leg_bom.rea_process_specification_id,
        )
        use = tables.input_commitment_ids.filtered(lambda c: c.action_id.code == "use")
        self.assertEqual(use.effort_unit_id, self.uom_hour)
        self.assertIn("12", use.note)

    def test_netting_onhand(self):
        self.onhand(self.leg, 12)
        # Another context's legs are not ours to consume.
        self.onhand(self.leg, 100, agent=self.other_project)
        plan = self.plan(10)
        legs = self.process_of(plan, self.leg)
        # The table process still consumes 40 legs; only 28 are made.
        self.assertEqual(
            self.flows(self.process_of(plan, self.table))[("consume", "Leg")], 40
        )
        self.assertEqual(self.flows(legs)[("produce", "Leg")], 28)
        self.assertEqual(self.flows(legs)[("consume", "Beam")], 7)
        self.assertEqual(
            self.flows(self.process_of(plan, self.beam))[("consume", "Log")], 3.5
        )

    def test_netting_scheduled_production(self):
        first = self.plan(2, bom=self.leg_bom)
        other = self.plan(4, bom=self.leg_bom)
        self.assertEqual(
            self.flows(self.process_of(first, self.leg))[("produce", "Leg")], 2
        )
        # The other plan's 4 legs are made: on hand now, no longer scheduled.
        produce = self.process_of(other, self.leg).output_commitment_ids
        self.env["rea.event"].create(produce._prepare_event_vals())
        self.assertTrue(produce.finished)
        plan = self.plan(10)
        legs = self.process_of(plan, self.leg)
        # 40 legs needed: 4 on hand, 2 still scheduled by the first plan.
        self.assertEqual(self.flows(legs)[("produce", "Leg")], 34)
        self.assertEqual(self.flows(legs)[("consume", "Beam")], 8.5)
        # The plan's own production is not counted as scheduled elsewhere.
        self.assertEqual(
            self.flows(self.process_of(plan, self.beam))[("produce", "Beam")], 8.5
        )

    def test_earlier_demand_reduces_onhand(self):
        # Chairs and tables both consume legs; chairs come first in the recipe.
        chair = self.resource_type("Chair", "produced")
        self.bom(chair, 1, [(self.leg, 4, {})])
        kit = self.resource_type("Furniture kit", "produced")
        kit_bom = self.bom(kit, 1, [(chair, 1, {}), (self.leg, 8, {})])
        self.onhand(self.leg, 10)
        plan = self.plan(1, bom=kit_bom)
        leg_outputs = plan.commitment_ids.filtered(
            lambda c: c.action_id.code == "produce"
            and c.resource_conforms_to_id == self.leg
        )
        # Chair takes 4 of 10 legs, the kit's own 8 legs find 6 left: 2 made.
        self.assertEqual(leg_outputs.mapped("resource_quantity"), [2.0])

    def test_non_substitutable_never_netted(self):
        self.leg.rea_substitutable = False
        self.onhand(self.leg, 100)
        plan = self.plan(10)
        self.assertEqual(
            self.flows(self.process_of(plan, self.leg))[("produce", "Leg")], 40
        )

    def test_use_and_cite_floor_at_one(self):
        self.bom(self.cnc, 1, [(self.log, 2, {})])
        self.bom(
            self.plans, 1, [(self.design_work, 1, {"rea_role": "work", "rea_hours": 6})]
        )
        # A machine and plans on hand in the workshop: nothing to make there.
        self.onhand(self.cnc, 1)
        self.onhand(self.plans, 1)
        plan = self.plan(10)
        self.assertFalse(self.process_of(plan, self.cnc))
        self.assertFalse(self.process_of(plan, self.plans))
        self.assertEqual(len(plan.process_ids), 3)
        # Nothing on hand in the garden: one machine and one set of plans are
        # made, not one per hour of use.
        garden = self.Planner.plan_from_bom(
            self.table_bom, 10, "2026-06-01", self.other_project
        )
        machine = self.process_of(garden, self.cnc)
        self.assertEqual(self.flows(machine)[("produce", "CNC machine")], 1)
        self.assertEqual(self.flows(machine)[("consume", "Log")], 2)
        self.assertEqual(
            self.flows(self.process_of(garden, self.plans))[("produce", "Table plans")],
            1,
        )
        self.assertEqual(len(garden.process_ids), 5)

    def test_cycle_refused_nothing_written(self):
        self.bom(self.log, 1, [(self.leg, 1, {})])
        plans_before = self.env["rea.plan"].search_count([])
        processes_before = self.env["rea.process"].search_count([])
        with self.assertRaisesRegex(UserError, "Leg → Beam → Log → Leg"):
            self.plan(10)
        self.assertEqual(self.env["rea.plan"].search_count([]), plans_before)
        self.assertEqual(self.env["rea.process"].search_count([]), processes_before)

    def test_bad_requests(self):
        with self.assertRaisesRegex(UserError, "greater than zero"):
            self.plan(0)
        with self.assertRaisesRegex(ValidationError, "hours greater than zero"):
            self.bom(self.table, 1, [(self.carpentry, 1, {"rea_role": "work"})])
        with self.assertRaisesRegex(ValidationError, "at most 100"):
            self.bom(
                self.table,
                1,
                [
                    (
                        self.plans,
                        1,
                        {
                            "rea_role": "cite",
                            "rea_cite_mode": "percent",
                            "rea_cite_percent": 120,
                        },
                    )
                ],
            )
        with self.assertRaisesRegex(ValidationError, "needs a skill"):
            self.bom(
                self.table, 1, [(self.log, 1, {"rea_role": "work", "rea_hours": 1})]
            )

    def test_default_use_price(self):
        self.cnc.rea_value_per_unit = 7.0
        line = self.env["mrp.bom.line"].new(
            {"product_id": self.cnc.product_variant_id.id, "rea_role": "use"}
        )
        line._onchange_rea_role()
        self.assertEqual(line.rea_use_price, 7.0)
        machine = self.onhand(self.cnc, 1)
        machine.value_per_unit_of_use = 9.5
        line.rea_use_price = 0.0
        line._onchange_rea_role()
        self.assertEqual(line.rea_use_price, 9.5)

    def test_create_productions(self):
        plan = self.plan(10, create_productions=True)
        productions = self.env["mrp.production"].search(
            [("rea_process_id", "in", plan.process_ids.ids)]
        )
        self.assertEqual(
            {(p.product_id.product_tmpl_id, p.product_qty) for p in productions},
            {(self.table, 10), (self.leg, 40), (self.beam, 10)},
        )
        self.assertEqual(productions.mapped("origin"), [plan.name] * 3)

    def test_bom_with_roles_still_manufactures(self):
        production = self.env["mrp.production"].create(
            {
                "product_id": self.table.product_variant_id.id,
                "product_qty": 2,
                "product_uom_id": self.table.uom_id.id,
                "bom_id": self.table_bom.id,
            }
        )
        self.assertEqual(production.state, "confirmed")
        # Only consumed components leave stock; the machine, the plans and
        # the work are not moved.
        self.assertEqual(
            {
                (m.product_id.product_tmpl_id, m.product_uom_qty)
                for m in production.move_raw_ids
            },
            {(self.leg, 8), (self.top, 2)},
        )
        production.action_assign()
        produce = (
            self.env["mrp.product.produce"]
            .with_context(active_id=production.id, active_ids=[production.id])
            .create({"product_qty": 2})
        )
        produce.do_produce()
        production.button_mark_done()
        self.assertEqual(production.state, "done")
        done = production.move_finished_ids.filtered(lambda m: m.state == "done")
        self.assertEqual(
            {(m.product_id.product_tmpl_id, m.quantity_done) for m in done},
            {(self.table, 2), (self.sawdust, 1)},
        )

    def test_plan_access_coordinator_only(self):
        groups = [
            self.env.ref("rea_base.group_rea_user").id,
            self.env.ref("mrp.group_mrp_user").id,
        ]
        users = self.env["res.users"].with_context(no_reset_password=True)
        member = users.create(
            {"name": "Member", "login": "recipe_member", "groups_id": [(6, 0, groups)]}
        )
        coordinator = users.create(
            {
                "name": "Coordinator",
                "login": "recipe_coord",
                "groups_id": [(6, 0, groups)],
            }
        )
        self.relate(
            coordinator.partner_id,
            self.workshop,
            self.env.ref("rea_base.relationship_type_manager"),
        )
        Wizard = self.env["rea.plan.from.recipe.wizard"]
        values = {
            "bom_id": self.table_bom.id,
            "quantity": 2,
            "due": "2026-06-01",
            "context_id": self.workshop.id,
        }
        plans_before = self.env["rea.plan"].search_count([])
        with self.assertRaisesRegex(AccessError, "Only coordinators of Fusta Workshop"):
            Wizard.sudo(member).create(values).action_plan()
        self.assertEqual(self.env["rea.plan"].search_count([]), plans_before)
        action = Wizard.sudo(coordinator).create(values).action_plan()
        plan = self.env["rea.plan"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "rea.plan")
        self.assertEqual(plan.create_uid, coordinator)
        self.assertEqual(len(plan.process_ids), 3)
        # The coordinator of the workshop does not plan for the garden.
        values["context_id"] = self.other_project.id
        with self.assertRaises(AccessError):
            Wizard.sudo(coordinator).create(values).action_plan()
        # A REA manager plans for any context.
        manager = users.create(
            {
                "name": "Manager",
                "login": "recipe_manager",
                "groups_id": [
                    (6, 0, groups + [self.env.ref("rea_base.group_rea_manager").id])
                ],
            }
        )
        action = Wizard.sudo(manager).create(values).action_plan()
        self.assertEqual(
            self.env["rea.plan"].browse(action["res_id"]).context_id, self.other_project
        )

    def test_bom_button_opens_wizard(self):
        action = self.table_bom.action_open_plan_wizard()
        self.assertEqual(action["res_model"], "rea.plan.from.recipe.wizard")
        self.assertEqual(action["context"]["default_bom_id"], self.table_bom.id)

    def test_plan_name_formatted(self):
        # A plan's name writes its quantity as people read it, not "1.2e+06".
        vals = self.Planner._prepare_plan_vals(
            self.table_bom, 1234567.0, "2026-05-01", self.workshop, None
        )
        self.assertIn("× 1,234,567", vals["name"])
