# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from .common import SharesCase


class TestShareSettings(SharesCase):
    def test_defaults_created_with_the_chart(self):
        company = self.company
        equity = company.share_equity_account_id
        receivable = company.share_receivable_account_id
        self.assertEqual(
            equity.user_type_id, self.env.ref("account.data_account_type_equity")
        )
        self.assertEqual(receivable.internal_type, "receivable")
        self.assertTrue(receivable.reconcile)
        journal = company.share_journal_id
        self.assertEqual(journal.type, "sale")
        self.assertEqual(journal.code, "SUBJ")
        self.assertEqual(journal.sequence_id.prefix, "SUBJ/%(year)s/")
        self.assertEqual(journal.default_credit_account_id, equity)
        new_company = self.env["res.company"].create({"name": "Defaults coop"})
        self.assertTrue(new_company.share_mail_confirmation)
        self.assertTrue(new_company.share_iban_required)
        self.assertEqual(new_company.share_min_age, 18)
        self.assertEqual(company.share_min_age, 18)
        # Running the setup again changes nothing.
        company._create_share_accounting()
        self.assertEqual(company.share_journal_id, journal)
        self.assertEqual(company.share_equity_account_id, equity)

    def test_new_company(self):
        company = self.env["res.company"].create({"name": "Second cooperative"})
        sequences = self.env["ir.sequence"].search(
            [
                ("company_id", "=", company.id),
                ("code", "in", ("rea.cooperator.number", "rea.share.register")),
            ]
        )
        self.assertEqual(len(sequences), 2)
        # No chart of accounts yet: nothing to create.
        company._create_share_accounting()
        self.assertFalse(company.share_journal_id)
        # With a chart, the accounts get free codes and the journal its own
        # sequence.
        self.env["account.account"].create(
            {
                "code": "100910",
                "name": "Taken",
                "user_type_id": self.env.ref("account.data_account_type_equity").id,
                "company_id": company.id,
            }
        )
        company._create_share_accounting()
        self.assertEqual(company.share_equity_account_id.code, "100900")
        self.assertEqual(company.share_receivable_account_id.code, "416000")
        self.assertEqual(company.share_journal_id.company_id, company)

    def test_share_type_defaults(self):
        template = self.share_a.product_tmpl_id
        self.assertEqual(template.rea_behavior, "share")
        self.assertTrue(template.rea_allow_negative_stock)
        self.assertEqual(
            template.get_share_equity_account(self.company),
            self.company.share_equity_account_id,
        )
        self.assertIn(template, self.project.share_product_ids)

    def test_settings_view_writes_company(self):
        settings = self.env["res.config.settings"].create(
            {"share_min_age": 16, "share_one_type_per_member": True}
        )
        settings.execute()
        self.assertEqual(self.company.share_min_age, 16)
        self.assertTrue(self.company.share_one_type_per_member)
