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


def subscriber_values(env, project_id, product_id, quantity, **person):
    """A complete individual's subscription request, over RPC."""
    values = {
        "project_id": project_id,
        "share_product_id": product_id,
        "quantity": quantity,
        "birthdate": "1985-04-12",
        "gender": "female",
        "lang": "en_US",
        "street": "Carrer de la Pau 1",
        "zip_code": "08001",
        "city": "Barcelona",
        "country_id": env.ref("base.es").id,
        "iban": "ES9121000418450200051332",
        "data_policy_approved": True,
        "internal_rules_approved": True,
        "financial_risk_approved": True,
        "generic_rules_approved": True,
    }
    values.update(person)
    return values


def pay_by_bank(env, partner_id, invoice_id, amount, day=None):
    """A customer's bank payment registered on an invoice, as staff do."""
    values = {
        "payment_type": "inbound",
        "partner_type": "customer",
        "partner_id": partner_id,
        "amount": amount,
        "journal_id": env["account.journal"].search([("type", "=", "bank")], limit=1)[
            0
        ],
        "payment_method_id": env.ref("account.account_payment_method_manual_in").id,
        "invoice_ids": [(6, 0, [invoice_id])],
        "communication": "end-to-end test",
    }
    if day:
        values["payment_date"] = day
    payment_id = env["account.payment"].create(values)
    env["account.payment"].browse(payment_id).post()
