# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Claim formulas: arithmetic over a few named event variables.

Checked with Odoo's safe_eval opcode whitelist, evaluated without any
builtin, compiled once per formula (a distribution may evaluate it for
100,000 events).
"""

from odoo.tools.safe_eval import _SAFE_OPCODES, test_expr, unsafe_eval

FORMULA_VARIABLES = (
    "quantity",
    "valuePerUnit",
    "pricePerUnit",
    "valuePerUnitOfUse",
    "value",
)


class FormulaError(ValueError):
    """A formula that cannot be used, with the reason."""


def compile_formula(formula):
    """Return the code object of ``formula`` or raise FormulaError."""
    if not formula or not formula.strip():
        raise FormulaError("empty formula")
    try:
        code = test_expr(formula.strip(), _SAFE_OPCODES, mode="eval")
    except SyntaxError as exc:
        raise FormulaError("syntax error: %s" % (exc.msg or exc))
    except (ValueError, TypeError, NameError) as exc:
        raise FormulaError(str(exc).split("\n")[0])
    unknown = sorted(set(code.co_names) - set(FORMULA_VARIABLES))
    if unknown:
        raise FormulaError(
            "unknown name(s) %s; allowed: %s"
            % (", ".join(unknown), ", ".join(FORMULA_VARIABLES))
        )
    # A trial run catches errors that only show at evaluation.
    evaluate(code, dict.fromkeys(FORMULA_VARIABLES, 1.0))
    return code


def evaluate(code, variables):
    """Evaluate compiled ``code`` with ``variables`` only; return a float."""
    try:
        # Empty builtins: only the named variables and literals exist.
        result = unsafe_eval(code, {"__builtins__": {}}, dict(variables))
    except ZeroDivisionError:
        raise FormulaError("division by zero")
    except Exception as exc:  # any evaluation error is a formula error
        raise FormulaError(str(exc))
    if isinstance(result, bool) or not isinstance(result, (int, float)):
        raise FormulaError("the result is not a number")
    return float(result)
