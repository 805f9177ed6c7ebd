# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import api, models

# Requests the demo data could not validate yet (no chart of accounts):
# {"validate": [ids], "validate_and_pay": [ids]}.
DEFERRED_PARAM = "rea_membership_shares.demo_deferred"
DEMO_STEPS = ("validate", "validate_and_pay")


# One model split by concern (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaSubscriptionRequest(models.Model):
    """Demo data steps that need accounting.

    Installed in one step on a new database, the demo data of this addon is
    loaded before Odoo installs the chart of accounts of the company's
    country (account marks it to install, it comes after the addons asked
    for). The steps that need accounts then wait for the chart and run
    right after it is loaded (see wizard.multi.charts.accounts); on a
    database that has a chart they run at once.
    """

    _inherit = "rea.subscription.request"

    @api.model
    def _demo_accounting_ready(self):
        """Whether the company can invoice and receive a payment by bank:
        its share accounts and journal are made if missing (only once the
        company has a chart of accounts)."""
        company = self.env.user.company_id.sudo()
        company._create_share_accounting()
        bank = (
            self.env["account.journal"]
            .sudo()
            .search_count([("type", "=", "bank"), ("company_id", "=", company.id)])
        )
        ready = bool(
            company.share_journal_id and company.share_receivable_account_id and bank
        )
        if ready:
            self._demo_bank_account(company)
        return ready

    @api.model
    def _demo_bank_account(self, company):
        """The account members transfer capital to, as the payment
        instructions of the portal show it (a documentation IBAN)."""
        journal = (
            self.env["account.journal"]
            .sudo()
            .search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        )
        if journal.bank_account_id:
            return journal.bank_account_id
        account = (
            self.env["res.partner.bank"]
            .sudo()
            .create(
                {
                    "acc_number": "GB33 BUKB 2020 1555 5555 55",
                    "partner_id": company.partner_id.id,
                }
            )
        )
        journal.bank_account_id = account
        return account

    @api.model
    def _demo_deferred(self):
        value = self.env["ir.config_parameter"].sudo().get_param(DEFERRED_PARAM)
        return json.loads(value) if value else {}

    @api.multi
    def _demo_defer(self, step):
        deferred = self._demo_deferred()
        deferred[step] = deferred.get(step, []) + self.ids
        self.env["ir.config_parameter"].sudo().set_param(
            DEFERRED_PARAM, json.dumps(deferred)
        )
        return True

    @api.multi
    def _demo_validate(self):
        """Demo data: validate as a coordinator would (now, or once the
        company has a chart of accounts)."""
        if not self._demo_accounting_ready():
            return self._demo_defer("validate")
        self.action_validate()
        return True

    @api.multi
    def _demo_validate_and_pay(self):
        """Demo data: validate and pay by bank, as a coordinator would (now,
        or once the company has a chart of accounts)."""
        if not self._demo_accounting_ready():
            return self._demo_defer("validate_and_pay")
        self.action_validate()
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.user.company_id.id)],
            limit=1,
        )
        for request in self:
            self.env["rea.subscription.payment"].create(
                {
                    "request_id": request.id,
                    "journal_id": journal.id,
                    "amount": request.invoice_id.residual,
                    "reference": request.invoice_id.number,
                }
            ).action_confirm()
        return True

    @api.model
    def _demo_run_deferred(self):
        """Run the demo steps that waited for a chart of accounts."""
        deferred = self._demo_deferred()
        if not deferred or not self._demo_accounting_ready():
            return False
        self.env["ir.config_parameter"].sudo().set_param(DEFERRED_PARAM, False)
        for step in DEMO_STEPS:
            requests = self.browse(deferred.get(step, [])).exists()
            # Only those still waiting: a coordinator may have acted since.
            requests = requests.filtered(lambda r: r.state in ("draft", "waiting"))
            if requests:
                getattr(requests, "_demo_%s" % step)()
        return True
