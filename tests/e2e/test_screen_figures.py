"""Figures as a person reads them in the browser, written by our JavaScript.

The server's formatting is tested in the addons; these two screens compute
their figures in the browser: the website share form's total (price x number
of shares, while typing) and the events pivot (sums per unit, none across
units). Screenshots land in .data/artifacts/e2e/figures-*/.
"""

import contextlib
import os

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import Select, WebDriverWait

from clicker import Clicker
from rpc import rpc_client

NBSP = "\u00a0"


def _money(amount, currency):
    """An amount as Odoo writes it in English: 1,234.50 with its symbol."""
    text = "{:,.{}f}".format(amount, currency["decimal_places"])
    if currency["position"] == "before":
        return currency["symbol"] + NBSP + text
    return text + NBSP + currency["symbol"]


def _quantity(value, fmt):
    """A sum as rea_quantity writes it: the unit's decimals, trailing zeros
    dropped unless it is money; no figure where nothing was summed (every
    quantity of the group empty: work, use)."""
    if value is False:
        return ""
    digits = fmt["digits"] if fmt else 8
    text = "{:,.{}f}".format(value or 0.0, digits)
    if not (fmt and fmt["money"]) and "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@contextlib.contextmanager
def _manager_screen(server, artifacts, name, path, ready_css):
    """A manager's browser on one back-office screen, loaded and settled;
    it fails the test on any problem the screen showed."""
    clicker = Clicker(server, os.path.join(artifacts, "figures-" + name), "manager")
    try:
        clicker.login("admin", "admin")
        clicker.open(path, name)
        clicker.wait_for(ready_css)
        clicker.settle()
        yield clicker
        assert not clicker.problems, "\n".join(str(p) for p in clicker.problems)
    finally:
        clicker.quit()


def test_share_form_total_while_typing(click_server, artifacts):
    env = rpc_client(click_server).env
    clicker = Clicker(
        click_server, os.path.join(artifacts, "figures-visitor"), "visitor"
    )
    try:
        clicker.open("/become_cooperator", "share-form")
        select = Select(clicker.wait_for("select.o_rea_shares_type"))
        checked = 0
        for option in list(select.options):
            product_id = int(option.get_attribute("value"))
            product = env["product.product"].read(
                [product_id], ["lst_price", "currency_id"]
            )[0]
            currency = env["res.currency"].read(
                [product["currency_id"][0]], ["symbol", "position", "decimal_places"]
            )[0]
            select.select_by_value(str(product_id))
            # The type's current figures come from the server (jQuery ajax).
            WebDriverWait(clicker.driver, 60).until(
                lambda driver: driver.execute_script(
                    "return !window.jQuery || jQuery.active === 0"
                )
            )
            quantity = clicker.driver.find_element_by_css_selector(
                "input.o_rea_shares_quantity"
            )
            if quantity.get_attribute("type") == "hidden":
                continue  # the form subscribes the minimum: nothing to type
            quantity.clear()
            quantity.send_keys("12")
            # WebDriver reads a no-break space as a space.
            expected = _money(product["lst_price"] * 12, currency).replace(NBSP, " ")
            total = clicker.driver.find_element_by_css_selector(".o_rea_shares_total")
            try:
                WebDriverWait(clicker.driver, 30).until(
                    lambda driver: total.text.strip() == expected
                )
            except TimeoutException:
                raise AssertionError(
                    "%s: total %r, expected %r" % (option.text, total.text, expected)
                )
            checked += 1
        clicker.check("share-form-total")
        assert checked, "no share type on the website form"
        assert not clicker.problems, "\n".join(str(p) for p in clicker.problems)
    finally:
        clicker.quit()


def test_events_pivot_sums_per_unit(click_server, artifacts):
    env = rpc_client(click_server).env
    groups = env["rea.event"].read_group(
        [], ["resource_quantity", "resource_unit_id"], ["resource_unit_id"], lazy=False
    )
    expected = {}
    for group in groups:
        name = (
            group["resource_unit_id"][1] if group["resource_unit_id"] else "Undefined"
        )
        fmt = (group.get("__rea_formats") or {}).get("resource_quantity")
        expected[name] = _quantity(group["resource_quantity"], fmt)
    assert len(expected) > 1, "the demo events should be in several units"
    with _manager_screen(
        click_server,
        artifacts,
        "pivot",
        "/web#action=rea_base.rea_event_action&view_type=pivot",
        "table.o_pivot_table, .o_pivot table",
    ) as clicker:
        rows = clicker.driver.execute_script("""
            var rows = [];
            document.querySelectorAll('.o_pivot table tbody tr').forEach(function (tr) {
                var head = tr.querySelector('td');
                var values = tr.querySelectorAll('td.o_pivot_cell_value');
                rows.push([
                    head ? head.textContent.trim() : '',
                    values.length ? values[values.length - 1].textContent.trim() : null,
                ]);
            });
            return rows;
            """)
        clicker.check("events-pivot-figures")
        shown = dict(rows)
        # The grand total adds several units: it stays empty.
        assert rows and rows[0][1] == "", rows[:3]
        for name, text in expected.items():
            assert shown.get(name) == text, (name, shown.get(name), text)


def _overlap(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_cooperative_settings_layout(click_server, artifacts):
    """Each checkbox sits on its label's line; no two fields overlap."""
    with _manager_screen(
        click_server,
        artifacts,
        "settings",
        "/web#action=rea_membership_shares.action_share_settings",
        '.app_settings_block[data-key="rea_membership_shares"]',
    ) as clicker:
        boxes = clicker.driver.execute_script("""
            var block = document.querySelector(
                '.app_settings_block[data-key="rea_membership_shares"]');
            function box(el) {
                var r = el.getBoundingClientRect();
                return {x: r.left, y: r.top, width: r.width, height: r.height};
            }
            var result = {checks: [], fields: []};
            block.querySelectorAll('.o_setting_box').forEach(function (setting) {
                var check = setting.querySelector(
                    '.o_setting_left_pane .o_field_boolean');
                var label = setting.querySelector('.o_setting_right_pane label');
                if (check && label) {
                    result.checks.push(
                        [label.textContent.trim(), box(check), box(label)]);
                }
            });
            block.querySelectorAll('.o_field_widget').forEach(function (el) {
                var nested = el.closest('.o_field_widget.o_field_one2many');
                if (el.offsetParent !== null && !nested) {
                    var name = el.getAttribute('name') || el.className;
                    result.fields.push([name, box(el)]);
                }
            });
            return result;
            """)
        clicker.check("settings-layout")
        assert len(boxes["checks"]) >= 3, boxes["checks"]
        assert len(boxes["fields"]) >= 10, boxes["fields"]
        for label, check, text in boxes["checks"]:
            # Same line: the checkbox's middle lies within the label's height,
            # and the label starts to its right, close by.
            middle = check["y"] + check["height"] / 2
            assert text["y"] - 4 <= middle <= text["y"] + text["height"] + 4, label
            assert 0 <= text["x"] - (check["x"] + check["width"]) <= 60, label
        fields = [
            (name, b) for name, b in boxes["fields"] if b["width"] and b["height"]
        ]
        for i, (name, one) in enumerate(fields):
            for other_name, other in fields[i + 1 :]:
                assert not _overlap(one, other), (name, other_name, one, other)
