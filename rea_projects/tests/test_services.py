# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase

from .common import add_member, create_project, create_user, service


class TestServices(SavepointCase):
    """The services of a member's projects decide the menus they see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.with_exchanges = create_project(
            env,
            "Exchanging Coop",
            service_ids=[
                (6, 0, (service(env, "exchanges") | service(env, "skills")).ids)
            ],
        )
        cls.without_exchanges = create_project(
            env, "Skills Coop", service_ids=[(6, 0, service(env, "skills").ids)]
        )
        # REA users keeping the records: they see rea_event_menu below.
        user_groups = ["rea_base.group_rea_records"]
        cls.outsider = create_user(env, "svc_outsider", user_groups)
        cls.member = create_user(env, "svc_member", user_groups)
        cls.both = create_user(env, "svc_both", user_groups)
        cls.manager = create_user(env, "svc_manager", ["rea_base.group_rea_manager"])
        cls.membership = add_member(env, cls.without_exchanges, cls.member.partner_id)
        add_member(env, cls.without_exchanges, cls.both.partner_id)
        add_member(env, cls.with_exchanges, cls.both.partner_id)
        add_member(env, cls.without_exchanges, cls.manager.partner_id)
        Menu = env["ir.ui.menu"]
        # A menu of the exchanges service with a sub-menu that has no code
        # itself: the sub-menu goes with its parent.
        cls.menu = Menu.create(
            {
                "name": "Service exchanges",
                "parent_id": env.ref("rea_base.rea_menu_root").id,
                "rea_service": "exchanges",
            }
        )
        cls.submenu = Menu.create(
            {
                "name": "Service exchanges list",
                "parent_id": cls.menu.id,
                "action": "ir.actions.act_window,%d"
                % env.ref("rea_base.rea_event_action").id,
            }
        )
        cls.plain_menu = env.ref("rea_base.rea_event_menu")

    def setUp(self):
        super().setUp()
        # Rolling back a test does not drop what the ORM cached during it
        # (the server does, on a failed transaction): start clean.
        self.registry.clear_caches()

    def visible_menu_ids(self, user):
        return self.env["ir.ui.menu"].sudo(user).load_menus(False)["all_menu_ids"]

    def test_hook(self):
        member = self.member.partner_id
        self.assertFalse(member.rea_service_enabled("exchanges"))
        self.assertTrue(member.rea_service_enabled("skills"))
        both = self.both.partner_id
        self.assertTrue(both.rea_service_enabled("exchanges"))
        self.assertTrue(both.rea_service_enabled("skills"))
        self.assertFalse(both.rea_service_enabled("faircoin"))
        outsider = self.outsider.partner_id
        for code in ("exchanges", "skills", "faircoin"):
            self.assertTrue(outsider.rea_service_enabled(code))

    def test_candidates_and_archived_projects_do_not_count(self):
        candidate = create_user(self.env, "svc_candidate", ["base.group_portal"])
        add_member(self.env, self.without_exchanges, candidate.partner_id, "candidate")
        self.assertTrue(candidate.partner_id.rea_service_enabled("exchanges"))
        self.without_exchanges.active = False
        self.assertTrue(self.member.partner_id.rea_service_enabled("exchanges"))

    def test_menus_follow_services(self):
        hidden = self.visible_menu_ids(self.member)
        self.assertNotIn(self.menu.id, hidden)
        self.assertNotIn(self.submenu.id, hidden)
        self.assertIn(self.plain_menu.id, hidden)
        for user in (self.both, self.outsider):
            visible = self.visible_menu_ids(user)
            self.assertIn(self.menu.id, visible)
            self.assertIn(self.submenu.id, visible)

    def test_manager_sees_every_menu(self):
        self.assertFalse(self.manager.partner_id.rea_service_enabled("exchanges"))
        visible = self.visible_menu_ids(self.manager)
        self.assertIn(self.menu.id, visible)
        self.assertIn(self.submenu.id, visible)

    def test_cached_menus_follow_changes(self):
        self.assertNotIn(self.menu.id, self.visible_menu_ids(self.member))
        # The project switches exchanges on.
        self.without_exchanges.service_ids |= service(self.env, "exchanges")
        self.assertIn(self.menu.id, self.visible_menu_ids(self.member))
        self.without_exchanges.service_ids -= service(self.env, "exchanges")
        self.assertNotIn(self.menu.id, self.visible_menu_ids(self.member))
        # The member leaves: in no project, every service is back.
        self.membership.state = "inactive"
        self.assertIn(self.menu.id, self.visible_menu_ids(self.member))
        self.membership.state = "active"
        self.assertNotIn(self.menu.id, self.visible_menu_ids(self.member))
        self.membership.unlink()
        self.assertIn(self.menu.id, self.visible_menu_ids(self.member))

    def _cache_sentinel(self):
        # Stands for whatever else the workers cached (rights, rules, xmlids).
        key = ("rea_projects.tests", "sentinel")
        self.registry.cache[key] = True
        return key

    def test_new_member_keeps_other_caches(self):
        """A member created in this transaction, without user: only its own
        service codes are forgotten."""
        partner = self.env["res.partner"].create({"name": "Svc newcomer"})
        self.assertTrue(partner.rea_service_enabled("exchanges"))
        sentinel = self._cache_sentinel()
        add_member(self.env, self.without_exchanges, partner)
        self.assertFalse(partner.rea_service_enabled("exchanges"))
        self.assertTrue(partner.rea_service_enabled("skills"))
        self.assertIn(sentinel, self.registry.cache)

    def test_member_with_user_clears_caches(self):
        user = create_user(self.env, "svc_newcomer", ["base.group_portal"])
        self.assertTrue(user.partner_id.rea_service_enabled("exchanges"))
        sentinel = self._cache_sentinel()
        add_member(self.env, self.without_exchanges, user.partner_id)
        self.assertFalse(user.partner_id.rea_service_enabled("exchanges"))
        self.assertNotIn(sentinel, self.registry.cache)

    def test_older_member_clears_caches(self):
        """A partner created before this transaction may be cached by other
        workers: every cache goes."""
        partner = self.env["res.partner"].create({"name": "Svc old contact"})
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = '2020-01-01' WHERE id = %s",
            (partner.id,),
        )
        self.assertTrue(partner.rea_service_enabled("exchanges"))
        sentinel = self._cache_sentinel()
        add_member(self.env, self.without_exchanges, partner)
        self.assertFalse(partner.rea_service_enabled("exchanges"))
        self.assertNotIn(sentinel, self.registry.cache)
