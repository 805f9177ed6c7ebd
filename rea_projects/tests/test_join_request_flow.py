# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from .common import create_project


class TestJoinRequestFlow(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Request = cls.env["rea.join.request"]
        cls.moderated = create_project(cls.env, "Moderated", auto_create_user=False)
        cls.moderated_auto = create_project(cls.env, "Moderated auto")
        cls.autojoin = create_project(cls.env, "Open lab", "autojoin")
        cls.shares = create_project(cls.env, "Shares coop", "shares")
        cls.subscription = create_project(
            cls.env, "Subscribers", "subscription", subscription_period="quarter"
        )

    def _request(self, project, email="ana@example.org", **vals):
        values = {"project_id": project.id, "name": "Ana", "email": email}
        values.update(vals)
        return self.Request.create(values)

    def test_project_is_context_agent(self):
        self.assertEqual(self.moderated.partner_id.agent_type, "project")
        self.assertTrue(self.moderated.partner_id.is_context)
        self.assertEqual(self.moderated.slug, "moderated")
        other = create_project(self.env, "Moderated")
        self.assertEqual(other.slug, "moderated-2")

    def test_moderated_without_auto_create_waits_for_review(self):
        request = self._request(self.moderated)
        self.assertEqual(request.state, "new")
        self.assertFalse(request.partner_id, "no agent before spam review")
        self.assertFalse(request.user_id)

    def test_send_confirmation_then_confirm_then_accept(self):
        request = self._request(self.moderated)
        request.action_send_confirmation()
        # Nothing is attached to an address before it is confirmed.
        self.assertFalse(request.partner_id)
        self.assertFalse(request.relationship_id)
        self.assertTrue(request.confirmation_sent_date)
        mail = self.env["mail.mail"].search(
            [("model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertIn(request.confirmation_token, mail.body_html)
        # Resending is allowed while the e-mail is unconfirmed.
        request.action_send_confirmation()
        self.assertEqual(
            self.Request.confirm_by_token(request.confirmation_token), request
        )
        self.assertEqual(request.state, "pending")
        self.assertTrue(request.email_confirmed_date)
        self.assertTrue(request.partner_id)
        self.assertEqual(request.relationship_id.state, "candidate")
        request.action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.relationship_id.state, "active")
        self.assertTrue(request.relationship_id.date_start)
        self.assertTrue(request.user_id.has_group("base.group_portal"))
        self.assertEqual(request.user_id.login, "ana@example.org")
        # No password was chosen for the candidate: a sign-up link was sent.
        self.env.cr.execute(
            "SELECT password FROM res_users WHERE id = %s", (request.user_id.id,)
        )
        self.assertFalse(self.env.cr.fetchone()[0])
        self.assertTrue(request.partner_id.signup_token)
        self.assertTrue(self.moderated.is_member(request.partner_id))

    def test_auto_create_sends_confirmation_at_once(self):
        request = self._request(self.moderated_auto)
        self.assertEqual(request.state, "new")
        self.assertTrue(request.confirmation_sent_date)
        self.assertFalse(request.partner_id, "no agent before the confirmation")
        self.assertFalse(request.user_id)
        self.Request.confirm_by_token(request.confirmation_token)
        self.assertTrue(request.partner_id)
        self.assertTrue(request.created_partner)
        self.assertTrue(request.created_user)

    def test_confirmed_state_and_submit(self):
        request = self._request(self.moderated)
        # A module whose _after_email_confirmed keeps requests "confirmed"
        # (e.g. waiting for a payment) submits them later.
        request.write({"state": "confirmed"})
        with self.assertRaises(UserError):
            request.action_confirm_email()
        request.action_submit()
        self.assertEqual(request.state, "pending")

    def test_autojoin_is_accepted_once_confirmed(self):
        request = self._request(self.autojoin)
        self.assertEqual(request.state, "new")
        self.assertTrue(request.confirmation_sent_date)
        self.assertFalse(request.user_id)
        self.Request.confirm_by_token(request.confirmation_token)
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.relationship_id.state, "active")
        self.assertTrue(request.user_id)

    def test_decline_and_reopen(self):
        request = self._request(self.moderated_auto)
        request.action_confirm_email()
        request.action_decline()
        self.assertEqual(request.state, "declined")
        self.assertEqual(request.relationship_id.state, "inactive")
        request.action_reopen()
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.relationship_id.state, "candidate")
        request.action_accept()
        self.assertEqual(request.relationship_id.state, "active")

    def test_reopen_unconfirmed_goes_back_to_new(self):
        request = self._request(self.moderated)
        request.action_decline()
        request.action_reopen()
        self.assertEqual(request.state, "new")

    def test_invalid_transitions(self):
        request = self._request(self.moderated)
        with self.assertRaises(UserError):
            request.action_submit()
        with self.assertRaises(UserError):
            request.action_reopen()
        request.action_accept()
        for action in ("action_accept", "action_decline", "action_send_confirmation"):
            with self.assertRaises(UserError):
                getattr(request, action)()
        with self.assertRaises(UserError):
            request.action_confirm_email()

    def test_shares_is_moderated_and_hooks_are_called(self):
        request = self._request(self.shares)
        self.assertTrue(self.shares.is_moderated)
        request.action_send_confirmation()
        request.action_confirm_email()
        self.assertEqual(request.state, "pending")
        # Without a module refusing it, _check_can_accept lets it through
        # and _on_join_request_accepted welcomes the member.
        self.assertTrue(request._check_can_accept())
        request.action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertIn(
            "Welcome to Shares coop: your request to join was accepted.",
            request.message_ids[0].body,
        )

    def test_subscription_records_expiry(self):
        request = self._request(self.subscription)
        request.action_send_confirmation()
        request.action_confirm_email()
        request.action_accept()
        self.assertTrue(request.subscription_expiry_date)
        self.assertEqual(
            request.relationship_id.date_end, request.subscription_expiry_date
        )
        self.assertGreater(
            request.subscription_expiry_date, request.relationship_id.date_start
        )

    def test_existing_user_is_reused(self):
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {"name": "Bea", "login": "bea@example.org", "email": "bea@example.org"}
            )
        )
        request = self._request(self.autojoin, email="BEA@example.org")
        self.assertEqual(request.email, "bea@example.org")
        self.assertFalse(request.user_id, "reused once the address is confirmed")
        self.Request.confirm_by_token(request.confirmation_token)
        self.assertEqual(request.user_id, user)
        self.assertEqual(request.partner_id, user.partner_id)
        self.assertFalse(request.created_user)

    def test_email_checks(self):
        with self.assertRaises(ValidationError):
            self._request(self.moderated, email="not-an-email")
        self._request(self.moderated)
        self.assertTrue(self.Request.find_duplicate(self.moderated, " ANA@example.org"))
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self._request(self.moderated)

    def test_counts_per_state(self):
        self._request(self.moderated, email="a@example.org")
        self._request(self.moderated, email="b@example.org").action_decline()
        self.moderated.invalidate_cache()
        self.assertEqual(self.moderated.join_request_count, 2)
        self.assertEqual(self.moderated.join_request_new_count, 1)
        self.assertEqual(self.moderated.join_request_declined_count, 1)

    def test_message_count_and_thread(self):
        request = self._request(self.moderated)
        request.message_post(
            body="Hello", message_type="comment", subtype="mail.mt_comment"
        )
        request.invalidate_cache()
        self.assertEqual(request.message_count, 1)
        self.assertEqual(request.action_open_thread()["res_id"], request.id)

    def test_skills_search_by_project(self):
        request = self._request(self.autojoin)
        request.action_confirm_email()
        skill = self.env["product.template"].create(
            {"name": "Welding", "type": "service", "rea_behavior": "work"}
        )
        self.env["rea.agent.skill"].create(
            {"partner_id": request.partner_id.id, "skill_id": skill.id, "level": "3"}
        )
        found = self.env["rea.agent.skill"].search(
            [("project_ids", "in", [self.autojoin.id]), ("skill_id", "=", skill.id)]
        )
        self.assertEqual(found.partner_id, request.partner_id)
        self.assertFalse(
            self.env["rea.agent.skill"].search(
                [("project_ids", "in", [self.moderated.id])]
            )
        )
        not_work = self.env["product.template"].create({"name": "Chair"})
        with self.assertRaises(ValidationError):
            self.env["rea.agent.skill"].create(
                {"partner_id": request.partner_id.id, "skill_id": not_work.id}
            )

    def test_visibility(self):
        private = create_project(self.env, "Secret", visibility="private")
        outsider = self.env["res.partner"].create({"name": "Out"})
        self.assertFalse(private.is_visible_to(outsider))
        self.assertFalse(private.can_join(outsider))
        self.assertTrue(self.moderated.is_visible_to(self.env["res.partner"]))
        network = self.env["res.partner"].create(
            {"name": "Net", "agent_type": "network", "is_context": True}
        )
        inner = create_project(self.env, "Inner", visibility="network")
        rel = self.env["rea.agent.relationship"]
        rel.create(
            {
                "subject_id": inner.partner_id.id,
                "object_id": network.id,
                "type_id": self.env.ref("rea_base.relationship_type_child").id,
            }
        )
        self.assertFalse(inner.is_visible_to(outsider))
        rel.create(
            {
                "subject_id": outsider.id,
                "object_id": network.id,
                "type_id": self.env.ref("rea_base.relationship_type_member").id,
            }
        )
        self.assertTrue(inner.is_visible_to(outsider))
        self.assertIn(inner, self.env["rea.project"].get_visible_projects(outsider))
        self.assertNotIn(
            private, self.env["rea.project"].get_visible_projects(outsider)
        )
