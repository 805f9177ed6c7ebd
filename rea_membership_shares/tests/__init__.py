# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    test_capital_release_invoicing,
    test_form_hypothesis,
    test_form_settings,
    test_form_variants,
    test_legal_form,
    test_mail_templates,
    test_messages,
    test_operation,
    test_operation_accounting,
    test_operation_security,
    test_portal_shares,
    test_report,
    test_report_subscription,
    test_share_line_update,
    test_share_product_json,
    test_subscription_checks,
    test_subscription_concurrency,
    test_subscription_create,
    test_subscription_lifecycle,
    test_subscription_mail,
    test_subscription_payment,
    test_subscription_security,
    test_subscription_settings,
    test_website_form,
)
