# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from .common import add_coordinator, create_project, create_user


class TestCoordinatorWizard(SavepointCase):
    """Coordinators are added and removed from the project form; only the
    project's coordinators and REA managers may do it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.project = create_project(env, "Wizard Coop")
        cls.other_project = create_project(env, "Other Coop")
        cls.manager = create_user(env, "cw_manager", ["rea_base.group_rea_manager"])
        cls.coordinator = create_user(
            env, "cw_coordinator", ["rea_projects.group_project_coordinator"]
        )
        cls.outsider = create_user(
            env, "cw_outsider", ["rea_projects.group_project_coordinator"]
        )
        cls.newcomer = create_user(env, "cw_newcomer", ["base.group_user"])
        add_coordinator(env, cls.project, cls.coordinator.partner_id)
        add_coordinator(env, cls.other_project, cls.outsider.partner_id)

    def _run_wizard(self, user, mode, partner=None, target_user=None):
        project = self.project.sudo(user)
        action = project.with_context(
            coordinator_wizard_mode=mode
        ).action_open_coordinator_wizard()
        self.assertEqual(action["res_model"], "rea.project.coordinator.wizard")
        wizard = (
            self.env["rea.project.coordinator.wizard"]
            .sudo(user)
            .with_context(**action["context"])
            .create({})
        )
        if target_user:
            wizard.user_id = target_user
            wizard._onchange_user_id()
        if partner:
            wizard.partner_id = partner
        return wizard.action_apply()

    def _coordinators(self, project=None):
        project = project or self.project
        project.invalidate_cache()
        return project.coordinator_ids

    def test_manager_adds_a_coordinator_by_user(self):
        self._run_wizard(self.manager, "add", target_user=self.newcomer)
        partner = self.newcomer.partner_id
        self.assertIn(partner, self._coordinators())
        relationship = self.env["rea.agent.relationship"].search(
            [
                ("subject_id", "=", partner.id),
                ("object_id", "=", self.project.partner_id.id),
            ]
        )
        self.assertEqual(relationship.state, "active")
        self.assertEqual(
            relationship.type_id, self.env.ref("rea_base.relationship_type_manager")
        )
        # The new coordinator gets the back office of the role.
        self.assertTrue(
            self.newcomer.has_group("rea_projects.group_project_coordinator")
        )

    def test_coordinator_adds_and_removes(self):
        partner = self.newcomer.partner_id
        self._run_wizard(self.coordinator, "add", partner=partner)
        self.assertIn(partner, self._coordinators())
        with self.assertRaises(UserError):
            self._run_wizard(self.coordinator, "add", partner=partner)
        self._run_wizard(self.coordinator, "remove", partner=partner)
        self.assertNotIn(partner, self._coordinators())
        relationship = self.env["rea.agent.relationship"].search(
            [
                ("subject_id", "=", partner.id),
                ("object_id", "=", self.project.partner_id.id),
            ]
        )
        self.assertEqual(relationship.state, "inactive")
        self.assertTrue(relationship.date_end)
        # Added again: the same relationship comes back, no second one.
        self._run_wizard(self.coordinator, "add", partner=partner)
        self.assertEqual(relationship.state, "active")
        self.assertFalse(relationship.date_end)

    def test_add_coordinator_over_rpc(self):
        """Called remotely as documented (a partner id), it answers ids."""
        Project = self.env["rea.project"].sudo(self.coordinator)
        ids = api.call_kw(
            Project,
            "add_coordinator",
            [[self.project.id], self.newcomer.partner_id.id],
            {},
        )
        self.assertTrue(ids and all(isinstance(i, int) for i in ids))
        self.assertTrue(self.project.is_coordinator(self.newcomer.partner_id))
        with self.assertRaises(UserError):
            api.call_kw(Project, "remove_coordinator", [[self.project.id], 0], {})

    def test_coordinator_of_another_project_is_refused(self):
        partner = self.newcomer.partner_id
        with self.assertRaises(AccessError):
            self._run_wizard(self.outsider, "add", partner=partner)
        with self.assertRaises(AccessError):
            self.project.sudo(self.outsider).add_coordinator(partner)
        with self.assertRaises(AccessError):
            self.project.sudo(self.outsider).remove_coordinator(
                self.coordinator.partner_id
            )
        self.assertNotIn(partner, self._coordinators())
        self.assertIn(self.coordinator.partner_id, self._coordinators())

    def test_removing_a_non_coordinator_is_refused(self):
        with self.assertRaises(UserError):
            self._run_wizard(self.manager, "remove", partner=self.newcomer.partner_id)

    def test_no_partner_chosen_is_refused(self):
        with self.assertRaises(UserError):
            self._run_wizard(self.manager, "add")

    def test_coordinator_edits_own_project_contact_details(self):
        project = self.project.sudo(self.coordinator)
        project.write({"phone": "+34 600 000 000", "email": "hello@project.example"})
        self.assertEqual(self.project.phone, "+34 600 000 000")
        self.assertEqual(self.project.partner_id.email, "hello@project.example")
        # Only the contact details: other fields of the agent stay guarded.
        with self.assertRaises(AccessError):
            project.write({"ref": "X-1"})
        # Another project's details are not theirs to change.
        with self.assertRaises(AccessError):
            self.other_project.sudo(self.coordinator).write({"phone": "+34 1"})
        self.assertNotEqual(self.other_project.phone, "+34 1")
