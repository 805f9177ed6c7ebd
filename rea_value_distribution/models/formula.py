# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Claim formulas: arithmetic over a few named event variables.

Checked with Odoo's safe_eval opcode whitelist, evaluated without any
builtin, compiled once per formula (a distribution may evaluate it for
100,000 events).
"""

import ast
import math

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
    if not math.isfinite(result):
        # As SQL, which refuses to go out of float8's range.
        raise FormulaError("the result is out of range")
    return float(result)


# Operators SQL evaluates on float8 exactly as Python does on floats. The
# others (powers, modulo, comparisons...) are left to Python.
_SQL_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}


class _NotInSQL(Exception):
    pass


def formula_sql(formula, columns):
    """The SQL expression of ``formula`` over ``columns`` ({variable: SQL
    of a float8 column}), or None when the formula uses something SQL
    would not evaluate exactly as Python does.

    A division by zero gives NULL where Python raises: rows valued NULL are
    evaluated again in Python, which gives the error. Literals are float8,
    so that 1/2 is not an integer division.
    """
    try:
        tree = ast.parse(formula.strip(), mode="eval")
        return _node_sql(tree.body, columns)
    except (SyntaxError, _NotInSQL):
        return None


def _node_sql(node, columns):
    if isinstance(node, ast.Num) and type(node.n) in (int, float):
        if not math.isfinite(node.n):
            raise _NotInSQL()
        return "'%r'::float8" % float(node.n)
    if isinstance(node, ast.Name) and node.id in columns:
        return columns[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        return "(%s%s)" % (sign, _node_sql(node.operand, columns))
    if isinstance(node, ast.BinOp):
        left = _node_sql(node.left, columns)
        right = _node_sql(node.right, columns)
        if type(node.op) in _SQL_OPERATORS:
            return "(%s %s %s)" % (left, _SQL_OPERATORS[type(node.op)], right)
        if isinstance(node.op, ast.Div):
            return "(%s / NULLIF(%s, 0))" % (left, right)
    raise _NotInSQL()
