# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger
from odoo.tools.misc import format_date

from .common import SharesCase
from .test_operation import ShareOperationCase, days_ago


class TestShareLineUpdate(SharesCase):
    """'Update info': managers correct the effective date of a share line
    and of its register line, nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)

        def user(login, group):
            return Users.create(
                {
                    "name": login,
                    "login": login,
                    "email": "%s@example.org" % login,
                    "groups_id": [
                        (
                            6,
                            0,
                            [cls.env.ref("base.group_user").id, cls.env.ref(group).id],
                        )
                    ],
                }
            )

        cls.manager = user(
            "update_manager", "rea_membership_shares.group_share_manager"
        )
        cls.coop_user = user("update_user", "rea_membership_shares.group_share_user")
        cls.request = cls.make_request(email="update.me@example.org")
        cls.request.action_validate()
        cls.other = cls.make_request(email="other.member@example.org")
        cls.other.action_validate()

    def setUp(self):
        super().setUp()
        self.pay(self.request, date="2026-01-15")
        self.pay(self.other, date="2026-01-15")
        self.partner = self.request.partner_id
        self.line = self.partner.share_line_ids
        self.register = self.env["rea.share.register"].search(
            [("subscription_request_id", "=", self.request.id)]
        )
        self.other_register = self.env["rea.share.register"].search(
            [("subscription_request_id", "=", self.other.id)]
        )

    def share_account(self, partner):
        return partner.get_rea_account(self.share_a.product_tmpl_id, create=False)

    def quantities(self):
        """Accounting and on-hand quantities of the share accounts involved."""
        accounts = self.share_account(self.partner) | self.share_account(
            self.project.partner_id
        )
        # Quantities are moved in SQL: read what the database holds.
        accounts.invalidate_cache()
        return [
            (account.accounting_quantity, account.onhand_quantity)
            for account in accounts
        ]

    def assertEventsUntouched(self, event):
        self.assertEqual(self.line.rea_event_ids, event)
        self.assertEqual(event.has_point_in_time, "2026-01-15 12:00:00")
        self.assertFalse(event.is_corrected)
        self.assertFalse(event.correction_ids)

    def wizard(self, user, date):
        Wizard = (
            self.env["rea.share.line.update"]
            .sudo(user)
            .with_context(active_model="rea.share.line", active_id=self.line.id)
        )
        values = Wizard.default_get(list(Wizard._fields))
        self.assertEqual(values["share_line_id"], self.line.id)
        values["effective_date"] = date
        return Wizard.create(values)

    def test_manager_corrects_line_and_register(self):
        self.assertEqual(len(self.line), 1)
        self.assertEqual(self.register.date, "2026-01-15")
        self.assertEqual(self.partner.effective_date, "2026-01-15")
        self.wizard(self.manager, "2026-01-03").action_update()
        self.assertEqual(self.line.effective_date, "2026-01-03")
        self.assertEqual(self.register.date, "2026-01-03")
        self.assertEqual(self.partner.effective_date, "2026-01-03")
        # Only the register line of this acquisition moved.
        self.assertEqual(self.other_register.date, "2026-01-15")
        self.assertEqual(
            self.other.partner_id.share_line_ids.effective_date, "2026-01-15"
        )
        message = self.partner.message_ids[:1]
        # Dates as the reader's language writes them.
        self.assertIn(format_date(self.env, "2026-01-15"), message.body)
        self.assertIn(format_date(self.env, "2026-01-03"), message.body)
        self.assertNotIn("2026-01-03", message.body)
        self.assertEqual(message.author_id, self.manager.partner_id)

    def test_paid_line_linked_to_its_event(self):
        event = self.line.rea_event_ids
        self.assertEqual(len(event), 1)
        self.assertEqual(event.provider_id, self.project.partner_id)
        self.assertEqual(event.receiver_id, self.partner)
        self.assertEqual(event.to_resource_id, self.share_account(self.partner))
        self.assertEqual(event.resource_quantity, 2)
        self.assertEqual(event.transfer_id, self.request._get_share_transfer())
        self.assertEqual(event.has_point_in_time, "2026-01-15 12:00:00")

    def test_events_follow_the_date(self):
        event = self.line.rea_event_ids
        other_event = self.other.partner_id.share_line_ids.rea_event_ids
        quantities = self.quantities()
        self.assertEqual(quantities[0], (2, 2))
        self.wizard(self.manager, "2026-01-03").action_update()
        # Recorded again at the new date, same time of day, same move.
        new_event = self.line.rea_event_ids
        self.assertEqual(len(new_event), 1)
        self.assertNotEqual(new_event, event)
        self.assertEqual(new_event.has_point_in_time, "2026-01-03 12:00:00")
        for fname in (
            "action_id",
            "provider_id",
            "receiver_id",
            "resource_id",
            "to_resource_id",
            "resource_quantity",
            "transfer_id",
            "commitment_id",
            "context_id",
        ):
            self.assertEqual(new_event[fname], event[fname], fname)
        self.assertFalse(new_event.corrects_event_id)
        # The original stays a fact, reversed by a correcting event.
        self.assertEqual(event.has_point_in_time, "2026-01-15 12:00:00")
        self.assertTrue(event.is_corrected)
        reversal = event.correction_ids
        self.assertEqual(len(reversal), 1)
        self.assertEqual(reversal.resource_quantity, -2)
        self.assertIn(format_date(self.env, "2026-01-03"), reversal.note)
        # The share accounts hold what they held; the transfer is still done.
        self.assertEqual(self.quantities(), quantities)
        self.assertEqual(event.transfer_id.actual_quantity, 2)
        # The events still in force for the member's account: the new one.
        live = self.env["rea.event"].search(
            [
                ("to_resource_id", "=", self.share_account(self.partner).id),
                ("is_corrected", "=", False),
                ("corrects_event_id", "=", False),
            ]
        )
        self.assertEqual(live, new_event)
        # Nothing else moved.
        self.assertEqual(
            self.other.partner_id.share_line_ids.rea_event_ids, other_event
        )
        self.assertFalse(other_event.is_corrected)
        self.assertIn(new_event.name, self.partner.message_ids[:1].body)

    def test_corrected_twice(self):
        first = self.line.rea_event_ids
        quantities = self.quantities()
        self.wizard(self.manager, "2026-01-03").action_update()
        second = self.line.rea_event_ids
        self.wizard(self.manager, "2026-01-10").action_update()
        third = self.line.rea_event_ids
        self.assertEqual(len(third), 1)
        self.assertNotIn(third, first | second)
        self.assertEqual(third.has_point_in_time, "2026-01-10 12:00:00")
        self.assertTrue(first.is_corrected)
        self.assertTrue(second.is_corrected)
        self.assertFalse(third.is_corrected)
        self.assertEqual(self.quantities(), quantities)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_managers_only(self):
        event = self.line.rea_event_ids
        events_before = self.env["rea.event"].search_count([])
        wizard = self.wizard(self.coop_user, "2026-01-03")
        with self.assertRaises(AccessError):
            wizard.action_update()
        self.assertEqual(self.line.effective_date, "2026-01-15")
        self.assertEqual(self.register.date, "2026-01-15")
        self.assertEventsUntouched(event)
        self.assertEqual(self.env["rea.event"].search_count([]), events_before)

    def test_bad_dates(self):
        event = self.line.rea_event_ids
        quantities = self.quantities()
        events_before = self.env["rea.event"].search_count([])
        with self.assertRaises(UserError):
            self.wizard(self.manager, "2099-01-01").action_update()
        with self.assertRaises(UserError):
            self.wizard(self.manager, "2026-01-15").action_update()
        self.assertEqual(self.register.date, "2026-01-15")
        self.assertEventsUntouched(event)
        self.assertEqual(self.env["rea.event"].search_count([]), events_before)
        self.assertEqual(self.quantities(), quantities)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_register_stays_append_only(self):
        with self.assertRaises(AccessError):
            self.register.sudo(self.manager).write({"date": "2026-01-01"})
        with self.assertRaises(AccessError):
            self.register.sudo(self.manager).unlink()
        self.assertEqual(self.register.date, "2026-01-15")


class TestShareLineUpdateOperations(ShareOperationCase):
    """The register line of shares received by a transfer follows too, and
    lines of the same day are told apart by their quantity."""

    def update(self, line, date):
        wizard = (
            self.env["rea.share.line.update"]
            .sudo(self.coop_manager)
            .create({"share_line_id": line.id, "effective_date": date})
        )
        wizard.action_update()

    def accounts_state(self, *partners_products):
        """Accounting and on-hand quantities of these share accounts."""
        self.env["rea.resource"].invalidate_cache()
        return [
            (account.accounting_quantity, account.onhand_quantity)
            for account in (
                partner.get_rea_account(product.product_tmpl_id, create=False)
                for partner, product in partners_products
            )
        ]

    def register(self, **domain):
        return self.env["rea.share.register"].search(
            [(key, "=", value) for key, value in domain.items()]
        )

    def test_transfer_receiver(self):
        operation = self.run_operation(
            "transfer", self.alice, self.share_a, 2, receiver_id=self.carol.id
        )
        line = self.carol.share_line_ids
        self.assertEqual(line.effective_date, operation.effective_date)
        transfer = self.register(type="transfer", partner_to_id=self.carol.id)
        self.assertEqual(len(transfer), 1)
        alice_dates = sorted(
            self.register(partner_id=self.alice.id, type="subscription").mapped("date")
        )
        event = line.rea_event_ids
        self.assertEqual(event.transfer_id.exchange_id, operation.rea_exchange_id)
        self.assertEqual(event.provider_id, self.alice)
        self.assertEqual(event.receiver_id, self.carol)
        alice_events = self.alice.share_line_ids.mapped("rea_event_ids")
        state = self.accounts_state(
            (self.alice, self.share_a), (self.carol, self.share_a)
        )
        self.update(line, days_ago(90))
        self.assertTrue(event.is_corrected)
        self.assertEqual(line.rea_event_ids.has_point_in_time[:10], days_ago(90))
        self.assertEqual(line.rea_event_ids.receiver_id, self.carol)
        self.assertEqual(line.rea_event_ids.transfer_id, event.transfer_id)
        self.assertEqual(
            self.accounts_state((self.alice, self.share_a), (self.carol, self.share_a)),
            state,
        )
        self.assertEqual(
            self.alice.share_line_ids.mapped("rea_event_ids"), alice_events
        )
        self.assertFalse(any(alice_events.mapped("is_corrected")))
        self.assertEqual(line.effective_date, days_ago(90))
        self.assertEqual(transfer.date, days_ago(90))
        self.assertEqual(self.carol.effective_date, days_ago(90))
        # The giver's own subscription lines are unchanged.
        self.assertEqual(
            sorted(
                self.register(partner_id=self.alice.id, type="subscription").mapped(
                    "date"
                )
            ),
            alice_dates,
        )
        self.assertEqual(
            [line.effective_date for line in self.alice.share_line_ids],
            [days_ago(60)],
        )

    def test_same_day_told_apart_by_quantity(self):
        date = days_ago(60)
        self.give_shares(self.alice, self.share_a, 4, date)
        lines = self.alice.share_line_ids.filtered(
            lambda line: line.effective_date == date
        )
        self.assertEqual(sorted(lines.mapped("quantity")), [3, 4])
        four = lines.filtered(lambda line: line.quantity == 4)
        self.update(four, days_ago(61))
        registers = self.register(partner_id=self.alice.id, type="subscription")
        dates = {(r.quantity, r.date) for r in registers}
        self.assertIn((4, days_ago(61)), dates)
        self.assertIn((3, date), dates)
        self.assertNotIn((3, days_ago(61)), dates)

    def test_conversion_event_of_the_new_shares(self):
        operation = self.run_operation(
            "conversion",
            self.alice,
            self.share_a,
            2,
            share_to_product_id=self.share_b.id,
        )
        line = self.alice.share_line_ids.filtered(
            lambda line: line.share_product_id == self.share_b
        )
        event = line.rea_event_ids
        # The 4 shares B coming in, not the 2 shares A going back.
        self.assertEqual(len(event), 1)
        self.assertEqual(event.receiver_id, self.alice)
        self.assertEqual(event.resource_conforms_to_id, self.share_b.product_tmpl_id)
        self.assertEqual(event.resource_quantity, 4)
        self.assertEqual(event.exchange_id, operation.rea_exchange_id)
        going_back = operation.rea_exchange_id.transfer_ids.mapped("event_ids") - event
        state = self.accounts_state(
            (self.alice, self.share_a), (self.alice, self.share_b)
        )
        self.update(line, days_ago(45))
        self.assertEqual(line.rea_event_ids.has_point_in_time[:10], days_ago(45))
        self.assertEqual(line.rea_event_ids.resource_quantity, 4)
        self.assertTrue(event.is_corrected)
        self.assertFalse(any(going_back.mapped("is_corrected")))
        self.assertEqual(
            self.accounts_state((self.alice, self.share_a), (self.alice, self.share_b)),
            state,
        )
