# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    account_chart_template,
    account_invoice,
    account_invoice_report,
    mail_template,
    payment_transaction,
    product_template,
    rea_join_request,
    rea_project,
    rea_share_line,
    rea_share_referral_source,
    rea_share_register,
    rea_subscription_request,
    res_company,
    res_config_settings,
    res_partner,
)

# Operations extend the register: load them after it.
from . import rea_share_operation  # isort: skip
