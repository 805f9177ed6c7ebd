# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase


class TestServerOnly(SavepointCase):
    """Methods marked ``server_only`` refuse Odoo's RPC dispatch
    (``odoo.api.call_kw``, behind /web/dataset/call_kw and XML-RPC's
    execute_kw) and serve the server's own code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Remote Rita",
                    "login": "server_api_rita",
                    "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
                }
            )
        )
        cls.coop = cls.env["res.partner"].create(
            {"name": "Server API Coop", "is_company": True}
        )

    def test_rpc_dispatch_is_refused(self):
        for user in (self.portal, self.env.user):
            Resource = self.env["rea.resource"].sudo(user)
            with self.assertRaisesRegex(AccessError, "cannot be called remotely"):
                api.call_kw(Resource, "move_quantities", [[]], {})
            Rel = self.env["rea.agent.relationship"].sudo(user)
            with self.assertRaisesRegex(AccessError, "cannot be called remotely"):
                api.call_kw(
                    Rel,
                    "ensure_membership",
                    [self.portal.partner_id.id, self.coop.id],
                    {},
                )
        self.assertFalse(
            self.env["rea.agent.relationship"].get_memberships(contexts=self.coop)
        )

    def test_server_code_is_served(self):
        self.assertEqual(self.env["rea.resource"].move_quantities([]), {})
        Rel = self.env["rea.agent.relationship"].sudo(self.portal)
        rel = Rel.ensure_membership(self.portal.partner_id, self.coop)
        self.assertEqual(Rel.get_members(self.coop), self.portal.partner_id)
        self.assertEqual(rel.state, "active")

    def test_abstract_models_hold_no_records(self):
        """Searching or reading a service model over RPC is a clean refusal,
        not a database error."""
        for model in ("rea.aggregate.unit.mixin", "rea.access.check.mixin"):
            with self.assertRaises(AccessError):
                api.call_kw(self.env[model], "search_read", [[]], {})
            with self.assertRaises(AccessError):
                api.call_kw(self.env[model], "read", [[1]], {})
