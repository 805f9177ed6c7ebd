# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..formatting import format_amount
from ..models.rea_value_equation_bucket import FILTER_METHODS


class ReaDistributionWizard(models.TransientModel):
    """Choose what to distribute and how, preview, then confirm."""

    _name = "rea.distribution.wizard"
    # Created only on records the user may read (no names or figures
    # of other projects through the wizard).
    _inherit = ["rea.wizard.target.mixin"]
    _rea_wizard_targets = (
        "equation_id",
        "context_id",
    )
    _description = "Distribute income with a value equation"

    context_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_context", "=", True)],
    )
    equation_id = fields.Many2one(
        "rea.value.equation",
        string="Value equation",
        required=True,
        domain="[('context_id', '=', context_id)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    mode = fields.Selection(
        [("income", "Income events"), ("amount", "An amount")],
        required=True,
        default="income",
        string="Distribute",
    )
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(related="equation_id.currency_id", readonly=True)
    income_line_ids = fields.One2many(
        "rea.distribution.wizard.income", "wizard_id", string="Income events"
    )
    bucket_filter_ids = fields.One2many("rea.distribution.wizard.bucket", "wizard_id")
    preview_line_ids = fields.One2many(
        "rea.distribution.wizard.preview", "wizard_id", string="Preview", readonly=True
    )
    total_amount = fields.Monetary(compute="_compute_total_amount")
    previewed = fields.Boolean(readonly=True)
    preview_distributed = fields.Monetary(string="Distributed", readonly=True)
    preview_undistributed = fields.Monetary(string="Undistributed", readonly=True)
    preview_residue = fields.Monetary(string="Rounding residue", readonly=True)
    preview_buckets = fields.Text(string="Buckets", readonly=True)
    note = fields.Text()

    @api.depends("mode", "amount", "income_line_ids.amount")
    def _compute_total_amount(self):
        for wizard in self:
            if wizard.mode == "amount":
                wizard.total_amount = wizard.amount
            else:
                wizard.total_amount = sum(wizard.income_line_ids.mapped("amount"))

    @api.onchange("context_id")
    def _onchange_context_id(self):
        if self.equation_id.context_id != self.context_id:
            self.equation_id = self.env["rea.value.equation"].search(
                [("context_id", "=", self.context_id.id), ("live", "=", True)], limit=1
            )
        self.income_line_ids = self._get_income_commands()

    @api.onchange("equation_id")
    def _onchange_equation_id(self):
        self.bucket_filter_ids = self._get_bucket_commands()

    @api.onchange(
        "context_id",
        "equation_id",
        "mode",
        "amount",
        "income_line_ids",
        "bucket_filter_ids",
    )
    def _onchange_preview_inputs(self):
        """A preview shows what its inputs gave: once they change it is
        gone, rather than shown for what Distribute would no longer pay."""
        if self.previewed or self.preview_line_ids:
            self.update(self._get_cleared_preview())

    @api.model
    def _get_cleared_preview(self):
        return {
            "preview_line_ids": [(5, 0, 0)],
            "previewed": False,
            "preview_distributed": 0.0,
            "preview_undistributed": 0.0,
            "preview_residue": 0.0,
            "preview_buckets": False,
        }

    # Who may act

    @api.multi
    def _check_can_distribute(self):
        """Raise AccessError unless the current user may distribute the
        income of the wizard's context with its equation: REA managers and
        those who work for the context (its coordinators, cooperative users
        of share-issuing projects), who may change the equation. The
        buttons load income and compute as superuser, and confirming writes
        as superuser: each calls this first, before any business rule."""
        self.ensure_one()
        self.equation_id._check_can_distribute()
        context = self.context_id
        if context and not context.rea_can_distribute():
            raise AccessError(
                _(
                    "Only REA managers and those who work for %s (its "
                    "coordinators) can distribute its income."
                )
                % context.sudo().name
            )
        return True

    @api.multi
    def _get_income_commands(self):
        if not self.context_id:
            return [(5, 0, 0)]
        available = self.env["rea.event"].get_undistributed_income(self.context_id)
        return [(5, 0, 0)] + [
            (0, 0, {"event_id": event_id, "available": left, "amount": left})
            for event_id, left in sorted(available.items())
            if left > 1e-9
        ]

    @api.multi
    def _get_bucket_commands(self):
        return [(5, 0, 0)] + [
            (0, 0, {"bucket_id": bucket.id})
            for bucket in self.equation_id.bucket_ids
            if not bucket.distribution_agent_id and bucket.filter_method != "all"
        ]

    @api.multi
    def action_load_income(self):
        """Button: list the context's undistributed income."""
        self.ensure_one()
        self._check_can_distribute()
        self.income_line_ids = self._get_income_commands()
        return self._reopen()

    # Computing

    @api.multi
    def _get_filters(self):
        self.ensure_one()
        return {
            line.bucket_id.id: {
                "date_from": line.date_from,
                "date_to": line.date_to,
                "process_ids": line.process_ids.ids,
                "plan_id": line.plan_id.id,
                "shipment_ids": line.shipment_ids.ids,
            }
            for line in self.bucket_filter_ids
        }

    @api.multi
    def _get_incomes(self):
        """[(income event, amount)] checked against what is left of each."""
        self.ensure_one()
        if self.mode != "income":
            return []
        lines = self.income_line_ids.filtered(lambda ln: ln.amount)
        available = self.env["rea.event"].get_undistributed_income(
            self.context_id, lines.mapped("event_id").ids
        )
        currency = self.equation_id.currency_id
        incomes = []
        for line in lines:
            left = available.get(line.event_id.id, 0.0)
            money = line.currency_id or currency
            if line.amount < 0 or currency.compare_amounts(line.amount, left) > 0:
                raise UserError(
                    _(
                        "Only %(left)s of the income %(event)s is left to "
                        "distribute (asked: %(asked)s)."
                    )
                    % {
                        "left": format_amount(self.env, left, money),
                        "event": line.event_id.name,
                        "asked": format_amount(self.env, line.amount, money),
                    }
                )
            incomes.append((line.event_id, line.amount))
        return incomes

    @api.multi
    def _compute_result(self):
        self.ensure_one()
        self._check_can_distribute()
        equation = self.equation_id.sudo()
        if equation.context_id != self.context_id:
            raise UserError(
                _("The value equation %(equation)s is not one of %(context)s.")
                % {"equation": equation.name, "context": self.context_id.name}
            )
        incomes = self._get_incomes()
        amount = (
            sum(amount for _event, amount in incomes)
            if self.mode == "income"
            else self.amount
        )
        if amount <= 0:
            raise UserError(_("There is nothing to distribute: give an amount."))
        engine = self.env["rea.distribution.engine"].sudo()
        return engine.compute(equation, amount, self._get_filters()), incomes

    @api.multi
    def action_preview(self):
        """Button: who would get what, and why; nothing is written."""
        self.ensure_one()
        self._check_can_distribute()
        result, _incomes = self._compute_result()
        engine = self.env["rea.distribution.engine"]
        lines = engine.get_group_lines(result)
        self.write(
            {
                "preview_line_ids": [(5, 0, 0)] + [(0, 0, vals) for vals in lines],
                "previewed": True,
                "preview_distributed": result["distributed"],
                "preview_undistributed": result["undistributed"],
                "preview_residue": result["residue"],
                "preview_buckets": self.env["rea.distribution"].format_buckets(result),
            }
        )
        return self._reopen()

    @api.multi
    def action_confirm(self):
        """Button: distribute for real (a live equation only)."""
        self.ensure_one()
        self._check_can_distribute()
        result, incomes = self._compute_result()
        self._check_preview_matches(result)
        # Checked above: the user coordinates the context; the distribution
        # writes events and accounting the coordinator may not write alone.
        distribution = (
            self.env["rea.distribution"]
            .sudo()
            .create_from_result(
                self.equation_id.sudo(), result, self.date, incomes, self.note
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "rea.distribution",
            "res_id": distribution.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.multi
    def _check_preview_matches(self, result):
        """Refuse to distribute when the preview shown is not what would be
        paid now (its inputs, the claims or the equation changed since)."""
        self.ensure_one()
        if not self.previewed:
            return True
        currency = self.equation_id.currency_id

        def key(agent_id, bucket_id, rule_id, amount):
            return (agent_id or 0, bucket_id or 0, rule_id or 0, currency.round(amount))

        shown = sorted(
            key(line.agent_id.id, line.bucket_id.id, line.rule_id.id, line.amount)
            for line in self.preview_line_ids
        )
        now = sorted(
            key(g["agent_id"], g["bucket_id"], g["rule_id"], g["rounded"])
            for g in result["groups"].values()
        )
        if shown != now or currency.compare_amounts(
            self.preview_distributed, result["distributed"]
        ):
            raise UserError(
                _(
                    "The preview no longer matches what would be distributed "
                    "now (the amount, the income, the filters or the claims "
                    "changed): preview again before distributing."
                )
            )
        return True

    @api.model
    def _get_title(self):
        """The dialog's title, kept when a button reopens the wizard (the
        web client titles an action without a name "Odoo")."""
        return _("Distribute income")

    @api.multi
    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self._get_title(),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class ReaDistributionWizardIncome(models.TransientModel):
    _name = "rea.distribution.wizard.income"
    _description = "Income event to distribute"

    wizard_id = fields.Many2one(
        "rea.distribution.wizard", required=True, ondelete="cascade"
    )
    event_id = fields.Many2one("rea.event", string="Income event", required=True)
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    available = fields.Monetary(string="Undistributed", readonly=True)
    amount = fields.Monetary(string="To distribute")

    @api.depends("event_id", "wizard_id.currency_id")
    def _compute_currency_id(self):
        for line in self:
            line.currency_id = (
                line.event_id.get_income_currency() or line.wizard_id.currency_id
            )


class ReaDistributionWizardBucket(models.TransientModel):
    _name = "rea.distribution.wizard.bucket"
    _description = "Filter of a bucket for one distribution"

    wizard_id = fields.Many2one(
        "rea.distribution.wizard", required=True, ondelete="cascade"
    )
    bucket_id = fields.Many2one(
        "rea.value.equation.bucket", required=True, ondelete="cascade"
    )
    filter_method = fields.Selection(
        FILTER_METHODS, related="bucket_id.filter_method", readonly=True
    )
    date_from = fields.Date()
    date_to = fields.Date()
    process_ids = fields.Many2many("rea.process", string="Processes")
    plan_id = fields.Many2one("rea.plan")
    shipment_ids = fields.Many2many(
        "rea.event",
        string="Shipments",
        domain=[
            (
                "action_code",
                "in",
                ["transfer", "transferAllRights", "transferCustody", "deliverService"],
            )
        ],
        help="Deliveries whose income is distributed: transfers or services "
        "delivered by the project.",
    )


class ReaDistributionWizardPreview(models.TransientModel):
    _name = "rea.distribution.wizard.preview"
    _description = "Previewed part of a distribution"
    _order = "agent_id, bucket_id, rule_id, id"

    wizard_id = fields.Many2one(
        "rea.distribution.wizard", required=True, ondelete="cascade"
    )
    agent_id = fields.Many2one("res.partner", string="Recipient")
    bucket_id = fields.Many2one("rea.value.equation.bucket")
    rule_id = fields.Many2one("rea.value.equation.rule")
    claim_count = fields.Integer(string="Claims")
    currency_id = fields.Many2one(related="wizard_id.currency_id", readonly=True)
    claim_value = fields.Monetary(string="Value of the claims")
    amount = fields.Monetary()
    explanation = fields.Text()
