# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import json

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import VfCase


class TestAccess(VfCase):
    """Exports and imports run with the user's rights and record rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.portal_user = Users.create(
            {
                "name": "Bob",
                "login": "vf_bob",
                "partner_id": cls.bob.id,
                "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )
        cls.plain_user = Users.create(
            {
                "name": "Employee without REA rights",
                "login": "vf_plain",
                "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
            }
        )
        cls.rea_user = Users.create(
            {
                "name": "REA user",
                "login": "vf_rea_user",
                "groups_id": [(6, 0, [cls.env.ref("rea_base.group_rea_user").id])],
            }
        )

    def types(self, document):
        return {node["@type"] for node in document["@graph"]}

    def test_portal_member_sees_only_own_flows(self):
        document = self.Exporter.sudo(self.portal_user).export_document()
        graph = self.nodes(document)
        events = self.of_type(document, "vf:EconomicEvent")
        self.assertEqual([e["@id"] for e in events], [self.delivery.vf_uri])
        self.assertNotIn(self.purchase.vf_uri, graph)
        # Bob's own desk is described; the workshop's resource only named.
        self.assertIn(self.bob_desk.vf_uri, graph)
        self.assertNotIn(self.desk_unit.vf_uri, graph)
        self.assertEqual(
            graph[self.delivery.vf_uri]["vf:resourceInventoriedAs"],
            {"@id": self.desk_unit.vf_uri},
        )
        # Processes and plans are not for portal users; commitments only
        # where they are a party (rea_exchanges lets members read those).
        self.assertFalse(self.types(document) & {"vf:Process", "vf:Plan"})
        partner = self.portal_user.partner_id
        own = [
            {"@id": uri}
            for uri in (partner | partner.commercial_partner_id).mapped("vf_uri")
        ]
        for commitment in self.of_type(document, "vf:Commitment"):
            parties = (commitment.get("vf:provider"), commitment.get("vf:receiver"))
            self.assertTrue(any(party in own for party in parties), commitment)

    def test_user_without_rea_rights_gets_no_economic_data(self):
        document = self.Exporter.sudo(self.plain_user).export_document(
            context_agent=self.network.id
        )
        self.assertEqual(self.types(document), {"vf:Organization"})
        # Only the context itself: its parts come from relationships the
        # user may not read.
        self.assertEqual(
            [node["@id"] for node in document["@graph"]], [self.network.vf_uri]
        )

    def test_rea_user_sees_everything_in_scope(self):
        """A REA user exports what the record rules show them: everything of
        a network they coordinate, less of one they do not."""
        outside = self.Exporter.sudo(self.rea_user).export_document(
            context_agent=self.network.id
        )
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.rea_user.partner_id.id,
                "object_id": self.network.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        admin_document = self.Exporter.export_document(context_agent=self.network.id)
        self.assertLess(len(outside["@graph"]), len(admin_document["@graph"]))
        document = self.Exporter.sudo(self.rea_user).export_document(
            context_agent=self.network.id
        )
        ids = {node["@id"] for node in document["@graph"]}
        self.assertGreater(len(ids), len(outside["@graph"]))
        self.assertLessEqual(ids, {node["@id"] for node in admin_document["@graph"]})
        # Every flow of the network is in it (not the members' own accounts).
        admin_events = {
            node["@id"]
            for node in admin_document["@graph"]
            if node["@type"] == "vf:EconomicEvent"
        }
        self.assertTrue(admin_events)
        self.assertLessEqual(admin_events, ids)

    @mute_logger("odoo.models")
    def test_export_wizard_for_those_working_for_the_context(self):
        """The back-office file holds a context's whole economic life: REA
        users export the contexts they work for (or, without a context, what
        their rules show them); members and other REA users are refused."""
        Wizard = self.env["rea.vf.export.wizard"]
        for user in (self.portal_user, self.plain_user, self.rea_user):
            wizard = Wizard.sudo(user).create({"context_id": self.network.id})
            with self.assertRaises(AccessError):
                wizard.action_export()
            self.assertFalse(wizard.sudo().data)
        wizard = Wizard.sudo(self.portal_user).create({})
        with self.assertRaises(AccessError):
            wizard.action_export()
        wizard = Wizard.sudo(self.rea_user).create({})
        wizard.action_export()
        self.assertEqual(wizard.state, "done")
        self.env["rea.agent.relationship"].create(
            {
                "subject_id": self.rea_user.partner_id.id,
                "object_id": self.network.id,
                "type_id": self.env.ref("rea_base.relationship_type_manager").id,
            }
        )
        wizard = Wizard.sudo(self.rea_user).create({"context_id": self.network.id})
        wizard.action_export()
        document = json.loads(base64.b64decode(wizard.data).decode("utf-8"))
        self.assertIn(self.work.vf_uri, {node["@id"] for node in document["@graph"]})

    def test_import_needs_rights(self):
        document = {
            "@context": {"vf": "https://w3id.org/valueflows/ont/vf#"},
            "@graph": [
                {
                    "@id": "https://coop.example/vf/agent/new",
                    "@type": "vf:Person",
                    "vf:name": "Newcomer",
                },
                {
                    "@id": "https://coop.example/vf/process/new",
                    "@type": "vf:Process",
                    "vf:name": "Some process",
                },
            ],
        }
        report = self.Importer.sudo(self.portal_user).import_document(
            document, atomic=False
        )
        statuses = {line["id"]: line for line in report["lines"]}
        process = statuses["https://coop.example/vf/process/new"]
        self.assertEqual(process["status"], "refused")
        self.assertTrue(process["reason"])
        self.assertFalse(
            self.env["rea.process"].search(
                [("vf_uri", "=", "https://coop.example/vf/process/new")]
            )
        )

    def test_import_does_not_reveal_unreadable_records(self):
        """A portal user cannot hook onto a record they cannot read, even
        by knowing its @id."""
        document = {
            "@context": {"vf": "https://w3id.org/valueflows/ont/vf#"},
            "@graph": [
                {
                    "@id": self.purchase.vf_uri,
                    "@type": "vf:EconomicEvent",
                    "vf:action": {"@id": "vf:transfer"},
                }
            ],
        }
        report = self.Importer.sudo(self.portal_user).import_document(document)
        line = report["lines"][0]
        self.assertEqual(line["status"], "refused")
        self.assertIn("you may not read it", line["reason"])
