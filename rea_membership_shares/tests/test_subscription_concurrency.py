# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import threading

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import common

_logger = logging.getLogger(__name__)


@common.at_install(False)
@common.post_install(True)
class TestPaymentConcurrency(common.TransactionCase):
    """Two confirmations of the same paid invoice in two real transactions
    give one set of shares. Data is committed (other cursors must see it),
    so it uses its own project and agents."""

    def _new_env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _prepare(self):
        with self.registry.cursor() as cr:
            env = self._new_env(cr)
            company = env.user.company_id
            company._create_share_accounting()
            project = env["rea.project"].create(
                {
                    "name": "Concurrency Cooperative",
                    "slug": "concurrency-coop",
                    "agent_type": "project",
                    "is_context": True,
                    "join_style": "shares",
                }
            )
            share = env["product.product"].create(
                {
                    "name": "Concurrency share",
                    "is_share": True,
                    "share_project_id": project.id,
                    "list_price": 10.0,
                    "sale_ok": False,
                }
            )
            request = env["rea.subscription.request"].create(
                {
                    "project_id": project.id,
                    "share_product_id": share.id,
                    "quantity": 3,
                    "firstname": "Con",
                    "lastname": "Current",
                    "email": "con.current@example.org",
                    "birthdate": "1980-01-01",
                    "gender": "other",
                    "street": "Street 1",
                    "zip_code": "1000",
                    "city": "Town",
                    "country_id": env.ref("base.be").id,
                    "lang": "en_US",
                    "iban": "BE68539007547034",
                }
            )
            request.action_validate()
            journal = env["account.journal"].search(
                [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
            )
            # Paid without running the paid flow: the threads run it.
            env["rea.subscription.payment"].with_context(
                rea_shares_no_paid_flow=True
            ).create(
                {
                    "request_id": request.id,
                    "journal_id": journal.id,
                    "amount": request.invoice_id.residual,
                    "reference": "CONCURRENT",
                }
            ).action_confirm()
            self.assertEqual(request.invoice_id.state, "paid")
            self.assertEqual(request.state, "done")
            return request.id, request.partner_id.id

    def _confirm(self, request_id, barrier, results):
        """Run the paid flow as Odoo runs an RPC: in its own environment,
        retried on serialization failures."""
        try:
            with api.Environment.manage():
                results.append(self._confirm_with_retries(request_id, barrier))
        except Exception as error:  # reported by the assertion, not the log
            results.append(repr(error))

    def _confirm_with_retries(self, request_id, barrier):
        for _attempt in range(5):
            with self.registry.cursor() as cr:
                env = self._new_env(cr)
                request = env["rea.subscription.request"].browse(request_id)
                request.invoice_id.read(["state"])
                try:
                    barrier.wait(timeout=10)
                except threading.BrokenBarrierError:
                    _logger.info("The other confirmation did not start in time")
                try:
                    done = request._on_capital_release_paid(request.invoice_id)
                    # Each confirmation is its own committed transaction.
                    cr.commit()  # pylint: disable=invalid-commit
                    return done
                except psycopg2.extensions.TransactionRollbackError:
                    cr.rollback()
                    barrier = threading.Barrier(1)
        return "gave up"

    def test_two_concurrent_confirmations(self):
        request_id, partner_id = self._prepare()
        barrier = threading.Barrier(2)
        results = []
        threads = [
            threading.Thread(target=self._confirm, args=(request_id, barrier, results))
            for _i in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(sorted(results, key=str), [False, True])
        with self.registry.cursor() as cr:
            env = self._new_env(cr)
            lines = env["rea.share.line"].search([("partner_id", "=", partner_id)])
            self.assertEqual(len(lines), 1)
            self.assertEqual(lines.quantity, 3)
            register = env["rea.share.register"].search(
                [("partner_id", "=", partner_id)]
            )
            self.assertEqual(len(register), 1)
            request = env["rea.subscription.request"].browse(request_id)
            self.assertEqual(request.state, "paid")
            shares = request.exchange_id.transfer_ids.filtered(
                lambda t: not t.is_currency
            )
            self.assertEqual(len(shares.event_ids), 1)
