# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import re
import uuid
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.rea_base.server_api import server_only

_logger = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
STATES = [
    ("new", "New"),
    ("confirmed", "E-mail confirmed"),
    ("pending", "Pending review"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("withdrawn", "Withdrawn"),
]
# States in which a request still waits for a decision.
OPEN_STATES = ("new", "confirmed", "pending")
# What a join form may set on the request it creates.
JOIN_FORM_FIELDS = (
    "project_id",
    "name",
    "type_of_user",
    "email",
    "phone",
    "street",
    "zip",
    "city",
    "country_id",
    "website",
    "answer_ids",
)


class ReaJoinRequest(models.Model):
    """A request to join a project, with its answers and its thread."""

    _name = "rea.join.request"
    _description = "REA Join Request"
    # A request for a project out of the caller's reach is refused as such,
    # before its constraints read the project.
    _inherit = ["mail.thread", "rea.access.check.mixin"]
    _order = "request_date desc, id desc"

    name = fields.Char(string="Full name", required=True, track_visibility="onchange")
    project_id = fields.Many2one(
        "rea.project", required=True, ondelete="cascade", index=True
    )
    request_date = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, copy=False
    )
    type_of_user = fields.Selection(
        [("individual", "Individual"), ("collective", "Collective")],
        string="Candidate type",
        required=True,
        default="individual",
    )
    email = fields.Char(required=True, index=True)
    phone = fields.Char()
    street = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    website = fields.Char()
    answer_ids = fields.One2many("rea.join.answer", "request_id", string="Answers")
    state = fields.Selection(
        STATES,
        required=True,
        default="new",
        index=True,
        track_visibility="onchange",
        copy=False,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Agent", ondelete="set null", index=True, copy=False
    )
    user_id = fields.Many2one("res.users", ondelete="set null", copy=False)
    relationship_id = fields.Many2one(
        "rea.agent.relationship",
        string="Membership",
        ondelete="set null",
        copy=False,
    )
    created_partner = fields.Boolean(
        copy=False, help="The agent was created for this request."
    )
    created_user = fields.Boolean(
        copy=False, help="The user was created for this request."
    )
    confirmation_token = fields.Char(copy=False, groups="base.group_system")
    confirmation_sent_date = fields.Datetime(copy=False, readonly=True)
    email_confirmed_date = fields.Datetime(copy=False, readonly=True)
    decision_date = fields.Datetime(copy=False, readonly=True)
    subscription_expiry_date = fields.Date(copy=False)
    # Filled by later modules (shares: subscription request or exchange).
    payment_ref = fields.Reference(
        selection="_selection_payment_ref",
        string="Payment / exchange",
        copy=False,
        help="The exchange or subscription request that pays this membership, "
        "set by the modules that handle payments.",
    )
    message_count = fields.Integer(string="Messages", compute="_compute_message_count")
    join_style = fields.Selection(related="project_id.join_style", readonly=True)

    _sql_constraints = [
        (
            "email_project_uniq",
            "unique(project_id, email)",
            "This e-mail address has already asked to join this project.",
        ),
    ]

    @api.model
    def _selection_payment_ref(self):
        """Models a join request can be paid through (hook for later modules)."""
        return []

    def _compute_message_count(self):
        """One grouped query for the whole list page."""
        data = (
            self.env["mail.message"]
            .sudo()
            .read_group(
                [
                    ("model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("message_type", "in", ("comment", "email")),
                ],
                ["res_id"],
                ["res_id"],
            )
        )
        counts = {d["res_id"]: d["res_id_count"] for d in data}
        for request in self:
            request.message_count = counts.get(request.id, 0)

    @api.constrains("request_date", "email_confirmed_date", "decision_date")
    def _check_dates(self):
        """A request is confirmed and decided after it was made: the pages
        show these dates, in that order."""
        for request in self:
            if (
                request.email_confirmed_date
                and request.email_confirmed_date < request.request_date
            ):
                raise ValidationError(
                    _("The e-mail of %s cannot be confirmed before the request date.")
                    % request.name
                )
            if request.decision_date and request.decision_date < request.request_date:
                raise ValidationError(
                    _("The request of %s cannot be decided before it was made.")
                    % request.name
                )

    @api.constrains("email")
    def _check_email(self):
        for request in self:
            if not self.is_valid_email(request.email):
                raise ValidationError(
                    _("'%s' is not a valid e-mail address.") % request.email
                )

    @api.model
    def is_valid_email(self, email):
        return bool(email and len(email) <= 254 and EMAIL_RE.match(email))

    @api.model
    def normalize_email(self, email):
        return (email or "").strip().lower()

    @api.model
    @server_only
    def find_duplicate(self, project, email):
        return self.sudo().search(
            [
                ("project_id", "=", project.id),
                ("email", "=", self.normalize_email(email)),
            ],
            limit=1,
        )

    @api.model
    def create(self, vals):
        if vals.get("email"):
            vals = dict(vals, email=self.normalize_email(vals["email"]))
        request = super(
            ReaJoinRequest, self.with_context(mail_create_nolog=True)
        ).create(vals)
        request.sudo()._subscribe_coordinators()
        # Imports, demo data and benchmarks record requests as they are.
        if not self.env.context.get("rea_join_no_flow"):
            request._after_create()
        return request

    @api.multi
    def write(self, vals):
        if vals.get("email"):
            vals = dict(vals, email=self.normalize_email(vals["email"]))
        return super().write(vals)

    @api.model
    @server_only
    def create_from_join_form(self, vals, partner=None):
        """Record a request sent through a join form; return it.

        Called by the website controllers (visitors may not create requests
        themselves): only the candidate's data and answers are kept. The
        request becomes ``partner``'s, without e-mail confirmation, only
        when ``partner`` (the logged-in agent) joins with their own
        address; any other address is confirmed first, before an account is
        attached or created for it.
        """
        vals = {key: value for key, value in vals.items() if key in JOIN_FORM_FIELDS}
        own = self._is_own_email(partner, vals.get("email"))
        if own:
            vals["partner_id"] = partner.id
        requests = self.sudo()
        request = (
            requests.with_context(rea_join_no_flow=True)
            .create(vals)
            .with_env(requests.env)
        )
        if own:
            request._confirm_email()
        else:
            request._after_create()
        return request

    @api.model
    def _is_own_email(self, partner, email):
        """Whether ``email`` is the address of ``partner`` (a logged-in agent)."""
        return bool(
            partner
            and email
            and partner.email
            and self.normalize_email(partner.email) == self.normalize_email(email)
        )

    @api.multi
    def _after_create(self):
        """Start the join flow according to the project's join style.

        Nothing is attached to an address before it is confirmed: open
        projects (autojoin) and projects that create users automatically
        send the confirmation e-mail; the others wait for a coordinator's
        review first.
        """
        for request in self:
            if request.state != "new":
                continue
            project = request.project_id
            if project.join_style == "autojoin" or project.auto_create_user:
                request._send_confirmation()

    @api.multi
    def _subscribe_coordinators(self):
        for request in self:
            partners = request.project_id.coordinator_ids
            if partners:
                request.message_subscribe(partner_ids=partners.ids)

    # Who may act -------------------------------------------------------------

    @api.multi
    def _check_can_manage(self):
        """Raise AccessError unless the caller may run the workflow of these
        requests: a coordinator of their project or a REA manager (write
        access and record rules), or the server's own code (superuser).

        The workflow writes as superuser (memberships, users), so every
        coordinator action calls this first.
        """
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    @api.multi
    def _check_can_withdraw(self):
        """Raise AccessError unless the caller may withdraw these requests:
        the candidate of each (their own agent), or whoever manages them."""
        partner = self.env.user.partner_id
        if all(request.sudo().partner_id == partner for request in self):
            # Also checks that the candidate still sees the request.
            self.check_access_rule("read")
            return True
        return self._check_can_manage()

    # State machine --------------------------------------------------------

    @api.multi
    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    _(
                        "Cannot %(action)s the join request of %(name)s in state "
                        "'%(state)s'."
                    )
                    % {
                        "action": action,
                        "name": request.name,
                        "state": dict(STATES)[request.state],
                    }
                )

    @api.multi
    def action_send_confirmation(self):
        """(Re)send the e-mail whose link confirms the candidate's address."""
        self._check_can_manage()
        return self.sudo()._send_confirmation()

    @api.multi
    def _send_confirmation(self):
        """Send the confirmation e-mail; no agent or user is attached or
        created before the address is confirmed (see ``_confirm_email``)."""
        self._check_state(("new",), _("send the confirmation of"))
        template = self.env.ref(
            "rea_projects.mail_template_join_request_confirm"
        ).sudo()
        for request in self.sudo():
            if not request.confirmation_token:
                request.confirmation_token = uuid.uuid4().hex
            template.send_mail(request.id)
            request.confirmation_sent_date = fields.Datetime.now()
        return True

    @api.multi
    def get_confirmation_url(self):
        """The link of the confirmation e-mail (it confirms the address:
        for the e-mail and the coordinators only)."""
        self.ensure_one()
        self._check_can_manage()
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return "%s/projects/confirm/%s" % (base_url, self.sudo().confirmation_token)

    @api.model
    @server_only
    def confirm_by_token(self, token):
        """Confirm the e-mail of the request holding ``token``; return it.

        The link of the confirmation e-mail calls it (as superuser): holding
        the token proves the address.
        """
        if not token or not re.match(r"^[0-9a-f]{32}$", token):
            return self.browse()
        request = self.sudo().search([("confirmation_token", "=", token)], limit=1)
        if request and request.state == "new":
            request._confirm_email()
        return request

    @api.multi
    def action_confirm_email(self):
        """A coordinator vouches for the candidate's address."""
        self._check_can_manage()
        return self.sudo()._confirm_email()

    @api.multi
    def _confirm_email(self):
        """The address is confirmed: attach the candidate's agent (an
        existing account of that address is theirs now), make them a
        candidate member with a portal user, then go on with the flow."""
        self._check_state(("new",), _("confirm the e-mail of"))
        for request in self:
            request._ensure_agent()
            request._ensure_relationship("candidate")
            request._ensure_user()
        self.write(
            {"state": "confirmed", "email_confirmed_date": fields.Datetime.now()}
        )
        self._after_email_confirmed()
        return True

    @api.multi
    def _after_email_confirmed(self):
        """Hook: autojoin joins, moderated styles wait for review.

        A module that must hold confirmed requests (e.g. until a payment)
        keeps them "confirmed" here and calls ``action_submit`` later.
        """
        for request in self:
            if request.project_id.join_style == "autojoin":
                request.action_accept()
            else:
                request.action_submit()

    @api.multi
    def action_submit(self):
        self._check_can_manage()
        self._check_state(("confirmed",), _("submit for review"))
        return self.sudo().write({"state": "pending"})

    @api.multi
    def _check_can_accept(self):
        """Hook: raise UserError when a request cannot be accepted yet.

        rea_membership_shares refuses requests whose shares are unpaid.
        """
        return True

    @api.multi
    def action_accept(self):
        self._check_can_manage()
        self._check_state(OPEN_STATES, _("accept"))
        self._check_can_accept()
        for request in self:
            req = request.sudo()
            req._ensure_agent()
            today = fields.Date.context_today(req)
            rel = req._ensure_relationship("active", today)
            vals = {"state": "accepted", "decision_date": fields.Datetime.now()}
            date_end = False
            if req.project_id.join_style == "subscription":
                date_end = req.project_id.get_subscription_expiry(
                    fields.Date.from_string(today)
                )
                vals["subscription_expiry_date"] = date_end
            # Accepting (re)starts the membership today, also one already
            # active (e.g. through paid shares).
            rel.set_membership_state("active", date_start=today, date_end=date_end)
            req.write(vals)
            req._ensure_user(invite=True)
            req._on_join_request_accepted()
        return True

    @api.multi
    def _on_join_request_accepted(self):
        """Hook for modules that complete a membership (shares, services)."""
        for request in self:
            request.message_post(
                body=_("Welcome to %s: your request to join was accepted.")
                % request.project_id.name,
                subtype="mail.mt_comment",
            )

    @api.multi
    def action_decline(self):
        self._check_can_manage()
        self._check_state(OPEN_STATES, _("decline"))
        self.sudo()._close("declined")
        return True

    @api.multi
    def action_withdraw(self):
        """The candidate withdraws their own request (portal), or a
        coordinator records that they did."""
        self._check_can_withdraw()
        self._check_state(self.get_withdrawable_states(), _("withdraw"))
        requests = self.sudo()
        requests._close("withdrawn")
        requests._on_join_request_withdrawn()
        return True

    @api.model
    def get_withdrawable_states(self):
        """States in which the candidate may still withdraw a request."""
        return OPEN_STATES

    @api.multi
    def _on_join_request_withdrawn(self):
        """Hook for modules that drop what a withdrawn request started
        (e.g. an unpaid subscription)."""
        for request in self:
            request.message_post(
                body=_("The candidate withdrew the request to join."),
                subtype="mail.mt_comment",
            )

    @api.multi
    def _close(self, state):
        """End the candidate membership of undecided requests."""
        for request in self:
            request.relationship_id.set_membership_state(
                "inactive", date_end=fields.Date.context_today(request)
            )
            request.write({"state": state, "decision_date": fields.Datetime.now()})

    @api.multi
    def action_reopen(self):
        self._check_can_manage()
        self._check_state(("declined", "withdrawn"), _("reopen"))
        for request in self.sudo():
            request.relationship_id.set_membership_state("candidate", date_end=False)
            state = "pending" if request.email_confirmed_date else "new"
            request.write({"state": state, "decision_date": False})
        return True

    # Subscriptions ---------------------------------------------------------

    @api.multi
    def _check_subscription(self):
        for request in self:
            if request.state != "accepted" or request.join_style != "subscription":
                raise UserError(
                    _(
                        "Only accepted members of a subscription project renew "
                        "a subscription (%s)."
                    )
                    % request.name
                )

    @api.multi
    def action_renew_subscription(self):
        """Extend the subscription by one period of the project.

        A running subscription is extended from its expiry, a lapsed one
        starts again today; the membership is active until the new expiry.
        """
        self._check_can_manage()
        self._check_subscription()
        today = fields.Date.from_string(fields.Date.context_today(self))
        for request in self.sudo():
            expiry = fields.Date.from_string(request.subscription_expiry_date)
            start = expiry if expiry and expiry >= today else today
            new_expiry = request.project_id.get_subscription_expiry(start)
            rel = request._ensure_relationship("active")
            rel.set_membership_state("active", date_end=new_expiry)
            request.write({"subscription_expiry_date": new_expiry})
            request.message_post(
                body=_("Subscription renewed until %s.")
                % fields.Date.to_string(new_expiry)
            )
            request._on_subscription_renewed()
        return True

    @api.multi
    def _on_subscription_renewed(self):
        """Hook for modules that charge the fee of the new period."""
        return True

    @api.model
    def _get_expired_subscriptions(self):
        """Accepted subscription requests past their expiry, still active."""
        return self.sudo().search(
            [
                ("state", "=", "accepted"),
                ("project_id.join_style", "=", "subscription"),
                ("subscription_expiry_date", "<", fields.Date.context_today(self)),
                ("relationship_id.state", "=", "active"),
            ]
        )

    @api.model
    def _cron_expire_subscriptions(self):
        """Make the memberships of expired subscriptions inactive."""
        requests = self._get_expired_subscriptions()
        if not requests:
            _logger.info("Subscriptions: none expired")
            return 0
        requests.mapped("relationship_id").set_membership_state("inactive")
        for request in requests:
            _logger.info(
                "Subscription of %s (join request %s) to project %s expired on "
                "%s: membership made inactive",
                request.email,
                request.id,
                request.project_id.name,
                request.subscription_expiry_date,
            )
            request.message_post(
                body=_("Subscription expired on %s: the membership is inactive.")
                % request.subscription_expiry_date
            )
        _logger.info("Subscriptions: %d memberships made inactive", len(requests))
        return len(requests)

    @api.multi
    def action_open_thread(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.multi
    def action_open_payment(self):
        """Open the linked exchange or subscription request, if any."""
        self.ensure_one()
        self._rea_check_readable()
        if not self.payment_ref:
            raise UserError(_("No payment or exchange is linked to this request."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.payment_ref._name,
            "res_id": self.payment_ref.id,
            "view_mode": "form",
        }

    # Agent, relationship, user -----------------------------------------------

    @api.multi
    def _prepare_agent_vals(self):
        self.ensure_one()
        individual = self.type_of_user == "individual"
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "street": self.street,
            "zip": self.zip,
            "city": self.city,
            "country_id": self.country_id.id,
            "website": self.website,
            "agent_type": "individual" if individual else "organization",
            "is_company": not individual,
            "is_context": not individual,
        }

    @api.multi
    def _ensure_agent(self):
        """The candidate's agent: the request's, a user's with this login, or new.

        Called once the address is confirmed (or a coordinator accepts):
        existing agents are only reused through a user whose login is the
        e-mail, so that a visitor cannot attach a request to someone else's
        contact or account by typing their address.
        """
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        user = self._find_user()
        if user:
            self.write({"partner_id": user.partner_id.id, "user_id": user.id})
        else:
            partner = self.env["res.partner"].create(self._prepare_agent_vals())
            self.write({"partner_id": partner.id, "created_partner": True})
        self.message_subscribe(partner_ids=self.partner_id.ids)
        return self.partner_id

    @api.multi
    def _find_user(self):
        self.ensure_one()
        return (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("login", "=ilike", self.email)], limit=1)
        )

    @api.multi
    def _ensure_relationship(self, state, date=None):
        """The request's membership, ensured (see ``ensure_membership``)
        and linked when the request has none yet."""
        self.ensure_one()
        if not self.relationship_id:
            self.relationship_id = self.env["rea.agent.relationship"].ensure_membership(
                self.partner_id, self.project_id.partner_id, state=state, date=date
            )
        return self.relationship_id

    @api.multi
    def _ensure_user(self, invite=False):
        """Give the candidate a portal user; invite with a sign-up link.

        No password is ever chosen or mailed by us: auth_signup's invitation
        lets the candidate set it.
        """
        self.ensure_one()
        user = self.user_id or self.partner_id.user_ids[:1] or self._find_user()
        created = False
        if not user:
            user = (
                self.env["res.users"]
                .sudo()
                .with_context(no_reset_password=True)
                .create(self._prepare_user_vals())
            )
            created = True
        if user != self.user_id:
            self.write({"user_id": user.id, "created_user": created})
        if invite and (created or not user.login_date):
            self._send_invitation(user)
        return user

    @api.multi
    def _prepare_user_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "login": self.email,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
        }

    @api.model
    def _send_invitation(self, user):
        """Queue auth_signup's 'set your password' invitation."""
        user.partner_id.sudo().signup_prepare(signup_type="signup")
        template = self.env.ref("auth_signup.set_password_email")
        template.sudo().with_context(lang=user.lang).send_mail(user.id)

    # Purge ---------------------------------------------------------------------

    @api.model
    def _get_purgeable_requests(self):
        now = fields.Datetime.from_string(fields.Datetime.now())
        requests = self.browse()
        projects = (
            self.env["rea.project"].sudo().search([("purge_unconfirmed_days", ">", 0)])
        )
        for project in projects:
            limit = now - timedelta(days=project.purge_unconfirmed_days)
            requests |= self.sudo().search(
                [
                    ("project_id", "=", project.id),
                    ("state", "=", "new"),
                    ("email_confirmed_date", "=", False),
                    ("request_date", "<", fields.Datetime.to_string(limit)),
                ]
            )
        return requests

    @api.model
    def _cron_purge_unconfirmed(self):
        """Delete stale unconfirmed requests with the user and agent they made."""
        requests = self._get_purgeable_requests()
        for request in requests:
            request._purge()
        return len(requests)

    @api.multi
    def _purge(self):
        self.ensure_one()
        user = self.user_id if self.created_user else self.env["res.users"]
        partner = self.partner_id if self.created_partner else self.env["res.partner"]
        relationship = self.relationship_id
        _logger.info(
            "Purging unconfirmed join request %s (%s) to project %s",
            self.id,
            self.email,
            self.project_id.name,
        )
        self.unlink()
        if relationship.exists() and relationship.state == "candidate":
            relationship.unlink()
        if (
            user
            and not user.login_date
            and not self.search_count([("user_id", "=", user.id)])
        ):
            _logger.info("Purging unused user %s (%s)", user.id, user.login)
            user.unlink()
        if partner and partner.exists() and self._is_partner_unused(partner):
            _logger.info("Purging unused agent %s (%s)", partner.id, partner.name)
            partner.unlink()

    @api.model
    def _is_partner_unused(self, partner):
        if partner.with_context(active_test=False).user_ids:
            return False
        if self.search_count([("partner_id", "=", partner.id)]):
            return False
        return (
            not self.env["rea.agent.relationship"]
            .sudo()
            .search_count(
                ["|", ("subject_id", "=", partner.id), ("object_id", "=", partner.id)]
            )
        )
