# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.rea_base.server_api import server_only

FILTER_METHODS = [
    ("all", "All contributions"),
    ("dates", "Date range"),
    ("process", "Processes"),
    ("plan", "Plan (order)"),
    ("shipment", "Shipments"),
]


class PendingBuckets(object):
    """Buckets whose claims an outer create or write opens afresh when it
    is done, so that saving an equation with its buckets and rules does it
    once per bucket. Kept in the context as an object: hashable, and never
    sent by a client."""

    def __init__(self):
        self.ids = set()


def collect_buckets(records, method, *args):
    """Call the ``method`` of ``records`` (a super() bound to them) while
    collecting the buckets whose claims to open afresh; the outermost call
    opens them. ``method`` receives the records with the collecting
    context and returns (result, ids of the buckets it touched)."""
    pending = records.env.context.get("rea_pending_buckets")
    outer = not isinstance(pending, PendingBuckets)
    if outer:
        pending = PendingBuckets()
    result, bucket_ids = method(
        records.with_context(rea_pending_buckets=pending), *args
    )
    pending.ids.update(bucket_ids)
    if outer and pending.ids:
        records.env["rea.claim.ledger"].refresh_claims(
            records.env["rea.value.equation.bucket"].browse(pending.ids)
        )
    return result


class ReaValueEquationBucket(models.Model):
    """A slice of the income: paid to one agent, or shared by the claims
    that the bucket's rules give to contributions."""

    _name = "rea.value.equation.bucket"
    # Refused as such (AccessError) out of the equation's contexts, before
    # the constraints read the equation.
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Value Equation Bucket"
    _order = "equation_id, sequence, id"

    name = fields.Char(required=True)
    equation_id = fields.Many2one(
        "rea.value.equation", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    percentage = fields.Float(required=True, digits=(6, 4))
    percent_unit_id = fields.Many2one(
        "product.uom",
        compute="_compute_percent_unit_id",
        help="Technical: the unit that percentages are shown in.",
    )
    distribution_agent_id = fields.Many2one(
        "res.partner",
        string="Fixed recipient",
        ondelete="restrict",
        help="The whole bucket goes to this agent; rules are ignored.",
    )
    filter_method = fields.Selection(
        FILTER_METHODS,
        required=True,
        default="all",
        help="Which contributions the rules look at; the distribution "
        "wizard asks for the dates, processes, plan or shipments. Processes, "
        "plan and shipments count each contribution for its share of what "
        "was delivered, walking back through consumed inputs, used and "
        "cited resources and purchases.",
    )
    include_sub_agents = fields.Boolean(
        string="Sub-projects included",
        help="Also count contributions to the projects part of the context.",
    )
    rule_ids = fields.One2many(
        "rea.value.equation.rule", "bucket_id", string="Rules", copy=True
    )

    @api.multi
    def _compute_percent_unit_id(self):
        unit = self.env["rea.value.equation"].get_percent_unit()
        for record in self:
            record.percent_unit_id = unit

    @api.constrains("percentage")
    def _check_percentage(self):
        for bucket in self:
            if not 0.0 <= bucket.percentage <= 100.0:
                raise ValidationError(
                    _("The percentage of the bucket '%s' must be between 0 and 100.")
                    % bucket.name
                )

    # Changing these changes which contributions the bucket's rules count.
    _CLAIM_FIELDS = {
        "equation_id",
        "filter_method",
        "include_sub_agents",
        "distribution_agent_id",
        "rule_ids",
    }

    @api.model
    def create(self, vals):
        def create(buckets, vals):
            bucket = super(ReaValueEquationBucket, buckets).create(vals)
            return bucket, bucket.ids

        return collect_buckets(self, create, vals).with_env(self.env)

    @api.multi
    def write(self, vals):
        if not self._CLAIM_FIELDS & set(vals):
            return super().write(vals)

        def write(buckets, vals):
            return super(ReaValueEquationBucket, buckets).write(vals), buckets.ids

        return collect_buckets(self, write, vals)

    @api.model
    @server_only
    def get_live_buckets(self, contexts):
        """The buckets of live equations whose rules count contributions to
        ``contexts``."""
        buckets = self.sudo().search(
            [
                ("equation_id.live", "=", True),
                ("rule_ids", "!=", False),
                "|",
                ("equation_id.context_id", "in", contexts.ids),
                ("include_sub_agents", "=", True),
            ]
        )
        return buckets.filtered(
            lambda b: b.equation_id.context_id in contexts
            or b.get_contexts() & contexts
        )

    @api.multi
    @server_only
    def get_contexts(self):
        """The contexts whose contributions this bucket's rules count: its
        equation's context, with its sub-projects if included."""
        self.ensure_one()
        context = self.equation_id.context_id
        if self.include_sub_agents:
            return context.get_sub_agents(include_self=True)
        return context

    @api.multi
    def get_snapshot(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "sequence": self.sequence,
            "percentage": self.percentage,
            "distribution_agent": self.distribution_agent_id.display_name or False,
            "distribution_agent_id": self.distribution_agent_id.id or False,
            "filter_method": self.filter_method,
            "include_sub_agents": self.include_sub_agents,
            "rules": [rule.get_snapshot() for rule in self.rule_ids],
        }
