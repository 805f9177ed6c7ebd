# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

# The mixin must be loaded before the models inheriting it.
from . import rea_context_coordinated_mixin  # isort: skip
from . import (
    account_analytic_line,
    formula,
    mrp_bom,
    mrp_bom_line,
    mrp_production,
    project_project,
    rea_agent_skill,
    rea_claim,
    rea_claim_ledger,
    rea_contribution_validation,
    rea_distribution,
    rea_distribution_detail,
    rea_distribution_engine,
    rea_distribution_income,
    rea_distribution_line,
    rea_event,
    rea_exchange,
    rea_income_share,
    rea_recipe_planner,
    rea_resource,
    rea_value_equation,
    rea_value_equation_bucket,
    rea_value_equation_rule,
    rea_value_rollup,
    res_partner,
)

# Its view reads the table of rea_distribution_detail: initialised after it.
from . import rea_claim_payment  # isort: skip
