# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError

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
        totals = {}
        ids = tuple(i for i in self.ids if isinstance(i, int))
        if ids:
            self.env.cr.execute(
                "SELECT partner_id, sum(quantity), sum(total_amount) "
                "FROM rea_share_line "
                "WHERE partner_id IN %s GROUP BY partner_id",
                (ids,),
            )
            totals = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        currency = self.env.user.company_id.currency_id
        for partner in self:
            quantity, value = totals.get(partner.id, (0, 0.0))
            partner.share_count = quantity
            partner.share_total_value = value or 0.0
            partner.share_currency_id = currency

    # Public helpers ----------------------------------------------------------

    @api.multi
    def get_share_holdings(self, project=None):
        """Shares held per share type: list of dicts {product (product.product),
        quantity, unit_price (of the share type now), total (value at the
        prices paid)}, one per share type, in SQL."""
        self.ensure_one()
        domain = [("partner_id", "=", self.id)]
        if project:
            domain.append(("project_id", "=", project.id))
        data = (
            self.env["rea.share.line"]
            .sudo()
            .read_group(
                domain,
                ["share_product_id", "quantity", "total_amount"],
                ["share_product_id"],
                orderby="share_product_id",
            )
        )
        products = self.env["product.product"]
        result = []
        for row in data:
            product = products.browse(row["share_product_id"][0])
            result.append(
                {
                    "product": product,
                    "quantity": row["quantity"],
                    "unit_price": product.sudo().list_price,
                    "total": row["total_amount"],
                }
            )
        return result

    @api.multi
    def get_share_quantity(self, product):
        """Number of shares of the share type ``product`` held."""
        self.ensure_one()
        data = (
            self.env["rea.share.line"]
            .sudo()
            .read_group(
                [("partner_id", "=", self.id), ("share_product_id", "=", product.id)],
                ["quantity"],
                [],
            )
        )
        return data[0]["quantity"] or 0 if data else 0

    # Helpers of the share flows (subscription, operations) -----------------

    @api.multi
    def _add_share_lines(
        self,
        product,
        quantity,
        effective_date,
        unit_price=None,
        company=None,
        rea_events=None,
    ):
        """Give this member ``quantity`` shares of ``product`` (product.product)
        effective at ``effective_date``; returns the new share line, linked to
        ``rea_events`` when the REA events recording it are known already
        (else see ``rea.share.line._set_rea_events``). The caller appends the
        register line."""
        self.ensure_one()
        if quantity <= 0:
            raise UserError(_("The number of shares must be positive."))
        product = product.sudo()
        company = company or self.env.user.company_id
        vals = {
            "partner_id": self.id,
            "project_id": product.share_project_id.id,
            "share_product_id": product.id,
            "quantity": quantity,
            "share_unit_price": (
                product.list_price if unit_price is None else unit_price
            ),
            "effective_date": effective_date,
            "company_id": company.id,
        }
        if rea_events:
            vals["rea_event_ids"] = [(6, 0, rea_events.ids)]
        return self.env["rea.share.line"].sudo().create(vals)

    @api.multi
    def _remove_share_lines(self, product, quantity):
        """Take ``quantity`` shares of ``product`` from this member, newest
        lines first. Raises UserError when fewer are held. Returns a list of
        (unit_price, quantity) removed, at the prices they were bought."""
        self.ensure_one()
        if quantity <= 0:
            raise UserError(_("The number of shares must be positive."))
        lines = (
            self.env["rea.share.line"]
            .sudo()
            .search(
                [("partner_id", "=", self.id), ("share_product_id", "=", product.id)],
                order="effective_date desc, id desc",
            )
        )
        held = sum(lines.mapped("quantity"))
        if held < quantity:
            raise UserError(
                _("%(partner)s holds %(held)s shares of %(type)s, not %(qty)s.")
                % {
                    "partner": self.display_name,
                    "held": held,
                    "type": product.display_name,
                    "qty": quantity,
                }
            )
        removed = []
        left = quantity
        for line in lines:
            if not left:
                break
            take = min(left, line.quantity)
            removed.append((line.share_unit_price, take))
            if take == line.quantity:
                line.unlink()
            else:
                line.quantity -= take
            left -= take
        return removed

    @api.multi
    def _record_share_event(self, receiver, product, quantity, date=None, note=None):
        """Record in REA that ``quantity`` shares of ``product`` moved from this
        agent's share account to ``receiver``'s (a project's own agent when it
        issues or takes back shares): one transfer event."""
        self.ensure_one()
        template = product.sudo().product_tmpl_id
        transfer = self.env.ref("rea_base.action_transfer")
        project_agent = template.share_project_id.partner_id
        return (
            self.env["rea.event"]
            .sudo()
            .create(
                {
                    "action_id": transfer.id,
                    "provider_id": self.id,
                    "receiver_id": receiver.id,
                    "resource_conforms_to_id": template.id,
                    "resource_id": self.get_rea_account(template).id,
                    "to_resource_id": receiver.get_rea_account(template).id,
                    "resource_quantity": quantity,
                    "resource_unit_id": template.uom_id.id,
                    "has_point_in_time": self.env["rea.transfer"]._normalize_datetime(
                        date
                    ),
                    "context_id": project_agent.id,
                    "note": note or False,
                }
            )
        )

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
