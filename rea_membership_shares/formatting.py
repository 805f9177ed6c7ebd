# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Numbers and dates in messages, as the reader's language writes them."""

from odoo.tools.misc import format_date as odoo_format_date
from odoo.tools.misc import formatLang


def format_amount(env, amount, currency):
    """An amount with its currency (``$ 5,000.00``, ``5.000,00 €``)."""
    return formatLang(env, amount or 0.0, currency_obj=currency)


def format_shares(env, quantity):
    """A number of shares as rea_base writes quantities without a unit:
    whole numbers without decimals, a fraction (a share type counted in
    parts) with its decimals."""
    return env["product.uom"].rea_format_quantity(quantity, with_unit=False)


def format_date(env, value):
    """A date in the reader's language format (the context's language)."""
    return odoo_format_date(env, value)
