# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError

from .common import ReaCase


class TestReaNavigation(ReaCase):
    """Navigation methods (action_view_*, action_open_*) follow read: they
    refuse with an AccessError a caller who may not read the record, before
    building the action (or the trace lines) it would open."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.project_a = Partner.create(
            {"name": "Nav A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Nav B", "agent_type": "project", "is_context": True}
        )
        cls.coordinator = cls.env["res.users"].create(
            {
                "name": "nav_coord_a",
                "login": "nav_coord_a",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )
        cls.env["rea.agent.relationship"].create(
            {
                "subject_id": cls.coordinator.partner_id.id,
                "object_id": cls.project_a.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        cls.account_a = cls._resource(cls.credit, 10, agent=cls.project_a)
        cls.account_b = cls._resource(cls.credit, 10, agent=cls.project_b)

    def test_helper_refuses_unreadable_records(self):
        account_b = self.account_b.sudo(self.coordinator)
        with self.assertRaises(AccessError):
            account_b._rea_check_readable()
        self.assertTrue(self.account_a.sudo(self.coordinator)._rea_check_readable())

    def test_resource_events_of_own_context_only(self):
        action = self.account_a.sudo(self.coordinator).action_view_events()
        self.assertEqual(action["res_model"], "rea.event")
        with self.assertRaises(AccessError):
            self.account_b.sudo(self.coordinator).action_view_events()

    def test_trace_refused_before_lines_are_written(self):
        Line = self.env["rea.trace.line"]
        before = Line.search_count([])
        for method in (
            "action_view_trace",
            "action_view_incoming_flows",
            "action_view_outgoing_flows",
        ):
            with self.assertRaises(AccessError):
                getattr(self.account_b.sudo(self.coordinator), method)()
        self.assertEqual(Line.search_count([]), before)
        action = self.account_a.sudo(self.coordinator).action_view_incoming_flows()
        self.assertEqual(action["res_model"], "rea.trace.line")

    def test_trace_line_opens_readable_records_only(self):
        Line = self.env["rea.trace.line"].sudo(self.coordinator)
        line_b = Line.create(
            {
                "kind": "resource",
                "resource_id": self.account_b.id,
                "root_resource_id": self.account_b.id,
            }
        )
        with self.assertRaises(AccessError):
            line_b.action_open_record()
        line_a = Line.create(
            {
                "kind": "resource",
                "resource_id": self.account_a.id,
                "root_resource_id": self.account_a.id,
            }
        )
        self.assertEqual(line_a.action_open_record()["res_id"], self.account_a.id)
