# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Share capital settings of the current company."""

    _inherit = "res.config.settings"

    share_equity_account_id = fields.Many2one(
        "account.account", related="company_id.share_equity_account_id"
    )
    share_receivable_account_id = fields.Many2one(
        "account.account", related="company_id.share_receivable_account_id"
    )
    share_journal_id = fields.Many2one(
        "account.journal", related="company_id.share_journal_id"
    )
    share_min_age = fields.Integer(related="company_id.share_min_age")
    share_one_type_per_member = fields.Boolean(
        related="company_id.share_one_type_per_member"
    )
    share_iban_required = fields.Boolean(related="company_id.share_iban_required")
    share_lastname_uppercase = fields.Boolean(
        related="company_id.share_lastname_uppercase"
    )
    share_referral_show = fields.Boolean(related="company_id.share_referral_show")
    share_referral_required = fields.Boolean(
        related="company_id.share_referral_required"
    )
    share_hide_quantity = fields.Boolean(related="company_id.share_hide_quantity")
    share_id_document_required = fields.Boolean(
        related="company_id.share_id_document_required"
    )
    share_data_policy_show = fields.Boolean(related="company_id.share_data_policy_show")
    share_data_policy_required = fields.Boolean(
        related="company_id.share_data_policy_required"
    )
    share_data_policy_text = fields.Html(related="company_id.share_data_policy_text")
    share_internal_rules_show = fields.Boolean(
        related="company_id.share_internal_rules_show"
    )
    share_internal_rules_required = fields.Boolean(
        related="company_id.share_internal_rules_required"
    )
    share_internal_rules_text = fields.Html(
        related="company_id.share_internal_rules_text"
    )
    share_financial_risk_show = fields.Boolean(
        related="company_id.share_financial_risk_show"
    )
    share_financial_risk_required = fields.Boolean(
        related="company_id.share_financial_risk_required"
    )
    share_financial_risk_text = fields.Html(
        related="company_id.share_financial_risk_text"
    )
    share_generic_rules_show = fields.Boolean(
        related="company_id.share_generic_rules_show"
    )
    share_generic_rules_required = fields.Boolean(
        related="company_id.share_generic_rules_required"
    )
    share_generic_rules_text = fields.Html(
        related="company_id.share_generic_rules_text"
    )
    share_create_portal_user = fields.Boolean(
        related="company_id.share_create_portal_user"
    )
    share_mail_confirmation = fields.Boolean(
        related="company_id.share_mail_confirmation"
    )
    share_mail_waiting_list = fields.Boolean(
        related="company_id.share_mail_waiting_list"
    )
    share_mail_capital_release = fields.Boolean(
        related="company_id.share_mail_capital_release"
    )
    share_mail_certificate = fields.Boolean(related="company_id.share_mail_certificate")
    share_mail_increase = fields.Boolean(related="company_id.share_mail_increase")
    share_mail_transfer = fields.Boolean(related="company_id.share_mail_transfer")
    share_mail_update = fields.Boolean(related="company_id.share_mail_update")
    share_mail_no_shares_left = fields.Boolean(
        related="company_id.share_mail_no_shares_left"
    )
    share_template_confirmation_id = fields.Many2one(
        "mail.template", related="company_id.share_template_confirmation_id"
    )
    share_template_confirmation_company_id = fields.Many2one(
        "mail.template", related="company_id.share_template_confirmation_company_id"
    )
    share_template_waiting_list_id = fields.Many2one(
        "mail.template", related="company_id.share_template_waiting_list_id"
    )
    share_template_capital_release_id = fields.Many2one(
        "mail.template", related="company_id.share_template_capital_release_id"
    )
    share_template_certificate_id = fields.Many2one(
        "mail.template", related="company_id.share_template_certificate_id"
    )
    share_template_increase_id = fields.Many2one(
        "mail.template", related="company_id.share_template_increase_id"
    )
    share_template_transfer_id = fields.Many2one(
        "mail.template", related="company_id.share_template_transfer_id"
    )
    share_template_update_id = fields.Many2one(
        "mail.template", related="company_id.share_template_update_id"
    )
    share_template_no_shares_left_id = fields.Many2one(
        "mail.template", related="company_id.share_template_no_shares_left_id"
    )
    share_default_country_id = fields.Many2one(
        "res.country", related="company_id.share_default_country_id"
    )
    share_default_lang_id = fields.Many2one(
        "res.lang", related="company_id.share_default_lang_id"
    )
    share_contact_email = fields.Char(related="company_id.share_contact_email")
    share_board_representative = fields.Char(
        related="company_id.share_board_representative"
    )
    share_payment_term_id = fields.Many2one(related="company_id.share_payment_term_id")
    share_release_date = fields.Date(related="company_id.share_release_date")
    share_signature = fields.Binary(related="company_id.share_signature")
    share_bottom_logo1 = fields.Binary(related="company_id.share_bottom_logo1")
    share_bottom_logo2 = fields.Binary(related="company_id.share_bottom_logo2")
