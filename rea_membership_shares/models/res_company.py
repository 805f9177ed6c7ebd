# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Codes tried in turn for the accounts created with the chart.
EQUITY_CODES = ("100910", "100900", "101910", "109100")
RECEIVABLE_CODES = ("416000", "416100", "416200", "416900")
REDEMPTION_DOCUMENTS = [
    ("bill", "Vendor bill"),
    ("move", "Journal entry"),
]
# Kind of e-mail: (our template, model of the record it is sent for).
SHARE_MAIL_TEMPLATES = {
    "confirmation": ("mail_template_confirmation", "rea.subscription.request"),
    "confirmation_company": (
        "mail_template_confirmation_company",
        "rea.subscription.request",
    ),
    "waiting_list": ("mail_template_waiting_list", "rea.subscription.request"),
    "capital_release": ("mail_template_capital_release", "account.invoice"),
    "certificate": ("mail_template_certificate", "res.partner"),
    "increase": ("mail_template_share_increase", "res.partner"),
    "transfer": ("mail_template_transfer", "res.partner"),
    "update": ("mail_template_update", "res.partner"),
    "no_shares_left": ("mail_template_no_shares_left", "res.partner"),
}


def _template_field(string, model):
    return fields.Many2one(
        "mail.template",
        string=string,
        domain=[("is_share_template", "=", True), ("model", "=", model)],
        ondelete="set null",
        help="Empty: the module's template.",
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    share_redemption_document = fields.Selection(
        REDEMPTION_DOCUMENTS,
        string="Sell-back document",
        default="bill",
        help="What a sell-back of shares creates: a vendor bill owing the "
        "member the value of the shares, or a journal entry moving it from "
        "the capital account to the cooperator account.",
    )

    share_equity_account_id = fields.Many2one(
        "account.account",
        string="Share capital account",
        domain="[('company_id', '=', id), ('deprecated', '=', False)]",
        help="Equity account credited by capital release requests.",
    )
    share_receivable_account_id = fields.Many2one(
        "account.account",
        string="Cooperator account",
        domain="[('company_id', '=', id), ('internal_type', '=', 'receivable')]",
        help="Receivable account of the capital release requests.",
    )
    share_journal_id = fields.Many2one(
        "account.journal",
        string="Capital release journal",
        domain="[('company_id', '=', id), ('type', '=', 'sale')]",
    )
    share_min_age = fields.Integer(string="Minimum age of members", default=18)
    share_one_type_per_member = fields.Boolean(
        string="One share type per member",
        help="A member may hold shares of one type only in a project.",
    )
    share_iban_required = fields.Boolean(string="IBAN required", default=True)
    share_lastname_uppercase = fields.Boolean(
        string="Last names in capitals",
        help="Last names of subscription requests are stored in capitals, "
        "whatever their source; the members created from them get them so.",
    )
    share_referral_show = fields.Boolean(
        string='Ask "How did you hear about us?"',
        help="The website forms offer the referral sources.",
    )
    share_referral_required = fields.Boolean(
        string='"How did you hear about us?" required'
    )
    share_hide_quantity = fields.Boolean(
        string="Without number of shares",
        help="The website forms do not ask for a number of shares: a request "
        "subscribes the minimum quantity of the chosen share type.",
    )
    share_id_document_required = fields.Boolean(string="ID document required")
    share_data_policy_show = fields.Boolean(string="Show data policy approval")
    share_data_policy_required = fields.Boolean(string="Data policy approval required")
    share_data_policy_text = fields.Html(string="Data policy text", translate=True)
    share_internal_rules_show = fields.Boolean(string="Show internal rules approval")
    share_internal_rules_required = fields.Boolean(
        string="Internal rules approval required"
    )
    share_internal_rules_text = fields.Html(
        string="Internal rules text", translate=True
    )
    share_financial_risk_show = fields.Boolean(string="Show financial risk approval")
    share_financial_risk_required = fields.Boolean(
        string="Financial risk approval required"
    )
    share_financial_risk_text = fields.Html(
        string="Financial risk text", translate=True
    )
    share_generic_rules_show = fields.Boolean(string="Show generic rules approval")
    share_generic_rules_required = fields.Boolean(
        string="Generic rules approval required"
    )
    share_generic_rules_text = fields.Html(string="Generic rules text", translate=True)
    share_create_portal_user = fields.Boolean(
        string="Invite new members to the portal",
        help="When their shares are paid, members get a portal user and an "
        "invitation to choose their password.",
    )
    share_mail_confirmation = fields.Boolean(
        string="Send subscription confirmation", default=True
    )
    share_mail_waiting_list = fields.Boolean(
        string="Send waiting list e-mail", default=True
    )
    share_mail_capital_release = fields.Boolean(
        string="Send capital release request", default=True
    )
    share_mail_certificate = fields.Boolean(string="Send certificate", default=True)
    share_mail_increase = fields.Boolean(
        string="Send share increase certificate", default=True
    )
    share_mail_transfer = fields.Boolean(string="Send transfer e-mail", default=True)
    share_mail_update = fields.Boolean(string="Send share update e-mail", default=True)
    share_mail_no_shares_left = fields.Boolean(
        string="Send no shares left e-mail", default=True
    )
    share_template_confirmation_id = _template_field(
        "Confirmation e-mail", "rea.subscription.request"
    )
    share_template_confirmation_company_id = _template_field(
        "Confirmation e-mail (companies)", "rea.subscription.request"
    )
    share_template_waiting_list_id = _template_field(
        "Waiting list e-mail", "rea.subscription.request"
    )
    share_template_capital_release_id = _template_field(
        "Capital release e-mail", "account.invoice"
    )
    share_template_certificate_id = _template_field("Certificate e-mail", "res.partner")
    share_template_increase_id = _template_field("Share increase e-mail", "res.partner")
    share_template_transfer_id = _template_field("Transfer e-mail", "res.partner")
    share_template_update_id = _template_field("Share update e-mail", "res.partner")
    share_template_no_shares_left_id = _template_field(
        "No shares left e-mail", "res.partner"
    )
    share_payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Capital release payment terms",
        help="Payment terms of the capital release requests (none: due on "
        "their date).",
    )
    share_release_date = fields.Date(
        string="Capital release requests dated",
        help="When set, capital release requests carry this date instead of "
        "the day of validation (e.g. a share offer closing on a given day).",
    )
    share_default_country_id = fields.Many2one(
        "res.country",
        string="Default country on the form",
        help="Preselected on the website subscription form (default: the "
        "company's country).",
    )
    share_default_lang_id = fields.Many2one(
        "res.lang",
        string="Default language on the form",
        domain=[("active", "=", True)],
        help="Preselected on the website subscription form for visitors "
        "(default: the language of the website page).",
    )
    share_contact_email = fields.Char(
        string="Cooperative contact e-mail",
        help="Shown at the bottom of the website subscription form.",
    )
    share_board_representative = fields.Char(string="Board representative")
    share_bottom_logo1 = fields.Binary(
        string="Certificate bottom logo 1",
        attachment=True,
        help="Printed at the bottom of share certificates when set.",
    )
    share_bottom_logo2 = fields.Binary(
        string="Certificate bottom logo 2",
        attachment=True,
        help="Printed at the bottom of share certificates when set.",
    )
    share_signature = fields.Binary(string="Signature", attachment=True)

    @api.onchange(
        "share_data_policy_required",
        "share_internal_rules_required",
        "share_financial_risk_required",
        "share_generic_rules_required",
    )
    def _onchange_share_approval_required(self):
        # A required approval is always shown.
        for key in ("data_policy", "internal_rules", "financial_risk", "generic_rules"):
            if self["share_%s_required" % key]:
                self["share_%s_show" % key] = True

    @api.onchange("share_referral_required")
    def _onchange_share_referral_required(self):
        if self.share_referral_required:
            self.share_referral_show = True

    @api.constrains("share_contact_email")
    def _check_share_contact_email(self):
        join_request_model = self.env["rea.join.request"]
        for company in self.filtered("share_contact_email"):
            if not join_request_model.is_valid_email(company.share_contact_email):
                raise ValidationError(
                    _("'%s' is not a valid e-mail address.")
                    % company.share_contact_email
                )

    @api.constrains(*["share_template_%s_id" % kind for kind in SHARE_MAIL_TEMPLATES])
    def _check_share_templates(self):
        # The domain only guides the choice; a template of another model
        # would fail at sending time, far from the setting.
        for company in self:
            for kind, (_xmlid, model) in SHARE_MAIL_TEMPLATES.items():
                template = company["share_template_%s_id" % kind]
                if template and template.model != model:
                    raise ValidationError(
                        _(
                            "The template '%(template)s' is for %(model)s records: "
                            "choose a template of %(expected)s for '%(field)s'."
                        )
                        % {
                            "template": template.name,
                            "model": template.model or "-",
                            "expected": model,
                            "field": self._fields[
                                "share_template_%s_id" % kind
                            ].get_description(self.env)["string"],
                        }
                    )

    @api.multi
    def get_share_mail_template(self, kind):
        """The template of the e-mail ``kind`` (a key of
        SHARE_MAIL_TEMPLATES): the company's choice, else the module's."""
        self.ensure_one()
        xmlid, _model = SHARE_MAIL_TEMPLATES[kind]
        return self.sudo()["share_template_%s_id" % kind] or self.env.ref(
            "rea_membership_shares.%s" % xmlid
        )

    @api.multi
    def is_share_referral_shown(self):
        self.ensure_one()
        return self.share_referral_show or self.share_referral_required

    @api.multi
    def get_share_form_defaults(self):
        """Country id and language code the website form starts with."""
        self.ensure_one()
        country = self.share_default_country_id or self.country_id
        return {
            "country_id": country.id or False,
            "lang": self.share_default_lang_id.active
            and self.share_default_lang_id.code
            or False,
        }

    @api.model
    def create(self, vals):
        company = super().create(vals)
        company.sudo()._create_share_sequences()
        return company

    @api.multi
    def is_share_approval_shown(self, key):
        self.ensure_one()
        return self["share_%s_show" % key] or self["share_%s_required" % key]

    # Setup ------------------------------------------------------------------

    @api.multi
    def _create_share_sequences(self):
        """Per-company sequences of cooperator numbers and register lines."""
        sequence_model = self.env["ir.sequence"].sudo()
        for company in self:
            for code, name, prefix in (
                ("rea.cooperator.number", _("Cooperator numbers"), ""),
                ("rea.share.register", _("Share register"), ""),
            ):
                if sequence_model.search_count(
                    [("code", "=", code), ("company_id", "=", company.id)]
                ):
                    continue
                sequence_model.create(
                    {
                        "name": "%s (%s)" % (name, company.name),
                        "code": code,
                        "prefix": prefix,
                        "padding": 1,
                        "company_id": company.id,
                    }
                )

    @api.multi
    def _create_share_accounting(self):
        """Default equity and cooperator accounts and the SUBJ journal, for
        companies that have a chart of accounts (called at install and when
        a chart is loaded)."""
        account_model = self.env["account.account"].sudo()
        for company in self.sudo():
            if not account_model.search_count([("company_id", "=", company.id)]):
                continue
            vals = {}
            if not company.share_equity_account_id:
                vals["share_equity_account_id"] = company._create_share_account(
                    EQUITY_CODES,
                    _("Subscribed share capital"),
                    self.env.ref("account.data_account_type_equity"),
                    reconcile=False,
                ).id
            if not company.share_receivable_account_id:
                vals["share_receivable_account_id"] = company._create_share_account(
                    RECEIVABLE_CODES,
                    _("Cooperators"),
                    self.env.ref("account.data_account_type_receivable"),
                    reconcile=True,
                ).id
            if vals:
                company.write(vals)
            if not company.share_journal_id:
                company.share_journal_id = company._create_share_journal()
        return True

    @api.multi
    def _create_share_account(self, codes, name, account_type, reconcile):
        self.ensure_one()
        account_model = self.env["account.account"].sudo()
        used = set(account_model.search([("company_id", "=", self.id)]).mapped("code"))
        code = next((c for c in codes if c not in used), None)
        if not code:
            number = int(codes[0])
            while str(number) in used:
                number += 1
            code = str(number)
        return account_model.create(
            {
                "code": code,
                "name": name,
                "user_type_id": account_type.id,
                "reconcile": reconcile,
                "company_id": self.id,
            }
        )

    @api.multi
    def _create_share_journal(self):
        self.ensure_one()
        journal_model = self.env["account.journal"].sudo()
        journal = journal_model.search(
            [("code", "=", "SUBJ"), ("company_id", "=", self.id)], limit=1
        )
        if journal:
            return journal
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .create(
                {
                    "name": _("Capital release requests (%s)") % self.name,
                    "implementation": "no_gap",
                    "prefix": "SUBJ/%(year)s/",
                    "padding": 3,
                    "company_id": self.id,
                }
            )
        )
        return journal_model.create(
            {
                "name": _("Capital release requests"),
                "code": "SUBJ",
                "type": "sale",
                "company_id": self.id,
                "sequence_id": sequence.id,
                "refund_sequence": False,
                "default_debit_account_id": self.share_equity_account_id.id,
                "default_credit_account_id": self.share_equity_account_id.id,
                "show_on_dashboard": False,
            }
        )

    @api.multi
    def get_share_journal(self):
        """The capital release journal, created on demand."""
        self.ensure_one()
        if not self.share_journal_id:
            self._create_share_accounting()
        return self.share_journal_id

    @api.model
    def _install_share_setup(self):
        companies = self.sudo().search([("id", ">", 0)])
        companies._create_share_sequences()
        companies._create_share_accounting()
        return True

    @api.model
    def _link_share_reports(self):
        """Attach the PDF reports to the e-mails once they exist."""
        links = (
            ("mail_template_capital_release", "action_report_capital_release"),
            ("mail_template_certificate", "action_report_share_certificate"),
            ("mail_template_share_increase", "action_report_share_certificate"),
        )
        for template_xmlid, report_xmlid in links:
            template = self.env.ref(
                "rea_membership_shares.%s" % template_xmlid, raise_if_not_found=False
            )
            report = self.env.ref(
                "rea_membership_shares.%s" % report_xmlid, raise_if_not_found=False
            )
            if template and report and template.report_template != report:
                template.sudo().report_template = report
        return True
