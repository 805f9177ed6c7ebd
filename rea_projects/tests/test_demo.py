# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import ValidationError
from odoo.tests.common import TransactionCase

from .common import create_project


class TestDemoDates(TransactionCase):
    """The demo tells a coherent story: every membership that started has
    its start date, every join request is made before it is confirmed and
    decided."""

    def demo_records(self, model):
        data = self.env["ir.model.data"].search(
            [("model", "=", model), ("module", "in", ("rea_projects", "rea_exchanges"))]
        )
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_memberships_have_their_start_date(self):
        memberships = self.demo_records("rea.agent.relationship").filtered(
            lambda m: m.state == "active"
        )
        if not memberships:
            self.skipTest("No demo data")
        self.assertFalse(
            memberships.filtered(lambda m: not m.date_start).mapped("display_name")
        )

    def test_join_requests_in_order(self):
        requests = self.demo_records("rea.join.request")
        if not requests:
            self.skipTest("No demo data")
        for request in requests:
            dates = [request.request_date]
            dates += [
                date
                for date in (request.email_confirmed_date, request.decision_date)
                if date
            ]
            self.assertEqual(dates, sorted(dates), request.name)
            membership = request.relationship_id
            if request.state == "accepted":
                self.assertEqual(
                    membership.date_start, request.decision_date[:10], request.name
                )


class TestJoinRequestDates(TransactionCase):
    def test_confirmed_or_decided_before_the_request_is_refused(self):
        project = create_project(self.env, "Dated", auto_create_user=False)
        Request = self.env["rea.join.request"].with_context(rea_join_no_flow=True)
        values = {
            "project_id": project.id,
            "name": "Early Bird",
            "email": "early.bird@example.org",
            "request_date": "2026-03-04 10:00:00",
        }
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Request.create(dict(values, email_confirmed_date="2026-03-03 10:00:00"))
        request = Request.create(
            dict(values, email_confirmed_date="2026-03-04 10:05:00")
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            request.write({"decision_date": "2026-03-01 09:00:00"})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            request.write({"request_date": "2026-03-05 10:00:00"})
        request.write({"decision_date": "2026-03-06 09:00:00"})
        self.assertEqual(request.decision_date, "2026-03-06 09:00:00")
