# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api, models, tools

REA_QUANTITY = "REA Quantity"
# Digital currencies count to the hundred-millionth (0.00000001 FAIR).
REA_QUANTITY_DEFAULT_DIGITS = 8


def rea_quantity_digits(cr):
    """Digits of REA resource quantities (``digits=`` of their fields).

    The "REA Quantity" decimal precision, or 8 while it does not exist:
    Odoo reads field digits through another cursor, which does not see the
    precision record before the install transaction commits (the standard
    ``dp.get_precision`` would fall back to 2 digits there and round demo
    data and at_install tests).
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    return (
        16,
        env["decimal.precision"].rea_precision_get(
            REA_QUANTITY, REA_QUANTITY_DEFAULT_DIGITS
        ),
    )


class DecimalPrecision(models.Model):
    _inherit = "decimal.precision"

    @api.model
    @tools.ormcache("application", "default")
    def rea_precision_get(self, application, default):
        """Digits of ``application``, ``default`` when it is not defined.

        Cached like ``precision_get``; creating or changing a precision
        clears the caches.
        """
        self.env.cr.execute(
            "SELECT digits FROM decimal_precision WHERE name = %s", (application,)
        )
        row = self.env.cr.fetchone()
        return row[0] if row else default
