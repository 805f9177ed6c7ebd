# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

from ..formatting import format_percentage
from .rea_value_equation_bucket import collect_buckets

PERCENTAGE_BEHAVIORS = [
    ("straight", "Straight (percentage of the total)"),
    ("remaining", "Remaining (percentage of what earlier buckets left)"),
]
PAYOUT_METHODS = [
    ("none", "No accounting"),
    ("move", "Journal entries"),
    ("invoice", "Vendor bills"),
]


class ReaValueEquation(models.Model):
    """How a context shares income among its contributors: ordered buckets,
    each a percentage paid to one agent or shared by claims from rules."""

    _name = "rea.value.equation"
    _inherit = ["mail.thread", "rea.context.coordinated.mixin"]
    _description = "REA Value Equation"
    _order = "name, id"

    name = fields.Char(required=True, track_visibility="onchange")
    context_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_context", "=", True)],
    )
    note = fields.Text()
    active = fields.Boolean(default=True)
    live = fields.Boolean(
        track_visibility="onchange",
        help="Decided by the contributors and usable for real distributions; "
        "other equations can only be previewed.",
    )
    percentage_behavior = fields.Selection(
        PERCENTAGE_BEHAVIORS,
        string="Percentage behaviour",
        required=True,
        default="straight",
        track_visibility="onchange",
    )
    bucket_ids = fields.One2many(
        "rea.value.equation.bucket", "equation_id", string="Buckets", copy=True
    )
    total_percentage = fields.Float(compute="_compute_total_percentage")
    percent_unit_id = fields.Many2one(
        "product.uom",
        compute="_compute_percent_unit_id",
        help="Technical: the unit that percentages are shown in.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self._default_currency(),
        help="The currency of the amounts distributed: by default that of "
        "the money resource type.",
    )
    money_type_id = fields.Many2one(
        "product.template",
        string="Money resource type",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env.ref(
            "rea_exchanges.product_template_euro", raise_if_not_found=False
        ),
        domain=[("rea_behavior", "in", ("account", "dig_curr"))],
        help="The money distributed: it leaves the context's account of this "
        "type for each recipient's.",
    )
    payout_method = fields.Selection(
        PAYOUT_METHODS, required=True, default="none", string="Payout accounting"
    )
    payout_journal_id = fields.Many2one(
        "account.journal", string="Payout journal", ondelete="restrict"
    )
    payout_account_id = fields.Many2one(
        "account.account",
        string="Distribution account",
        ondelete="restrict",
        help="Debited by the payouts (income distributed to contributors); "
        "each recipient's payable account is credited.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id
    )
    distribution_count = fields.Integer(compute="_compute_distribution_count")

    @api.multi
    def _compute_percent_unit_id(self):
        unit = self.get_percent_unit()
        for equation in self:
            equation.percent_unit_id = unit

    @api.model
    def get_percent_unit(self):
        """The unit percentages are shown in (the digits of '%')."""
        return (
            self.env.ref(
                "rea_value_distribution.product_uom_percent", raise_if_not_found=False
            )
            or self.env["product.uom"]
        )

    @api.depends("bucket_ids.percentage")
    def _compute_total_percentage(self):
        for equation in self:
            equation.total_percentage = sum(equation.bucket_ids.mapped("percentage"))

    @api.multi
    def _compute_can_distribute(self):
        for equation in self:
            equation.can_distribute = (
                bool(equation.context_id) and equation.context_id.rea_can_distribute()
            )

    @api.multi
    def _compute_distribution_count(self):
        data = self.env["rea.distribution"].read_group(
            [("equation_id", "in", self.ids)], ["equation_id"], ["equation_id"]
        )
        counts = {d["equation_id"][0]: d["equation_id_count"] for d in data}
        for equation in self:
            equation.distribution_count = counts.get(equation.id, 0)

    can_distribute = fields.Boolean(
        compute="_compute_can_distribute",
        help="Whether you may distribute with this equation: REA managers "
        "and the coordinators of its context.",
    )

    # Changing these opens the claims of all the buckets afresh (a bucket
    # changed through bucket_ids does it for itself).
    _CLAIM_FIELDS = {"live", "active", "context_id"}

    @api.model
    def _default_currency(self):
        """The currency of the default money type, else the company's."""
        money = self.env["product.template"].browse(
            self.default_get(["money_type_id"]).get("money_type_id")
        )
        return money.rea_currency_id or self.env.user.company_id.currency_id

    @api.onchange("money_type_id")
    def _onchange_money_type_id(self):
        if self.money_type_id.rea_currency_id:
            self.currency_id = self.money_type_id.rea_currency_id

    # Who may act -----------------------------------------------------------

    @api.model
    def _check_can_use_contexts(self, contexts):
        """Raise AccessError unless the current user works for every one of
        ``contexts`` (REA managers and the superuser: any).

        The record rules check a new equation only once it is written, and
        its constraints read it before: without this, an equation put in a
        context the user does not work for fails with a confusing
        validation error instead of an access refusal (and a write could
        move an equation to such a context)."""
        user = self.env.user
        if not contexts or user._is_superuser():
            return True
        if user.has_group("rea_base.group_rea_manager"):
            return True
        allowed = set(user.rea_get_context_ids())
        refused = contexts.filtered(lambda agent: agent.id not in allowed)
        if refused:
            raise AccessError(
                _(
                    "Only REA managers and those who work for %s (its "
                    "coordinators) can manage its value equations."
                )
                % ", ".join(refused.mapped("display_name"))
            )
        return True

    @api.multi
    def _check_can_distribute(self):
        """Raise AccessError unless the current user may distribute with
        these equations: change them (access rights and record rules) and
        distribute their contexts' income (res.partner
        rea_can_distribute). A distribution writes as superuser, so the
        distribution buttons call this first."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for context in self.sudo().mapped("context_id"):
            self.env["res.partner"].browse(context.id).check_rea_can_distribute()
        return True

    @api.model
    def create(self, vals):
        self.check_access_rights("create")
        context_id = vals.get("context_id") or self.default_get(["context_id"]).get(
            "context_id"
        )
        self._check_can_use_contexts(self.env["res.partner"].browse(context_id))
        # The money given, without a currency: distribute in its currency.
        if vals.get("money_type_id") and not vals.get("currency_id"):
            money = self.env["product.template"].browse(vals["money_type_id"])
            if money.rea_currency_id:
                vals = dict(vals, currency_id=money.rea_currency_id.id)

        def create(equations, vals):
            equation = super(ReaValueEquation, equations).create(vals)
            return equation, []

        return collect_buckets(self, create, vals).with_env(self.env)

    @api.multi
    def write(self, vals):
        if vals.get("context_id"):
            self.check_access_rights("write")
            self._check_can_use_contexts(
                self.env["res.partner"].browse(vals["context_id"])
            )

        def write(equations, vals):
            result = super(ReaValueEquation, equations).write(vals)
            if self._CLAIM_FIELDS & set(vals):
                return result, equations.mapped("bucket_ids").ids
            return result, []

        return collect_buckets(self, write, vals)

    @api.constrains("percentage_behavior", "bucket_ids")
    def _check_percentages(self):
        for equation in self:
            if equation.percentage_behavior != "straight":
                continue
            if float_compare(equation.total_percentage, 100.0, precision_digits=4) > 0:
                raise ValidationError(
                    _(
                        "The buckets of '%(name)s' add up to %(total)s: in "
                        "straight mode they may not exceed %(most)s."
                    )
                    % {
                        "name": equation.name,
                        "total": format_percentage(self.env, equation.total_percentage),
                        "most": format_percentage(self.env, 100.0),
                    }
                )

    @api.constrains("context_id")
    def _check_context_is_context(self):
        for equation in self:
            if not equation.context_id.is_context:
                raise ValidationError(
                    _("%s is not a context agent.") % equation.context_id.display_name
                )

    @api.constrains("payout_method", "payout_journal_id", "payout_account_id")
    def _check_payout(self):
        for equation in self:
            if equation.payout_method != "none" and not (
                equation.payout_journal_id and equation.payout_account_id
            ):
                raise ValidationError(
                    _(
                        "Payouts in accounting need a journal and a distribution "
                        "account (equation '%s')."
                    )
                    % equation.name
                )

    @api.multi
    def get_snapshot(self):
        """The equation as it is now, for the record of a distribution."""
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "context": self.context_id.display_name,
            "percentage_behavior": self.percentage_behavior,
            "live": self.live,
            "currency": self.currency_id.name,
            "buckets": [bucket.get_snapshot() for bucket in self.bucket_ids],
        }

    @api.multi
    def action_view_distributions(self):
        """Navigation: follows read access to the equation."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        return {
            "type": "ir.actions.act_window",
            "name": _("Distributions"),
            "res_model": "rea.distribution",
            "view_mode": "tree,form",
            "domain": [("equation_id", "=", self.id)],
        }

    @api.multi
    def action_open_distribution_wizard(self):
        """Only for those who may distribute with the equation."""
        self.ensure_one()
        self._check_can_distribute()
        return {
            "type": "ir.actions.act_window",
            "name": self.env["rea.distribution.wizard"]._get_title(),
            "res_model": "rea.distribution.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_equation_id": self.id,
                "default_context_id": self.context_id.id,
            },
        }
