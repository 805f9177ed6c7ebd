# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import ReaCase


class TestReaWorkflowAccess(ReaCase):
    """Workflow buttons and wizards refuse, with an AccessError and before any
    business rule, whoever may not change the records they act on: the
    agents reading them (portal members) and REA users of other contexts.
    Commitments out of the caller's contexts are refused as such."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        rea_user = cls.env.ref("rea_base.group_rea_user")
        cls.project_a = Partner.create(
            {"name": "Access A", "agent_type": "project", "is_context": True}
        )
        cls.project_b = Partner.create(
            {"name": "Access B", "agent_type": "project", "is_context": True}
        )

        def user(login, groups, partner=None):
            vals = {"name": login, "login": login, "groups_id": [(6, 0, groups)]}
            if partner:
                vals["partner_id"] = partner.id
            return Users.create(vals)

        cls.coordinator_a = user("wf_coord_a", [rea_user.id])
        cls.plain = user("wf_plain", [rea_user.id])
        cls.portal = user("wf_portal", [cls.env.ref("base.group_portal").id], cls.alice)
        cls.env["rea.agent.relationship"].create(
            {
                "subject_id": cls.coordinator_a.partner_id.id,
                "object_id": cls.project_a.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        cls.hour = cls.uom_hour
        cls.process_a = cls._process("Build in A", context_id=cls.project_a.id)
        # Alice worked 2 hours for A, and committed 3 more.
        cls.work_a = cls._event(
            "work",
            provider=cls.alice,
            receiver=cls.project_a,
            context_id=cls.project_a.id,
            input_of_id=cls.process_a.id,
            resource_conforms_to_id=cls.carpentry.id,
            effort_quantity=2,
            effort_unit_id=cls.hour.id,
        )
        cls.commitment_a = cls.env["rea.commitment"].create(cls._commitment_vals())

    @classmethod
    def _commitment_vals(cls, context=None, quantity=3):
        context = context or cls.project_a
        return {
            "action_id": cls.action("work").id,
            "provider_id": cls.alice.id,
            "receiver_id": context.id,
            "context_id": context.id,
            "resource_conforms_to_id": cls.carpentry.id,
            "effort_quantity": quantity,
            "effort_unit_id": cls.hour.id,
        }

    # Commitments ------------------------------------------------------------

    @mute_logger("odoo.models")
    def test_record_event_button_follows_write_rights(self):
        for user in (self.portal, self.plain):
            with self.assertRaises(AccessError):
                self.commitment_a.sudo(user).action_record_event()
        action = self.commitment_a.sudo(self.coordinator_a).action_record_event()
        self.assertEqual(action["res_model"], "rea.event")
        self.assertEqual(
            action["context"]["default_commitment_id"], self.commitment_a.id
        )

    @mute_logger("odoo.models")
    def test_commitment_out_of_contexts_is_an_access_refusal(self):
        """Not a 'constraint' error: the caller's rules refuse it first."""
        Commitment = self.env["rea.commitment"]
        before = Commitment.search_count([])
        # The refusal comes after the row is written, as any create's: the
        # transaction of the call is rolled back (here, its savepoint).
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Commitment.sudo(self.coordinator_a).create(
                self._commitment_vals(self.project_b)
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Commitment.sudo(self.plain).create(self._commitment_vals())
        self.assertEqual(Commitment.search_count([]), before)
        # Business rules still speak to who may create.
        with self.assertRaisesRegex(
            ValidationError, "positive"
        ), self.env.cr.savepoint():
            Commitment.sudo(self.coordinator_a).create(
                self._commitment_vals(quantity=-1)
            )
        mine = Commitment.sudo(self.coordinator_a).create(self._commitment_vals())
        self.assertEqual(mine.context_id, self.project_a)

    # Event corrections --------------------------------------------------------

    @mute_logger("odoo.models")
    def test_correct_wizard_button_follows_write_rights(self):
        for user in (self.portal, self.plain):
            with self.assertRaises(AccessError):
                self.work_a.sudo(user).action_open_correct_wizard()
        action = self.work_a.sudo(self.coordinator_a).action_open_correct_wizard()
        self.assertEqual(action["res_model"], "rea.event.correct.wizard")

    @mute_logger("odoo.models")
    def test_correct_wizard_refuses_readers(self):
        Wizard = self.env["rea.event.correct.wizard"]
        # No wizard about an event its user may not read: it would tell the
        # event's name and quantities (rea.wizard.target.mixin).
        count = Wizard.sudo().search_count([])
        with self.assertRaises(AccessError):
            Wizard.sudo(self.plain).create({"event_id": self.work_a.id})
        self.assertEqual(Wizard.sudo().search_count([]), count)
        seen = Wizard.sudo(self.portal).create(
            {"event_id": self.work_a.id, "effort_quantity": 1}
        )
        # The portal member reads the event but does not correct it: no
        # business message ("already corrected") comes before the refusal.
        with self.assertRaises(AccessError):
            seen.action_correct()
        self.assertFalse(self.work_a.is_corrected)
        wizard = Wizard.sudo(self.coordinator_a).create(
            {"event_id": self.work_a.id, "effort_quantity": 1}
        )
        self.assertEqual(wizard.sudo().effort_quantity, 1)
        wizard.action_correct()
        self.assertTrue(self.work_a.is_corrected)
