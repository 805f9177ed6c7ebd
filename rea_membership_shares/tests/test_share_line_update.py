# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

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
        self.assertIn("2026-01-15", message.body)
        self.assertIn("2026-01-03", message.body)
        self.assertEqual(message.author_id, self.manager.partner_id)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_managers_only(self):
        wizard = self.wizard(self.coop_user, "2026-01-03")
        with self.assertRaises(AccessError):
            wizard.action_update()
        self.assertEqual(self.line.effective_date, "2026-01-15")
        self.assertEqual(self.register.date, "2026-01-15")

    def test_bad_dates(self):
        with self.assertRaises(UserError):
            self.wizard(self.manager, "2099-01-01").action_update()
        with self.assertRaises(UserError):
            self.wizard(self.manager, "2026-01-15").action_update()
        self.assertEqual(self.register.date, "2026-01-15")

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
        self.update(line, days_ago(90))
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
