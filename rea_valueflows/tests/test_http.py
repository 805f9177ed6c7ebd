# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

import odoo.tests

from .http_common import VfHttpCase


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestRoutes(VfHttpCase):
    def setUp(self):
        super().setUp()
        env = self.env
        self.project = env["res.partner"].create(
            {
                "name": "Horta Project",
                "agent_type": "project",
                "is_context": True,
                "is_company": True,
            }
        )
        self.member = env["res.partner"].create(
            {"name": "Pau", "agent_type": "individual"}
        )
        self.beans = env["product.template"].create(
            {"name": "Beans", "rea_behavior": "consumable"}
        )
        self.stock = env["rea.resource"].create(
            {"conforms_to_id": self.beans.id, "primary_accountable_id": self.project.id}
        )
        self.harvest = env["rea.event"].create(
            {
                "action_id": env.ref("rea_base.action_raise").id,
                "provider_id": self.project.id,
                "receiver_id": self.project.id,
                "resource_id": self.stock.id,
                "resource_quantity": 5,
                "context_id": self.project.id,
                "has_point_in_time": "2026-06-01 10:00:00",
            }
        )
        # An REA manager: the routes are tested here; who sees which
        # context is the record rules' tests' business.
        (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "REA route user",
                    "login": "vf_route_user",
                    "password": "vf_route_user",
                    "groups_id": [(6, 0, [env.ref("rea_base.group_rea_manager").id])],
                }
            )
        )

    def test_export_requires_login(self):
        response = self.opener.get(
            self.url("/vf/export?context=%s" % self.project.id), allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_import_requires_login(self):
        response = self.opener.post(
            self.url("/vf/import"),
            data=b"{}",
            headers={"Content-Type": "application/ld+json"},
            allow_redirects=False,
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(
            response.headers.get("Content-Type", "").startswith("application/json")
        )

    def test_export_route(self):
        self.authenticate("vf_route_user", "vf_route_user")
        response = self.opener.get(
            self.url(
                "/vf/export?context=%s&from=2026-01-01&to=2026-12-31" % self.project.id
            )
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.headers["Content-Type"].startswith("application/ld+json")
        )
        document = response.json()
        ids = [node["@id"] for node in document["@graph"]]
        self.assertIn(self.harvest.vf_uri, ids)
        self.assertIn(self.stock.vf_uri, ids)
        # By @id too, the form that stays the same across databases.
        by_uri = self.opener.get(
            self.url("/vf/export"), params={"context": self.project.vf_uri}
        )
        self.assertEqual(by_uri.json(), document)
        # Each identifier minted here answers with its node.
        path = self.harvest.vf_uri[self.harvest.vf_uri.index("/vf/") :]
        node = self.opener.get(self.url(path))
        self.assertEqual(node.status_code, 200)
        self.assertEqual(node.json()["@id"], self.harvest.vf_uri)
        self.assertEqual(node.json()["vf:action"], {"@id": "vf:raise"})
        self.assertIn("@context", node.json())
        missing = self.opener.get(self.url("/vf/event/0000-not-here"))
        self.assertEqual(missing.status_code, 404)
        bad = self.opener.get(self.url("/vf/export?context=%s" % self.member.id))
        self.assertEqual(bad.status_code, 400)
        self.assertIn("not a context agent", bad.json()["error"])

    def test_import_route(self):
        self.authenticate("vf_route_user", "vf_route_user")
        document = {
            "@context": {
                "vf": "https://w3id.org/valueflows/ont/vf#",
                "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
            },
            "@graph": [
                {
                    "@id": "https://horta.example/vf/event/sowing",
                    "@type": "vf:EconomicEvent",
                    "vf:action": {"@id": "vf:consume"},
                    "vf:provider": {"@id": self.project.vf_uri},
                    "vf:receiver": {"@id": self.project.vf_uri},
                    "vf:resourceInventoriedAs": {"@id": self.stock.vf_uri},
                    "vf:resourceQuantity": {
                        "om2:hasNumericalValue": 1,
                        "om2:hasUnit": {"@id": "om2:one"},
                    },
                }
            ],
        }
        response = self.opener.post(
            self.url("/vf/import?atomic=0"),
            data=json.dumps(document),
            headers={"Content-Type": "application/ld+json"},
        )
        self.assertEqual(response.status_code, 200)
        report = response.json()
        self.assertEqual(report["summary"]["refused"], 1)
        self.assertIn("is an input", report["lines"][0]["reason"])
        malformed = self.opener.post(
            self.url("/vf/import"),
            data=b"{oops",
            headers={"Content-Type": "application/ld+json"},
        )
        self.assertEqual(malformed.status_code, 400)
        self.assertIn("not valid JSON", malformed.json()["error"])
        wrong_type = self.opener.post(
            self.url("/vf/import"),
            data=b"a=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self.assertEqual(wrong_type.status_code, 415)
        # JSON-RPC flavour.
        document["@graph"][0]["vf:action"] = {"@id": "vf:lower"}
        rpc = self.opener.post(
            self.url("/vf/import/json"),
            data=json.dumps({"jsonrpc": "2.0", "params": {"document": document}}),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertEqual(rpc["result"]["summary"]["created"], 1, rpc)
        self.stock.invalidate_cache()
        self.assertEqual(self.stock.accounting_quantity, 4)
