# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ReaCase


class TestReaAccess(ReaCase):
    """REA users and managers, and portal members seeing only their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"]
        portal = cls.env.ref("base.group_portal")
        cls.user = Users.create(
            {
                "name": "Rea User",
                "login": "rea_access_user",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )
        cls.manager = Users.create(
            {
                "name": "Rea Manager",
                "login": "rea_access_manager",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_manager").id])],
            }
        )
        cls.employee = Users.create(
            {
                "name": "Plain employee",
                "login": "rea_access_employee",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.member_a = Users.create(
            {
                "name": "Member A",
                "login": "rea_access_portal_a",
                "groups_id": [(6, 0, [portal.id])],
            }
        )
        cls.member_b = Users.create(
            {
                "name": "Member B",
                "login": "rea_access_portal_b",
                "groups_id": [(6, 0, [portal.id])],
            }
        )
        cls.partner_a = cls.member_a.partner_id
        cls.partner_b = cls.member_b.partner_id
        cls.account_a = cls._resource(cls.credit, 100, agent=cls.partner_a)
        cls.account_b = cls._resource(cls.credit, 100, agent=cls.partner_b)
        cls.workshop_account = cls._resource(cls.credit, 0, agent=cls.workshop)
        # A pays the workshop; B pays the workshop.
        cls.event_a = cls._event(
            "transfer",
            provider=cls.partner_a,
            receiver=cls.workshop,
            resource_id=cls.account_a.id,
            to_resource_id=cls.workshop_account.id,
            resource_quantity=10,
        )
        cls.event_b = cls._event(
            "transfer",
            provider=cls.partner_b,
            receiver=cls.workshop,
            resource_id=cls.account_b.id,
            to_resource_id=cls.workshop_account.id,
            resource_quantity=20,
        )
        # A holds a custodian role on a workshop tool.
        cls.tool = cls._resource(cls.cnc, 1, agent=cls.workshop)
        cls.env["rea.resource.role"].create(
            {
                "resource_id": cls.tool.id,
                "agent_id": cls.partner_a.id,
                "role_type_id": cls.env.ref("rea_base.resource_role_type_custodian").id,
            }
        )
        cls.process = cls._process("Make desks", cls.spec_make)

    def test_portal_sees_own_events_only(self):
        Event = self.Event.sudo(self.member_a)
        events = Event.search([])
        self.assertIn(self.event_a, events)
        self.assertNotIn(self.event_b, events)
        # A took part in its own raise too, and in nothing of B's.
        self.assertFalse(
            events.filtered(lambda e: self.partner_b in (e.provider_id | e.receiver_id))
        )
        self.assertEqual(
            self.event_a.sudo(self.member_a).read(["action_id", "resource_unit_id"])[0][
                "action_id"
            ][1],
            "Transfer",
        )
        with self.assertRaises(AccessError):
            self.event_b.sudo(self.member_a).read(["resource_quantity"])
        self.assertIn(self.event_b, self.Event.sudo(self.member_b).search([]))

    def test_portal_sees_own_resources_only(self):
        resources = self.Resource.sudo(self.member_a).search([])
        self.assertEqual(resources, self.account_a | self.tool)
        with self.assertRaises(AccessError):
            self.account_b.sudo(self.member_a).read(["accounting_quantity"])
        self.assertEqual(self.Resource.sudo(self.member_b).search([]), self.account_b)

    def test_portal_reads_nothing_else_and_writes_nothing(self):
        with self.assertRaises(AccessError):
            self.process.sudo(self.member_a).read(["name"])
        with self.assertRaises(AccessError):
            self.env["rea.agent.relationship"].sudo(self.member_a).search([])
        with self.assertRaises(AccessError):
            self.env["rea.commitment"].sudo(self.member_a).search([])
        with self.assertRaises(AccessError):
            self._event_as(
                self.member_a,
                "transfer",
                provider_id=self.partner_a.id,
                receiver_id=self.workshop.id,
                resource_id=self.account_a.id,
                to_resource_id=self.workshop_account.id,
                resource_quantity=1,
            )
        self.assertQuantities(self.account_a, 90, 90)

    def _event_as(self, user, code, **vals):
        vals["action_id"] = self.action(code).id
        return self.Event.sudo(user).create(vals)

    def test_rea_user_records_but_does_not_configure_or_delete(self):
        # REA users work for the contexts they coordinate (record rules).
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.user.partner_id.id,
                "object_id": self.workshop.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        self.process.context_id = self.workshop
        event = self._event_as(
            self.user,
            "consume",
            provider_id=self.workshop.id,
            receiver_id=self.workshop.id,
            input_of_id=self.process.id,
            resource_id=self._resource(self.plywood, 5).id,
            resource_quantity=2,
        )
        self.assertEqual(event.resource_id.onhand_quantity, 3)
        # Creating a resource through an event works for users too.
        produced = self._event_as(
            self.user,
            "produce",
            provider_id=self.workshop.id,
            receiver_id=self.workshop.id,
            output_of_id=self.process.id,
            resource_conforms_to_id=self.desk.id,
            resource_quantity=1,
        )
        self.assertEqual(produced.resource_id.sudo(self.user).onhand_quantity, 1)
        with self.assertRaises(AccessError):
            event.sudo(self.user).unlink()
        with self.assertRaises(AccessError):
            self.action("produce").sudo(self.user).write({"label": "makes"})
        with self.assertRaises(AccessError):
            self.env["rea.agent.relationship.type"].sudo(self.user).create(
                {
                    "name": "Friend",
                    "label": "befriends",
                    "inverse_label": "is friend of",
                    "identifier": "friend",
                }
            )
        # The events of the contexts they coordinate are visible to REA
        # users (not all events: see test_rea_context_rules).
        self.assertIn(self.event_b, self.Event.sudo(self.user).search([]))

    def test_rea_manager_configures_and_deletes(self):
        self.action("produce").sudo(self.manager).write({"label": "makes"})
        self.assertEqual(self.action("produce").label, "makes")
        self.event_b.sudo(self.manager).unlink()
        self.assertQuantities(self.account_b, 100, 100)
        self.assertQuantities(self.workshop_account, 10, 10)

    def test_employee_without_rea_group(self):
        with self.assertRaises(AccessError):
            self.Event.sudo(self.employee).search([])
        # The partner form stays readable: REA fields are for REA users.
        self.workshop.sudo(self.employee).read(["name"])
