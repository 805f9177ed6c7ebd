"""An integrator's script drives the running suite over JSON-RPC (odoorpc).

It sets up a cooperative from scratch, sells shares to a new member, pays the
capital release invoice with Odoo's own payments, and reads back what a
back-office user would check: member status, share register and balances.
"""

import datetime

from rpc import pay_by_bank, rpc_client, subscriber_values


def test_integrator_sells_shares_and_reads_the_register(demo_server, clean_server_log):
    client = rpc_client(demo_server)
    env = client.env
    project_id = env["rea.project"].create(
        {
            "name": "Integrators' Coop",
            "slug": "integrators-coop",
            "join_style": "shares",
            "visibility": "public",
        }
    )
    template_id = env["product.template"].create(
        {
            "name": "Integrators' share",
            "is_share": True,
            "share_project_id": project_id,
            "share_short_name": "IS",
            "list_price": 25.0,
            "share_min_quantity": 2,
            "share_min_forced": True,
            "share_on_website": True,
        }
    )
    product_id = env["product.product"].search([("product_tmpl_id", "=", template_id)])[
        0
    ]
    requests = env["rea.subscription.request"]
    values = subscriber_values(
        env,
        project_id,
        product_id,
        4,
        firstname="Iris",
        lastname="Integrator",
        email="iris.integrator@example.org",
    )
    assert requests.check_values(values) == {}
    request_id = requests.create(dict(values, source="manual"))
    requests.browse(request_id).action_validate()
    request = requests.read([request_id], ["state", "invoice_id", "partner_id"])[0]
    assert request["state"] == "done"
    invoice_id = request["invoice_id"][0]
    partner_id = request["partner_id"][0]
    invoice = env["account.invoice"].read(
        [invoice_id], ["amount_total", "state", "number", "is_capital_release"]
    )[0]
    assert invoice["is_capital_release"] and invoice["state"] == "open"
    assert invoice["amount_total"] == 100.0
    assert invoice["number"].startswith("SUBJ/")

    # Paid in two halves: the shares count from the second payment.
    first = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    last = datetime.date.today().isoformat()
    pay_by_bank(env, partner_id, invoice_id, 50.0, first)
    assert requests.read([request_id], ["state"])[0]["state"] == "done"
    pay_by_bank(env, partner_id, invoice_id, 50.0, last)
    assert requests.read([request_id], ["state"])[0]["state"] == "paid"

    member = env["res.partner"].read(
        [partner_id],
        ["is_cooperator", "cooperator_number", "share_count", "share_total_value"],
    )[0]
    assert member["is_cooperator"] and member["cooperator_number"]
    assert member["share_count"] == 4
    assert member["share_total_value"] == 100.0
    lines = env["rea.share.line"].search_read(
        [("partner_id", "=", partner_id)],
        ["quantity", "effective_date", "share_product_id"],
    )
    assert [(line["quantity"], line["effective_date"]) for line in lines] == [(4, last)]
    register = env["rea.share.register"].search_read(
        [("partner_id", "=", partner_id)], ["type", "quantity", "register_number"]
    )
    assert [(r["type"], r["quantity"]) for r in register] == [("subscription", 4)]
    assert register[0]["register_number"]

    # The project's membership is active, and REA saw the shares move.
    project_partner_id = env["rea.project"].read([project_id], ["partner_id"])[0][
        "partner_id"
    ][0]
    relationships = env["rea.agent.relationship"].search_read(
        [
            ("subject_id", "=", partner_id),
            ("object_id", "=", project_partner_id),
            ("behavior", "=", "member"),
        ],
        ["state"],
    )
    assert any(r["state"] == "active" for r in relationships)
    share_account = env["rea.resource"].search_read(
        [
            ("primary_accountable_id", "=", partner_id),
            ("conforms_to_id", "=", template_id),
        ],
        ["accounting_quantity"],
    )
    assert [r["accounting_quantity"] for r in share_account] == [4.0]
