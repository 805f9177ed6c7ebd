# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from .common import create_project

LOGGER = "odoo.addons.rea_projects.models.rea_join_request"


class TestSubscription(SavepointCase):
    """Renewing subscriptions and expiring the lapsed ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Request = cls.env["rea.join.request"]
        cls.project = create_project(
            cls.env,
            "Quarterly club",
            "subscription",
            subscription_period="quarter",
            auto_create_user=False,
        )
        cls.moderated = create_project(cls.env, "Plain club", auto_create_user=False)
        # The user's today, as the join requests count their dates.
        cls.today = fields.Date.from_string(fields.Date.context_today(cls.Request))

    def _member(self, email, project=None):
        request = self.Request.create(
            {"project_id": (project or self.project).id, "name": email, "email": email}
        )
        request.action_send_confirmation()
        request.action_confirm_email()
        request.action_accept()
        return request

    def _backdate(self, request, expiry):
        """Make the subscription started long ago and expire on ``expiry``."""
        start = fields.Date.to_string(expiry - relativedelta(months=3))
        request.relationship_id.write(
            {"date_start": start, "date_end": fields.Date.to_string(expiry)}
        )
        request.subscription_expiry_date = fields.Date.to_string(expiry)

    def test_renew_running_subscription_extends_from_expiry(self):
        request = self._member("run@example.org")
        expiry = fields.Date.from_string(request.subscription_expiry_date)
        self.assertEqual(expiry, self.today + relativedelta(months=3))
        request.action_renew_subscription()
        new_expiry = self.today + relativedelta(months=6)
        self.assertEqual(
            request.subscription_expiry_date, fields.Date.to_string(new_expiry)
        )
        self.assertEqual(
            request.relationship_id.date_end, request.subscription_expiry_date
        )
        self.assertEqual(request.relationship_id.state, "active")
        self.assertIn("renewed until", request.message_ids[0].body)

    def test_renew_lapsed_subscription_starts_today(self):
        request = self._member("lapsed@example.org")
        self._backdate(request, self.today - timedelta(days=10))
        request.relationship_id.state = "inactive"
        request.action_renew_subscription()
        self.assertEqual(
            request.subscription_expiry_date,
            fields.Date.to_string(self.today + relativedelta(months=3)),
        )
        self.assertEqual(request.relationship_id.state, "active")

    def test_renew_needs_accepted_subscription(self):
        pending = self.Request.create(
            {"project_id": self.project.id, "name": "P", "email": "p@example.org"}
        )
        with self.assertRaises(UserError):
            pending.action_renew_subscription()
        plain = self._member("plain@example.org", self.moderated)
        with self.assertRaises(UserError):
            plain.action_renew_subscription()
        self.assertFalse(plain.subscription_expiry_date)

    def test_cron_makes_expired_memberships_inactive(self):
        expired = self._member("expired@example.org")
        self._backdate(expired, self.today - timedelta(days=1))
        due_today = self._member("today@example.org")
        self._backdate(due_today, self.today)
        running = self._member("running@example.org")
        plain = self._member("plain2@example.org", self.moderated)
        with self.assertLogs(LOGGER) as logs:
            count = self.Request._cron_expire_subscriptions()
        self.assertEqual(count, 1)
        self.assertEqual(expired.relationship_id.state, "inactive")
        self.assertTrue(
            any("expired@example.org" in line for line in logs.output), logs.output
        )
        self.assertTrue(
            any("1 memberships made inactive" in line for line in logs.output)
        )
        self.assertIn("Subscription expired", expired.message_ids[0].body)
        for request in (due_today, running, plain):
            self.assertEqual(request.relationship_id.state, "active")
        # Nothing left to expire; renewing brings the member back.
        with self.assertLogs(LOGGER):
            self.assertEqual(self.Request._cron_expire_subscriptions(), 0)
        expired.action_renew_subscription()
        self.assertEqual(expired.relationship_id.state, "active")
        self.assertEqual(
            expired.subscription_expiry_date,
            fields.Date.to_string(self.today + relativedelta(months=3)),
        )
