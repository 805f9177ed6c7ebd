# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import math

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class RateFetchError(Exception):
    pass


class ResCurrency(models.Model):
    """Optional rate source for a currency: a URL answering JSON, read by a
    scheduled job, with a timeout and bounds that reject absurd values."""

    _inherit = "res.currency"

    rea_rate_url = fields.Char(
        string="Rate URL",
        help="HTTP(S) address answering JSON with the rate, e.g. "
        '{"eur-fair": 0.05}. Empty: rates are entered by hand.',
    )
    rea_rate_json_key = fields.Char(
        string="Rate key",
        help="Key of the value in the JSON answer; dots for nested keys "
        "(data.rate). Empty: the answer is the number itself.",
    )
    rea_rate_kind = fields.Selection(
        [
            ("price", "Price of one unit in the company currency"),
            ("rate", "Units per one unit of the company currency"),
        ],
        string="The value is",
        default="price",
    )
    rea_rate_min = fields.Float(
        string="Lowest accepted value",
        digits=(16, 8),
        help="Values below are refused (a broken source); 0: no bound.",
    )
    rea_rate_max = fields.Float(
        string="Highest accepted value",
        digits=(16, 8),
        help="Values above are refused (a broken source); 0: no bound.",
    )
    rea_rate_timeout = fields.Float(string="Timeout (seconds)", default=10.0)
    rea_rate_last_fetch = fields.Datetime(string="Last fetched", readonly=True)
    rea_rate_last_error = fields.Char(string="Last fetch problem", readonly=True)

    @api.model
    def _cron_fetch_rates(self):
        """Fetch every configured rate; a failing source is logged and kept
        for the next run, never stops the others."""
        for currency in self.search([("rea_rate_url", "!=", False)]):
            try:
                currency._fetch_rate()
            except RateFetchError as error:
                _logger.warning("Rate of %s not updated: %s", currency.name, error)
                currency.rea_rate_last_error = str(error)

    @api.multi
    def action_fetch_rate(self):
        for currency in self:
            try:
                currency._fetch_rate()
            except RateFetchError as error:
                currency.rea_rate_last_error = str(error)
                raise UserError(
                    _("The rate of %(currency)s was not updated: %(error)s")
                    % {"currency": currency.name, "error": error}
                )
        return True

    @api.multi
    def _fetch_rate(self):
        """Read the source, check the value, store today's rate."""
        self.ensure_one()
        value = self._read_rate_source()
        if not (isinstance(value, (int, float)) and not isinstance(value, bool)):
            raise RateFetchError(_("the answer is not a number: %r") % (value,))
        value = float(value)
        if not math.isfinite(value) or value <= 0:
            raise RateFetchError(_("the value %r is not a positive number") % value)
        if self.rea_rate_min and value < self.rea_rate_min:
            raise RateFetchError(
                _("the value %(value)s is below the lowest accepted %(min)s")
                % {"value": value, "min": self.rea_rate_min}
            )
        if self.rea_rate_max and value > self.rea_rate_max:
            raise RateFetchError(
                _("the value %(value)s is above the highest accepted %(max)s")
                % {"value": value, "max": self.rea_rate_max}
            )
        # Odoo rates say how many units of this currency one unit of the
        # company currency buys.
        rate = value if self.rea_rate_kind == "rate" else 1.0 / value
        self._set_today_rate(rate)
        self.write(
            {"rea_rate_last_fetch": fields.Datetime.now(), "rea_rate_last_error": False}
        )
        return rate

    @api.multi
    def _read_rate_source(self):
        try:
            response = requests.get(
                self.rea_rate_url,
                timeout=self.rea_rate_timeout or 10.0,
                headers={"Accept": "application/json"},
            )
            response.raise_for_status()
            data = response.json()
        except requests.exceptions.Timeout:
            raise RateFetchError(_("the rate source did not answer in time"))
        except requests.exceptions.RequestException as error:
            raise RateFetchError(_("the rate source failed: %s") % error)
        except ValueError:
            raise RateFetchError(_("the rate source did not answer JSON"))
        for key in (self.rea_rate_json_key or "").split("."):
            if not key:
                continue
            if not isinstance(data, dict) or key not in data:
                raise RateFetchError(_("the answer has no key '%s'") % key)
            data = data[key]
        return data

    @api.multi
    def _set_today_rate(self, rate):
        rate_model = self.env["res.currency.rate"]
        today = fields.Date.context_today(self)
        company = self.env.user.company_id
        existing = rate_model.search(
            [
                ("currency_id", "=", self.id),
                ("name", "=", today),
                ("company_id", "in", (company.id, False)),
            ],
            limit=1,
        )
        if existing:
            existing.rate = rate
        else:
            rate_model.create(
                {
                    "currency_id": self.id,
                    "name": today,
                    "rate": rate,
                    "company_id": company.id,
                }
            )
