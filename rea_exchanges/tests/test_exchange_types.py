# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ExchangeCase

# Seed exchange types and their slots: (type code, [(direction, currency?)]).
SEED_TYPES = {
    "purchase_fiat": ["forward", "backward"],
    "purchase_faircoin": ["forward", "backward"],
    "purchase_crypto": ["forward", "backward"],
    "sale_fiat": ["forward", "backward"],
    "sale_faircoin": ["forward", "backward"],
    "sale_crypto": ["forward", "backward"],
    "service_fiat": ["forward", "backward"],
    "service_faircoin": ["forward", "backward"],
    "donation_gift": ["forward"],
    "donation_fiat": ["forward"],
    "donation_faircoin": ["forward"],
    "donation_crypto": ["forward"],
    "share_purchase_fiat": ["forward", "backward"],
    "share_purchase_faircoin": ["forward", "backward"],
    "loan_fiat": ["forward", "backward"],
    "loan_faircoin": ["forward", "backward"],
    "internal_fiat": ["forward"],
    "internal_faircoin": ["forward"],
    "internal_crypto": ["forward"],
}


class TestExchangeTypes(ExchangeCase):
    def _complete(self, exchange, quantity=3.0):
        """Plan and record every transfer of ``exchange``."""
        for transfer in exchange.transfer_ids:
            if not transfer.resource_conforms_to_id:
                behavior = transfer.transfer_type_id.allowed_behavior
                transfer.resource_conforms_to_id = {
                    "work": self.repair,
                    "share": self.share,
                }.get(behavior, self.board)
            transfer.add_commitment(quantity)
            transfer.record_event()

    def test_seed_types(self):
        """Every seed type and flavour exists, with its slots."""
        types = self.env["rea.exchange.type"].search([])
        self.assertTrue(set(SEED_TYPES) <= set(types.mapped("code")))
        for code, directions in SEED_TYPES.items():
            exchange_type = self.exchange_type(code)
            slots = exchange_type.transfer_type_ids.sorted("sequence")
            self.assertEqual(slots.mapped("direction"), directions, code)
            if len(slots) == 2:
                self.assertTrue(slots[1].is_reciprocal and slots[1].is_currency, code)
        gift = self.exchange_type("donation_gift")
        self.assertFalse(gift.currency_resource_type_id)
        self.assertFalse(gift.transfer_type_ids.is_currency)
        self.assertEqual(
            self.exchange_type("sale_faircoin").currency_resource_type_id, self.faircoin
        )

    def test_each_seed_type_from_both_sides(self):
        """An exchange of each seed type completes, and each party sees what
        it gave and what it got, under its own name for the exchange."""
        for code in SEED_TYPES:
            with self.subTest(code=code):
                exchange = self.make_exchange(
                    code, self.project_a, self.member_a, context=self.project_a
                )
                exchange_type = exchange.exchange_type_id
                self.assertEqual(
                    len(exchange.transfer_ids), len(exchange_type.transfer_type_ids)
                )
                self.assertEqual(exchange.state, "empty")
                self._complete(exchange)
                self.assertEqual(exchange.state, "complete")
                forward = exchange.transfer_ids.filtered(
                    lambda t: t.direction == "forward"
                )
                backward = exchange.transfer_ids - forward
                self.assertEqual(forward.mapped("provider_id"), self.project_a)
                self.assertEqual(forward.mapped("receiver_id"), self.member_a)
                if backward:
                    self.assertEqual(backward.provider_id, self.member_a)
                    self.assertEqual(backward.receiver_id, self.project_a)
                provider_view = exchange.get_agent_view(self.project_a)
                receiver_view = exchange.get_agent_view(self.member_a)
                self.assertEqual(provider_view["side"], "provider")
                self.assertEqual(receiver_view["side"], "receiver")
                self.assertEqual(
                    provider_view["label"], exchange_type.get_label_for("provider")
                )
                self.assertEqual(
                    receiver_view["label"], exchange_type.get_label_for("receiver")
                )
                self.assertEqual(provider_view["gave"], receiver_view["got"])
                self.assertEqual(provider_view["got"], receiver_view["gave"])
                self.assertEqual(len(provider_view["gave"]), len(forward))
                self.assertEqual(len(provider_view["got"]), len(backward))
                events = exchange.transfer_ids.mapped("event_ids")
                self.assertEqual(set(events.mapped("action_code")), {"transfer"}, code)

    def test_sale_perspectives(self):
        """A sale for the seller is a purchase for the buyer."""
        exchange = self.sale(self.member_a, boards=2, price=30.0)
        goods, money = self.sides(exchange)
        goods.record_event()
        money.record_event()
        seller = exchange.get_agent_view(self.project_a)
        buyer = exchange.get_agent_view(self.member_a)
        self.assertEqual(seller["label"], "Sale")
        self.assertEqual(buyer["label"], "Purchase")
        # Money as Odoo writes amounts, with its currency symbol.
        self.assertEqual(buyer["gave"], ["30.00 €"])
        self.assertEqual(seller["got"], ["30.00 €"])
        self.assertEqual(len(buyer["got"]), 1)
        self.assertIn("Cutting board", buyer["got"][0])
        # The back-office fields take the agent from the context.
        as_buyer = exchange.with_context(rea_agent_id=self.member_a.id)
        self.assertEqual(as_buyer.agent_label, "Purchase")
        self.assertEqual(as_buyer.agent_gave, "30.00 €")

    def test_transfers_move_between_accounts(self):
        """Transfer events go from the provider's account to the receiver's,
        found or created once per agent and resource type."""
        exchange = self.sale(self.member_a)
        goods, money = self.sides(exchange)
        money.record_event(10.0)
        money.record_event(20.0)
        goods.record_event()
        eur_account = self.member_a.get_rea_account(self.euro, create=False)
        self.assertTrue(eur_account)
        self.assertEqual(
            money.event_ids.mapped("resource_id"), eur_account, "one account reused"
        )
        self.assertEqual(eur_account.accounting_quantity, -30.0)
        self.assertEqual(
            self.project_a.get_rea_account(self.euro).accounting_quantity, 30.0
        )
        board_account = self.member_a.get_rea_account(self.board, create=False)
        self.assertEqual(board_account.accounting_quantity, 2.0)
        self.assertEqual(board_account.primary_accountable_id, self.member_a)
        self.assertEqual(
            self.project_a.get_rea_account(self.board).accounting_quantity, 98.0
        )
        self.assertEqual(money.event_ids.mapped("context_id"), self.project_a)

    def test_context_side_fills_the_party(self):
        """The type says which party the context is by default."""
        exchange = self.Exchange.new(
            {"exchange_type_id": self.exchange_type("donation_fiat").id}
        )
        exchange.context_id = self.project_b
        exchange._onchange_context_side()
        self.assertEqual(exchange.receiver_id, self.project_b)
        sale = self.Exchange.new(
            {"exchange_type_id": self.exchange_type("sale_fiat").id}
        )
        sale.context_id = self.project_b
        sale._onchange_context_side()
        self.assertEqual(sale.provider_id, self.project_b)
        sale.receiver_id = self.member_b
        sale._onchange_fill_transfers()
        self.assertEqual(len(sale.transfer_ids), 2)
        self.assertEqual(sale.transfer_ids.mapped("direction"), ["forward", "backward"])

    def test_custody_and_rights_transfers(self):
        """A tool lent (custody only) and a good sold without delivery
        (rights only): the other transfer actions work in exchanges too."""
        loan_type = self.env["rea.exchange.type"].create(
            {
                "name": "Tool loan",
                "code": "test_tool_loan",
                "transfer_type_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Lent boards",
                            "action_id": self.action("transferCustody").id,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Sold, kept in store",
                            "action_id": self.action("transferAllRights").id,
                        },
                    ),
                ],
            }
        )
        exchange = self.Exchange.create(
            {
                "exchange_type_id": loan_type.id,
                "provider_id": self.project_a.id,
                "receiver_id": self.member_a.id,
            }
        )
        exchange.action_fill_transfers()
        custody, rights = exchange.transfer_ids.sorted("sequence")
        (custody | rights).write({"resource_conforms_to_id": self.board.id})
        stock = self.project_a.get_rea_account(self.board)
        custody.record_event(4.0)
        held = custody.event_ids.to_resource_id
        self.assertEqual(held.onhand_quantity, 4.0)
        self.assertEqual(held.accounting_quantity, 0.0)
        self.assertEqual(held.primary_accountable_id, self.project_a, "still owned")
        self.assertEqual(
            (stock.accounting_quantity, stock.onhand_quantity), (100.0, 96.0)
        )
        rights.record_event(5.0)
        own = self.member_a.get_rea_account(self.board)
        self.assertEqual((own.accounting_quantity, own.onhand_quantity), (5.0, 0.0))
        self.assertEqual(
            (stock.accounting_quantity, stock.onhand_quantity), (95.0, 96.0)
        )
        self.assertEqual(exchange.state, "complete")
        self.assertEqual(
            set(exchange.transfer_ids.mapped("event_ids.action_code")),
            {"transferCustody", "transferAllRights"},
        )
