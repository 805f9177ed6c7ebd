# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

from .common import create_project


class TestPurge(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.project = create_project(cls.env, "Purged", purge_unconfirmed_days=10)
        cls.keeper = create_project(cls.env, "Keeper", purge_unconfirmed_days=0)
        cls.Request = cls.env["rea.join.request"]

    def _old_request(self, project, email, days):
        request = self.Request.create(
            {"project_id": project.id, "name": email, "email": email}
        )
        request.request_date = fields.Datetime.to_string(
            datetime.now() - timedelta(days=days)
        )
        # Agent, candidate membership and user made before the confirmation,
        # as earlier versions did (or a coordinator's choice of agent).
        request._ensure_agent()
        request._ensure_relationship("candidate")
        request._ensure_user()
        return request

    def test_purge(self):
        stale = self._old_request(self.project, "stale@example.org", 11)
        user, partner, rel = stale.user_id, stale.partner_id, stale.relationship_id
        self.assertTrue(stale.created_user and stale.created_partner and rel)
        recent = self._old_request(self.project, "recent@example.org", 5)
        confirmed = self._old_request(self.project, "conf@example.org", 20)
        confirmed.action_confirm_email()
        kept = self._old_request(self.keeper, "kept@example.org", 400)
        # An agent that existed before the request is never removed.
        known = self.env["res.partner"].create({"name": "Known"})
        stale2 = self._old_request(self.project, "known@example.org", 30)
        stale2.write({"partner_id": known.id, "created_partner": False})
        with self.assertLogs(
            "odoo.addons.rea_projects.models.rea_join_request"
        ) as logs:
            removed = self.Request._cron_purge_unconfirmed()
        self.assertEqual(removed, 2)
        self.assertTrue(any("stale@example.org" in line for line in logs.output))
        self.assertFalse(stale.exists())
        self.assertFalse(stale2.exists())
        self.assertFalse(user.exists())
        self.assertFalse(partner.exists())
        self.assertFalse(rel.exists())
        self.assertTrue(known.exists())
        self.assertTrue(recent.exists() and confirmed.exists() and kept.exists())

    def test_used_user_is_kept(self):
        stale = self._old_request(self.project, "used@example.org", 11)
        user = stale.user_id
        self.env["res.users.log"].sudo(user).create({})
        user.invalidate_cache()
        self.Request._cron_purge_unconfirmed()
        self.assertFalse(stale.exists())
        self.assertTrue(user.exists())
        self.assertTrue(user.partner_id.exists())

    def test_cron_record(self):
        cron = self.env.ref("rea_projects.ir_cron_purge_unconfirmed_join_requests")
        self.assertEqual(cron.model_id.model, "rea.join.request")
        cron.method_direct_trigger()
