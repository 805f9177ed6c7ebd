# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    res_company,
    res_config_settings,
    product_template,
    rea_project,
    rea_share_line,
    rea_share_register,
    rea_share_operation,
    res_partner,
    rea_subscription_request,
    account_invoice,
    account_chart_template,
    payment_transaction,
    rea_join_request,
)
