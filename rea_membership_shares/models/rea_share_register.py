# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError

REGISTER_TYPES = [
    ("subscription", "Subscription"),
    ("transfer", "Transfer"),
    ("sell_back", "Sell-back"),
    ("conversion", "Conversion"),
]


class ReaShareRegister(models.Model):
    """The legal share register: numbered, append-only.

    Lines are appended by the share ledger (``rea.share.ledger``, as
    superuser); nobody but the superuser writes or deletes them.
    """

    _name = "rea.share.register"
    _inherit = ["rea.share.aggregate.mixin"]
    _description = "Share register line"
    _order = "register_number desc, id desc"
    _rec_name = "register_number"

    register_number = fields.Integer(
        string="Number", required=True, readonly=True, index=True, group_operator=False
    )
    date = fields.Date(required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, readonly=True, index=True
    )
    partner_to_id = fields.Many2one(
        "res.partner", string="Transferred to", readonly=True, index=True
    )
    project_id = fields.Many2one(
        "rea.project", required=True, readonly=True, index=True
    )
    type = fields.Selection(REGISTER_TYPES, required=True, readonly=True, index=True)
    share_product_id = fields.Many2one(
        "product.product", string="Share type", required=True, readonly=True
    )
    share_to_product_id = fields.Many2one(
        "product.product", string="Converted to", readonly=True
    )
    quantity = fields.Integer(required=True, readonly=True)
    quantity_to = fields.Integer(string="Quantity converted to", readonly=True)
    share_unit_price = fields.Monetary(
        string="Unit price", readonly=True, currency_field="currency_id"
    )
    share_to_unit_price = fields.Monetary(
        string="Unit price converted to", readonly=True, currency_field="currency_id"
    )
    total_amount = fields.Monetary(readonly=True, currency_field="currency_id")
    subscription_request_id = fields.Many2one(
        "rea.subscription.request", readonly=True, ondelete="restrict", index=True
    )
    user_id = fields.Many2one(
        "res.users", readonly=True, default=lambda self: self.env.uid
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.user.company_id,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    _sql_constraints = [
        (
            "number_company_uniq",
            "unique(company_id, register_number)",
            "Register numbers are unique per company.",
        ),
    ]

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(
                _("The share register is append-only: its lines cannot be changed.")
            )
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.env.uid != SUPERUSER_ID:
            raise AccessError(
                _("The share register is append-only: its lines cannot be deleted.")
            )
        return super().unlink()
