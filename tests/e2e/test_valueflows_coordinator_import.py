"""A coordinator imports ValueFlows into their own context over HTTP, on a
served database (production mode: notifications go out after the commit).

An atomic import with one refused node writes nothing, even though recording
an event posts messages and notifies followers; a non-atomic one keeps the
good node. Quantities are put back afterwards (other tests read them).
"""

import json

from rpc import rpc_client, web_session

CONTEXT = "urn:rea-coop-suite:xmlid:rea_base.res_partner_workshop_demo"
PLYWOOD = "urn:rea-coop-suite:xmlid:rea_base.rea_resource_plywood_demo"


def _event(key, action, quantity=1):
    return {
        "@id": "https://elsewhere.example/vf/event/%s" % key,
        "@type": "vf:EconomicEvent",
        "vf:action": {"@id": "vf:%s" % action},
        "vf:provider": {"@id": CONTEXT},
        "vf:receiver": {"@id": CONTEXT},
        "vf:inScopeOf": {"@id": CONTEXT},
        "vf:resourceInventoriedAs": {"@id": PLYWOOD},
        "vf:resourceQuantity": {
            "om2:hasNumericalValue": quantity,
            "om2:hasUnit": {"@id": "om2:one"},
        },
    }


def _document(*nodes):
    return {
        "@context": {
            "vf": "https://w3id.org/valueflows/ont/vf#",
            "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
        },
        "@graph": list(nodes),
    }


def _post(session, server, document, atomic):
    return session.post(
        server.url + "/vf/import?atomic=%d" % atomic,
        data=json.dumps(document),
        headers={"Content-Type": "application/ld+json"},
        timeout=300,
    )


def _plywood(env):
    Resource = env["rea.resource"]
    found = Resource.search([("vf_uri", "=", PLYWOOD)])
    assert len(found) == 1, "the demo plywood stock is gone"
    return Resource.read(found, ["accounting_quantity"])[0]["accounting_quantity"]


def _events(env, keys):
    return env["rea.event"].search(
        [
            (
                "vf_uri",
                "in",
                ["https://elsewhere.example/vf/event/%s" % key for key in keys],
            )
        ]
    )


def test_coordinator_import_is_atomic(click_server):
    admin = rpc_client(click_server).env
    before = _plywood(admin)
    session = web_session(click_server, "coordinator", "coordinator")
    good = _event("coord-raise", "raise")
    # An action ValueFlows does not have: refused by the importer.
    bad = _event("coord-bad", "teleport")
    answer = _post(session, click_server, _document(good, bad), atomic=1)
    assert answer.status_code == 200, answer.text[:500]
    report = answer.json()
    assert report["rolled_back"] and report["summary"]["refused"] >= 1, report
    assert not _events(admin, ["coord-raise", "coord-bad"])
    assert _plywood(admin) == before

    answer = _post(session, click_server, _document(good, bad), atomic=0)
    assert answer.status_code == 200, answer.text[:500]
    report = answer.json()
    assert not report["rolled_back"], report
    assert report["summary"]["created"] == 1 and report["summary"]["refused"] >= 1
    assert len(_events(admin, ["coord-raise"])) == 1
    assert not _events(admin, ["coord-bad"])
    assert _plywood(admin) == before + 1

    # Put the stock back as an import too (the coordinator's own right).
    answer = _post(session, click_server, _document(_event("coord-lower", "lower")), 1)
    assert answer.json()["summary"]["created"] == 1, answer.text[:500]
    assert _plywood(admin) == before
