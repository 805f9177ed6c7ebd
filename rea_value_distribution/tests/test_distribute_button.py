# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase


class TestDistributeButton(TransactionCase):
    """Distribute is offered only to those who may distribute: a user who
    reads an equation but does not coordinate its context sees no button
    (and no "Distribute income" menu) that would end in a refusal."""

    def setUp(self):
        super().setUp()
        self.equation = self.env.ref(
            "rea_value_distribution.rea_value_equation_workshop_demo"
        )
        group_user = self.env.ref("rea_base.group_rea_user")
        self.staff, self.coordinator = [
            self.env["res.users"].create(
                {
                    "name": name,
                    "login": "%s_distribute_button" % name.lower(),
                    "groups_id": [
                        (6, 0, [self.env.ref("base.group_user").id, group_user.id])
                    ],
                }
            )
            for name in ("Staff", "Coordinator")
        ]
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.coordinator.partner_id.id,
                "object_id": self.equation.context_id.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
                "state": "active",
            }
        )

    def test_button_only_for_who_may_distribute(self):
        # Staff who do not work for the context do not even read its equation.
        with self.assertRaises(AccessError):
            self.equation.sudo(self.staff).can_distribute
        self.assertTrue(self.equation.sudo(self.coordinator).can_distribute)
        self.assertTrue(self.equation.can_distribute)
        arch = self.env["rea.value.equation"].fields_view_get(view_type="form")["arch"]
        self.assertIn("can_distribute", arch)

    def test_wizard_menu_for_managers_only(self):
        menu = self.env.ref("rea_value_distribution.rea_distribution_wizard_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(menu, Menu.sudo(self.staff).search([("id", "=", menu.id)]))
        self.assertNotIn(
            menu, Menu.sudo(self.coordinator).search([("id", "=", menu.id)])
        )
        manager = self.env.ref("base.user_root")
        self.assertIn(menu, Menu.sudo(manager).search([("id", "=", menu.id)]))
