# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Share types are products of a project with the REA behaviour 'share'."""

    _inherit = "product.template"

    is_share = fields.Boolean(
        string="Is a share type",
        index=True,
        help="Members buy units of this product as share capital of its project.",
    )
    share_project_id = fields.Many2one(
        "rea.project",
        string="Share project",
        ondelete="restrict",
        index=True,
        help="The project whose capital these shares are.",
    )
    share_short_name = fields.Char(string="Share short name", translate=True)
    share_min_quantity = fields.Integer(string="Minimum quantity", default=1)
    share_min_forced = fields.Boolean(
        string="Minimum quantity forced",
        help="Set: fewer shares are refused. Unset: the minimum is only a "
        "suggestion on the form.",
    )
    share_max_value = fields.Monetary(
        string="Maximum value per member",
        currency_field="currency_id",
        help="Maximum value of shares of this type a member may hold, shares "
        "already held included. 0 means no limit.",
    )
    share_for_individuals = fields.Boolean(string="For individuals", default=True)
    share_for_companies = fields.Boolean(string="For companies", default=True)
    share_on_website = fields.Boolean(string="Offered on the website")
    share_default = fields.Boolean(
        string="Default share type", help="Preselected on the website form."
    )
    share_certificate_template_id = fields.Many2one(
        "mail.template",
        string="Certificate e-mail",
        domain=[("model", "=", "res.partner")],
        help="Replaces the default certificate e-mail for this share type.",
    )

    @api.model
    def _share_type_defaults(self, vals):
        """Share types are REA resource types whose project account may go
        negative: the project's share account counts the shares it issued."""
        if vals.get("is_share"):
            vals = dict(vals)
            vals.setdefault("rea_behavior", "share")
            vals.setdefault("rea_allow_negative_stock", True)
            vals.setdefault("type", "service")
            vals.setdefault("purchase_ok", False)
        return vals

    @api.model
    def create(self, vals):
        template = super().create(self._share_type_defaults(vals))
        if template.is_share:
            template._clear_share_context_caches()
        return template

    @api.multi
    def write(self, vals):
        result = super().write(self._share_type_defaults(vals))
        if {"is_share", "share_project_id"} & set(vals):
            self._clear_share_context_caches()
        return result

    @api.model
    def _clear_share_context_caches(self):
        # The projects issuing shares are contexts of the cooperative users
        # (res.users _rea_context_root_queries), cached with the record rules.
        self.env["ir.rule"].clear_caches()

    @api.constrains("is_share", "share_project_id", "share_min_quantity", "list_price")
    def _check_share_type(self):
        for template in self.filtered("is_share"):
            if not template.share_project_id:
                raise ValidationError(
                    _("The share type %s needs a project.") % template.name
                )
            if template.share_min_quantity < 0:
                raise ValidationError(
                    _("The minimum quantity of %s cannot be negative.") % template.name
                )
            if template.list_price <= 0:
                raise ValidationError(
                    _("The nominal price of the share type %s must be positive.")
                    % template.name
                )

    @api.multi
    def get_share_equity_account(self, company=None):
        """Equity account of this share type: its income account, else the
        company's share equity account."""
        self.ensure_one()
        company = company or self.env.user.company_id
        account = self.with_context(force_company=company.id).property_account_income_id
        return account or company.share_equity_account_id
