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

    Lines are appended by ``_append_line`` (business flows, as superuser);
    nobody but the superuser writes or deletes them.
    """

    _name = "rea.share.register"
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

    @api.model
    def _append_line(self, vals):
        """Append a line to the register; returns it.

        ``vals``: type, partner_id, share_product_id, quantity, date and
        optionally partner_to_id, share_to_product_id, quantity_to,
        share_unit_price (default: the share type's price),
        share_to_unit_price, subscription_request_id, operation_id,
        project_id (default: the share type's project), company_id.
        """
        vals = dict(vals)
        register = self.sudo()
        product = self.env["product.product"].browse(vals["share_product_id"])
        vals.setdefault("project_id", product.share_project_id.id)
        vals.setdefault("share_unit_price", product.list_price)
        vals.setdefault("company_id", self.env.user.company_id.id)
        vals.setdefault("user_id", self.env.uid)
        if "total_amount" not in vals:
            vals["total_amount"] = vals["quantity"] * vals["share_unit_price"]
        if vals.get("share_to_product_id") and "share_to_unit_price" not in vals:
            vals["share_to_unit_price"] = (
                self.env["product.product"]
                .browse(vals["share_to_product_id"])
                .list_price
            )
        vals["register_number"] = int(
            self.env["ir.sequence"]
            .sudo()
            .with_context(force_company=vals["company_id"])
            .next_by_code("rea.share.register")
        )
        return register.create(vals)

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
