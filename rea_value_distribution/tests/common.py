# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class ValueCase(SavepointCase):
    """A workshop context with members, skills, processes and helpers to
    record contributions and build value equations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Event = cls.env["rea.event"]
        cls.Equation = cls.env["rea.value.equation"]
        cls.Engine = cls.env["rea.distribution.engine"]
        Partner = cls.env["res.partner"]
        cls.uom_unit = cls.env.ref("product.product_uom_unit")
        cls.uom_hour = cls.env.ref("product.product_uom_hour")
        cls.euro = cls.env.ref("rea_exchanges.product_template_euro")
        # The company currency (journal items exist: it cannot change).
        cls.eur = cls.env.user.company_id.currency_id
        cls.workshop = Partner.create(
            {"name": "Fusta Workshop", "agent_type": "project", "is_context": True}
        )
        cls.other_project = Partner.create(
            {"name": "Garden project", "agent_type": "project", "is_context": True}
        )
        cls.alice = Partner.create({"name": "Alice", "agent_type": "individual"})
        cls.bob = Partner.create({"name": "Bob", "agent_type": "individual"})
        cls.carol = Partner.create({"name": "Carol", "agent_type": "individual"})
        cls.fund = Partner.create({"name": "Common fund", "agent_type": "organization"})
        member = cls.env.ref("rea_base.relationship_type_member")
        for partner in (cls.alice, cls.bob, cls.carol):
            cls.relate(partner, cls.workshop, member)

        cls.carpentry = cls.resource_type("Carpentry", "work", uom=cls.uom_hour)
        cls.carpentry.rea_value_per_unit = 20.0
        cls.design_work = cls.resource_type("Design", "work", uom=cls.uom_hour)
        cls.design_work.rea_value_per_unit = 30.0
        cls.cnc = cls.resource_type("CNC machine", "usable")
        cls.cnc.rea_effort_uom_id = cls.uom_hour
        cls.env["rea.agent.skill"].create(
            {
                "partner_id": cls.bob.id,
                "skill_id": cls.carpentry.id,
                "value_per_unit": 25.0,
            }
        )
        Spec = cls.env["rea.process.specification"]
        cls.spec_make = Spec.create({"name": "Making"})
        cls.spec_design = Spec.create({"name": "Designing"})
        cls.make = cls.process("Make desks", cls.spec_make)
        cls.design = cls.process("Design desks", cls.spec_design)
        cls.work_action = cls.env.ref("rea_base.action_work")
        cls.use_action = cls.env.ref("rea_base.action_use")

    @classmethod
    def relate(cls, subject, obj, rel_type):
        return cls.env["rea.agent.relationship"].create(
            {
                "subject_id": subject.id,
                "object_id": obj.id,
                "type_id": rel_type.id,
                "state": "active",
            }
        )

    @classmethod
    def resource_type(cls, name, behavior, uom=None):
        uom = uom or cls.uom_unit
        return cls.env["product.template"].create(
            {
                "name": name,
                "type": "service" if behavior == "work" else "consu",
                "rea_behavior": behavior,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
                "rea_effort_uom_id": cls.uom_hour.id if behavior == "work" else False,
            }
        )

    @classmethod
    def process(cls, name, spec=None, context=None, plan=None):
        return cls.env["rea.process"].create(
            {
                "name": name,
                "based_on_id": spec.id if spec else False,
                "context_id": (context or cls.workshop).id,
                "plan_id": plan.id if plan else False,
            }
        )

    @classmethod
    def work(
        cls, who, hours, skill=None, process=None, date="2026-03-10", context=None
    ):
        """A work contribution of ``hours``."""
        skill = skill or cls.carpentry
        context = context or cls.workshop
        return cls.env["rea.event"].create(
            {
                "action_id": cls.env.ref("rea_base.action_work").id,
                "provider_id": who.id,
                "receiver_id": context.id,
                "resource_conforms_to_id": skill.id,
                "effort_quantity": hours,
                "effort_unit_id": cls.uom_hour.id,
                "input_of_id": (process or cls.make).id,
                "context_id": context.id,
                "has_point_in_time": "%s 10:00:00" % date,
                "is_contribution": True,
            }
        )

    @classmethod
    def income(cls, amount, payer=None, context=None):
        """Money received by the context, marked to distribute."""
        context = context or cls.workshop
        payer = payer or cls.fund
        return cls.env["rea.event"].create(
            {
                "action_id": cls.env.ref("rea_base.action_transfer").id,
                "provider_id": payer.id,
                "receiver_id": context.id,
                "resource_conforms_to_id": cls.euro.id,
                "resource_id": payer.get_rea_account(cls.euro).id,
                "to_resource_id": context.get_rea_account(cls.euro).id,
                "resource_quantity": amount,
                "resource_unit_id": cls.euro.uom_id.id,
                "context_id": context.id,
                "is_to_distribute": True,
            }
        )

    @classmethod
    def equation(cls, buckets, behavior="straight", live=True, context=None, **vals):
        """``buckets``: list of dicts (name, percentage, agent or rules)."""
        bucket_cmds = []
        for seq, bucket in enumerate(buckets):
            bucket = dict(bucket)
            rules = bucket.pop("rules", [])
            agent = bucket.pop("agent", None)
            bucket_vals = {
                "name": bucket.pop("name", "Bucket %s" % seq),
                "sequence": seq,
                "distribution_agent_id": agent.id if agent else False,
                "rule_ids": [(0, 0, rule) for rule in rules],
            }
            bucket_vals.update(bucket)
            bucket_cmds.append((0, 0, bucket_vals))
        values = {
            "name": "Equation",
            "context_id": (context or cls.workshop).id,
            "percentage_behavior": behavior,
            "live": live,
            "currency_id": cls.eur.id,
            "money_type_id": cls.euro.id,
            "bucket_ids": bucket_cmds,
        }
        values.update(vals)
        return cls.env["rea.value.equation"].create(values)

    @classmethod
    def work_rule(cls, **vals):
        rule = {
            "action_id": cls.env.ref("rea_base.action_work").id,
            "formula": "quantity * valuePerUnit",
            "claim_type": "debt",
        }
        rule.update(vals)
        return rule

    def distribute(self, equation, amount, filters=None, date="2026-04-01"):
        result = self.Engine.compute(equation, amount, filters)
        return self.env["rea.distribution"].create_from_result(equation, result, date)

    @staticmethod
    def by_agent(distribution):
        return {line.agent_id: line.amount for line in distribution.line_ids}

    # Recipes, purchases and shipments (roll-up and income shares)

    @classmethod
    def rea_event(cls, code, who, **vals):
        """An event of action ``code`` by ``who`` in the workshop."""
        values = {
            "action_id": cls.env.ref("rea_base.action_%s" % code).id,
            "provider_id": who.id,
            "receiver_id": cls.workshop.id,
            "context_id": cls.workshop.id,
            "has_point_in_time": "2026-03-01 10:00:00",
        }
        values.update(vals)
        return cls.env["rea.event"].create(values)

    @classmethod
    def produce(cls, process, resource_type, quantity, resource=None):
        """Produce ``quantity``; returns the produced resource."""
        event = cls.rea_event(
            "produce",
            cls.workshop,
            output_of_id=process.id,
            resource_conforms_to_id=resource_type.id,
            resource_id=resource.id if resource else False,
            resource_quantity=quantity,
        )
        return event.resource_id

    @classmethod
    def consume(cls, process, resource, quantity):
        return cls.rea_event(
            "consume",
            cls.workshop,
            input_of_id=process.id,
            resource_id=resource.id,
            resource_quantity=quantity,
        )

    @classmethod
    def use(cls, process, resource, hours):
        return cls.rea_event(
            "use",
            cls.workshop,
            input_of_id=process.id,
            resource_id=resource.id,
            effort_quantity=hours,
            effort_unit_id=cls.uom_hour.id,
        )

    @classmethod
    def cite(cls, process, resource, percent):
        """Cite ``resource`` for ``percent`` % of the other inputs."""
        return cls.rea_event(
            "cite",
            cls.workshop,
            input_of_id=process.id,
            resource_id=resource.id,
            resource_quantity=1,
            effort_quantity=percent,
            effort_unit_id=cls.env.ref("rea_value_distribution.product_uom_percent").id,
        )

    @classmethod
    def bring(cls, who, resource_type, quantity, value, resource=None):
        """A member brings a resource in (a raise marked as contribution)."""
        event = cls.rea_event(
            "raise",
            who,
            resource_conforms_to_id=resource_type.id,
            resource_id=resource.id if resource else False,
            resource_quantity=quantity,
            money_value=value,
            currency_id=cls.eur.id,
            is_contribution=True,
        )
        return event

    @classmethod
    def money_contribution(cls, who, amount, date="2026-02-01"):
        """Money a member puts in the workshop's common account."""
        return cls.rea_event(
            "transfer",
            who,
            resource_conforms_to_id=cls.euro.id,
            resource_id=who.get_rea_account(cls.euro).id,
            to_resource_id=cls.workshop.get_rea_account(cls.euro).id,
            resource_quantity=amount,
            has_point_in_time="%s 10:00:00" % date,
            is_contribution=True,
        )

    @classmethod
    def purchase(cls, supplier, resource_type, quantity, amount, date="2026-02-10"):
        """The workshop buys ``quantity`` and pays ``amount`` from its
        account; returns the received resource (the workshop's stock)."""
        exchange = cls.env["rea.exchange"].create(
            {
                "exchange_type_id": cls.env.ref(
                    "rea_exchanges.exchange_type_purchase_fiat"
                ).id,
                "provider_id": supplier.id,
                "receiver_id": cls.workshop.id,
                "context_id": cls.workshop.id,
                "start_date": date,
            }
        )
        goods = exchange.add_transfer(
            cls.env.ref("rea_exchanges.transfer_type_purchase_fiat_goods"),
            resource_type,
        )
        payment = exchange.add_transfer(
            cls.env.ref("rea_exchanges.transfer_type_purchase_fiat_payment")
        )
        receipt = goods.record_event(quantity, date=date)
        payment.record_event(amount, date=date)
        return receipt.to_resource_id

    @classmethod
    def build_desk_recipe(cls):
        """Desks from table tops, tops from bought wood, with work, the use
        of a contributed CNC machine and the citation of a design.

        Values (hand computed):
        - wood: 10 bought for 200, paid from the common account funded by
          Alice 300 and Bob 100: 20 per unit;
        - CNC machine: brought by Carol, worth 1000; 5 per hour of use;
        - design: Carol 5 h design x 30 = 150, 1 produced: 150;
        - tops ("Cut tops"): 6 wood x 20 = 120 + Alice 4 h x 20 = 80 + CNC
          2 h x 5 = 10 = 210 for 3 tops: 70 per top;
        - desks ("Assemble desks"): 2 tops x 70 = 140 + Bob 2 h x 25 (his
          rate) = 50 + design cited 10 % of 190 = 19 = 209 for 2 desks:
          104.5 per desk.
        """
        Type = cls.resource_type
        cls.wood_type = Type("Oak board", "consumable")
        cls.wood_type.rea_allow_negative_stock = True
        cls.top_type = Type("Table top", "produced")
        cls.desk_type = Type("Desk", "produced")
        cls.design_type = Type("Desk design", "citable")
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Sawmill", "agent_type": "organization"}
        )
        cls.money_alice = cls.money_contribution(cls.alice, 300.0)
        cls.money_bob = cls.money_contribution(cls.bob, 100.0)
        cls.wood = cls.purchase(cls.supplier, cls.wood_type, 10.0, 200.0)
        cls.cnc_in = cls.bring(cls.carol, cls.cnc, 1.0, 1000.0)
        cls.cnc_machine = cls.cnc_in.resource_id
        cls.cnc_machine.value_per_unit_of_use = 5.0
        cls.design_proc = cls.process("Design the desk", cls.spec_design)
        cls.design_carol = cls.work(
            cls.carol, 5, skill=cls.design_work, process=cls.design_proc
        )
        cls.desk_design = cls.produce(cls.design_proc, cls.design_type, 1.0)
        cls.cut = cls.process("Cut tops", cls.spec_make)
        cls.consume(cls.cut, cls.wood, 6.0)
        cls.cut_alice = cls.work(cls.alice, 4, process=cls.cut)
        cls.use(cls.cut, cls.cnc_machine, 2.0)
        cls.tops = cls.produce(cls.cut, cls.top_type, 3.0)
        cls.assemble = cls.process("Assemble desks", cls.spec_make)
        cls.consume(cls.assemble, cls.tops, 2.0)
        cls.assemble_bob = cls.work(cls.bob, 2, process=cls.assemble)
        cls.cite(cls.assemble, cls.desk_design, 10.0)
        cls.desks = cls.produce(cls.assemble, cls.desk_type, 2.0)

    @classmethod
    def ship(cls, resource, quantity, customer=None):
        """The workshop delivers ``quantity`` of ``resource``."""
        customer = customer or cls.fund
        return cls.rea_event(
            "transfer",
            cls.workshop,
            receiver_id=customer.id,
            resource_id=resource.id,
            to_resource_id=customer.get_rea_account(resource.conforms_to_id).id,
            resource_quantity=quantity,
            has_point_in_time="2026-03-20 10:00:00",
        )
