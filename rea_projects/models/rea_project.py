# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.http_routing.models.ir_http import slugify

JOIN_STYLES = [
    ("autojoin", "Autojoin"),
    ("moderated", "Moderated"),
    ("shares", "Shares"),
    ("subscription", "Subscription"),
]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ReaProject(models.Model):
    """Settings of a project; the project itself is a context agent.

    ``_inherits`` keeps one agent per project (name, e-mail, image live on
    the partner), like ``res.users`` does for people.
    """

    _name = "rea.project"
    _description = "REA Project"
    _inherits = {"res.partner": "partner_id"}
    # A coordinator's write that would make it another agent's project (out
    # of their reach) is refused as access and rolled back.
    _inherit = ["rea.access.check.mixin"]
    _order = "sequence, id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Agent",
        required=True,
        ondelete="cascade",
        index=True,
        auto_join=True,
    )
    sequence = fields.Integer(default=10)
    slug = fields.Char(
        string="URL slug",
        copy=False,
        index=True,
        help="The project's page is /projects/<slug>. Lowercase letters, "
        "digits and dashes.",
    )
    odoo_project_ref = fields.Reference(
        selection="_selection_odoo_project_ref",
        string="Tasks project",
        help="Optional link to an Odoo project for tasks (when the project "
        "application is installed).",
    )
    join_style = fields.Selection(
        JOIN_STYLES,
        required=True,
        default="moderated",
        help="Autojoin: members join at once. Moderated: a coordinator reviews "
        "each request to join. Shares: moderated, completed when the shares are "
        "paid. Subscription: moderated with a recurring fee.",
    )
    subscription_period = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")],
        default="year",
    )
    subscription_fee = fields.Monetary(currency_field="subscription_currency_id")
    subscription_currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self._default_subscription_currency(),
    )
    visibility = fields.Selection(
        [
            ("public", "Public"),
            ("private", "Private"),
            ("network", "Members of the parent network"),
        ],
        required=True,
        default="public",
    )
    auto_create_user = fields.Boolean(
        string="Create user and send confirmation automatically",
        default=True,
        help="Unset to review requests to join for spam before the confirmation "
        "e-mail is sent and any agent or user is created.",
    )
    purge_unconfirmed_days = fields.Integer(
        string="Purge unconfirmed after (days)",
        default=30,
        help="Join requests whose e-mail is still unconfirmed after this many "
        "days are deleted, with the agent and user they created. 0 keeps them.",
    )
    project_description = fields.Html(translate=True, sanitize=True)
    join_intro = fields.Html(string="Join page introduction", translate=True)
    login_text = fields.Html(translate=True)
    register_text = fields.Html(translate=True)
    join_thanks_text = fields.Html(string="Thank-you text", translate=True)
    custom_css = fields.Text(string="Custom CSS")
    # Scripts run in visitors' browsers: only REA managers may set them.
    custom_js = fields.Text(
        string="Custom JavaScript", groups="rea_base.group_rea_manager"
    )
    background_image = fields.Binary(attachment=True)
    custom_domain = fields.Char(
        help="Visitors arriving on this host name (e.g. join.example.org) "
        "land on the project's page.",
    )
    service_ids = fields.Many2many("rea.project.service", string="Active services")
    question_ids = fields.One2many(
        "rea.join.question", "project_id", string="Join questions", copy=True
    )
    coordinator_ids = fields.Many2many(
        "res.partner",
        string="Coordinators",
        compute="_compute_coordinator_ids",
        search="_search_coordinator_ids",
    )
    # Who the members are is the back office's: portal users read the
    # projects they see, not their member lists.
    member_partner_ids = fields.Many2many(
        "res.partner",
        string="Members",
        compute="_compute_member_partner_ids",
        search="_search_member_partner_ids",
        groups="base.group_user",
        help="Loaded on demand: use the Members button on big projects.",
    )
    audience_partner_ids = fields.Many2many(
        "res.partner",
        string="Audience",
        compute="_compute_audience_partner_ids",
        search="_search_audience_partner_ids",
        groups="base.group_user",
        help="Agents who see the project whatever its visibility: its "
        "members and coordinators, the agents who asked to join it, and for "
        "a project visible to its network the members of the parent network. "
        "The portal rule reads public projects and these.",
    )
    is_my_project = fields.Boolean(
        compute="_compute_is_my_project",
        search="_search_is_my_project",
        help="The current user coordinates this project.",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    join_request_count = fields.Integer(compute="_compute_join_request_counts")
    join_request_new_count = fields.Integer(compute="_compute_join_request_counts")
    join_request_confirmed_count = fields.Integer(
        compute="_compute_join_request_counts"
    )
    join_request_pending_count = fields.Integer(compute="_compute_join_request_counts")
    join_request_accepted_count = fields.Integer(compute="_compute_join_request_counts")
    join_request_declined_count = fields.Integer(compute="_compute_join_request_counts")
    join_request_withdrawn_count = fields.Integer(
        compute="_compute_join_request_counts"
    )
    is_moderated = fields.Boolean(compute="_compute_is_moderated")

    _sql_constraints = [
        ("slug_uniq", "unique(slug)", "Another project already uses this slug."),
        (
            "purge_days_positive",
            "CHECK(purge_unconfirmed_days >= 0)",
            "The purge delay cannot be negative.",
        ),
    ]

    @api.model
    def _default_subscription_currency(self):
        return self.env.user.company_id.currency_id

    @api.model
    def _selection_odoo_project_ref(self):
        # Optional: offer the link only when the project app is installed,
        # so that this module does not depend on it.
        if "project.project" in self.env:
            return [("project.project", _("Project"))]
        return []

    def _compute_coordinator_ids(self):
        rels = self.env["rea.agent.relationship"].get_memberships(
            contexts=self.mapped("partner_id"), behaviors=("manager",)
        )
        for project in self:
            project.coordinator_ids = rels.filtered(
                lambda r, p=project: r.object_id == p.partner_id
            ).mapped("subject_id")

    @api.model
    def _search_by_relationship(self, behavior, operator, value):
        if operator not in ("in", "="):
            raise ValidationError(_("Unsupported search on project agents."))
        partner_ids = value if isinstance(value, (list, tuple)) else [value]
        partner_ids = [pid for pid in partner_ids if pid]
        if not partner_ids:
            return [("id", "=", 0)]
        pairs = self.env["rea.agent.relationship"].get_membership_pairs(
            members=self.env["res.partner"].browse(partner_ids), behaviors=(behavior,)
        )
        return [("partner_id", "in", list({context for _member, context in pairs}))]

    @api.model
    def _search_coordinator_ids(self, operator, value):
        return self._search_by_relationship("manager", operator, value)

    def _compute_is_my_project(self):
        partner = self.env.user.partner_id
        for project in self:
            project.is_my_project = partner in project.coordinator_ids

    @api.model
    def _search_is_my_project(self, operator, value):
        domain = self._search_coordinator_ids("in", [self.env.user.partner_id.id])
        positive = (operator == "=") == bool(value)
        if positive:
            return domain
        return [("partner_id", "not in", domain[0][2])]

    def _compute_member_partner_ids(self):
        for project in self:
            project.member_partner_ids = project.get_members()

    @api.model
    def _search_member_partner_ids(self, operator, value):
        return self._search_by_relationship("member", operator, value)

    def _compute_audience_partner_ids(self):
        relationship_model = self.env["rea.agent.relationship"]
        for project in self:
            audience = relationship_model.get_members(
                project.partner_id, behaviors=("member", "manager")
            )
            audience |= (
                self.env["rea.join.request"]
                .sudo()
                .search([("project_id", "=", project.id)])
                .mapped("partner_id")
            )
            if project.visibility == "network":
                audience |= relationship_model.get_members(
                    project.partner_id.get_parent_agents(),
                    behaviors=("member", "manager"),
                )
            project.audience_partner_ids = audience

    @api.model
    def _search_audience_partner_ids(self, operator, value):
        """Projects that agents ``value`` see whatever their visibility (see
        ``audience_partner_ids``); one query per kind of tie. Record rules
        evaluate it as superuser: everything is read so."""
        if operator not in ("in", "="):
            raise ValidationError(_("Unsupported search on project agents."))
        partner_ids = value if isinstance(value, (list, tuple)) else [value]
        partners = self.env["res.partner"].browse([pid for pid in partner_ids if pid])
        if not partners:
            return [("id", "=", 0)]
        relationship_model = self.env["rea.agent.relationship"]
        contexts = {
            context
            for _member, context in relationship_model.get_membership_pairs(
                members=partners, behaviors=("member", "manager")
            )
        }
        requested = (
            self.env["rea.join.request"]
            .sudo()
            .search([("partner_id", "in", partners.ids)])
            .mapped("project_id")
        )
        # Network visibility: the projects that are part of a context the
        # agents belong to.
        network_parts = relationship_model.sudo().search(
            [
                ("object_id", "in", list(contexts)),
                ("behavior", "=", "child"),
                ("state", "=", "active"),
            ]
        )
        return [
            "|",
            "|",
            ("partner_id", "in", list(contexts)),
            ("id", "in", requested.ids),
            "&",
            ("visibility", "=", "network"),
            ("partner_id", "in", network_parts.mapped("subject_id").ids),
        ]

    def _compute_member_count(self):
        counts = self.env["rea.agent.relationship"].count_members(
            self.mapped("partner_id")
        )
        for project in self:
            project.member_count = counts.get(project.partner_id.id, 0)

    def _compute_join_request_counts(self):
        """One grouped query for every project and state. Users who may not
        read join requests (REA users who coordinate nothing) count none."""
        data = []
        if self.env["rea.join.request"].check_access_rights(
            "read", raise_exception=False
        ):
            data = self.env["rea.join.request"].read_group(
                [("project_id", "in", self.ids)],
                ["project_id", "state"],
                ["project_id", "state"],
                lazy=False,
            )
        counts = {}
        for d in data:
            counts[(d["project_id"][0], d["state"])] = d["__count"]
        for project in self:
            total = 0
            for state in (
                "new",
                "confirmed",
                "pending",
                "accepted",
                "declined",
                "withdrawn",
            ):
                count = counts.get((project.id, state), 0)
                total += count
                setattr(project, "join_request_%s_count" % state, count)
            project.join_request_count = total

    @api.depends("join_style")
    def _compute_is_moderated(self):
        for project in self:
            project.is_moderated = project.join_style != "autojoin"

    @api.constrains("slug")
    def _check_slug(self):
        for project in self:
            if project.slug and not SLUG_RE.match(project.slug):
                raise ValidationError(
                    _("The slug '%s' may only hold lowercase letters, digits, dashes.")
                    % project.slug
                )

    @api.constrains("custom_domain")
    def _check_custom_domain(self):
        for project in self:
            domain = project.custom_domain
            if domain and not re.match(r"^[a-z0-9.-]+(:\d+)?$", domain):
                raise ValidationError(
                    _("'%s' is not a valid host name.") % project.custom_domain
                )

    @api.model
    def create(self, vals):
        vals = dict(vals, agent_type="project", is_context=True, is_company=True)
        if not vals.get("slug") and vals.get("name"):
            vals["slug"] = self._unique_slug(slugify(vals["name"]) or "project")
        if vals.get("custom_domain"):
            vals["custom_domain"] = vals["custom_domain"].strip().lower()
        return super().create(vals)

    @api.model
    def _get_coordinator_partner_fields(self):
        """The project's own agent fields (contact details, image, text) that
        whoever may edit the project also edits, even without the right to
        edit contacts in general."""
        return {
            "name",
            "email",
            "phone",
            "mobile",
            "website",
            "street",
            "street2",
            "zip",
            "city",
            "state_id",
            "country_id",
            "image",
            "comment",
        }

    @api.multi
    def _write_partner_details(self, vals):
        """Write the contact details among ``vals`` on the projects' agents as
        superuser once the caller is known to may edit these projects; return
        the other values."""
        details = {
            key: vals[key]
            for key in self._get_coordinator_partner_fields()
            if key in vals
        }
        if not details or self.env.uid == SUPERUSER_ID:
            return vals
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.mapped("partner_id").sudo().write(details)
        return {key: value for key, value in vals.items() if key not in details}

    @api.multi
    def write(self, vals):
        if vals.get("custom_domain"):
            vals = dict(vals, custom_domain=vals["custom_domain"].strip().lower())
        vals = self._write_partner_details(vals)
        result = super().write(vals)
        if "service_ids" in vals or "active" in vals:
            self._clear_service_caches()
        return result

    @api.multi
    def unlink(self):
        result = super().unlink()
        self._clear_service_caches()
        return result

    @api.model
    def _clear_service_caches(self):
        """Services of a project decide its members' menus and portal pages
        (see res.partner.rea_service_enabled): drop the cached ones."""
        self.env["ir.ui.menu"].clear_caches()

    @api.model
    def _unique_slug(self, base):
        slug, index = base, 1
        while self.with_context(active_test=False).search_count([("slug", "=", slug)]):
            index += 1
            slug = "%s-%d" % (base, index)
        return slug

    # Membership ---------------------------------------------------------

    @api.multi
    def get_members(self, states=("active",), offset=0, limit=None):
        """Members of the project, page by page (big projects)."""
        self.ensure_one()
        return self.env["rea.agent.relationship"].get_members(
            self.partner_id, states=states, offset=offset, limit=limit, order="id"
        )

    @api.multi
    def is_member(self, partner, states=("active",)):
        self.ensure_one()
        return bool(
            self.env["rea.agent.relationship"].get_memberships(
                partner,
                self.partner_id,
                states=states,
                behaviors=("member", "manager"),
                count=True,
            )
        )

    @api.multi
    def is_coordinator(self, partner):
        self.ensure_one()
        return partner in self.sudo().coordinator_ids

    @api.multi
    def has_service(self, code):
        self.ensure_one()
        return code in self.sudo().service_ids.mapped("code")

    @api.multi
    def is_visible_to(self, partner):
        """Whether ``partner`` (or an anonymous visitor if empty) sees it."""
        self.ensure_one()
        if self.visibility == "public":
            return True
        if not partner or not self.active:
            return False
        if self.is_member(partner):
            return True
        if self.visibility == "network":
            parents = self.partner_id.get_parent_agents()
            return bool(
                self.env["rea.agent.relationship"].get_memberships(
                    partner, parents, behaviors=("member", "manager"), count=True
                )
            )
        return False

    @api.model
    def _get_join_style_labels(self):
        """What each join style means to a visitor, by style; extend it with
        the styles you add."""
        return {
            "autojoin": _("Open to all — join at once"),
            "moderated": _("Membership on request"),
            "shares": _("Join by subscribing shares"),
            "subscription": _("Paid subscription"),
        }

    @api.multi
    def get_join_style_label(self):
        """How one joins this project, in a visitor's words (project cards)."""
        self.ensure_one()
        label = self._get_join_style_labels().get(self.join_style)
        if label:
            return label
        selection = self._fields["join_style"]._description_selection(self.env)
        return dict(selection).get(self.join_style, "")

    @api.multi
    def can_join(self, partner):
        """Whether the join form is offered to ``partner``."""
        self.ensure_one()
        if self.visibility == "private":
            return False
        return self.is_visible_to(partner)

    @api.model
    def get_visible_projects(self, partner):
        projects = self.sudo().search([("visibility", "!=", "private")])
        projects |= self.sudo().search([("member_partner_ids", "in", [partner.id])])
        return projects.filtered(lambda p: p.is_visible_to(partner)).sorted(
            key=lambda p: (p.sequence, p.id)
        )

    @api.multi
    def get_subscription_expiry(self, date_from):
        """Expiry of a subscription started on ``date_from`` (a date)."""
        self.ensure_one()
        from dateutil.relativedelta import relativedelta

        months = {"month": 1, "quarter": 3, "year": 12}[
            self.subscription_period or "year"
        ]
        return date_from + relativedelta(months=months)

    @api.multi
    def get_safe_css(self):
        """Custom CSS that cannot close its <style> element."""
        self.ensure_one()
        return (self.custom_css or "").replace("</", "<\\/")

    @api.multi
    def get_safe_js(self):
        self.ensure_one()
        return (self.sudo().custom_js or "").replace("</", "<\\/")

    # Back-office actions --------------------------------------------------

    @api.multi
    def _action_join_requests(self, state=None):
        self.ensure_one()
        self._rea_check_readable()
        action = self.env.ref("rea_projects.rea_join_request_action").read()[0]
        action["domain"] = [("project_id", "=", self.id)]
        ctx = {"default_project_id": self.id}
        if state:
            ctx["search_default_state_%s" % state] = 1
        action["context"] = ctx
        return action

    @api.multi
    def action_view_join_requests(self):
        return self._action_join_requests()

    @api.multi
    def action_view_pending_requests(self):
        return self._action_join_requests("pending")

    def _check_can_manage_coordinators(self):
        """Only REA managers and the project's own coordinators add or
        remove its coordinators."""
        self.ensure_one()
        user = self.env.user
        if self.env.uid == SUPERUSER_ID or user.has_group("rea_base.group_rea_manager"):
            return
        if not self.is_coordinator(user.partner_id):
            raise AccessError(
                _(
                    "Only the coordinators of %s or REA managers may change "
                    "its coordinators."
                )
                % self.name
            )

    def _get_coordinator_relationships(self, partner, states=("active",)):
        return self.env["rea.agent.relationship"].get_memberships(
            partner, self.partner_id, states=states, behaviors=("manager",)
        )

    def _grant_coordinator_group(self, partner):
        """Internal users made coordinators get the back office of the role
        (portal users keep the portal: the relationship is enough there)."""
        group = self.env.ref("rea_projects.group_project_coordinator")
        users = partner.sudo().user_ids.filtered(lambda u: not u.share)
        users.filtered(lambda u: group not in u.groups_id).write(
            {"groups_id": [(4, group.id)]}
        )

    @api.model
    def _rea_as_partner(self, partner):
        """A partner record from a record or an id (over RPC), one only."""
        if not isinstance(partner, models.BaseModel):
            partner = self.env["res.partner"].browse(partner or [])
        if len(partner) != 1 or not partner.exists():
            raise UserError(_("Choose one existing contact."))
        return partner

    @api.multi
    @api.returns("rea.agent.relationship")
    def add_coordinator(self, partner):
        """Make ``partner`` a coordinator of the project (an active
        "Coordinator" relationship from today); return the relationship."""
        self.ensure_one()
        self._check_can_manage_coordinators()
        partner = self._rea_as_partner(partner)
        if self._get_coordinator_relationships(partner):
            raise UserError(
                _("%(partner)s already coordinates %(project)s.")
                % {"partner": partner.name, "project": self.name}
            )
        today = fields.Date.context_today(self)
        relationship = self._get_coordinator_relationships(partner, states=None)[:1]
        if relationship:
            relationship.set_membership_state(
                "active", date_start=today, date_end=False
            )
        else:
            # The caller is checked above; relationships are written as
            # superuser like the membership API does.
            relationship = (
                self.env["rea.agent.relationship"]
                .sudo()
                .create(
                    {
                        "subject_id": partner.id,
                        "object_id": self.partner_id.id,
                        "type_id": self.env.ref(
                            "rea_base.relationship_type_manager"
                        ).id,
                        "state": "active",
                        "date_start": today,
                    }
                )
            )
        self._grant_coordinator_group(partner)
        return relationship

    @api.multi
    @api.returns("rea.agent.relationship")
    def remove_coordinator(self, partner):
        """End the coordination of ``partner`` today (its relationship
        becomes inactive); return the relationships ended."""
        self.ensure_one()
        self._check_can_manage_coordinators()
        partner = self._rea_as_partner(partner)
        relationships = self._get_coordinator_relationships(partner)
        if not relationships:
            raise UserError(
                _("%(partner)s does not coordinate %(project)s.")
                % {"partner": partner.name, "project": self.name}
            )
        relationships.set_membership_state(
            "inactive", date_end=fields.Date.context_today(self)
        )
        return relationships

    @api.multi
    def action_open_coordinator_wizard(self):
        self.ensure_one()
        self._rea_check_readable()
        self._check_can_manage_coordinators()
        mode = self.env.context.get("coordinator_wizard_mode", "add")
        return {
            "type": "ir.actions.act_window",
            "name": _("Add coordinator") if mode == "add" else _("Remove coordinator"),
            "res_model": "rea.project.coordinator.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_project_id": self.id, "default_mode": mode},
        }

    @api.multi
    def action_view_members(self):
        """Members open in their own paginated list, never in the form."""
        self.ensure_one()
        self._rea_check_readable()
        member_type = self.env.ref("rea_base.relationship_type_member")
        return {
            "type": "ir.actions.act_window",
            "name": _("Members of %s") % self.name,
            "res_model": "rea.agent.relationship",
            "view_mode": "tree,form",
            "domain": self.env["rea.agent.relationship"].membership_domain(
                contexts=self.partner_id, states=None
            ),
            "context": {
                "default_object_id": self.partner_id.id,
                "default_type_id": member_type.id,
                "search_default_active": 1,
            },
            "limit": 80,
        }

    @api.multi
    def action_view_member_skills(self):
        self.ensure_one()
        self._rea_check_readable()
        action = self.env.ref("rea_projects.rea_agent_skill_action").read()[0]
        action["domain"] = [("project_ids", "in", [self.id])]
        action["context"] = {}
        return action

    @api.multi
    def action_open_public_page(self):
        self.ensure_one()
        self._rea_check_readable()
        return {
            "type": "ir.actions.act_url",
            "url": "/projects/%s" % self.slug,
            "target": "new",
        }
