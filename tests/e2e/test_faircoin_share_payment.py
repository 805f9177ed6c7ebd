"""A share subscription completed by a FairCoin payment verified on the chain.

The demo server's FairCoin acquirer is pointed at a stand-in Electrum server
started by this test on 127.0.0.1 (the addon's own, speaking the real
protocol). A candidate subscribes to shares payable in FAIR; the payment
transaction of the capital release invoice is created as the pay form does;
the chain then shows a real serialized transaction paying the exact FAIR
amount, and the watcher (the scheduled job, triggered over JSON-RPC) settles
the invoice, which makes the candidate a member with shares.
"""

import datetime

import pytest
import requests

from faircoin_support import load
from rpc import rpc_client, subscriber_values

address = load("faircoin.address")
txbuilder = load("tests.txbuilder")
electrum_standin = load("tests.electrum_standin")

REQUIRED_CONFIRMATIONS = 3
FAIR_PER_UNIT = 2.0  # FAIR per unit of the company currency, today


@pytest.fixture
def standin():
    server = electrum_standin.ElectrumStandin().start()
    try:
        yield server
    finally:
        server.stop()


def _set_fair_rate(env, fair_id, company_id, rate):
    rates = env["res.currency.rate"]
    today = datetime.date.today().isoformat()
    existing = rates.search(
        [
            ("currency_id", "=", fair_id),
            ("name", "=", today),
            ("company_id", "=", company_id),
        ]
    )
    if existing:
        rates.browse(existing).write({"rate": rate})
    else:
        rates.create(
            {
                "currency_id": fair_id,
                "name": today,
                "rate": rate,
                "company_id": company_id,
            }
        )


def _configure_acquirer(env, standin, receiving_address):
    acquirer = env.ref("rea_payment_faircoin.payment_acquirer_faircoin_demo")
    acquirer.write(
        {
            "faircoin_network": "test",
            "faircoin_address_mode": "fixed",
            "faircoin_address": receiving_address,
            "faircoin_electrum_host": "127.0.0.1",
            "faircoin_electrum_port": standin.port,
            "faircoin_electrum_tls": False,
            "faircoin_timeout": 10.0,
            "faircoin_confirmations": REQUIRED_CONFIRMATIONS,
            "faircoin_window": 120,
            "faircoin_tolerance": 0.0,
        }
    )
    return acquirer


def _trigger_watcher(env, cron_id):
    env["ir.cron"].browse(cron_id).method_direct_trigger()


def _snapshot(env, tx_id, invoice_id, request_id, partner_id):
    """What a second run of the watcher must leave untouched."""
    tx = env["payment.transaction"].read(
        [tx_id],
        [
            "state",
            "state_message",
            "faircoin_txid",
            "faircoin_received",
            "faircoin_confirmations",
            "faircoin_rea_transfer_id",
            "date_validate",
        ],
    )[0]
    invoice = env["account.invoice"].read(
        [invoice_id], ["state", "residual", "payment_ids"]
    )[0]
    request = env["rea.subscription.request"].read([request_id], ["state"])[0]
    lines = env["rea.share.line"].search([("partner_id", "=", partner_id)])
    register = env["rea.share.register"].search([("partner_id", "=", partner_id)])
    transfer_id = tx["faircoin_rea_transfer_id"][0]
    events = env["rea.event"].search([("transfer_id", "=", transfer_id)])
    payments = env["account.payment"].search([("payment_transaction_id", "=", tx_id)])
    return tx, invoice, request, lines, register, events, payments


def test_share_subscription_paid_in_faircoin(demo_server, clean_server_log, standin):
    client = rpc_client(demo_server)
    env = client.env

    # Only the triggers of this test run the watcher: the scheduled run
    # waits a day (the demo database is dropped after the session).
    cron_id = env.ref("rea_payment_faircoin.ir_cron_faircoin_watch").id
    tomorrow = datetime.datetime.utcnow() + datetime.timedelta(days=1)
    env["ir.cron"].browse(cron_id).write(
        {"nextcall": tomorrow.strftime("%Y-%m-%d %H:%M:%S")}
    )

    receiving_address = address.encode_address(
        txbuilder.make_hash160("cooperative wallet e2e"), "test"
    )
    receiving_script = address.address_script(receiving_address)
    acquirer = _configure_acquirer(env, standin, receiving_address)

    company = env.user.company_id
    fair = env.ref("rea_payment_faircoin.currency_fair")
    _set_fair_rate(env, fair.id, company.id, FAIR_PER_UNIT)

    project_id = env["rea.project"].create(
        {
            "name": "FairCoin Shares Coop",
            "slug": "faircoin-shares-coop",
            "join_style": "shares",
            "visibility": "public",
            "share_acquirer_ids": [(6, 0, [acquirer.id])],
        }
    )
    template_id = env["product.template"].create(
        {
            "name": "FairCoin Coop share",
            "is_share": True,
            "share_project_id": project_id,
            "share_short_name": "FCS",
            "list_price": 30.0,
            "share_min_quantity": 1,
            "share_on_website": True,
        }
    )
    product_id = env["product.product"].search([("product_tmpl_id", "=", template_id)])[
        0
    ]

    subscriptions = env["rea.subscription.request"]
    values = subscriber_values(
        env,
        project_id,
        product_id,
        3,
        firstname="Fina",
        lastname="Faircoin",
        email="fina.faircoin@example.org",
        birthdate="1979-09-21",
        street="Carrer del Comerç 7",
        zip_code="08003",
        acquirer_id=acquirer.id,
    )
    assert subscriptions.check_values(values) == {}
    request_id = subscriptions.create(dict(values, source="manual"))
    subscriptions.browse(request_id).action_validate()
    request = subscriptions.read([request_id], ["state", "invoice_id", "partner_id"])[0]
    assert request["state"] == "done"
    invoice_id = request["invoice_id"][0]
    partner_id = request["partner_id"][0]
    invoice = env["account.invoice"].read(
        [invoice_id],
        ["amount_total", "state", "number", "currency_id", "is_capital_release"],
    )[0]
    assert invoice["is_capital_release"] and invoice["state"] == "open"
    assert invoice["amount_total"] == 90.0

    # The pay form's transaction for the invoice (account_payment's
    # values); the form then posts its reference to the feedback route,
    # which shows the payer where and how much to pay.
    partner = env["res.partner"].read([partner_id], ["country_id"])[0]
    txs = env["payment.transaction"]
    tx_id = txs.create(
        {
            "acquirer_id": acquirer.id,
            "type": "form",
            "amount": invoice["amount_total"],
            "currency_id": invoice["currency_id"][0],
            "partner_id": partner_id,
            "partner_country_id": partner["country_id"][0],
            "reference": invoice["number"],
            "account_invoice_id": invoice_id,
        }
    )
    env["account.invoice"].browse(invoice_id).write({"payment_tx_id": tx_id})
    page = requests.post(
        demo_server.url + "/payment/faircoin/feedback",
        data={"reference": invoice["number"], "return_url": "/my/invoices"},
        timeout=120,
    )
    assert page.status_code == 200, page.text[:500]
    assert "/payment/faircoin/pay/%d/" % tx_id in page.url
    assert receiving_address in page.text
    tx = txs.read(
        [tx_id], ["state", "faircoin_amount", "faircoin_address", "faircoin_rate"]
    )[0]
    assert tx["state"] == "pending"
    assert tx["faircoin_address"] == receiving_address
    # Odoo converts with today's rates: FAIR per company currency unit.
    currency_rate = env["res.currency"].read([invoice["currency_id"][0]], ["rate"])[0][
        "rate"
    ]
    # The rate is fixed to 8 decimals first, then the amount.
    expected_rate = round(FAIR_PER_UNIT / currency_rate, 8)
    assert tx["faircoin_rate"] == pytest.approx(expected_rate, abs=1e-8)
    expected_fair = round(90.0 * expected_rate, 8)
    assert tx["faircoin_amount"] == pytest.approx(expected_fair, abs=1e-8)
    sat = address.to_sat(tx["faircoin_amount"])
    assert address.format_fair(sat) in page.text

    # Nothing on the chain yet: still waiting.
    _trigger_watcher(env, cron_id)
    assert txs.read([tx_id], ["state"])[0]["state"] == "pending"

    # A real transaction paying the exact amount, mined in the tip block:
    # one confirmation is not enough.
    raw = txbuilder.build_transaction([(sat, receiving_script)])
    txid = standin.add_transaction(raw, height=standin.tip)
    _trigger_watcher(env, cron_id)
    tx = txs.read(
        [tx_id], ["state", "faircoin_txid", "faircoin_confirmations", "state_message"]
    )[0]
    assert tx["state"] == "pending", tx["state_message"]
    assert tx["faircoin_txid"] == txid
    assert tx["faircoin_confirmations"] == 1
    assert "1 of %d" % REQUIRED_CONFIRMATIONS in tx["state_message"]
    assert env["account.invoice"].read([invoice_id], ["state"])[0]["state"] == "open"
    assert subscriptions.read([request_id], ["state"])[0]["state"] == "done"

    # Two more blocks: confirmed, the invoice is paid through account_payment.
    standin.tip += REQUIRED_CONFIRMATIONS - 1
    _trigger_watcher(env, cron_id)
    tx = txs.read(
        [tx_id],
        [
            "state",
            "state_message",
            "acquirer_reference",
            "faircoin_verified",
            "faircoin_received",
            "faircoin_confirmations",
            "faircoin_rea_transfer_id",
        ],
    )[0]
    assert tx["state"] == "done", tx["state_message"]
    assert tx["acquirer_reference"] == txid
    assert tx["faircoin_verified"]
    assert tx["faircoin_confirmations"] == REQUIRED_CONFIRMATIONS
    assert address.to_sat(tx["faircoin_received"]) == sat
    invoice = env["account.invoice"].read([invoice_id], ["state", "residual"])[0]
    assert invoice["state"] == "paid" and invoice["residual"] == 0.0
    payments = env["account.payment"].search_read(
        [("payment_transaction_id", "=", tx_id)], ["amount", "state", "invoice_ids"]
    )
    assert [(p["amount"], p["invoice_ids"]) for p in payments] == [(90.0, [invoice_id])]

    # The request is paid and the candidate is a member with the shares.
    assert subscriptions.read([request_id], ["state"])[0]["state"] == "paid"
    member = env["res.partner"].read(
        [partner_id],
        ["is_cooperator", "cooperator_number", "share_count", "share_total_value"],
    )[0]
    assert member["is_cooperator"] and member["cooperator_number"]
    assert member["share_count"] == 3
    assert member["share_total_value"] == 90.0
    lines = env["rea.share.line"].search_read(
        [("partner_id", "=", partner_id)], ["quantity", "share_product_id"]
    )
    assert [(line["quantity"], line["share_product_id"][0]) for line in lines] == [
        (3, product_id)
    ]
    register = env["rea.share.register"].search_read(
        [("partner_id", "=", partner_id)], ["type", "quantity", "register_number"]
    )
    assert [(r["type"], r["quantity"]) for r in register] == [("subscription", 3)]
    assert register[0]["register_number"]

    # REA: the FAIR moved from the member to the cooperative, once.
    transfer = env["rea.transfer"].read(
        [tx["faircoin_rea_transfer_id"][0]], ["provider_id", "actual_quantity"]
    )[0]
    assert transfer["provider_id"][0] == partner_id
    assert transfer["actual_quantity"] == pytest.approx(expected_fair, abs=1e-8)

    # The watcher runs again: nothing changes, nothing is recorded twice.
    before = _snapshot(env, tx_id, invoice_id, request_id, partner_id)
    assert len(before[5]) == 1
    _trigger_watcher(env, cron_id)
    assert _snapshot(env, tx_id, invoice_id, request_id, partner_id) == before
