"""Every screen of the rea_* addons, clicked in a real browser, per role.

For each role (portal member, project coordinator, cooperative user,
cooperative/REA manager) a headless Chromium logs in through the login page
and, in the back office, opens every menu of our addons the role sees, every
view type of each action (view switcher), the form of the demo records of our
models the role can read (a few per model), and presses the main buttons of
their headers, running the wizards they open with demo values (Preview,
Distribute, Validate, Confirm payment, Correct, Record, Import, Export, Plan
from recipe ...). The portal member opens every `/my` page, the pages they
link to, and the website's project pages.

A screen fails on a server error dialog, a warning notification, a SEVERE
browser console entry, an HTTP 4xx/5xx answer or an ERROR/traceback in the
server log. All failures of a role are reported together, one line each:
`[NNN] screen | kind: text | screenshot path`. Screenshots are saved as
`.data/artifacts/click/<role>/NNN-<screen>.png`.

The roles run in this order (portal, coordinator, cooperative user,
manager), so the manager's button presses, which change demo data, come last.
"""

import os
import re
import time

import pytest
from selenium.common.exceptions import WebDriverException

from clicker import Clicker, slug
from rpc import rpc_client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, ".data", "artifacts", "click")
# Forms opened per model and role: every model is covered, long lists capped.
PER_MODEL = int(os.environ.get("REA_CLICK_PER_MODEL", "2"))
# Models of other addons that ours extend with fields, views or buttons.
EXTENDED_MODELS = (
    "product.template",
    "res.partner",
    "payment.acquirer",
    "payment.transaction",
)
# Records of Odoo's own demo data that carry our buttons.
EXTRA_RECORDS = {"mrp.bom": [("id", "!=", 0)]}
# Header buttons pressed (once per model and role): the forward steps of our
# workflows and the buttons that open our wizards. Going back (Cancel, Reset
# to draft, Reverse, Decline, Block) and network calls are left alone.
MAIN_BUTTONS = (
    "Correct",
    "Record",
    "Record an input",
    "Record an output",
    "Record a fulfilling event",
    "Validate",
    "Validate contribution",
    "Confirm payment",
    "Distribute",
    "Plan from recipe",
    "Record a payment by hash",
    "Create subscription",
    "Submit",
    "Approve",
    "Execute",
    "To review",
    "Mark e-mail confirmed",
    "Accept",
    "Add missing transfers",
    "Roll up value",
)
NOT_PRESSED = ("Cancel", "Close", "Discard")
MY_LINK = re.compile(r"^/(my|projects)(/|$)")


def _distribute_income(clicker, modal):
    """Income-event mode: load the undistributed income, then preview it."""
    clicker.set_field(modal, "mode", "income")
    load = clicker.button("Load undistributed income", clicker.top_modal())
    if load is None:
        clicker.note("distribute-income", "no 'Load undistributed income' button")
        return
    clicker.click(load, "load income")


def _distribute_amount(clicker, modal):
    clicker.set_field(modal, "mode", "amount")
    clicker.set_field(modal, "amount", "100")


def _correct_quantity(clicker, modal):
    """A correction must change something: one more than recorded."""
    recorded = clicker.read_number(modal, "recorded_resource_quantity")
    if recorded is None:
        clicker.note("correct", "the wizard shows no recorded quantity")
        return
    clicker.set_field(modal, "resource_quantity", "%g" % (recorded + 1))


def _faircoin_by_hand(clicker, modal):
    """A payment recorded by hand (the chain is not reachable from a test)."""
    clicker.set_field(modal, "mode", "btc")
    clicker.set_field(modal, "txid", "ab" * 32)
    expected = clicker.read_number(modal, "expected_amount")
    clicker.set_field(modal, "amount", "%.8f" % (expected or 1))


# Wizards that need more than their required fields: each variant opens the
# wizard again from its button.
WIZARD_VARIANTS = {
    ("rea.value.equation", "Distribute"): [
        ("income-event", _distribute_income),
        ("an-amount", _distribute_amount),
    ],
    ("rea.event", "Correct"): [("", _correct_quantity)],
    ("payment.transaction", "Record a payment by hash"): [("", _faircoin_by_hand)],
}
# New records that a header button opens in a form: values a person types
# (many2one fields by the name of the record to pick).
FORM_VALUES = {
    ("rea.process", "Record an input"): {
        "action_id": "consume",
        "resource_id": "Plywood sheets 18 mm",
        "resource_quantity": "1",
        "resource_unit_id": "Unit",
    },
    ("rea.process", "Record an output"): {
        "action_id": "produce",
        "resource_id": "Standing desk DESK-001",
        "resource_quantity": "1",
        "resource_unit_id": "Unit",
    },
}
# Wizards opened from a menu that need matching demo values (by menu).
MENU_WIZARD_VALUES = {
    "rea_distribution_wizard_menu": {
        "context_id": "Fusta Furniture Workshop",
        "equation_id": "Workshop income sharing",
        # An amount: the income itself is distributed from the equation's
        # own Distribute button, later in the walk.
        "mode": "amount",
        "amount": "100",
    },
}
# Our /my pages: the demo member holds shares, exchanges, contributions and
# distributions, so each opens for her, linked from her home or not.
PORTAL_PAGES = [
    "/my",
    "/my/projects",
    "/my/shares",
    "/my/capital_release_requests",
    "/my/exchanges",
    "/my/contributions",
    "/my/distributions",
    "/my/skills",
    "/projects",
]

# Operations on the demo holder's shares, made through the form and carried
# out with its buttons: (type, holder, receiver, share type, converted-to
# share type, quantity). Share B is for companies only: Coop Energia converts
# its four B shares (the forced minimum) into twenty A shares.
SHARE_OPERATIONS = [
    ("Transfer", "Ada Lovelace", "Marta Soler", "Share A", None, "1"),
    ("Conversion", "Coop Energia", None, "Share B", "Share A", "4"),
    ("Sell-back", "Ada Lovelace", None, "Share A", None, "1"),
]

ROLES = [
    ("portal", "portal", "portal"),
    ("coordinator", "coordinator", "coordinator"),
    ("cooperative-user", "cooperative", "cooperative"),
    ("manager", "admin", "admin"),
]


class Walk(object):
    """One role's walk through the back office."""

    def __init__(self, clicker, admin, user):
        self.clicker = clicker
        self.admin = admin
        self.user = user
        self.pressed = set()

    def record_income(self):
        """A sale paid to the workshop, so that each role has income of its
        own to distribute (the roles before it distributed theirs)."""
        env = self.admin.env
        exchange = env["rea.exchange"].create(
            {
                "exchange_type_id": env.ref("rea_exchanges.exchange_type_sale_fiat").id,
                "context_id": env.ref("rea_base.res_partner_workshop_demo").id,
                "provider_id": env.ref("rea_base.res_partner_workshop_demo").id,
                "receiver_id": env.ref(
                    "rea_value_distribution.res_partner_school_demo"
                ).id,
                # The role's name: reading its user over RPC reads every field,
                # some of which it may not read.
                "note": "Shelves sold while the %s clicked through" % self.clicker.role,
            }
        )
        transfer = env["rea.transfer"].create(
            {
                "exchange_id": exchange,
                "transfer_type_id": env.ref(
                    "rea_exchanges.transfer_type_sale_fiat_payment"
                ).id,
            }
        )
        env["rea.transfer"].record_event([transfer], 300.0)

    # -- discovery (what the role may see; the clicking is in the browser) --

    def our_menus(self):
        rows = self.admin.env["ir.model.data"].search_read(
            [("model", "=", "ir.ui.menu"), ("module", "=like", "rea\\_%")],
            ["res_id", "module", "name"],
        )
        xmlids = {row["res_id"]: "%s.%s" % (row["module"], row["name"]) for row in rows}
        # ir.ui.menu.search hides the menus of groups the user is not in.
        visible = self.user.env["ir.ui.menu"].search([("id", "in", list(xmlids))])
        menus = self.user.env["ir.ui.menu"].read(visible, ["complete_name", "action"])
        menus.sort(key=lambda menu: menu["complete_name"])
        return [(menu, xmlids[menu["id"]]) for menu in menus if menu["action"]]

    def demo_records(self):
        rows = self.admin.env["ir.model.data"].search_read(
            [("module", "=like", "rea\\_%")], ["model", "res_id", "module", "name"]
        )
        per_model = {}
        for row in rows:
            model = row["model"]
            if model.startswith("rea.") or model in EXTENDED_MODELS:
                per_model.setdefault(model, []).append(
                    (row["res_id"], "%s.%s" % (row["module"], row["name"]))
                )
        for model, domain in EXTRA_RECORDS.items():
            ids = self.admin.env[model].search(domain, limit=PER_MODEL)
            per_model[model] = [(rid, "%s-%d" % (model, rid)) for rid in ids]
        records = []
        for model in sorted(per_model):
            wanted = dict(per_model[model])
            try:
                seen = self.user.env[model].search([("id", "in", list(wanted))])
            except (
                Exception
            ):  # noqa: B902 - no read access: the role has no such screen
                continue
            for rid in sorted(seen)[:PER_MODEL]:
                records.append((model, rid, wanted[rid]))
        return records

    # -- walking -------------------------------------------------------------

    def menus(self):
        clicker = self.clicker
        for menu, xmlid in self.our_menus():
            kind, action_id = menu["action"].split(",")
            what = "menu-%s" % xmlid.split(".", 1)[1]
            clicker.open("/web#menu_id=%d&action=%s" % (menu["id"], action_id), what)
            if self.wizard_open():
                values = MENU_WIZARD_VALUES.get(xmlid.split(".", 1)[1])
                self.run_wizard(
                    what,
                    lambda clicker, modal: self.fill_values(modal, what, values or {}),
                )
                continue
            if kind != "ir.actions.act_window":
                continue
            self.switch_views(what)

    def switch_views(self, what):
        clicker = self.clicker
        kinds = [
            button.get_attribute("data-view-type")
            for button in clicker.visible(".o_cp_switch_buttons button")
        ]
        for kind in kinds[1:] + kinds[:1] if len(kinds) > 1 else []:
            buttons = clicker.visible(
                '.o_cp_switch_buttons button[data-view-type="%s"]' % kind
            )
            if not buttons:
                clicker.note(what, "view switcher lost its %s button" % kind)
                continue
            clicker.click(buttons[0], kind)
            clicker.check("%s-%s" % (what, kind))

    def forms(self):
        for model, rid, xmlid in self.demo_records():
            what = "form-%s-%s" % (model, xmlid.split(".", 1)[-1])
            path = "/web#id=%d&model=%s&view_type=form" % (rid, model)
            self.clicker.open(path, what)
            self.press_buttons(model, path, what)

    def header_buttons(self):
        labels = []
        for button in self.clicker.visible(".o_statusbar_buttons button"):
            label = button.text.strip()
            if label in MAIN_BUTTONS:
                labels.append(label)
        return labels

    def press_buttons(self, model, path, what):
        clicker = self.clicker
        for _press in range(4):
            todo = [
                label
                for label in self.header_buttons()
                if (model, label) not in self.pressed
            ]
            if not todo:
                return
            label = todo[0]
            self.pressed.add((model, label))
            variants = WIZARD_VARIANTS.get((model, label), [("", None)])
            for number, (variant, prepare) in enumerate(variants):
                if number:
                    clicker.open(path, what, shot=False)
                button = (
                    clicker.button(
                        label,
                        clicker.driver.find_element_by_css_selector(
                            ".o_statusbar_buttons"
                        ),
                    )
                    if clicker.visible(".o_statusbar_buttons")
                    else None
                )
                if button is None:
                    clicker.note(what, "the %r button is gone" % label)
                    break
                step = "%s-%s%s" % (what, slug(label), "-" + variant if variant else "")
                if variant == "income-event":
                    self.record_income()
                clicker.click(button, label)
                clicker.confirm_if_asked()
                if self.wizard_open():
                    self.run_wizard(step, prepare)
                elif clicker.visible(".o_form_button_save"):
                    self.save_form(step, FORM_VALUES.get((model, label), {}))
                else:
                    clicker.check(step)
            clicker.open(path, what, shot=False)

    def share_operations(self):
        """Transfer, Convert and Sell back demo holders' shares."""
        clicker = self.clicker
        for kind, holder, receiver, share, share_to, quantity in SHARE_OPERATIONS:
            what = "share-operation-%s" % slug(kind)
            action = self.admin.env.ref(
                "rea_membership_shares.rea_share_operation_action"
            )
            clicker.open("/web#action=%d" % action.id, what + "-list", shot=False)
            # The list's Create, or the form's when the last operation stays open.
            buttons = ".o_list_button_add, .o-kanban-button-new, .o_form_button_create"
            clicker.wait_for(buttons, seconds=30)
            create = clicker.visible(buttons)
            if not create:
                clicker.note(what, "no Create button on the share operations")
                continue
            clicker.click(create[0], "create")
            form = clicker.wait_for(".o_form_view.o_form_editable", seconds=30)
            if form is None:
                clicker.note(what, "no new share operation form opened")
                continue
            clicker.set_field(form, "type", kind)
            filled = [clicker.set_many2one(form, "partner_id", holder)]
            if receiver:
                filled.append(clicker.set_many2one(form, "receiver_id", receiver))
            filled.append(clicker.set_many2one(form, "share_product_id", share))
            if share_to:
                filled.append(
                    clicker.set_many2one(form, "share_to_product_id", share_to)
                )
            clicker.set_field(form, "quantity", quantity)
            if not all(filled):
                clicker.note(what, "a demo value was not offered: %s" % filled)
            clicker.check(what + "-filled")
            save = clicker.visible(".o_form_button_save")
            if not save:
                continue
            clicker.click(save[0], "save")
            if not clicker.check(what + "-saved"):
                clicker.close_all_dialogs()
                continue
            for label in ("Submit", "Approve", "Execute"):
                statusbar = clicker.visible(".o_statusbar_buttons")
                button = clicker.button(label, statusbar[0]) if statusbar else None
                if button is None:
                    clicker.note(what, "no %r button on the operation" % label)
                    break
                clicker.click(button, label)
                clicker.confirm_if_asked()
                if self.wizard_open():
                    self.run_wizard("%s-%s" % (what, label))
                elif not clicker.check("%s-%s" % (what, label)):
                    break

    def wizard_open(self):
        modal = self.clicker.top_modal()
        return bool(modal and modal.find_elements_by_css_selector(".o_form_view"))

    def run_wizard(self, what, prepare=None):
        """Fill a wizard's required fields, then press its buttons in order."""
        clicker = self.clicker
        if not clicker.check(what + "-wizard"):
            clicker.close_all_dialogs()
            return
        if prepare is not None:
            prepare(clicker, clicker.top_modal())
            if not clicker.check(what + "-prepared"):
                clicker.close_all_dialogs()
                return
        pressed = set()
        for _round in range(4):
            modal = clicker.top_modal()
            if modal is None or not self.wizard_open():
                break
            clicker.fill_required(modal)
            clicker.upload_files(modal)
            footer = modal.find_elements_by_css_selector(".modal-footer")
            buttons = [
                button
                for button in clicker.visible("button", footer[0] if footer else modal)
                if button.text.strip()
                and button.text.strip() not in NOT_PRESSED
                and button.text.strip() not in pressed
            ]
            if not buttons:
                break
            label = buttons[0].text.strip()
            pressed.add(label)
            clicker.click(buttons[0], label)
            clicker.confirm_if_asked()
            if not clicker.check("%s-%s" % (what, slug(label))):
                break
        clicker.close_all_dialogs()

    def fill_values(self, form, what, values):
        """Values a person types: many2one fields (`*_id`) by a record's name."""
        clicker = self.clicker
        for name, value in values.items():
            if name.endswith("_id"):
                if not clicker.set_many2one(form, name, value):
                    clicker.note(what, "%s: %r was not offered" % (name, value))
            elif not clicker.set_field(form, name, value):
                clicker.note(what, "no field %s to fill" % name)

    def save_form(self, what, values):
        """A button that opened a new record's form: fill it and save it."""
        clicker = self.clicker
        form = clicker.driver.find_element_by_css_selector(".o_form_view")
        self.fill_values(form, what, values)
        clicker.fill_required(form)
        clicker.check(what + "-new")
        save = clicker.visible(".o_form_button_save")
        if save:
            clicker.click(save[0], "save")
            clicker.check(what + "-saved")
        discard = clicker.visible(".o_form_button_cancel")
        if discard:
            clicker.click(discard[0], "discard")
            clicker.confirm_if_asked()


def _walk_portal(clicker):
    """Every /my page, the pages they link to, and the website's projects."""
    pending = list(PORTAL_PAGES)
    seen = set()
    for _depth in range(3):
        found = []
        for path in pending:
            if path in seen or len(seen) >= 80:
                continue
            seen.add(path)
            clicker.open(path, "page-%s" % (path.strip("/") or "home"))
            hrefs = clicker.driver.execute_script(
                "return Array.from(document.querySelectorAll('a[href]'))"
                ".map(function (a) { return a.href; })"
            )
            for href in hrefs or []:
                if not href.startswith(clicker.server.url):
                    continue
                # Sorting and filtering variants of a list are the same screen.
                local = href[len(clicker.server.url) :].split("#")[0].split("?")[0]
                if MY_LINK.match(local) and "logout" not in local:
                    found.append(local)
        pending = sorted(set(found) - seen)
    return seen


@pytest.mark.parametrize("role,login,password", ROLES, ids=[r[0] for r in ROLES])
def test_click_through(click_server, role, login, password):
    started = time.time()
    clicker = Clicker(click_server, os.path.join(ARTIFACTS, role), role)
    try:
        clicker.login(login, password)
        if role == "portal":
            pages = _walk_portal(clicker)
            assert any(page.startswith("/my/") for page in pages), pages
        else:
            admin = rpc_client(click_server)
            user = (
                admin if login == "admin" else rpc_client(click_server, login, password)
            )
            walk = Walk(clicker, admin, user)
            parts = [walk.menus, walk.forms]
            if role == "manager":
                parts.append(walk.share_operations)
            for part in parts:
                try:
                    part()
                except WebDriverException as error:
                    # A screen the walk could not handle: say where, go on.
                    clicker.check("stuck-in-%s" % part.__name__)
                    clicker.note(part.__name__, "the walk stopped: %s" % error.msg)
    finally:
        clicker.quit()
        summary = "%s: %d screens in %ds, %d problems (screenshots in %s)" % (
            role,
            len(clicker.screens),
            time.time() - started,
            len(clicker.problems),
            clicker.folder,
        )
        print(summary)
        lines = [summary] + [str(problem) for problem in clicker.problems]
        with open(os.path.join(clicker.folder, "problems.txt"), "w") as report:
            report.write("\n".join(lines) + "\n")
    assert not clicker.problems, "\n".join(lines)
