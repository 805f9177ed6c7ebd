"""Small helpers shared by the end-to-end tests (not a test module)."""

import re

import odoorpc
import requests


def rpc_client(server, login="admin", password="admin"):
    """An external JSON-RPC client, as an integrator's script would use."""
    client = odoorpc.ODOO("127.0.0.1", port=server.port, timeout=300)
    client.login(server.dbname, login, password)
    return client


def web_session(server, login, password):
    """A logged-in website session (cookies and CSRF, like a browser)."""
    session = requests.Session()
    page = session.get(server.url + "/web/login", timeout=120)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        server.url + "/web/login",
        data={"login": login, "password": password, "csrf_token": token},
        timeout=120,
    )
    assert answer.status_code == 200, answer.text[:500]
    home = session.get(server.url + "/my", timeout=120)
    assert "/web/login" not in home.url, "login as %s failed" % login
    return session
