# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    rea_share_line_update,
    rea_subscription_create,
    rea_subscription_payment,
    rea_subscription_validate,
    wizard_multi_charts_accounts,
)
