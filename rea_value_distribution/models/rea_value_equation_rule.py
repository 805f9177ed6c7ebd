# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .formula import FormulaError, compile_formula
from .rea_value_equation_bucket import collect_buckets

CLAIM_TYPES = [
    ("debt", "Debt-like (until paid off)"),
    ("equity", "Equity-like (forever)"),
    ("once", "Once (one distribution)"),
]
# Default claim formula per action (what a contribution is worth).
DEFAULT_FORMULAS = {
    "work": "quantity * valuePerUnit",
    "use": "quantity * valuePerUnitOfUse",
    "cite": "quantity",
    "transfer": "quantity",
    "transferAllRights": "quantity",
}


class ReaValueEquationRule(models.Model):
    """Which contributions claim a part of a bucket, and how much."""

    _name = "rea.value.equation.rule"
    # Refused as such (AccessError) out of the equation's contexts, before
    # the constraints read the equation.
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Value Equation Rule"
    _order = "bucket_id, sequence, id"

    name = fields.Char(compute="_compute_name", store=True)
    sequence = fields.Integer(default=10)
    bucket_id = fields.Many2one(
        "rea.value.equation.bucket", required=True, ondelete="cascade", index=True
    )
    equation_id = fields.Many2one(
        related="bucket_id.equation_id", store=True, readonly=True, index=True
    )
    action_id = fields.Many2one(
        "rea.action",
        required=True,
        ondelete="restrict",
        help="Contribution events of this action claim by this rule.",
    )
    action_type_id = fields.Many2one(
        "rea.action.type",
        string="Event type",
        ondelete="restrict",
        help="Only events of this type (empty: any type of the action).",
    )
    process_specification_ids = fields.Many2many(
        "rea.process.specification",
        "rea_value_rule_process_spec_rel",
        "rule_id",
        "specification_id",
        string="Process specifications",
        help="Only events of processes of these kinds (empty: any).",
    )
    resource_type_ids = fields.Many2many(
        "product.template",
        "rea_value_rule_product_template_rel",
        "rule_id",
        "product_template_id",
        string="Resource types",
        help="Only events about these resource types (empty: any).",
    )
    claim_type = fields.Selection(CLAIM_TYPES, required=True, default="debt")
    formula = fields.Char(
        string="Claim formula",
        required=True,
        default="quantity * valuePerUnit",
        help="Value of the claim of one event. Variables: quantity, "
        "valuePerUnit, pricePerUnit, valuePerUnitOfUse, value.",
    )

    # Changing these changes which contributions the rule counts, or how.
    _CLAIM_FIELDS = {
        "bucket_id",
        "sequence",
        "action_id",
        "action_type_id",
        "process_specification_ids",
        "resource_type_ids",
        "claim_type",
        "formula",
    }

    @api.model
    def create(self, vals):
        def create(rules, vals):
            rule = super(ReaValueEquationRule, rules).create(vals)
            return rule, rule.bucket_id.ids

        return collect_buckets(self, create, vals).with_env(self.env)

    @api.multi
    def write(self, vals):
        if not self._CLAIM_FIELDS & set(vals):
            return super().write(vals)
        # A rule moved to another bucket leaves its first bucket too.
        before = self.mapped("bucket_id").ids

        def write(rules, vals):
            result = super(ReaValueEquationRule, rules).write(vals)
            return result, before + rules.mapped("bucket_id").ids

        return collect_buckets(self, write, vals)

    @api.multi
    def unlink(self):
        # Their claims go with them; the other rules may count more events.
        buckets = self.mapped("bucket_id").ids

        def unlink(rules):
            return super(ReaValueEquationRule, rules).unlink(), buckets

        return collect_buckets(self, unlink)

    @api.depends("action_id", "action_type_id", "formula")
    def _compute_name(self):
        for rule in self:
            rule.name = "%s: %s" % (
                (rule.action_type_id or rule.action_id).display_name or "",
                rule.formula or "",
            )

    @api.onchange("action_id")
    def _onchange_action_id(self):
        if self.action_id.code in DEFAULT_FORMULAS:
            self.formula = DEFAULT_FORMULAS[self.action_id.code]

    @api.constrains("formula")
    def _check_formula(self):
        for rule in self:
            try:
                compile_formula(rule.formula)
            except FormulaError as exc:
                raise ValidationError(
                    _("The claim formula '%(formula)s' cannot be used: %(error)s")
                    % {"formula": rule.formula, "error": exc}
                )

    @api.constrains("action_id", "action_type_id")
    def _check_rule_action_type(self):
        for rule in self:
            if rule.action_type_id and rule.action_type_id.action_id != rule.action_id:
                raise ValidationError(
                    _("The event type %(type)s is not a '%(action)s' action.")
                    % {"type": rule.action_type_id.name, "action": rule.action_id.name}
                )

    @api.multi
    def get_specificity(self):
        """Filtered rules win over general ones when an event matches
        several rules of a bucket."""
        self.ensure_one()
        score = 0.0
        if self.process_specification_ids:
            score += 1.5
        if self.resource_type_ids:
            score += 1.0
        if self.action_type_id:
            score += 0.25
        return score

    @api.multi
    def get_snapshot(self):
        self.ensure_one()
        return {
            "id": self.id,
            "action": self.action_id.code,
            "event_type": self.action_type_id.name or False,
            "process_specifications": self.process_specification_ids.mapped("name"),
            "resource_types": self.resource_type_ids.mapped("name"),
            "claim_type": self.claim_type,
            "formula": self.formula,
        }
