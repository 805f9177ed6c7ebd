"""The people and records the permission matrix checks (not a test module).

Everything is built as admin over JSON-RPC in two projects, A and B, each with
its own coordinator, so that "inside" and "outside" a role's scope are real
records of the served database and no demo id is relied upon:

- A's records involve the portal member as agent (their membership, their
  events, their subscription request) and are coordinated by the coordinator;
- B's records belong to project B, coordinated by another user, with other
  agents;
- the candidate is a portal user whose only tie is a pending join request to A.

Models without a context (types, settings) get one record, scope ``any``.
"""

import datetime
import itertools
import time
from xml.etree import ElementTree

import requests

ACCESS_ERRORS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.AccessDenied",
    "odoo.http.SessionExpiredException",
)
REFUSALS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.Warning",
    "odoo.exceptions.RedirectWarning",
)


class RpcFault(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name") or error.get("message", "?")
        self.text = (data.get("message") or error.get("message") or "").strip()
        super(RpcFault, self).__init__("%s: %s" % (self.name, self.text))

    @property
    def outcome(self):
        if self.name in ACCESS_ERRORS:
            return "deny"
        if self.name in REFUSALS:
            return "refused"
        return "error"


class Session(object):
    """A browser-like JSON-RPC session (/web/dataset/call_kw), or anonymous."""

    def __init__(self, server, login=None, password=None):
        self.url = server.url
        self.http = requests.Session()
        self.login = login or "(anonymous)"
        if login:
            result = self._post(
                "/web/session/authenticate",
                {"db": server.dbname, "login": login, "password": password},
            )
            assert result.get("uid"), "login as %s failed" % login

    def _post(self, path, params):
        answer = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=300,
        ).json()
        if answer.get("error"):
            raise RpcFault(answer["error"])
        return answer.get("result")

    def call(self, model, method, *args, **kwargs):
        return self._post(
            "/web/dataset/call_kw/%s/%s" % (model, method),
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def attempt(self, model, method, *args, **kwargs):
        """(outcome, detail): allow, deny (access refused), refused
        (a business rule said no after access was granted) or error."""
        try:
            return "allow", self.call(model, method, *args, **kwargs)
        except RpcFault as fault:
            return fault.outcome, str(fault)[:200]


class World(object):
    """Ids of the users and records, built by admin."""

    ROLES = (
        "manager",
        "share_user",
        "coordinator",
        "rea_user",
        "portal",
        "candidate",
        "public",
    )
    GROUPS = {
        # Managers and cooperative users keep contacts and bill, as in use.
        "manager": [
            "rea_base.group_rea_manager",
            "rea_membership_shares.group_share_manager",
            "base.group_partner_manager",
            "account.group_account_invoice",
        ],
        "share_user": [
            "rea_membership_shares.group_share_user",
            "account.group_account_invoice",
        ],
        "coordinator": ["rea_projects.group_project_coordinator"],
        "coordinator_b": ["rea_projects.group_project_coordinator"],
        "rea_user": ["rea_base.group_rea_user"],
        "portal": ["base.group_portal"],
        "candidate": ["base.group_portal"],
        "member_b": ["base.group_portal"],
    }

    def __init__(self, server):
        self.server = server
        self.admin = Session(server, "admin", "admin")
        self.tag = "pm%d" % (int(time.time() * 1000) % 10**9)
        self.counter = itertools.count(1)
        self.records = {}  # model -> {scope: id}
        self.values = {}  # model -> {scope: create values}
        self.partner = {}
        self.user = {}
        self.password = {}

    # -- helpers --------------------------------------------------------
    def ref(self, xmlid):
        return self.admin.call("ir.model.data", "xmlid_to_res_id", xmlid, True)

    def create(self, model, vals):
        return self.admin.call(model, "create", vals)

    def unique(self, label):
        return "%s %s %d" % (label, self.tag, next(self.counter))

    def search_one(self, model, domain):
        ids = self.admin.call(model, "search", domain, limit=1)
        return ids[0] if ids else False

    def session(self, role):
        if role == "public":
            return Session(self.server)
        return Session(self.server, self.login(role), self.password[role])

    def login(self, role):
        return "%s-%s@example.org" % (role.replace("_", "-"), self.tag)

    # -- build ----------------------------------------------------------
    def build(self):
        for role, groups in sorted(self.GROUPS.items()):
            self.password[role] = "pw-%s-%s" % (role, self.tag)
            uid = self.create(
                "res.users",
                {
                    "name": "%s %s" % (role.replace("_", " ").title(), self.tag),
                    "login": self.login(role),
                    "email": self.login(role),
                    "password": self.password[role],
                    "groups_id": [(6, 0, [self.ref(group) for group in groups])],
                },
            )
            self.user[role] = uid
            self.partner[role] = self.admin.call(
                "res.users", "read", [uid], ["partner_id"]
            )[0]["partner_id"][0]
        self.rel_type = {
            rec["identifier"]: rec["id"]
            for rec in self.admin.call(
                "rea.agent.relationship.type", "search_read", [], ["identifier"]
            )
        }
        self.action = {
            rec["code"]: rec["id"]
            for rec in self.admin.call("rea.action", "search_read", [], ["code"])
        }
        self.project, self.context = {}, {}
        for scope in ("A", "B"):
            pid = self.create(
                "rea.project",
                {
                    "name": self.unique("Project %s" % scope),
                    "slug": "%s-%s" % (self.tag, scope.lower()),
                    "join_style": "shares",
                    "visibility": "public",
                    "email": "project-%s-%s@example.org" % (scope.lower(), self.tag),
                },
            )
            self.project[scope] = pid
            self.fixture(
                "rea.project",
                scope,
                {
                    "name": "Project %s" % scope,
                    "slug": "%s-%s-copy" % (self.tag, scope.lower()),
                    "join_style": "shares",
                    "visibility": "public",
                },
                pid,
            )
            self.context[scope] = self.admin.call(
                "rea.project", "read", [pid], ["partner_id"]
            )[0]["partner_id"][0]
        self.agent = {"A": self.partner["portal"], "B": self.partner["member_b"]}
        for role, scope in (("coordinator", "A"), ("coordinator_b", "B")):
            self.relate(self.partner[role], self.context[scope], "manager")
        self.other = self.create("res.partner", {"name": self.unique("Supplier")})
        self._build_records()
        return self

    def new_values(self, model, scope):
        """Values for one more record like the scope's (create, unlink).

        Names, slugs and e-mails are made unique; models that allow one
        record per pair get a new pair.
        """
        vals = dict(self.values.get(model, {}).get(scope) or {})
        if not vals:
            return None
        n = next(self.counter)
        for name in ("name", "code", "identifier"):
            if isinstance(vals.get(name), str):
                vals[name] = ("%s %s-%d" % (vals[name], self.tag, n))[:60]
        if isinstance(vals.get("slug"), str):
            vals["slug"] = "%s-n%d" % (self.tag, n)
        if isinstance(vals.get("email"), str):
            vals["email"] = "new-%s-%d@example.org" % (self.tag, n)
        if isinstance(vals.get("share_short_name"), str):
            vals["share_short_name"] = "N%d" % n
        if model == "rea.agent.skill":
            vals["skill_id"] = self.create(
                "product.template",
                {
                    "name": self.unique("Skill"),
                    "type": "service",
                    "rea_behavior": "work",
                },
            )
        if model == "rea.join.answer":
            vals["question_id"] = self.create(
                "rea.join.question",
                {
                    "project_id": self.project[scope],
                    "name": self.unique("Question"),
                    "question_type": "char",
                },
            )
        return vals

    def relate(self, subject, context, kind):
        return self.create(
            "rea.agent.relationship",
            {
                "subject_id": subject,
                "object_id": context,
                "type_id": self.rel_type[kind],
                "state": "active",
            },
        )

    def fixture(self, model, scope, vals, record_id=None):
        """Register a record (created from vals unless given) for a scope."""
        self.values.setdefault(model, {})[scope] = vals
        if record_id is None:
            record_id = self.create(model, dict(vals))
        self.records.setdefault(model, {})[scope] = record_id
        return record_id

    def any_record(self, model, domain=None):
        """Settings and reference data: one record, not tied to a context."""
        record_id = self.search_one(model, domain or [])
        if record_id:
            vals = self.admin.call(model, "copy_data", [record_id])
            vals = vals[0] if isinstance(vals, list) else vals
            for name in ("name", "code", "identifier", "label", "inverse_label"):
                if isinstance(vals.get(name), str):
                    vals[name] = self.unique(vals[name])[:60]
            self.fixture(model, "any", vals, record_id)

    def _build_records(self):
        today = datetime.date.today().isoformat()
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        uom = self.ref("product.product_uom_unit")
        skill = self.create(
            "product.template",
            {"name": self.unique("Skill"), "type": "service", "rea_behavior": "work"},
        )
        good = self.create(
            "product.template",
            {"name": self.unique("Good"), "type": "consu", "rea_behavior": "usable"},
        )
        for scope in ("A", "B"):
            ctx, agent, project = (
                self.context[scope],
                self.agent[scope],
                self.project[scope],
            )
            # Memberships: the member's own tie to the project.
            self.fixture(
                "rea.agent.relationship",
                scope,
                {
                    "subject_id": agent,
                    "object_id": ctx,
                    "type_id": self.rel_type["member"],
                    "state": "active",
                },
            )
            self.fixture(
                "rea.agent.skill",
                scope,
                {"partner_id": agent, "skill_id": skill, "level": "2"},
            )
            share = self.create(
                "product.template",
                {
                    "name": self.unique("Share %s" % scope),
                    "is_share": True,
                    "share_project_id": project,
                    "share_short_name": "S%s%s" % (scope, self.tag[-4:]),
                    "list_price": 10.0,
                    "share_on_website": True,
                },
            )
            share_product = self.search_one(
                "product.product", [("product_tmpl_id", "=", share)]
            )
            self.fixture(
                "rea.subscription.request",
                scope,
                {
                    "project_id": project,
                    "partner_id": agent,
                    "share_product_id": share_product,
                    "quantity": 2,
                    "source": "manual",
                    "firstname": "Matrix",
                    "lastname": scope,
                    "email": "sub-%s-%s@example.org" % (scope.lower(), self.tag),
                    "iban": "ES9121000418450200051332",
                },
            )
            # Join request: A's is the candidate's pending request.
            candidate = self.partner["candidate"] if scope == "A" else agent
            request = self.fixture(
                "rea.join.request",
                scope,
                {
                    "project_id": project,
                    "partner_id": candidate,
                    "name": self.unique("Candidate %s" % scope),
                    "email": "join-%s-%s@example.org" % (scope.lower(), self.tag),
                    "type_of_user": "individual",
                    "state": "pending",
                },
            )
            question = self.fixture(
                "rea.join.question",
                scope,
                {
                    "project_id": project,
                    "name": self.unique("Why %s" % scope),
                    "question_type": "selection",
                    "option_ids": [(0, 0, {"name": "Because"})],
                },
            )
            self.fixture(
                "rea.join.question.option",
                scope,
                {"question_id": question, "name": self.unique("Because")},
            )
            self.fixture(
                "rea.join.answer",
                scope,
                {"request_id": request, "question_id": question},
            )
            for model in ("rea.process", "rea.plan", "rea.process.specification"):
                self.fixture(
                    model,
                    scope,
                    {"name": self.unique(model.split(".")[-1]), "context_id": ctx},
                )
            resource = self.fixture(
                "rea.resource",
                scope,
                {
                    "name": self.unique("Tool %s" % scope),
                    "conforms_to_id": good,
                    "unit_id": uom,
                    "primary_accountable_id": ctx,
                },
            )
            self.fixture(
                "rea.resource.role",
                scope,
                {
                    "resource_id": resource,
                    "agent_id": agent,
                    "role_type_id": self.search_one(
                        "rea.resource.role.type", [("code", "=", "custodian")]
                    ),
                },
            )
            self.fixture(
                "rea.event",
                scope,
                {
                    "action_id": self.action["work"],
                    "provider_id": agent,
                    "receiver_id": ctx,
                    "context_id": ctx,
                    "has_point_in_time": now,
                    "effort_quantity": 2.0,
                    "input_of_id": self.records["rea.process"][scope],
                    "effort_unit_id": self.ref("product.product_uom_hour"),
                },
            )
            self.fixture(
                "rea.commitment",
                scope,
                {
                    "action_id": self.action["work"],
                    "provider_id": agent,
                    "receiver_id": ctx,
                    "context_id": ctx,
                    "effort_quantity": 3.0,
                    "input_of_id": self.records["rea.process"][scope],
                    "effort_unit_id": self.ref("product.product_uom_hour"),
                },
            )
            exchange_type = self.search_one(
                "rea.exchange.type", [("invoicing", "=", "none")]
            ) or self.search_one("rea.exchange.type", [])
            exchange = self.fixture(
                "rea.exchange",
                scope,
                {
                    "name": self.unique("Exchange %s" % scope),
                    "exchange_type_id": exchange_type,
                    "provider_id": agent,
                    "receiver_id": ctx,
                    "context_id": ctx,
                    "start_date": today,
                },
            )
            self.fixture(
                "rea.transfer",
                scope,
                {
                    "exchange_id": exchange,
                    "direction": "forward",
                    "action_id": self.action["transfer"],
                },
            )
            equation = self.fixture(
                "rea.value.equation",
                scope,
                {
                    "name": self.unique("Equation %s" % scope),
                    "context_id": ctx,
                    "percentage_behavior": "straight",
                    "payout_method": "none",
                },
            )
            bucket = self.fixture(
                "rea.value.equation.bucket",
                scope,
                {
                    "name": self.unique("Bucket %s" % scope),
                    "equation_id": equation,
                    "percentage": 100.0,
                    "filter_method": "all",
                },
            )
            self.fixture(
                "rea.value.equation.rule",
                scope,
                {
                    "bucket_id": bucket,
                    "action_id": self.action["work"],
                    "claim_type": "debt",
                    "formula": "quantity * 10",
                },
            )
            # Wizards: the values a role would fill in for this context.
            self.values.setdefault("rea.transfer.record", {})[scope] = {
                "transfer_id": self.records["rea.transfer"][scope],
                "quantity": 1.0,
                "date": now,
            }
            self.values.setdefault("rea.event.correct.wizard", {})[scope] = {
                "event_id": self.records["rea.event"][scope]
            }
            self.values.setdefault("rea.exchange.summary", {})[scope] = {
                "partner_id": ctx
            }
            self.values.setdefault("rea.vf.export.wizard", {})[scope] = {
                "context_id": ctx
            }
            self.values.setdefault("rea.subscription.create", {})[scope] = {
                "partner_id": agent,
                "project_id": project,
                "share_product_id": share_product,
                "quantity": 1,
                "date": today,
            }
            # Removing someone who does not coordinate: allowed roles get the
            # business refusal, the others an access refusal; nothing changes.
            self.values.setdefault("rea.project.coordinator.wizard", {})[scope] = {
                "project_id": self.project[scope],
                "mode": "remove",
                "partner_id": ctx,
            }
            self.values.setdefault("rea.distribution.wizard", {})[scope] = {
                "context_id": ctx,
                "equation_id": equation,
                "date": today,
            }
        # Lines of the distribution wizard: only the anonymous visitor is
        # checked (signed-in users make them through their own wizard).
        wizard = self.create(
            "rea.distribution.wizard", dict(self.values["rea.distribution.wizard"]["A"])
        )
        for model, vals in (
            (
                "rea.distribution.wizard.bucket",
                {"bucket_id": self.records["rea.value.equation.bucket"]["A"]},
            ),
            (
                "rea.distribution.wizard.income",
                {"event_id": self.records["rea.event"]["A"], "amount": 1.0},
            ),
            ("rea.distribution.wizard.preview", {"amount": 1.0}),
        ):
            self.values.setdefault(model, {})["any"] = dict(vals, wizard_id=wizard)
        for model in (
            "rea.action",
            "rea.action.type",
            "rea.agent.relationship.type",
            "rea.resource.role.type",
            "rea.exchange.type",
            "rea.transfer.type",
            "rea.project.service",
            "rea.share.referral.source",
            "rea.share.line",
            "rea.share.register",
            "rea.share.operation",
            "rea.claim",
            "rea.claim.payment",
            "rea.contribution.validation",
            "rea.distribution",
            "rea.distribution.line",
            "rea.distribution.detail",
            "rea.distribution.income",
        ):
            if model not in self.records:
                self.any_record(model)


def object_buttons(arch):
    """Names of the object-type buttons of a view's own model.

    Buttons inside a field's embedded views belong to the lines' model.
    """
    names = set()

    def walk(node):
        for child in node:
            if child.tag == "field":
                continue
            if child.tag == "button" and child.get("type") == "object":
                names.add(child.get("name"))
            walk(child)

    walk(ElementTree.fromstring(arch.encode("utf-8")))
    return names
