# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Numbers and dates in messages, as the reader's language writes them."""

from odoo.tools import float_is_zero
from odoo.tools.misc import format_date as odoo_format_date
from odoo.tools.misc import formatLang


def format_amount(env, amount, currency):
    """An amount with its currency (``$ 5,000.00``, ``5.000,00 €``)."""
    return formatLang(env, amount or 0.0, currency_obj=currency)


def format_shares(env, quantity):
    """A number of shares: whole numbers without decimals, fractions (a
    share type counted in parts) with the unit of measure's precision."""
    quantity = quantity or 0
    if float_is_zero(quantity - round(quantity), precision_digits=6):
        return formatLang(env, round(quantity), digits=0)
    return formatLang(env, quantity, dp="Product Unit of Measure")


def format_date(env, value):
    """A date in the reader's language format (the context's language)."""
    return odoo_format_date(env, value)
