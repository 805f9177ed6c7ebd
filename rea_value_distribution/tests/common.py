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
        cls.env["rea.agent.skill.rate"].create(
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
