# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import importlib.util
import os

from .common import SharesCase

MIGRATION = os.path.join(
    os.path.dirname(os.path.dirname(__file__)),
    "migrations",
    "11.0.1.4.0",
    "post-migrate.py",
)


def load_migration():
    spec = importlib.util.spec_from_file_location(
        "rea_membership_shares_post_migrate_11_0_1_4_0", MIGRATION
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestCommitmentsMigration(SharesCase):
    """Requests validated before exchanges had commitments: the upgrade to
    11.0.1.4.0 plans their exchanges as the validation does now."""

    def as_before_commitments(self, request):
        """The request's exchange as older versions made it: transfers and
        events, no commitment."""
        commitments = request.exchange_id.mapped("transfer_ids.commitment_ids")
        self.assertTrue(commitments)
        commitments.mapped("event_ids")._engine_write({"commitment_id": False})
        commitments.sudo().unlink()
        self.env["rea.subscription.request"].invalidate_cache()
        self.assertFalse(request.exchange_id.mapped("transfer_ids.commitment_ids"))

    def migrate(self):
        load_migration().migrate(self.env.cr, "11.0.1.3.0")
        self.env["rea.subscription.request"].invalidate_cache()

    def commitments(self, request):
        transfers = request.exchange_id.transfer_ids
        money = transfers.filtered("is_currency")
        shares = transfers - money
        return money.commitment_ids, shares.commitment_ids

    def test_validated_request_gets_its_commitments(self):
        request = self.make_request(quantity=4)
        request.action_validate()
        self.as_before_commitments(request)
        self.migrate()
        money, shares = self.commitments(request)
        self.assertEqual(len(money), 1)
        self.assertEqual(len(shares), 1)
        self.assertEqual(money.resource_quantity, request.subscription_amount)
        self.assertEqual(shares.resource_quantity, 4)
        self.assertEqual(money.due_date, request.invoice_id.date_invoice)
        self.assertFalse(money.finished or shares.finished)
        for transfer in request.exchange_id.transfer_ids:
            self.assertEqual(
                transfer.committed_quantity, transfer.commitment_ids.resource_quantity
            )
        # Running it again adds nothing.
        self.migrate()
        self.assertEqual(self.commitments(request), (money, shares))

    def test_paid_request_commitments_are_fulfilled(self):
        request = self.make_request(quantity=2)
        request.action_validate()
        self.pay(request)
        self.assertEqual(request.state, "paid")
        self.as_before_commitments(request)
        self.migrate()
        money, shares = self.commitments(request)
        self.assertTrue(money.finished)
        self.assertTrue(shares.finished)
        self.assertEqual(money.fulfilled_quantity, request.subscription_amount)
        self.assertEqual(shares.fulfilled_quantity, 2)

    def test_fresh_install_and_other_requests_untouched(self):
        request = self.make_request()
        request.action_validate()
        money, shares = self.commitments(request)
        cancelled = self.make_request(email="gone@example.org")
        cancelled.action_validate()
        cancelled.action_cancel()
        self.as_before_commitments(cancelled)
        load_migration().migrate(self.env.cr, None)
        self.migrate()
        self.assertEqual(self.commitments(request), (money, shares))
        self.assertFalse(cancelled.exchange_id.mapped("transfer_ids.commitment_ids"))
