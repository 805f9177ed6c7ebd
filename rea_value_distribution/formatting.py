# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Numbers in names, messages and explanations, as the reader's language
writes them: amounts with their currency, quantities with the precision of
their unit (rea_base's formatter), plain numbers without trailing zeros."""

from odoo.tools.misc import formatLang

# Bucket percentages are stored with 4 decimals; rates as well in texts.
PERCENT_DIGITS = 4
RATIO_DIGITS = 4


def format_amount(env, amount, currency):
    """An amount with its currency (``€ 5,000.00``, ``5.000,00 €``)."""
    return formatLang(env, currency.round(amount or 0.0), currency_obj=currency)


def format_quantity(env, quantity, unit=None):
    """A quantity in its unit, as rea_base writes it (``3 Units``,
    ``1.5 Hour(s)``, ``30.00 EUR``, ``0.12345678 FAIR``); without a unit,
    the number alone (``2.5``)."""
    if unit:
        return unit.rea_format_quantity(quantity)
    return env["product.uom"].rea_format_quantity(quantity, with_unit=False)


def format_number(env, value, digits):
    """A number with at most ``digits`` decimals and no trailing zeros
    (``10``, ``12.5``, ``0.1436``), in the reader's language: rea_base's
    rule for quantities, through a unit of that precision that is never
    saved."""
    unit = env["product.uom"].new({"rounding": 10.0**-digits})
    return unit.rea_format_quantity(value, with_unit=False)


def format_percentage(env, value):
    """A percentage as people write it (``10 %``, ``33.3333 %``)."""
    return "%s %%" % format_number(env, value, PERCENT_DIGITS)


def format_ratio(env, value):
    """A rate such as what one unit of claim receives (``8.4``)."""
    return format_number(env, value, RATIO_DIGITS)
