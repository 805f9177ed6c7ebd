# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase


class ExchangeCase(SavepointCase):
    """Agents, resource types and helpers shared by the rea_exchanges tests.

    Two projects (A and B) part of a network, members of each, a supplier;
    money types come from the module's seed data (Euro, FairCoin), the other
    resource types are made here.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Exchange = cls.env["rea.exchange"]
        cls.Transfer = cls.env["rea.transfer"]
        Partner = cls.env["res.partner"]
        cls.uom_unit = cls.env.ref("product.product_uom_unit")
        cls.uom_hour = cls.env.ref("product.product_uom_hour")
        cls.uom_eur = cls.env.ref("rea_exchanges.product_uom_eur")
        cls.uom_fair = cls.env.ref("rea_exchanges.product_uom_fair")
        cls.euro = cls.env.ref("rea_exchanges.product_template_euro")
        cls.faircoin = cls.env.ref("rea_exchanges.product_template_faircoin")

        cls.network = Partner.create(
            {"name": "Test network", "agent_type": "network", "is_context": True}
        )
        cls.project_a = Partner.create(
            {"name": "Project A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Project B", "agent_type": "project", "is_context": True}
        )
        cls.member_a = Partner.create({"name": "Member A", "agent_type": "individual"})
        cls.member_b = Partner.create({"name": "Member B", "agent_type": "individual"})
        cls.supplier = Partner.create(
            {
                "name": "Timber supplier",
                "agent_type": "organization",
                "is_company": True,
            }
        )
        child = cls.env.ref("rea_base.relationship_type_child")
        for project in (cls.project_a, cls.project_b):
            cls.env["rea.agent.relationship"].create(
                {
                    "subject_id": project.id,
                    "object_id": cls.network.id,
                    "type_id": child.id,
                }
            )

        cls.board = cls._resource_type("Cutting board", "produced")
        cls.repair = cls._resource_type(
            "Repair work", "work", uom=cls.uom_hour, negative=True
        )
        cls.share = cls._resource_type("Network share", "share", negative=True)
        # Stock of boards to sell: an opening 'raise' event.
        cls.env["rea.event"].create(
            {
                "action_id": cls.action("raise").id,
                "provider_id": cls.project_a.id,
                "receiver_id": cls.project_a.id,
                "resource_id": cls.project_a.get_rea_account(cls.board).id,
                "resource_quantity": 100,
            }
        )

    @classmethod
    def _resource_type(cls, name, behavior, uom=None, negative=False):
        uom = uom or cls.uom_unit
        return cls.env["product.template"].create(
            {
                "name": name,
                "type": "service" if behavior in ("work", "share") else "consu",
                "rea_behavior": behavior,
                "uom_id": uom.id,
                "uom_po_id": uom.id,
                "rea_allow_negative_stock": negative,
            }
        )

    @classmethod
    def action(cls, code):
        return cls.env["rea.action"].search([("code", "=", code)])

    @classmethod
    def exchange_type(cls, code):
        return cls.env["rea.exchange.type"].search([("code", "=", code)])

    @classmethod
    def make_exchange(cls, type_code, provider, receiver, context=None, **vals):
        """An exchange of the seed type ``type_code`` with one transfer per slot."""
        exchange_type = cls.exchange_type(type_code)
        vals.update(
            {
                "exchange_type_id": exchange_type.id,
                "provider_id": provider.id,
                "receiver_id": receiver.id,
                "context_id": context.id if context else False,
            }
        )
        exchange = cls.env["rea.exchange"].create(vals)
        exchange.action_fill_transfers()
        return exchange

    @classmethod
    def sale(cls, buyer, boards=2, price=30.0, context=None):
        """Project A sells cutting boards for euros; both sides planned."""
        exchange = cls.make_exchange(
            "sale_fiat", cls.project_a, buyer, context=context or cls.project_a
        )
        goods, money = cls.sides(exchange)
        goods.resource_conforms_to_id = cls.board
        goods.add_commitment(boards, due="2030-01-10 10:00:00")
        money.add_commitment(price, due="2030-01-31 10:00:00")
        return exchange

    @staticmethod
    def sides(exchange):
        """(main transfer, reciprocal transfer) of a two-sided exchange."""
        transfers = exchange.transfer_ids.sorted(lambda t: (t.sequence, t.id))
        return transfers[0], transfers[1:2]

    @staticmethod
    def totals_by_unit(totals):
        return {line["unit"].name: line for line in totals}
