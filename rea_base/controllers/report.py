# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.base.ir.ir_qweb.qweb import QWebException
from odoo.addons.web.controllers.main import ReportController

REFUSALS = (AccessError, MissingError)


class ReaReportController(ReportController):
    """A report of the suite asked for records the user may not read (or that
    do not exist) answers 404, as our portal pages do, instead of a server
    error with a traceback in the log; other reports keep Odoo's behaviour."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        try:
            return super().report_routes(
                reportname, docids=docids, converter=converter, **data
            )
        except (QWebException,) + REFUSALS as error:
            # Rendering wraps the refusal met while reading a record.
            cause = error.error if isinstance(error, QWebException) else error
            if not isinstance(cause, REFUSALS) or not self._is_rea_report(reportname):
                raise
            return request.not_found()

    @staticmethod
    def _is_rea_report(reportname):
        return reportname.split(".", 1)[0].startswith("rea_")
