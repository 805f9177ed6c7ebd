"""A member's journey in a real headless Chromium, with a screenshot per step.

A visitor finds a project, asks to join and confirms her e-mail; a coordinator
logs into the back office and accepts her; she signs up through her invitation,
subscribes shares on the website, and once the coordinator has validated the
request and the payment arrived, she sees her shares, the certificate and her
exchanges under /my. Screenshots land in .data/artifacts/e2e/.
"""

import os
import time
import urllib.parse

import pytest
import requests
from selenium.webdriver.support.ui import Select, WebDriverWait

from clicker import chrome
from rpc import pay_by_bank, rpc_client

SLUG = "garden-coop-%d" % os.getpid()
EMAIL = "nuria.garden.%d@example.org" % os.getpid()
WAIT = 300


def _path(url):
    """The path and query of a link the server built with its own base URL."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


class Person(object):
    """One person at one browser, taking numbered screenshots of each step."""

    def __init__(self, server, artifacts, name):
        self.driver = chrome("1280,1400")
        self.driver.set_page_load_timeout(WAIT)
        self.server = server
        self.artifacts = artifacts
        self.name = name

    def open(self, path):
        self.driver.get(self.server.url + path)

    def find(self, css):
        return WebDriverWait(self.driver, WAIT).until(
            lambda driver: driver.find_element_by_css_selector(css)
        )

    def find_button(self, label):
        xpath = "//button[normalize-space()='%s']" % label
        return WebDriverWait(self.driver, WAIT).until(
            lambda driver: driver.find_element_by_xpath(xpath)
        )

    def wait_text(self, text):
        WebDriverWait(self.driver, WAIT).until(
            lambda driver: text in driver.find_element_by_tag_name("body").text
        )

    def fill(self, name, value):
        field = self.find('[name="%s"]' % name)
        if field.tag_name == "select":
            Select(field).select_by_value(str(value))
        elif field.get_attribute("type") == "date":
            # Typing into a date input depends on the browser's locale.
            self.driver.execute_script(
                "arguments[0].value = arguments[1]", field, value
            )
        else:
            field.clear()
            field.send_keys(value)

    def submit(self, form_css="form"):
        self.find(form_css + ' button[type="submit"]').click()

    def shot(self, step):
        path = os.path.join(self.artifacts, "%s-%s.png" % (step, self.name))
        assert self.driver.save_screenshot(path), path
        return path

    def login(self, login, password):
        self.open("/web/login")
        self.fill("login", login)
        self.fill("password", password)
        self.submit("form.oe_login_form")
        WebDriverWait(self.driver, WAIT).until(
            lambda driver: "/web/login" not in driver.current_url
        )

    def session(self):
        """The browser's cookies in a requests session (to fetch a PDF)."""
        session = requests.Session()
        for cookie in self.driver.get_cookies():
            session.cookies.set(cookie["name"], cookie["value"])
        return session

    def quit(self):
        self.driver.quit()


@pytest.fixture
def people(demo_server, artifacts):
    started = []

    def start(name):
        person = Person(demo_server, artifacts, name)
        started.append(person)
        return person

    yield start
    for person in started:
        person.quit()


def _setup_project(env):
    """The coordinator's project: moderated, one question, one share type."""
    services = env["rea.project.service"].search(
        [("code", "in", ["exchanges", "shares", "skills"])]
    )
    project_id = env["rea.project"].create(
        {
            "name": "Garden Coop",
            "slug": SLUG,
            "join_style": "moderated",
            "visibility": "public",
            "auto_create_user": True,
            "service_ids": [(6, 0, services)],
            "question_ids": [
                (
                    0,
                    0,
                    {
                        "name": "What would you like to grow?",
                        "question_type": "char",
                        "required": True,
                    },
                )
            ],
        }
    )
    project = env["rea.project"].browse(project_id)
    coordinator = env.ref("rea_projects.res_partner_coordinator_demo")
    env["rea.agent.relationship"].create(
        {
            "subject_id": coordinator.id,
            "object_id": project.partner_id.id,
            "type_id": env.ref("rea_base.relationship_type_manager").id,
            "state": "active",
        }
    )
    transfer = env.ref("payment.payment_acquirer_transfer")
    transfer.write({"website_published": True})
    project.write({"share_acquirer_ids": [(6, 0, [transfer.id])]})
    env["product.template"].create(
        {
            "name": "Garden share",
            "is_share": True,
            "share_project_id": project_id,
            "list_price": 20.0,
            "share_min_quantity": 1,
            "share_on_website": True,
            "share_default": True,
        }
    )
    return project


def _wait_for(read, expected, seconds=WAIT):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = read()
        if value == expected:
            return value
        time.sleep(1)
    assert read() == expected


def test_member_journey(demo_server, clean_server_log, people):
    client = rpc_client(demo_server)
    env = client.env
    project = _setup_project(env)
    question = project.question_ids[0]
    join_requests = env["rea.join.request"]

    # 1. A visitor finds the project and asks to join.
    nuria = people("member")
    nuria.open("/projects")
    nuria.find('a[href="/projects/%s"]' % SLUG).click()
    nuria.wait_text("Garden Coop")
    nuria.shot("01-project-page")
    nuria.fill("name", "Núria Garden")
    nuria.fill("email", EMAIL)
    nuria.fill(question.get_field_name(), "Tomatoes and beans")
    nuria.shot("02-join-form-filled")
    nuria.submit("form.o_rea_projects_join_form")
    nuria.find(".o_rea_projects_thanks")
    nuria.shot("03-join-request-sent")
    request_ids = join_requests.search(
        [("email", "=", EMAIL), ("project_id", "=", project.id)]
    )
    assert len(request_ids) == 1
    join_request = join_requests.browse(request_ids[0])

    # 2. She confirms her e-mail with the link she received.
    nuria.open(_path(join_request.get_confirmation_url()))
    nuria.shot("04-email-confirmed")
    _wait_for(lambda: join_requests.read(request_ids, ["state"])[0]["state"], "pending")

    # 3. The coordinator logs into the back office and accepts her.
    clara = people("coordinator")
    clara.login("coordinator", "coordinator")
    clara.open("/web#id=%d&model=rea.join.request&view_type=form" % join_request.id)
    clara.wait_text("Tomatoes and beans")
    clara.shot("05-join-request-to-review")
    clara.find_button("Accept").click()
    _wait_for(
        lambda: join_requests.read(request_ids, ["state"])[0]["state"], "accepted"
    )
    clara.open("/web#id=%d&model=rea.join.request&view_type=form" % join_request.id)
    clara.wait_text("Accepted")
    clara.shot("06-join-request-accepted")

    # 4. She signs up through her invitation (no password was ever mailed).
    partner = join_requests.read(request_ids, ["partner_id"])[0]["partner_id"]
    signup_url = env["res.partner"].read([partner[0]], ["signup_url"])[0]["signup_url"]
    nuria.open(_path(signup_url))
    nuria.fill("password", "garden-2026")
    nuria.fill("confirm_password", "garden-2026")
    nuria.shot("07-signup")
    nuria.submit("form.oe_signup_form")
    WebDriverWait(nuria.driver, WAIT).until(
        lambda driver: "/web/signup" not in driver.current_url
    )

    # 5. She subscribes shares on the project's website.
    nuria.open("/projects/%s/shares" % SLUG)
    nuria.find('form button[type="submit"]')
    values = {
        "firstname": "Núria",
        "lastname": "Garden",
        "birthdate": "1990-05-01",
        "gender": "female",
        "street": "Carrer dels Horts 3",
        "zip_code": "08002",
        "city": "Barcelona",
        "country_id": env.ref("base.es").id,
        "iban": "ES9121000418450200051332",
        "quantity": "3",
    }
    for name, value in values.items():
        nuria.fill(name, value)
    for box in nuria.driver.find_elements_by_css_selector(
        'input[type="checkbox"][name$="_approved"]'
    ):
        if not box.is_selected():
            box.click()
    nuria.shot("08-share-form-filled")
    nuria.find('form button[type="submit"]').click()
    nuria.wait_text("Thank you")
    nuria.shot("09-shares-requested")

    # 6. The coordinator validates the request; the bank transfer arrives.
    subscriptions = env["rea.subscription.request"]
    subscription_ids = subscriptions.search([("email", "=", EMAIL)])
    assert len(subscription_ids) == 1
    subscriptions.browse(subscription_ids).action_validate()
    subscription = subscriptions.read(subscription_ids, ["invoice_id", "partner_id"])[0]
    pay_by_bank(env, subscription["partner_id"][0], subscription["invoice_id"][0], 60.0)
    assert subscriptions.read(subscription_ids, ["state"])[0]["state"] == "paid"

    # 7. She sees her shares, the certificate and her exchanges.
    nuria.open("/my/shares")
    nuria.wait_text("Garden share")
    nuria.shot("10-my-shares")
    certificate = nuria.find('a[href^="/my/shares/certificate"]')
    pdf = nuria.session().get(certificate.get_attribute("href"), timeout=WAIT)
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"].startswith("application/pdf")
    assert pdf.content.startswith(b"%PDF")
    nuria.open("/my/exchanges")
    nuria.wait_text("Garden Coop")
    nuria.shot("11-my-exchanges")
    shots = [name for name in os.listdir(nuria.artifacts) if name.endswith(".png")]
    assert len(shots) >= 11
