# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestReaMembershipApi(SavepointCase):
    """The membership API of rea.agent.relationship: ensure, end, members."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.Relationship = cls.env["rea.agent.relationship"]
        cls.coop = Partner.create(
            {"name": "Coop", "agent_type": "organization", "is_context": True}
        )
        cls.other = Partner.create(
            {"name": "Other coop", "agent_type": "organization", "is_context": True}
        )
        cls.alice = Partner.create({"name": "Alice", "agent_type": "individual"})
        cls.bob = Partner.create({"name": "Bob", "agent_type": "individual"})
        cls.carol = Partner.create({"name": "Carol", "agent_type": "individual"})
        cls.today = fields.Date.context_today(cls.Relationship)

    def _all(self, member, context):
        return self.Relationship.search(
            [("subject_id", "=", member.id), ("object_id", "=", context.id)]
        )

    def test_ensure_creates_active_membership(self):
        rel = self.Relationship.ensure_membership(self.alice, self.coop)
        self.assertEqual(rel, self._all(self.alice, self.coop))
        self.assertEqual(rel.type_id, self.env.ref("rea_base.relationship_type_member"))
        self.assertEqual(rel.state, "active")
        self.assertEqual(rel.date_start, self.today)
        self.assertFalse(rel.date_end)
        dated = self.Relationship.ensure_membership(
            self.bob, self.coop, date="2020-03-01"
        )
        self.assertEqual(dated.date_start, "2020-03-01")

    def test_ensure_candidate_has_no_start_and_is_not_promoted(self):
        rel = self.Relationship.ensure_membership(
            self.alice, self.coop, state="candidate"
        )
        self.assertEqual(rel.state, "candidate")
        self.assertFalse(rel.date_start)
        # Ensuring a candidate keeps an existing membership as it is.
        active = self.Relationship.ensure_membership(self.bob, self.coop)
        same = self.Relationship.ensure_membership(
            self.bob, self.coop, state="candidate"
        )
        self.assertEqual(same, active)
        self.assertEqual(same.state, "active")

    def test_ensure_reactivates_with_new_start_date(self):
        rel = self.Relationship.ensure_membership(
            self.alice, self.coop, date="2019-01-01"
        )
        self.Relationship.end_membership(self.alice, self.coop, date="2020-01-01")
        self.assertEqual(rel.state, "inactive")
        again = self.Relationship.ensure_membership(
            self.alice, self.coop, date="2021-06-01"
        )
        self.assertEqual(again, rel)
        self.assertEqual(rel.state, "active")
        self.assertEqual(rel.date_start, "2021-06-01")
        self.assertFalse(rel.date_end)
        # A candidate becomes active too.
        candidate = self.Relationship.ensure_membership(
            self.bob, self.coop, state="candidate"
        )
        self.assertEqual(
            self.Relationship.ensure_membership(self.bob, self.coop), candidate
        )
        self.assertEqual(candidate.state, "active")
        self.assertEqual(candidate.date_start, self.today)

    def test_ensure_keeps_active_membership(self):
        rel = self.Relationship.ensure_membership(
            self.alice, self.coop, date="2019-01-01"
        )
        again = self.Relationship.ensure_membership(
            self.alice, self.coop, date="2022-01-01"
        )
        self.assertEqual(again, rel)
        self.assertEqual(rel.date_start, "2019-01-01")

    def test_no_duplicate(self):
        for state in ("candidate", "active", "active", "candidate"):
            self.Relationship.ensure_membership(self.alice, self.coop, state=state)
        self.Relationship.end_membership(self.alice, self.coop)
        self.Relationship.ensure_membership(self.alice, self.coop)
        self.assertEqual(len(self._all(self.alice, self.coop)), 1)
        # Another context or member is another membership.
        self.Relationship.ensure_membership(self.alice, self.other)
        self.Relationship.ensure_membership(self.bob, self.coop)
        self.assertEqual(len(self._all(self.alice, self.other)), 1)
        self.assertEqual(len(self._all(self.bob, self.coop)), 1)

    def test_end_membership(self):
        rel = self.Relationship.ensure_membership(self.alice, self.coop)
        ended = self.Relationship.end_membership(self.alice, self.coop)
        self.assertEqual(ended, rel)
        self.assertEqual(rel.state, "inactive")
        self.assertEqual(rel.date_end, self.today)
        # Only active memberships end: nothing left, a candidate is kept.
        self.assertFalse(self.Relationship.end_membership(self.alice, self.coop))
        candidate = self.Relationship.ensure_membership(
            self.bob, self.coop, state="candidate"
        )
        self.assertFalse(self.Relationship.end_membership(self.bob, self.coop))
        self.assertEqual(candidate.state, "candidate")
        dated = self.Relationship.ensure_membership(self.carol, self.coop)
        self.Relationship.end_membership(self.carol, self.coop, date="2030-01-31")
        self.assertEqual(dated.date_end, "2030-01-31")

    def test_members_of(self):
        self.Relationship.ensure_membership(self.alice, self.coop)
        self.Relationship.ensure_membership(self.bob, self.coop, state="candidate")
        self.Relationship.ensure_membership(self.carol, self.other)
        manager = self.env.ref("rea_base.relationship_type_manager")
        self.Relationship.create(
            {
                "subject_id": self.carol.id,
                "object_id": self.coop.id,
                "type_id": manager.id,
            }
        )
        Rel = self.Relationship
        self.assertEqual(Rel.get_members(self.coop), self.alice)
        self.assertEqual(
            Rel.get_members(self.coop, states=("candidate", "active")),
            self.alice | self.bob,
        )
        self.assertEqual(
            Rel.get_members(self.coop, behaviors=("member", "manager")),
            self.alice | self.carol,
        )
        self.assertEqual(
            Rel.get_members(self.coop | self.other), self.alice | self.carol
        )
        self.assertEqual(
            Rel.count_members(self.coop | self.other),
            {self.coop.id: 1, self.other.id: 1},
        )
        self.assertEqual(
            Rel.get_memberships(self.carol, states=None).mapped("object_id"),
            self.other,
        )
        self.assertEqual(Rel.get_memberships(self.alice, self.coop, count=True), 1)
        self.assertEqual(
            set(Rel.get_membership_pairs(contexts=self.coop, states=None)),
            {(self.alice.id, self.coop.id), (self.bob.id, self.coop.id)},
        )
        self.assertEqual(
            set(Rel.get_membership_pairs(members=self.carol, behaviors=("manager",))),
            {(self.carol.id, self.coop.id)},
        )
        self.assertFalse(Rel.get_membership_pairs(members=Rel.env["res.partner"]))
        # Never every membership at once (public methods, reachable by RPC).
        with self.assertRaises(ValueError):
            Rel.get_memberships()
        with self.assertRaises(ValueError):
            Rel.get_membership_pairs(states=None)

    def test_set_membership_state(self):
        rel = self.Relationship.ensure_membership(
            self.alice, self.coop, date="2020-01-01"
        )
        rel.set_membership_state("active", date_end="2020-12-31")
        self.assertEqual(
            (rel.state, rel.date_start, rel.date_end),
            ("active", "2020-01-01", "2020-12-31"),
        )
        rel.set_membership_state("candidate", date_end=False)
        self.assertEqual((rel.state, rel.date_end), ("candidate", False))
        self.assertEqual(rel.date_start, "2020-01-01")

    def test_portal_user_goes_through_the_api(self):
        """The API elevates itself: who may act is checked by its callers."""
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Portal Dan",
                    "login": "membership_api_dan",
                    "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
                }
            )
        )
        Rel = self.Relationship.sudo(user)
        rel = Rel.ensure_membership(user.partner_id, self.coop)
        self.assertEqual(rel.state, "active")
        self.assertEqual(Rel.get_members(self.coop), user.partner_id)
        self.assertEqual(Rel.end_membership(user.partner_id, self.coop), rel)
        self.assertEqual(rel.state, "inactive")

    def test_ids_as_rpc_sends_them_are_refused(self):
        """Remote callers send ids, never records: the API, which reads and
        writes as superuser, refuses them instead of acting for them."""
        for call in (
            lambda Rel: Rel.ensure_membership(self.alice.id, self.coop.id),
            lambda Rel: Rel.end_membership([self.alice.id], [self.coop.id]),
            lambda Rel: Rel.get_members([self.coop.id]),
            lambda Rel: Rel.get_memberships(members=[self.alice.id]),
            lambda Rel: Rel.get_membership_pairs(contexts=self.coop.id),
            lambda Rel: Rel.count_members([self.coop.id]),
        ):
            with self.assertRaises(AccessError):
                call(self.Relationship)
        self.assertFalse(
            self.Relationship.get_memberships(self.alice, self.coop, states=None)
        )
