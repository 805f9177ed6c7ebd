# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import api, fields, models

from odoo.addons.rea_base.server_api import server_only

# Generic legal forms; localisations add theirs with selection_add.
# One list for partners, requests and the office wizard.
GENDERS = [("male", "Male"), ("female", "Female"), ("other", "Other")]

LEGAL_FORMS = [
    ("cooperative", "Cooperative"),
    ("association", "Association"),
    ("limited_company", "Limited company"),
    ("public_limited_company", "Public limited company"),
    ("sole_trader", "Sole trader"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    cooperator_number = fields.Char(copy=False, index=True, readonly=True)
    company_register_number = fields.Char(index=True)
    is_cooperator = fields.Boolean(
        string="Effective member",
        compute="_compute_share_status",
        store=True,
        help="Holds shares.",
    )
    is_former_member = fields.Boolean(
        compute="_compute_share_status",
        store=True,
        help="Held shares and holds none any more.",
    )
    share_line_ids = fields.One2many(
        "rea.share.line", "partner_id", string="Shares", readonly=True
    )
    share_register_ids = fields.One2many(
        "rea.share.register", "partner_id", string="Register lines", readonly=True
    )
    subscription_request_ids = fields.One2many(
        "rea.subscription.request",
        "partner_id",
        string="Subscription requests",
        readonly=True,
    )
    share_count = fields.Integer(
        string="Number of shares", compute="_compute_share_totals"
    )
    share_total_value = fields.Monetary(
        string="Value of shares",
        compute="_compute_share_totals",
        currency_field="share_currency_id",
    )
    share_currency_id = fields.Many2one("res.currency", compute="_compute_share_totals")
    # Same names as OCA's partner_contact_birthdate / partner_contact_gender.
    birthdate_date = fields.Date(string="Date of birth")
    gender = fields.Selection(GENDERS)
    is_cooperator_candidate = fields.Boolean(
        string="Cooperator candidate",
        compute="_compute_is_cooperator_candidate",
        store=True,
        help="Has a validated subscription request whose capital release "
        "request is not paid yet.",
    )

    legal_form = fields.Selection(
        LEGAL_FORMS, help="Legal form of a company (asked on the share form)."
    )
    cooperator_type = fields.Char(
        compute="_compute_cooperator_type",
        store=True,
        index=True,
        help="Short name (else internal reference) of the share type of the "
        "member's first share line.",
    )
    effective_date = fields.Date(
        string="Member since",
        compute="_compute_cooperator_type",
        store=True,
        index=True,
        help="Effective date of the member's first share line.",
    )

    @api.depends(
        "share_line_ids.effective_date",
        "share_line_ids.share_product_id",
        "share_line_ids.share_product_id.share_short_name",
        "share_line_ids.share_product_id.default_code",
    )
    def _compute_cooperator_type(self):
        # The first line of every partner in one query; lines are already
        # in the database when this runs (also after an unlink).
        first = {}
        ids = tuple(i for i in self.ids if isinstance(i, int))
        if ids:
            self.env.cr.execute(
                "SELECT DISTINCT ON (partner_id) partner_id, share_product_id, "
                "effective_date FROM rea_share_line WHERE partner_id IN %s "
                "ORDER BY partner_id, effective_date, id",
                (ids,),
            )
            first = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        # The untranslated short name: a stored value must not depend on the
        # language of whoever triggered the computation. Only the two names
        # are read (this environment shares no cache with the caller's).
        products = (
            self.env["product.product"]
            .sudo()
            .with_context(lang=None, prefetch_fields=False)
        )
        for partner in self:
            product_id, date = first.get(partner.id, (False, False))
            product = products.browse(product_id)
            partner.cooperator_type = (
                product and (product.share_short_name or product.default_code)
            ) or False
            partner.effective_date = date or False

    @api.depends("subscription_request_ids.state")
    def _compute_is_cooperator_candidate(self):
        # Recomputed at every state change of a request: one query for the
        # stored partners (their requests are in the database when this
        # runs), the ORM for new ones (forms).
        ids = tuple(i for i in self.ids if isinstance(i, int))
        candidates = set()
        if ids:
            self.env.cr.execute(
                "SELECT DISTINCT partner_id FROM rea_subscription_request "
                "WHERE partner_id IN %s AND state = 'done'",
                (ids,),
            )
            candidates = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            if isinstance(partner.id, int):
                partner.is_cooperator_candidate = partner.id in candidates
            else:
                partner.is_cooperator_candidate = any(
                    state == "done"
                    for state in partner.sudo().subscription_request_ids.mapped("state")
                )

    @api.multi
    def _invoice_total(self):
        # Capital release requests are capital, not sales: keep them out of
        # the "Invoiced" total (see account.invoice.report._where_calc).
        # Computed values are cached per context: copy them back.
        others = self.with_context(rea_shares_exclude_capital_release=True)
        result = super(ResPartner, others)._invoice_total()
        for partner, other in zip(self, others):
            partner.total_invoiced = other.total_invoiced
        return result

    @api.depends("share_line_ids", "share_register_ids")
    def _compute_share_status(self):
        # One query for the stored partners (lines are in the database when
        # this runs, also after an unlink), the ORM for new ones (forms).
        ids = tuple(i for i in self.ids if isinstance(i, int))
        status = {}
        if ids:
            self.env.cr.execute(
                "SELECT p.id, "
                "EXISTS(SELECT 1 FROM rea_share_line l WHERE l.partner_id = p.id), "
                "EXISTS(SELECT 1 FROM rea_share_register r "
                "WHERE r.partner_id = p.id) "
                "FROM res_partner p WHERE p.id IN %s",
                (ids,),
            )
            status = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            if isinstance(partner.id, int):
                holds, registered = status.get(partner.id, (False, False))
            else:
                holds = bool(partner.sudo().share_line_ids)
                registered = bool(partner.sudo().share_register_ids)
            partner.is_cooperator = holds
            partner.is_former_member = not holds and registered

    @api.multi
    def _compute_share_totals(self):
        # One grouped query for all the partners shown (new records have
        # no share lines).
        totals = self.env["rea.share.ledger"].held_totals(self)
        currency = self.env.user.company_id.currency_id
        for partner in self:
            quantity, value = totals.get(partner.id, (0, 0.0))
            partner.share_count = quantity
            partner.share_total_value = value or 0.0
            partner.share_currency_id = currency

    # Public helpers ----------------------------------------------------------

    @api.multi
    @server_only
    def get_share_holdings(self, project=None):
        """Shares held per share type: list of dicts {product (product.product),
        quantity, unit_price (of the share type now), total (value at the
        prices paid)}, one per share type (in the order of share types), from
        the share ledger."""
        self.ensure_one()
        held = self.env["rea.share.ledger"].held(self, project=project)
        if not held:
            return []
        products = self.env["product.product"]
        ordered = products.sudo().search([("id", "in", [p.id for p in held])])
        by_id = {product.id: data for product, data in held.items()}
        return [
            {
                "product": products.browse(product.id),
                "quantity": by_id[product.id]["quantity"],
                "unit_price": product.list_price,
                "total": by_id[product.id]["value"],
            }
            for product in ordered
        ]

    @api.multi
    @server_only
    def get_share_quantity(self, product):
        """Number of shares of the share type ``product`` held."""
        self.ensure_one()
        return self.env["rea.share.ledger"].held_quantity(self, product)

    @api.model
    def normalize_register_number(self, number):
        """Company register numbers compare on letters and digits only."""
        return re.sub(r"[^0-9A-Za-z]", "", number or "").upper()

    @api.model
    @server_only
    def find_cooperator(self, values):
        """The agent a subscription is for, from the values of a request or
        form (``is_company``, ``email``, ``company_register_number``): by
        e-mail for people, by company register number for companies, an
        effective member first. Blank values never match. Searches with the
        caller's rights (the request flows call it as superuser)."""
        if values.get("is_company"):
            number = self.normalize_register_number(
                values.get("company_register_number")
            )
            if not number:
                return self.browse()
            return self.search(
                [("company_register_number", "=", number), ("is_company", "=", True)],
                order="is_cooperator desc, id",
                limit=1,
            )
        email = self.env["rea.join.request"].normalize_email(values.get("email"))
        if not email:
            return self.browse()
        return self.search(
            [("email", "=ilike", email), ("is_company", "=", False)],
            order="is_cooperator desc, id",
            limit=1,
        )

    # Helpers of the share flows (the share ledger) ----------------------------

    @api.multi
    def _ensure_cooperator_number(self, company=None):
        """Give the member a cooperator number when it has none."""
        company = company or self.env.user.company_id
        for partner in self.filtered(lambda p: not p.cooperator_number):
            number = (
                self.env["ir.sequence"]
                .sudo()
                .with_context(force_company=company.id)
                .next_by_code("rea.cooperator.number")
            )
            partner.sudo().write({"cooperator_number": number})
        return True

    @api.multi
    def _set_project_membership(self, project, date=None):
        """Make the member an active member of ``project`` (agent relationship)."""
        self.ensure_one()
        return self.env["rea.agent.relationship"].ensure_membership(
            self, project.partner_id, date=date
        )

    @api.multi
    def _end_project_membership(self, project, date=None):
        """The member holds no shares of ``project`` any more: membership ends."""
        self.ensure_one()
        return self.env["rea.agent.relationship"].end_membership(
            self, project.partner_id, date=date
        )
