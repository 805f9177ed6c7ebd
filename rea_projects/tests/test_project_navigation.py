# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import add_coordinator, add_member, create_project, create_user

COORDINATOR = ["base.group_user", "rea_projects.group_project_coordinator"]
PORTAL = ["base.group_portal"]


class TestProjectNavigation(SavepointCase):
    """Portal members and candidates read the projects the website shows
    them (public ones, and those they belong to or asked to join), never a
    private project of others; navigation methods follow read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env

        def project(name, visibility):
            return create_project(
                env, name, visibility=visibility, auto_create_user=False
            )

        cls.public = project("Nav public", "public")
        cls.private_other = project("Nav private of others", "private")
        cls.private_mine = project("Nav private of the member", "private")
        cls.private_asked = project("Nav private asked", "private")
        cls.network_part = project("Nav network part", "network")
        cls.network_other = project("Nav network elsewhere", "network")
        cls.network = env["res.partner"].create(
            {"name": "Nav network", "agent_type": "project", "is_context": True}
        )
        env["rea.agent.relationship"].create(
            {
                "subject_id": cls.network_part.partner_id.id,
                "object_id": cls.network.id,
                "type_id": env.ref("rea_base.relationship_type_child").id,
            }
        )
        cls.member = create_user(env, "nav_member", PORTAL)
        cls.candidate = create_user(env, "nav_candidate", PORTAL)
        cls.coordinator = create_user(env, "nav_coordinator", COORDINATOR)
        add_member(env, cls.private_mine, cls.member.partner_id)
        env["rea.agent.relationship"].create(
            {
                "subject_id": cls.member.partner_id.id,
                "object_id": cls.network.id,
                "type_id": env.ref("rea_base.relationship_type_member").id,
            }
        )
        add_coordinator(env, cls.public, cls.coordinator.partner_id)
        cls.request = env["rea.join.request"].create(
            {
                "project_id": cls.private_asked.id,
                "name": "Nav candidate",
                "email": "nav_candidate@example.org",
                "partner_id": cls.candidate.partner_id.id,
            }
        )

    def _readable(self, user):
        return self.env["rea.project"].sudo(user).search([])

    def test_member_reads_public_own_and_network_projects_only(self):
        projects = self._readable(self.member)
        self.assertIn(self.public, projects)
        self.assertIn(self.private_mine, projects)
        self.assertIn(self.network_part, projects)
        self.assertNotIn(self.private_other, projects)
        self.assertNotIn(self.private_asked, projects)
        self.assertNotIn(self.network_other, projects)
        # The names come from the project's agent: readable with it.
        self.assertEqual(
            self.public.sudo(self.member).read(["name"])[0]["name"], "Nav public"
        )
        with self.assertRaises(AccessError):
            self.private_other.sudo(self.member).read(["name"])
        agents = self.env["res.partner"].sudo(self.member)
        self.assertTrue(agents.browse(self.public.partner_id.id).read(["name"]))
        with self.assertRaises(AccessError):
            agents.browse(self.private_other.partner_id.id).read(["name"])

    def test_candidate_reads_the_project_asked_to_join(self):
        projects = self._readable(self.candidate)
        self.assertIn(self.private_asked, projects)
        self.assertIn(self.public, projects)
        self.assertNotIn(self.private_mine, projects)
        self.assertNotIn(self.private_other, projects)

    def test_portal_does_not_read_member_lists(self):
        with self.assertRaises(AccessError):
            self.public.sudo(self.member).read(["member_partner_ids"])

    def test_navigation_follows_read(self):
        for method in (
            "action_view_members",
            "action_open_public_page",
            "action_view_join_requests",
            "action_view_pending_requests",
            "action_view_member_skills",
        ):
            action = getattr(self.public.sudo(self.member), method)()
            self.assertTrue(action.get("type"), method)
            with self.assertRaises(AccessError, msg=method):
                getattr(self.private_other.sudo(self.member), method)()
        url = self.private_mine.sudo(self.member).action_open_public_page()["url"]
        self.assertEqual(url, "/projects/%s" % self.private_mine.slug)

    def test_join_request_thread_opens_for_readers_only(self):
        action = self.request.sudo(self.candidate).action_open_thread()
        self.assertEqual(action["res_id"], self.request.id)
        for user in (self.member, self.coordinator):
            with self.assertRaises(AccessError):
                self.request.sudo(user).action_open_thread()
            with self.assertRaises(AccessError):
                self.request.sudo(user).action_open_payment()
