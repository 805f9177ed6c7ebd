"""A person at a headless Chromium who clicks through the web client and
notes everything that goes wrong (not a test module).

Each screen is saved as `NNN-<what>.png` in the role's folder; after each
screen the browser is checked for server error dialogs, warning
notifications, console errors and HTTP 4xx/5xx answers, and the server log
for errors and tracebacks. Problems are collected, not raised, so one run
lists all of them.
"""

import json
import os
import re
import shutil
import time

from selenium import webdriver
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 120
# The web client is busy while RPCs run (`oe_wait` on its root) or the UI is
# blocked; a page is settled when neither holds for a short while.
IDLE_JS = """
return document.readyState === 'complete'
    && !document.querySelector('.oe_wait')
    && !document.querySelector('.blockUI')
    && !document.querySelector('.o_loading:not([style*="none"])');
"""
# Server errors reach the web client as these two dialogs (CrashManager).
ERROR_DIALOGS_JS = """
var found = [];
document.querySelectorAll('.modal').forEach(function (modal) {
    var body = modal.querySelector('.o_dialog_warning, .o_dialog_error');
    if (!body || modal.dataset.clickSeen) { return; }
    modal.dataset.clickSeen = '1';
    var title = modal.querySelector('.modal-title');
    var text = body.classList.contains('o_dialog_error')
        ? Array.from(body.querySelectorAll('.o_error_detail pre'))
              .map(function (pre) { return pre.textContent; }).join('\\n')
        : body.innerText;
    found.push([title ? title.innerText : '', text]);
});
document.querySelectorAll('.o_notification').forEach(function (note) {
    if (note.dataset.clickSeen || !note.querySelector('.fa-exclamation')) { return; }
    note.dataset.clickSeen = '1';
    found.push(['warning notification', note.innerText]);
});
return found;
"""
CLOSE_BUTTONS = ("Cancel", "Close", "Discard", "Ok", "OK")
# Records a many2one offers, without "Search More..." and "Create and Edit...".
CHOICES = ".ui-autocomplete li:not(.o_m2o_dropdown_option) a"
NOISE = (
    # Chromium asks for a favicon the backend does not serve at that path.
    "favicon.ico",
)


def slug(text):
    return re.sub(r"[^A-Za-z0-9_.]+", "-", text).strip("-")[:80] or "screen"


class Problem(object):
    def __init__(self, number, screen, kind, text, shot):
        self.number = number
        self.screen = screen
        self.kind = kind
        self.text = text
        self.shot = shot

    def __str__(self):
        text = re.sub(r"\s+", " ", self.text).strip()
        if len(text) > 600:
            text = text[:600] + " …"
        return "[%03d] %s | %s: %s | screenshot %s" % (
            self.number,
            self.screen,
            self.kind,
            text,
            self.shot,
        )


def chrome(window_size, logs=False):
    """A headless Chromium (the machine's, through chromedriver) in English;
    with logs, its console and network logs can be read."""
    options = Options()
    options.binary_location = shutil.which("chromium")
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=%s" % window_size,
        "--lang=en-US",
    ):
        options.add_argument(argument)
    if logs:
        options.set_capability(
            "goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"}
        )
    return webdriver.Chrome(
        executable_path=shutil.which("chromedriver"), options=options
    )


class Clicker(object):
    """One role's browser: numbered screenshots and the problems they showed."""

    def __init__(self, server, folder, role):
        self.server = server
        self.folder = folder
        self.role = role
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        self.number = 0
        self.problems = []
        self.screens = []
        self.log_offset = server.log_size()
        self.driver = chrome("1366,1000", logs=True)
        self.driver.set_page_load_timeout(WAIT)

    # -- waiting -----------------------------------------------------------

    def settle(self, seconds=WAIT):
        """Wait until the page and the web client's RPCs are done."""
        deadline = time.time() + seconds
        calm = 0
        while time.time() < deadline:
            try:
                idle = self.driver.execute_script(IDLE_JS)
            except WebDriverException:
                idle = False
            calm = calm + 1 if idle else 0
            if calm >= 2:
                return True
            time.sleep(0.1)
        return False

    def wait_for(self, css, seconds=WAIT):
        try:
            return WebDriverWait(self.driver, seconds).until(
                lambda driver: driver.find_element_by_css_selector(css)
            )
        except TimeoutException:
            return None

    def visible(self, css, root=None):
        root = root or self.driver
        found = []
        for element in root.find_elements_by_css_selector(css):
            try:
                if element.is_displayed():
                    found.append(element)
            except StaleElementReferenceException:
                continue
        return found

    # -- checking ----------------------------------------------------------

    def _console_errors(self):
        errors = []
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            return errors
        for entry in entries:
            if entry.get("level") != "SEVERE":
                continue
            message = entry.get("message", "")
            if any(noise in message for noise in NOISE):
                continue
            errors.append(message)
        return errors

    def _http_errors(self):
        errors = []
        try:
            entries = self.driver.get_log("performance")
        except WebDriverException:
            return errors
        for entry in entries:
            try:
                message = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            if message.get("method") != "Network.responseReceived":
                continue
            response = message["params"]["response"]
            url = response.get("url", "")
            if response.get("status", 0) >= 400 and not any(
                noise in url for noise in NOISE
            ):
                errors.append("HTTP %s %s" % (response["status"], url))
        return errors

    def check(self, what, shot=True):
        """Screenshot the screen, then note every problem it shows.

        With shot=False (a screen seen before, opened again) the screenshot
        is only taken when something went wrong.
        """
        self.settle()
        dialogs = []
        try:
            dialogs = self.driver.execute_script(ERROR_DIALOGS_JS) or []
        except WebDriverException as error:
            dialogs = [["page unreadable", str(error)]]
        found = []
        for title, text in dialogs:
            found.append(("error dialog", "%s: %s" % (title, _error_digest(text))))
        for text in self._console_errors():
            # The web client logs each server error it shows in a dialog.
            if dialogs and "Server application error" in text:
                continue
            # An HTTP error is reported once, as such, below.
            if "Failed to load resource: the server responded" in text:
                continue
            found.append(("browser console", text))
        found.extend(("http", text) for text in self._http_errors())
        offset = self.server.log_size()
        for text in self.server.problems_since(self.log_offset):
            found.append(("server log", text))
        self.log_offset = offset
        if not shot and not found:
            return True
        self.number += 1
        shot = os.path.join(self.folder, "%03d-%s.png" % (self.number, slug(what)))
        try:
            self.driver.save_screenshot(shot)
        except WebDriverException:
            shot = "(no screenshot)"
        self.screens.append(shot)
        for kind, text in found:
            self.problems.append(Problem(self.number, what, kind, text, shot))
        self.close_error_dialogs()
        return not found

    def note(self, what, text):
        """A problem the walk itself found (a button missing, a page stuck)."""
        self.problems.append(
            Problem(self.number, what, "click-through", text, "(see the previous)")
        )

    def close_error_dialogs(self):
        for modal in self.visible(".modal"):
            try:
                if not modal.find_elements_by_css_selector(
                    ".o_dialog_warning, .o_dialog_error"
                ):
                    continue
                buttons = self.visible(".modal-footer button", modal) or self.visible(
                    "button.close", modal
                )
                if buttons:
                    buttons[0].click()
            except WebDriverException:
                continue
        self.settle()

    def close_all_dialogs(self):
        for _attempt in range(5):
            modals = self.visible(".modal")
            if not modals:
                return
            try:
                closers = self.visible("button.close", modals[-1])
                if closers:
                    closers[0].click()
                else:
                    modals[-1].send_keys(Keys.ESCAPE)
            except WebDriverException:
                pass
            self.settle()

    # -- moving around -----------------------------------------------------

    def open(self, path, what, shot=True):
        """Open a URL (a hash change keeps the web client loaded) and check it."""
        self.close_all_dialogs()
        try:
            self.driver.get(self.server.url + path)
        except TimeoutException:
            self.note(what, "the page %s did not load in %ss" % (path, WAIT))
        if "/web" in path:
            self.wait_for(".o_main_navbar, .o_main, .o_web_client", seconds=60)
        return self.check(what, shot)

    def login(self, login, password):
        self.driver.get(self.server.url + "/web/login")
        self.wait_for('input[name="login"]')
        self.driver.find_element_by_name("login").send_keys(login)
        self.driver.find_element_by_name("password").send_keys(password)
        self.driver.find_element_by_css_selector(
            'form.oe_login_form button[type="submit"]'
        ).click()
        WebDriverWait(self.driver, WAIT).until(
            lambda driver: "/web/login" not in driver.current_url
        )
        self.check("login-%s" % login)

    def click(self, element, what):
        try:
            element.click()
        except WebDriverException:
            # Covered by a sticky header or a tooltip: click it the DOM way.
            self.driver.execute_script("arguments[0].click()", element)
        self.settle()
        return what

    def button(self, label, root=None):
        for element in self.visible("button", root):
            try:
                if element.text.strip() == label:
                    return element
            except StaleElementReferenceException:
                continue
        return None

    def top_modal(self):
        modals = self.visible(".modal")
        return modals[-1] if modals else None

    def confirm_if_asked(self):
        """A `confirm=` question opens a dialog without a form: say Ok."""
        modal = self.top_modal()
        if modal is None or modal.find_elements_by_css_selector(
            ".o_form_view, .o_dialog_warning, .o_dialog_error"
        ):
            return False
        ok = self.button("Ok", modal) or self.button("OK", modal)
        if ok is None:
            return False
        self.click(ok, "confirm")
        return True

    def fill_required(self, root, values=None):
        """Give each empty required field of a form a demo value."""
        values = values or {}
        for name, value in values.items():
            self.set_field(root, name, value)
        for widget in self.visible(".o_required_modifier", root):
            try:
                self._fill_widget(widget)
            except WebDriverException:
                continue

    def set_field(self, root, name, value):
        fields = self.visible('[name="%s"]' % name, root)
        if not fields:
            return False
        field = fields[0]
        if field.tag_name == "select":
            Select(field).select_by_visible_text(value)
            return True
        radios = field.find_elements_by_css_selector('input[type="radio"]')
        if radios:
            for radio in radios:
                if radio.get_attribute("data-value") == value:
                    self.click(radio, "radio")
                    return True
            return False
        target = field
        if field.tag_name not in ("input", "textarea"):
            inputs = field.find_elements_by_css_selector("input, textarea")
            if not inputs:
                return False
            target = inputs[0]
        target.clear()
        target.send_keys(str(value))
        target.send_keys(Keys.TAB)
        self.settle()
        return True

    def set_many2one(self, root, name, text):
        """Type a name into a many2one and pick the first match offered."""
        fields = self.visible('[name="%s"] input' % name, root)
        if not fields:
            return False
        fields[0].clear()
        fields[0].send_keys(text)
        self.settle()
        time.sleep(0.5)  # the autocomplete waits a moment after typing
        self.settle()
        for item in self.visible(CHOICES):
            if text.lower() in item.text.lower():
                item.click()
                self.settle()
                return True
        return False

    def read_number(self, root, name):
        """The number a form shows in a field (read-only or not)."""
        fields = self.visible('[name="%s"]' % name, root)
        if not fields:
            return None
        text = fields[0].get_attribute("value") or fields[0].text
        text = re.sub(r"[^0-9.\-]", "", (text or "").replace(",", ""))
        try:
            return float(text)
        except ValueError:
            return None

    def _fill_widget(self, widget):
        classes = widget.get_attribute("class") or ""
        if widget.tag_name == "select":
            select = Select(widget)
            if select.first_selected_option.get_attribute("value") in ("", "false"):
                for option in select.options:
                    if option.get_attribute("value") not in ("", "false"):
                        select.select_by_value(option.get_attribute("value"))
                        break
            return
        if "o_field_many2one" in classes:
            field = widget.find_element_by_css_selector("input")
            if field.get_attribute("value"):
                return
            field.click()
            self.settle()
            items = self.visible(CHOICES)
            if not items:
                field.send_keys(Keys.ARROW_DOWN)
                self.settle()
                items = self.visible(CHOICES)
            if items:
                items[0].click()
            self.settle()
            return
        if "o_field_binary_file" in classes:
            if widget.find_elements_by_css_selector(".o_form_binary_file_delete"):
                return
            upload = widget.find_element_by_css_selector('input[type="file"]')
            upload.send_keys(self.upload_file())
            self.settle()
            return
        if widget.tag_name in ("input", "textarea"):
            field = widget
        else:
            found = widget.find_elements_by_css_selector("input, textarea")
            if not found:
                return
            field = found[0]
        if field.get_attribute("type") in ("checkbox", "radio", "file"):
            return
        if field.get_attribute("value") not in ("", None):
            return
        if "o_datepicker" in classes or "o_datepicker_input" in (
            field.get_attribute("class") or ""
        ):
            return  # dates default to today in our wizards
        numeric = any(
            kind in classes
            for kind in ("o_field_float", "o_field_integer", "o_field_monetary")
        )
        field.send_keys("1" if numeric else "Demo")
        field.send_keys(Keys.TAB)
        self.settle()

    def upload_files(self, root):
        """Give each empty file field of a form (an import's file) a file."""
        for widget in self.visible(".o_field_binary_file", root):
            try:
                names = widget.find_elements_by_css_selector("input.o_input")
                if names and names[0].get_attribute("value"):
                    continue
                upload = widget.find_element_by_css_selector('input[type="file"]')
                upload.send_keys(self.upload_file())
            except WebDriverException:
                continue
            self.settle()

    def upload_file(self):
        """A ValueFlows file the demo ships, for the import wizard."""
        here = os.path.dirname(os.path.abspath(__file__))
        return os.path.join(
            os.path.dirname(os.path.dirname(here)),
            "rea_valueflows",
            "demo",
            "seed_library.jsonld",
        )

    def quit(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass


def _error_digest(text):
    """The message of a server error and the last line of its traceback."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) <= 4:
        return " / ".join(lines)
    return " / ".join(lines[:2] + ["…"] + lines[-2:])


__all__ = ["Clicker", "NoSuchElementException", "Problem", "slug"]
