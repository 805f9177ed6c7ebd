"""A tiny HTTP client that proves a served Odoo works as a person would see it."""

import re
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from .shell import SuiteError

STYLESHEET = re.compile(r'<link[^>]+href="(/web/content/[^"]+\.css)"')
# What Odoo 11 writes into the page (an inline error dialog) when it cannot
# compile the .less files, e.g. because lessc is missing.
LESS_FAILURE = ("The style compilation failed", "Could not execute command")


class Client(object):
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar())
        )

    def get(self, path, data=None, timeout=60):
        response = self.opener.open(self.base + path, data=data, timeout=timeout)
        return response.geturl(), response.read().decode("utf-8", "replace")

    def wait_until_up(self, seconds=120, process=None):
        """Wait for the login page; stop early if the server process died."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            if process is not None and process.poll() is not None:
                raise SuiteError("the server stopped (exit %s)" % process.returncode)
            try:
                # Refused at once while starting; the first page may take long.
                self.get("/web/login", timeout=seconds)
                return
            except OSError:
                time.sleep(1)
        raise SuiteError("the server did not answer on %s" % self.base)

    def login(self, login, password):
        _url, page = self.get("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if not token:
            raise SuiteError("no login form on %s/web/login" % self.base)
        data = urllib.parse.urlencode(
            {"login": login, "password": password, "csrf_token": token.group(1)}
        ).encode()
        # Odoo 11 answers a good login with a page that redirects by script.
        self.get("/web/login", data=data)
        landed, body = self.get("/web")
        if "/web/login" in landed or "odoo.session_info" not in body:
            raise SuiteError("logging in as %s failed (landed on %s)" % (login, landed))
        return landed, body

    def stylesheets(self, page):
        broken = [marker for marker in LESS_FAILURE if marker in page]
        if broken:
            raise SuiteError("the page reports a stylesheet error: %s" % broken[0])
        found = STYLESHEET.findall(page)
        if not found:
            raise SuiteError("the page links no compiled stylesheet")
        return found

    def check_stylesheet(self, path):
        _url, css = self.get(path, timeout=300)
        if len(css) < 1000:
            raise SuiteError("stylesheet %s is broken: %s" % (path, css[:300]))
