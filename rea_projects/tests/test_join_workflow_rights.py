# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from .common import add_coordinator, add_member, create_project, create_user

COORDINATOR = ["base.group_user", "rea_projects.group_project_coordinator"]
PORTAL = ["base.group_portal"]


class JoinRightsCase(SavepointCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Request = cls.env["rea.join.request"]
        cls.moderated = create_project(cls.env, "Rights moderated")
        cls.autojoin = create_project(cls.env, "Rights lab", "autojoin")
        cls.subscription = create_project(
            cls.env, "Rights subscribers", "subscription", subscription_period="month"
        )
        cls.coord = create_user(cls.env, "rights_coord", COORDINATOR)
        cls.other_coord = create_user(cls.env, "rights_other", COORDINATOR)
        for project in (cls.moderated, cls.autojoin, cls.subscription):
            add_coordinator(cls.env, project, cls.coord.partner_id)
        other = create_project(cls.env, "Rights elsewhere")
        add_coordinator(cls.env, other, cls.other_coord.partner_id)

    def _join(self, project, email, partner=None, **vals):
        """A request sent through the join form, as the website sends it."""
        values = {
            "project_id": project.id,
            "name": email.split("@")[0].title(),
            "email": email,
            "type_of_user": "individual",
        }
        values.update(vals)
        return self.Request.create_from_join_form(values, partner)

    def _joined(self, project, email):
        """A visitor who joined and confirmed their address."""
        request = self._join(project, email)
        self.Request.confirm_by_token(request.sudo().confirmation_token)
        self.assertTrue(request.user_id, "the confirmation gives a portal user")
        return request


class TestJoinWorkflowRights(JoinRightsCase):
    def test_candidate_cannot_run_the_workflow(self):
        request = self._joined(self.moderated, "cand1@example.org")
        self.assertEqual(request.state, "pending")
        as_candidate = request.sudo(request.user_id)
        for action in (
            "action_accept",
            "action_decline",
            "action_submit",
            "action_send_confirmation",
            "action_confirm_email",
            "action_reopen",
            "action_renew_subscription",
            "get_confirmation_url",
        ):
            with self.assertRaises(AccessError, msg=action):
                getattr(as_candidate, action)()
        request.invalidate_cache()
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.relationship_id.state, "candidate")

    def test_candidate_cannot_reopen_or_renew(self):
        declined = self._joined(self.moderated, "cand2@example.org")
        declined.sudo(self.coord).action_decline()
        with self.assertRaises(AccessError):
            declined.sudo(declined.user_id).action_reopen()
        self.assertEqual(declined.state, "declined")
        member = self._joined(self.subscription, "cand3@example.org")
        member.sudo(self.coord).action_accept()
        expiry = member.subscription_expiry_date
        with self.assertRaises(AccessError):
            member.sudo(member.user_id).action_renew_subscription()
        member.invalidate_cache()
        self.assertEqual(member.subscription_expiry_date, expiry)

    def test_other_projects_coordinator_is_refused(self):
        request = self._joined(self.moderated, "cand4@example.org")
        for action in ("action_accept", "action_decline", "action_withdraw"):
            with self.assertRaises(AccessError, msg=action):
                getattr(request.sudo(self.other_coord), action)()
        self.assertEqual(request.state, "pending")
        request.sudo(self.coord).action_accept()
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.relationship_id.state, "active")

    def test_candidate_withdraws_own_request_only(self):
        mine = self._joined(self.moderated, "cand5@example.org")
        theirs = self._joined(self.moderated, "cand6@example.org")
        with self.assertRaises(AccessError):
            theirs.sudo(mine.user_id).action_withdraw()
        self.assertEqual(theirs.state, "pending")
        mine.sudo(mine.user_id).action_withdraw()
        self.assertEqual(mine.state, "withdrawn")
        self.assertEqual(mine.relationship_id.state, "inactive")
        self.assertIn("withdrew", mine.message_ids[0].body)
        # Decided requests stay as they are; coordinators may reopen.
        theirs.sudo(self.coord).action_accept()
        with self.assertRaises(UserError):
            theirs.sudo(theirs.user_id).action_withdraw()
        self.assertEqual(theirs.state, "accepted")
        mine.sudo(self.coord).action_reopen()
        self.assertEqual(mine.state, "pending")
        self.assertEqual(mine.relationship_id.state, "candidate")


class TestJoinFormAccounts(JoinRightsCase):
    def _users(self, email):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=ilike", email)])
        )

    def test_existing_account_is_not_enrolled_by_typing_its_email(self):
        victim = create_user(self.env, "victim", PORTAL)
        victim.login = "victim@example.org"
        request = self._join(self.autojoin, "VICTIM@example.org")
        self.assertEqual(request.state, "new")
        self.assertFalse(request.partner_id)
        self.assertFalse(request.user_id)
        self.assertFalse(request.relationship_id)
        self.assertFalse(self.autojoin.is_member(victim.partner_id))
        self.assertTrue(request.confirmation_sent_date)
        # The owner of the address follows the link: now it is theirs.
        self.Request.confirm_by_token(request.sudo().confirmation_token)
        self.assertEqual(request.state, "accepted")
        self.assertEqual(request.user_id, victim)
        self.assertEqual(request.partner_id, victim.partner_id)
        self.assertTrue(self.autojoin.is_member(victim.partner_id))

    def test_no_portal_user_before_confirmation(self):
        mails = self.env["mail.mail"].search([])
        request = self._join(self.moderated, "nobody@example.org")
        self.assertFalse(self._users("nobody@example.org"))
        self.assertFalse(request.partner_id or request.user_id)
        new_mails = self.env["mail.mail"].search([]) - mails
        self.assertEqual(new_mails.mapped("model"), ["rea.join.request"])
        self.assertEqual(new_mails.email_to, "nobody@example.org")
        self.Request.confirm_by_token(request.sudo().confirmation_token)
        self.assertEqual(self._users("nobody@example.org"), request.user_id)
        self.assertTrue(request.created_user and request.created_partner)
        self.assertEqual(request.state, "pending")

    def test_logged_in_user_joins_without_confirmation(self):
        user = create_user(self.env, "selfjoin", PORTAL)
        lab = self._join(self.autojoin, "SelfJoin@example.org", user.partner_id)
        self.assertEqual(lab.state, "accepted")
        self.assertEqual(lab.partner_id, user.partner_id)
        self.assertEqual(lab.user_id, user)
        self.assertFalse(lab.confirmation_sent_date)
        self.assertTrue(self.autojoin.is_member(user.partner_id))
        moderated = self._join(self.moderated, "selfjoin@example.org", user.partner_id)
        self.assertEqual(moderated.state, "pending")
        self.assertTrue(moderated.email_confirmed_date)
        self.assertFalse(moderated.confirmation_sent_date)

    def test_logged_in_user_typing_another_address_confirms_it(self):
        user = create_user(self.env, "helper", PORTAL)
        victim = create_user(self.env, "victim2", PORTAL)
        victim.login = "victim2@example.org"
        request = self._join(self.autojoin, victim.login, user.partner_id)
        self.assertEqual(request.state, "new")
        self.assertFalse(request.partner_id)
        self.assertFalse(self.autojoin.is_member(victim.partner_id))
        self.assertFalse(self.autojoin.is_member(user.partner_id))

    def test_join_form_keeps_candidate_data_only(self):
        other = create_user(self.env, "target", PORTAL)
        request = self._join(
            self.moderated,
            "sneaky@example.org",
            state="accepted",
            partner_id=other.partner_id.id,
            user_id=other.id,
        )
        self.assertEqual(request.state, "new")
        self.assertFalse(request.partner_id or request.user_id)


class TestJoinQuestionReading(JoinRightsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private = create_project(cls.env, "Hush coop", visibility="private")
        cls.private_club = create_project(cls.env, "Club coop", visibility="private")
        cls.portal = create_user(cls.env, "asker", PORTAL)
        add_member(cls.env, cls.private_club, cls.portal.partner_id)
        Question = cls.env["rea.join.question"]
        cls.questions = {}
        for project in (cls.moderated, cls.private, cls.private_club):
            cls.questions[project] = Question.create(
                {
                    "project_id": project.id,
                    "name": "Question of %s" % project.name,
                    "question_type": "selection",
                    "option_ids": [(0, 0, {"name": "Option of %s" % project.name})],
                }
            )

    def test_portal_reads_questions_of_visible_projects_only(self):
        Question = self.env["rea.join.question"].sudo(self.portal)
        found = Question.search([])
        self.assertIn(self.questions[self.moderated], found)
        self.assertIn(self.questions[self.private_club], found)
        self.assertNotIn(self.questions[self.private], found)
        names = [row["name"] for row in Question.search_read([], ["name"])]
        self.assertNotIn("Question of Hush coop", names)
        with self.assertRaises(AccessError):
            self.questions[self.private].sudo(self.portal).read(["project_id"])
        Option = self.env["rea.join.question.option"].sudo(self.portal)
        options = Option.search([]).mapped("name")
        self.assertIn("Option of Rights moderated", options)
        self.assertIn("Option of Club coop", options)
        self.assertNotIn("Option of Hush coop", options)
