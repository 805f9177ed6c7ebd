# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_claim_opening,
    test_context_rules,
    test_contributions,
    test_distribute_button,
    test_distribution_guards,
    test_distribution_queries,
    test_human_format,
    test_income_shares,
    test_internal_users_portal_menus,
    test_portal_http,
    test_recipes,
    test_rollup,
    test_server_only,
    test_statement,
    test_value_equation,
    test_wizard_browser,
)
