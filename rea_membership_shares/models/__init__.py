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
    rea_share_aggregate_mixin,
    rea_share_ledger,
    rea_share_line,
    rea_share_referral_source,
    rea_share_register,
    rea_subscription_request,
    res_company,
    res_config_settings,
    res_partner,
    res_users,
)

# The request is one model split by concern (none overrides another's
# methods): its base file first.
from . import (  # isort: skip
    rea_subscription_request_checks,
    rea_subscription_request_partner,
    rea_subscription_request_payment,
    rea_subscription_request_workflow,
    rea_subscription_request_demo,
)

# Operations extend the register: load them after it; then their execution
# and accounting (the same model, split by concern).
from . import rea_share_operation  # isort: skip
from . import (  # isort: skip
    rea_share_operation_accounting,
    rea_share_operation_execute,
)
