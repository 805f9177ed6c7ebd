# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""HTTP test helpers shared by the REA addons (import them from
``odoo.addons.rea_base.tests.http_common``)."""

import tempfile
from contextlib import contextmanager

import odoo.tests
from odoo import SUPERUSER_ID, api
from odoo.service import security
from odoo.tools import config


class ReaHttpCase(odoo.tests.HttpCase):
    """HttpCase whose ``env`` works on the cursor the HTTP server uses.

    In Odoo 11 the server's test cursor is not the test's own cursor: data
    made in setUp must go through it to be seen by the requests, and is
    rolled back with it at the end of each test.
    """

    def setUp(self):
        super().setUp()
        self.env = api.Environment(
            self.registry.test_cr, SUPERUSER_ID, {"tracking_disable": True}
        )

    def authenticate(self, user, password):
        # Odoo 11 reads the user's context on self.cr: use the server's.
        own_cr, self.cr = self.cr, self.registry.test_cr
        try:
            return super().authenticate(user, password)
        finally:
            self.cr = own_cr

    def url_open(self, url, data=None, timeout=60):
        # The first page of a run builds the asset bundles: on a busy machine
        # that takes longer than Odoo's 10 s default.
        return super().url_open(url, data=data, timeout=timeout)

    def base_url(self):
        return "http://%s:%s" % (odoo.tests.common.HOST, odoo.tests.common.PORT)

    def settle(self):
        """Keep the data made so far across requests (a savepoint move)."""
        self.registry.test_cr.commit()
        self.env["res.partner"].invalidate_cache()
        self.warm_precisions()

    def warm_precisions(self):
        """Fill the decimal precision cache.

        On a cache miss Odoo 11 reads a precision through a new cursor,
        which in test mode is the shared test cursor: closing it rolls back
        to its own savepoint and destroys any savepoint opened since (the
        event engine records inside one). Call after anything that clears
        the caches (users, groups, views)."""
        precision = self.env["decimal.precision"]
        for name in precision.search([]).mapped("name"):
            precision.precision_get(name)


def authenticate_session(case, login, password):
    """Log ``case`` (an HttpCase whose data is committed through
    ``registry.cursor()``) in as ``login``: HttpCase.authenticate, with the
    session token computed on a cursor where the user exists."""
    db = odoo.tests.common.get_db_name()
    uid = case.registry["res.users"].authenticate(db, login, password, None)
    case.assertTrue(uid, "%s logs in" % login)
    session = case.session
    with case.registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        session.db = db
        session.uid = uid
        session.login = login
        session.session_token = security.compute_session_token(session, env)
        session.context = dict(env["res.users"].context_get() or {}, uid=uid)
    odoo.http.root.session_store.save(session)
    return uid


@contextmanager
def real_pdf():
    """Let render_qweb_pdf call wkhtmltopdf (tests get HTML otherwise)."""
    previous = config["test_report_directory"]
    config["test_report_directory"] = tempfile.gettempdir()
    try:
        yield
    finally:
        config["test_report_directory"] = previous
