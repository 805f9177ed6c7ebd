# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

import odoo.tests

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

from .common import add_coordinator, create_project, create_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
COORDINATOR = ["base.group_user", "rea_projects.group_project_coordinator"]


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestJoinWorkflowRpc(ReaHttpCase):
    """What a candidate's browser or script can send: the join form, the
    confirmation link, then JSON-RPC calls on their own request."""

    def setUp(self):
        super().setUp()
        self.Request = self.env["rea.join.request"]
        self.lab = create_project(self.env, "Rpc lab", "autojoin", slug="rpc-lab")
        self.moderated = create_project(self.env, "Rpc coop", slug="rpc-coop")
        self.subscription = create_project(
            self.env, "Rpc club", "subscription", slug="rpc-club"
        )
        self.secret = create_project(self.env, "Rpc secret", visibility="private")
        self.env["rea.join.question"].create(
            {"project_id": self.secret.id, "name": "Secret question"}
        )
        self.coord = create_user(self.env, "rpc_coord", COORDINATOR)
        for project in (self.lab, self.moderated, self.subscription):
            add_coordinator(self.env, project, self.coord.partner_id)
        self.settle()

    def _post_join_form(self, slug, email):
        page = self.url_open("/projects/%s" % slug)
        response = self.opener.post(
            self.base_url() + "/projects/%s/join" % slug,
            data={
                "csrf_token": CSRF_RE.search(page.text).group(1),
                "type_of_user": "individual",
                "name": "Mallory",
                "email": email,
            },
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        self.Request.invalidate_cache()
        return self.Request.search(
            [("email", "=", email.lower()), ("project_id.slug", "=", slug)]
        )

    def _candidate(self, slug, email):
        """Join, confirm the address, set a password: log in."""
        request = self._post_join_form(slug, email)
        self.assertTrue(request.confirmation_token)
        self.url_open("/projects/confirm/%s" % request.confirmation_token)
        self.Request.invalidate_cache()
        self.assertTrue(request.user_id)
        request.user_id.write({"password": "mallory-pw"})
        self.settle()
        self.authenticate(request.user_id.login, "mallory-pw")
        return request

    def _call_kw(self, model, method, args, kwargs=None):
        response = self.opener.post(
            self.base_url() + "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            },
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def assertRefused(self, answer, method):
        self.assertNotIn("result", answer, method)
        self.assertEqual(
            answer["error"]["data"]["name"], "odoo.exceptions.AccessError", method
        )

    def test_candidate_cannot_accept_own_request(self):
        request = self._candidate("rpc-coop", "mallory@example.org")
        self.assertEqual(request.state, "pending")
        for method in (
            "action_accept",
            "action_decline",
            "action_submit",
            "action_reopen",
            "action_renew_subscription",
            "get_confirmation_url",
        ):
            self.assertRefused(
                self._call_kw("rea.join.request", method, [[request.id]]), method
            )
        self.Request.invalidate_cache()
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.relationship_id.state, "candidate")
        self.assertFalse(self.moderated.is_member(request.partner_id))
        for method, args in (
            ("confirm_by_token", [request.confirmation_token]),
            ("find_duplicate", [self.moderated.id, "mallory@example.org"]),
            ("create_from_join_form", [{"project_id": self.moderated.id}]),
        ):
            answer = self._call_kw("rea.join.request", method, args)
            self.assertRefused(answer, method)
            self.assertIn(
                "cannot be called remotely", answer["error"]["data"]["message"]
            )

    def test_candidate_cannot_reopen_after_decline(self):
        request = self._candidate("rpc-coop", "mallory2@example.org")
        request.sudo(self.coord).action_decline()
        self.settle()
        self.assertRefused(
            self._call_kw("rea.join.request", "action_reopen", [[request.id]]),
            "action_reopen",
        )
        self.Request.invalidate_cache()
        self.assertEqual(request.state, "declined")

    def test_candidate_cannot_renew_own_subscription(self):
        request = self._candidate("rpc-club", "mallory3@example.org")
        request.sudo(self.coord).action_accept()
        expiry = request.subscription_expiry_date
        self.settle()
        self.assertRefused(
            self._call_kw(
                "rea.join.request", "action_renew_subscription", [[request.id]]
            ),
            "action_renew_subscription",
        )
        self.Request.invalidate_cache()
        self.assertEqual(request.subscription_expiry_date, expiry)

    def test_candidate_withdraws_from_the_portal(self):
        request = self._candidate("rpc-coop", "mallory4@example.org")
        page = self.url_open("/my/join_requests/%d" % request.id)
        self.assertIn("o_rea_projects_withdraw", page.text)
        response = self.url_open(
            "/my/join_requests/%d/withdraw" % request.id,
            data={"csrf_token": CSRF_RE.search(page.text).group(1)},
        )
        self.assertEqual(response.status_code, 200)
        self.Request.invalidate_cache()
        self.assertEqual(request.state, "withdrawn")
        self.assertEqual(request.relationship_id.state, "inactive")
        self.assertNotIn("o_rea_projects_withdraw", response.text)

    def test_autojoin_waits_for_the_owner_of_the_address(self):
        victim = create_user(self.env, "rpc_victim", ["base.group_portal"])
        victim.login = "rpc_victim@example.org"
        self.settle()
        request = self._post_join_form("rpc-lab", "RPC_VICTIM@example.org")
        self.assertEqual(request.state, "new")
        self.assertFalse(request.partner_id or request.user_id)
        self.assertFalse(self.lab.is_member(victim.partner_id))
        # No portal account for an address nobody confirmed.
        self._post_join_form("rpc-lab", "stranger@example.org")
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", "stranger@example.org")])
        )

    def test_portal_cannot_read_private_questions(self):
        self._candidate("rpc-lab", "mallory5@example.org")
        answer = self._call_kw(
            "rea.join.question", "search_read", [[]], {"fields": ["name", "project_id"]}
        )
        names = [row["name"] for row in answer["result"]]
        self.assertNotIn("Secret question", names)
        self.assertNotIn("Rpc secret", str(answer["result"]))
