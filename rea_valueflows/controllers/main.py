# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

JSONLD = "application/ld+json"


class ValueFlowsController(http.Controller):
    """ValueFlows JSON-LD over HTTP, for logged-in users, with their rights."""

    def _json_response(self, payload, status=200, content_type="application/json"):
        response = request.make_response(
            json.dumps(payload, indent=2, ensure_ascii=False),
            headers=[("Content-Type", "%s; charset=utf-8" % content_type)],
        )
        response.status_code = status
        return response

    def _error(self, error, status):
        return self._json_response({"error": error.name}, status=status)

    @http.route("/vf/export", type="http", auth="user", methods=["GET"])
    def vf_export(self, context=None, **kwargs):
        """``GET /vf/export?context=<id or @id>&from=YYYY-MM-DD&to=YYYY-MM-DD``"""
        try:
            document = request.env["rea.vf.exporter"].export_document(
                context_agent=context,
                date_from=kwargs.get("from"),
                date_to=kwargs.get("to"),
            )
        except AccessError as error:
            return self._error(error, 403)
        except UserError as error:
            return self._error(error, 400)
        return self._json_response(document, content_type=JSONLD)

    @http.route(
        "/vf/<string:kind>/<string:key>", type="http", auth="user", methods=["GET"]
    )
    def vf_node(self, kind, key, **kwargs):
        """Dereference an identifier minted here: the record as JSON-LD."""
        exporter = request.env["rea.vf.exporter"]
        record = exporter.find_by_path(kind, key)
        if not record:
            return self._json_response({"error": _("Not found.")}, status=404)
        return self._json_response(exporter.export_record(record), content_type=JSONLD)

    @http.route("/vf/import", type="http", auth="user", methods=["POST"], csrf=False)
    def vf_import(self, **kwargs):
        """``POST /vf/import?atomic=1&dry_run=0`` with the JSON-LD document as
        body (``Content-Type: application/ld+json``); returns the report.

        No CSRF token: the caller is authenticated by its session cookie and
        sends a JSON body, which a cross-site form cannot.
        """
        if "json" not in (request.httprequest.mimetype or ""):
            return self._json_response(
                {"error": "Send the document as application/ld+json."}, status=415
            )
        try:
            report = request.env["rea.vf.importer"].import_document(
                request.httprequest.get_data(),
                atomic=kwargs.get("atomic", "1") not in ("0", "false"),
                dry_run=kwargs.get("dry_run", "0") in ("1", "true"),
            )
        except AccessError as error:
            return self._error(error, 403)
        except UserError as error:
            return self._error(error, 400)
        return self._json_response(report, status=200)

    @http.route("/vf/import/json", type="json", auth="user", methods=["POST"])
    def vf_import_json(self, document=None, atomic=True, dry_run=False, **kwargs):
        """JSON-RPC flavour: ``{"params": {"document": {...}}}``."""
        if document is None:
            raise UserError(_("params.document is missing."))
        return request.env["rea.vf.importer"].import_document(
            document, atomic=atomic, dry_run=dry_run
        )
