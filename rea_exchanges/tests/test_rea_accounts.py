# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import ExchangeCase


class TestReaAccounts(ExchangeCase):
    """``get_rea_accounts`` gives many agents the accounts ``get_rea_account``
    gives each of them, opening the missing ones together."""

    def test_same_accounts_as_one_by_one(self):
        existing = self.member_a.get_rea_account(self.euro)
        agents = self.member_a | self.member_b | self.supplier | self.project_a
        accounts = agents.get_rea_accounts(self.euro)
        self.assertEqual(set(accounts), set(agents.ids))
        self.assertEqual(accounts[self.member_a.id], existing, "found, not opened")
        for agent in agents:
            account = accounts[agent.id]
            self.assertEqual(agent.get_rea_account(self.euro), account)
            self.assertEqual(account.primary_accountable_id, agent)
            self.assertEqual(account.conforms_to_id, self.euro)
            self.assertEqual(account.unit_id, self.uom_eur)
            self.assertEqual(account.accounting_quantity, 0.0)
            self.assertIn(agent.name, account.name)
            # As get_rea_account names one; the type's behaviour stored.
            self.assertEqual(
                account.name, agent._prepare_rea_account_vals(self.euro)["name"]
            )
            self.assertEqual(account.behavior, self.euro.rea_behavior)
        # Asked again: the same accounts, none opened.
        count = self.env["rea.resource"].search_count([])
        self.assertEqual(agents.get_rea_accounts(self.euro), accounts)
        self.assertEqual(self.env["rea.resource"].search_count([]), count)
        # Per resource type: FairCoin accounts are others.
        fair = agents.get_rea_accounts(self.faircoin)
        self.assertFalse(set(fair.values()) & set(accounts.values()))
        self.assertEqual(self.env["res.partner"].get_rea_accounts(self.euro), {})

    def test_archived_account_is_replaced(self):
        old = self.member_b.get_rea_account(self.euro)
        old.active = False
        accounts = self.member_b.get_rea_accounts(self.euro)
        self.assertNotEqual(accounts[self.member_b.id], old)
        self.assertTrue(accounts[self.member_b.id].active)

    def test_queries_do_not_grow_with_agents(self):
        Partner = self.env["res.partner"]
        counts = []
        for size in (2, 4, 16):
            agents = Partner.browse(
                [
                    Partner.create({"name": "Account holder %s-%s" % (size, n)}).id
                    for n in range(size)
                ]
            )
            agents.invalidate_cache()
            before = self.env.cr.sql_log_count
            accounts = agents.get_rea_accounts(self.euro)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(len(accounts), size)
        self.assertEqual(counts[1], counts[2])
