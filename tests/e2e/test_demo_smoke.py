"""The demo database of `./suite run` opens everywhere a person can click.

Every menu of our addons opens for a manager (its action's views load and the
records they list read), and every `/my` page a demo member can reach answers 200.
"""

import datetime
import re
import time

from dateutil.relativedelta import relativedelta

from odoo.tools.safe_eval import safe_eval

from rpc import rpc_client, web_session

MY_LINK = re.compile(r'href="(/my/[^"#?]*)')


def _eval(expression, uid):
    if not isinstance(expression, str):
        return expression or {}
    names = {
        "uid": uid,
        "time": time,
        "datetime": datetime,
        "relativedelta": relativedelta,
        "context_today": datetime.date.today,
        "active_id": False,
        "active_ids": [],
        "context": {},
    }
    return safe_eval(expression or "{}", names)


def _our_menus(client):
    data = client.env["ir.model.data"].search_read(
        [("model", "=", "ir.ui.menu"), ("module", "=like", "rea\\_%")],
        ["res_id", "module", "name"],
    )
    return {row["res_id"]: "%s.%s" % (row["module"], row["name"]) for row in data}


def _open_window_action(client, action_id, uid):
    action = client.env["ir.actions.act_window"].read(action_id)[0]
    context = _eval(action["context"], uid)
    domain = _eval(action["domain"] or "[]", uid)
    model = client.env[action["res_model"]]
    views = [[view_id or False, kind] for view_id, kind in action["views"]]
    if not any(kind == "search" for _v, kind in views):
        views.append(
            [action["search_view_id"] and action["search_view_id"][0], "search"]
        )
    loaded = model.load_views(views, {"load_filters": True, "toolbar": True})
    kinds = [kind for _v, kind in views if kind != "search"]
    first = loaded["fields_views"][kinds[0]]
    records = model.search_read(
        domain, list(first["fields"]), limit=80, context=context
    )
    if "form" in kinds and records:
        form = loaded["fields_views"]["form"]
        model.read([records[0]["id"]], list(form["fields"]), context=context)
    return len(records)


def test_every_menu_of_our_addons_opens_for_a_manager(demo_server, clean_server_log):
    client = rpc_client(demo_server)
    uid = client.env.uid
    menus = _our_menus(client)
    assert menus, "no menu of a rea_* addon found"
    opened = 0
    for menu in client.env["ir.ui.menu"].read(list(menus), ["action", "name"]):
        if not menu["action"]:
            continue
        kind, action_id = menu["action"].split(",")
        action_id = int(action_id)
        if kind == "ir.actions.act_window":
            _open_window_action(client, action_id, uid)
        else:
            # Other kinds (client, server, URL actions) must at least load.
            assert client.env[kind].read(action_id), menus[menu["id"]]
        opened += 1
    assert opened >= len(menus) // 2, "most of our menus should open an action"


def test_every_my_page_answers_for_a_demo_member(demo_server, clean_server_log):
    session = web_session(demo_server, "portal", "portal")
    home = session.get(demo_server.url + "/my", timeout=120)
    assert home.status_code == 200
    pending = sorted(set(MY_LINK.findall(home.text)))
    assert pending, "the portal home links no /my page"
    seen = set()
    # Lists first, then one level of detail pages they link to.
    for depth in range(2):
        found = []
        for path in pending:
            if path in seen or path.endswith("/logout"):
                continue
            seen.add(path)
            answer = session.get(demo_server.url + path, timeout=120)
            assert answer.status_code == 200, (path, answer.status_code)
            assert "Traceback" not in answer.text, path
            if depth == 0:
                found.extend(MY_LINK.findall(answer.text))
        pending = sorted(set(found) - seen)[:40]
    assert len(seen) > 2, seen
