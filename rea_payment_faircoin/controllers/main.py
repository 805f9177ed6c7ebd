# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from urllib.parse import urlencode

import werkzeug

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import consteq

_logger = logging.getLogger(__name__)


def _local_url(url):
    """Only paths of this site: no open redirect."""
    if url and url.startswith("/") and not url.startswith("//"):
        return url
    return "/my"


class FaircoinController(http.Controller):
    @http.route(
        "/payment/faircoin/feedback",
        type="http",
        auth="none",
        csrf=False,
        methods=["POST", "GET"],
    )
    def faircoin_feedback(self, **post):
        """The payment form lands here: the payment goes pending and the
        payer sees where and how much to pay."""
        tx_model = request.env["payment.transaction"].sudo()
        reference = post.get("reference") or ""
        tx = tx_model.search([("reference", "=", reference)], limit=1)
        if not tx or tx.provider != "faircoin":
            return werkzeug.utils.redirect("/")
        try:
            tx_model.form_feedback({"reference": tx.reference}, "faircoin")
        except ValidationError as error:
            _logger.info("FairCoin feedback refused: %s", error)
            return werkzeug.utils.redirect("/")
        query = urlencode({"return_url": _local_url(post.get("return_url"))})
        return werkzeug.utils.redirect(
            "/payment/faircoin/pay/%d/%s?%s" % (tx.id, tx.faircoin_access_token, query)
        )

    @http.route(
        "/payment/faircoin/pay/<int:tx_id>/<string:token>", type="http", auth="public"
    )
    def faircoin_pay_page(self, tx_id, token, return_url=None, **kwargs):
        tx = request.env["payment.transaction"].sudo().browse(tx_id).exists()
        if not (
            tx
            and tx.provider == "faircoin"
            and tx.faircoin_access_token
            and consteq(tx.faircoin_access_token, token)
        ):
            # Returned, not raised: with website installed, a raised NotFound
            # on a non-website route is rendered as a 500.
            return request.not_found()
        values = tx.get_faircoin_payment_values()
        values["return_url"] = _local_url(return_url)
        return request.render("rea_payment_faircoin.faircoin_pay_page", values)
