# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo import SUPERUSER_ID, api

from odoo.addons.rea_base.models.decimal_precision import (
    REA_QUANTITY,
    REA_QUANTITY_DEFAULT_DIGITS,
)

TOUR = "odoo.__DEBUG__.services['web_tour.tour']"


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestWizardBrowser(odoo.tests.HttpCase):
    """The distribution wizard driven through the web client, as a user
    clicks it from a value equation: Preview, then Distribute, in each
    mode. The client does not send read-only fields unless told to, and it
    shows amounts in the currency of the equation's money."""

    def setUp(self):
        super().setUp()
        # The browser's requests run on the registry's test cursor.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            self._make_data(env)

    def _make_data(self, env):
        precision = env["decimal.precision"]
        for name in precision.search([]).mapped("name"):
            precision.precision_get(name)
        precision.rea_precision_get(REA_QUANTITY, REA_QUANTITY_DEFAULT_DIGITS)
        Partner = env["res.partner"]
        hour = env.ref("product.product_uom_hour")
        euro = env.ref("rea_exchanges.product_template_euro")
        work = env.ref("rea_base.action_work")
        self.workshop = Partner.create(
            {"name": "Tour Workshop", "agent_type": "project", "is_context": True}
        )
        worker = Partner.create({"name": "Tour Worker", "agent_type": "individual"})
        env["rea.agent.relationship"].create(
            {
                "subject_id": worker.id,
                "object_id": self.workshop.id,
                "type_id": env.ref("rea_base.relationship_type_member").id,
                "state": "active",
            }
        )
        payer = Partner.create({"name": "Tour Customer", "agent_type": "organization"})
        skill = env["product.template"].create(
            {
                "name": "Tour carpentry",
                "type": "service",
                "rea_behavior": "work",
                "uom_id": hour.id,
                "uom_po_id": hour.id,
                "rea_effort_uom_id": hour.id,
                "rea_value_per_unit": 20.0,
            }
        )
        process = env["rea.process"].create(
            {"name": "Tour desks", "context_id": self.workshop.id}
        )
        # Three workers of ten hours: 100 does not split evenly into cents.
        workers = worker
        for name in ("Tour Second", "Tour Third"):
            workers |= Partner.create({"name": name, "agent_type": "individual"})
            env["rea.agent.relationship"].create(
                {
                    "subject_id": workers[-1].id,
                    "object_id": self.workshop.id,
                    "type_id": env.ref("rea_base.relationship_type_member").id,
                    "state": "active",
                }
            )
        for worker in workers:
            self._make_work(env, worker, skill, process)
        self.income = env["rea.event"].create(
            {
                "action_id": env.ref("rea_base.action_transfer").id,
                "provider_id": payer.id,
                "receiver_id": self.workshop.id,
                "resource_conforms_to_id": euro.id,
                "resource_id": payer.get_rea_account(euro).id,
                "to_resource_id": self.workshop.get_rea_account(euro).id,
                "resource_quantity": 150,
                "resource_unit_id": euro.uom_id.id,
                "context_id": self.workshop.id,
                "is_to_distribute": True,
            }
        )
        # No currency given: the equation's is that of its money (EUR).
        self.equation = env["rea.value.equation"].create(
            {
                "name": "Tour equation",
                "context_id": self.workshop.id,
                "live": True,
                "money_type_id": euro.id,
                "bucket_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Work",
                            "percentage": 100,
                            "rule_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "action_id": work.id,
                                        "formula": "quantity * valuePerUnit",
                                        "claim_type": "debt",
                                    },
                                )
                            ],
                        },
                    )
                ],
            }
        )

    def _make_work(self, env, worker, skill, process):
        hour = env.ref("product.product_uom_hour")
        env["rea.event"].create(
            {
                "action_id": env.ref("rea_base.action_work").id,
                "provider_id": worker.id,
                "receiver_id": self.workshop.id,
                "resource_conforms_to_id": skill.id,
                "effort_quantity": 10,
                "effort_unit_id": hour.id,
                "input_of_id": process.id,
                "context_id": self.workshop.id,
                "is_contribution": True,
            }
        )

    def _run_tour(self, name):
        url = "/web#model=rea.value.equation&id=%d&view_type=form" % self.equation.id
        self.phantom_js(
            url,
            "%s.run('%s')" % (TOUR, name),
            "%s.tours.%s.ready" % (TOUR, name),
            login="admin",
            timeout=180,
        )

    def _read_distribution(self):
        """What the browser made, read on the test cursor it wrote on."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            distribution = env["rea.distribution"].search(
                [("equation_id", "=", self.equation.id)]
            )
            undistributed = env["rea.event"].get_undistributed_income(
                distribution.context_id
            )
            return {
                "count": len(distribution),
                "currency": distribution.currency_id.name,
                "amount": distribution.amount,
                "incomes": distribution.income_ids.mapped("event_id").ids,
                "left": undistributed.get(self.income.id),
            }

    def test_income_mode(self):
        self._run_tour("rea_distribution_wizard_income")
        result = self._read_distribution()
        self.assertEqual(result["count"], 1)
        self.assertEqual(result["currency"], "EUR")
        self.assertEqual(result["incomes"], [self.income.id])
        self.assertAlmostEqual(result["amount"], 150.0)
        self.assertFalse(result["left"])

    def test_amount_mode(self):
        self._run_tour("rea_distribution_wizard_amount")
        result = self._read_distribution()
        self.assertEqual(result["count"], 1)
        self.assertEqual(result["currency"], "EUR")
        self.assertFalse(result["incomes"])
        self.assertAlmostEqual(result["amount"], 100.0)
        self.assertAlmostEqual(result["left"], 150.0)

    def test_stale_preview_and_cents(self):
        """Switching the mode after a preview clears it; the new preview's
        lines add up to the amount (checked in the tour), and so does what
        Distribute pays."""
        self._run_tour("rea_distribution_wizard_stale_preview")
        result = self._read_distribution()
        self.assertEqual(result["count"], 1)
        self.assertFalse(result["incomes"])
        self.assertAlmostEqual(result["amount"], 100.0)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            distribution = env["rea.distribution"].search(
                [("equation_id", "=", self.equation.id)]
            )
            self.assertEqual(
                sorted(distribution.line_ids.mapped("amount")), [33.33, 33.33, 33.34]
            )
