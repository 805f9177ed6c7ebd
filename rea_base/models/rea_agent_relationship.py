# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..server_api import server_only

# The relationship states a membership goes through.
MEMBERSHIP_STATES = ("candidate", "active", "inactive")
# Behaviours that decide who works for a context (res.users
# rea_get_context_ids): coordinating it, and being part of another agent.
RIGHTS_BEHAVIORS = ("manager", "child")
# Behaviours whose change moves what record rules give (the above, and
# membership: res.users rea_get_member_context_ids).
RULE_BEHAVIORS = RIGHTS_BEHAVIORS + ("member",)
# Fields whose change moves those rights.
RIGHTS_FIELDS = ("subject_id", "object_id", "type_id", "state")


class ReaAgentRelationship(models.Model):
    """A typed relationship read 'subject <label> object'.

    Example: Alice (subject) "is member of" Coop (object); seen from the
    coop: Coop "has member" Alice.
    """

    _name = "rea.agent.relationship"
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Agent Relationship"
    _order = "object_id, type_id, subject_id"

    subject_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    type_id = fields.Many2one(
        "rea.agent.relationship.type",
        string="Relationship type",
        required=True,
        ondelete="restrict",
    )
    behavior = fields.Selection(
        related="type_id.behavior", string="Behaviour", store=True, readonly=True
    )
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Active"), ("inactive", "Inactive")],
        required=True,
        default="active",
    )
    date_start = fields.Date(string="Start date")
    date_end = fields.Date(string="End date")
    note = fields.Text()
    label = fields.Char(compute="_compute_labels")
    inverse_label = fields.Char(string="Inverse label", compute="_compute_labels")

    @api.depends(
        "subject_id.display_name",
        "object_id.display_name",
        "type_id.label",
        "type_id.inverse_label",
    )
    def _compute_labels(self):
        for rel in self:
            rel.label = "%s %s %s" % (
                rel.subject_id.display_name or "",
                rel.type_id.label or "",
                rel.object_id.display_name or "",
            )
            rel.inverse_label = "%s %s %s" % (
                rel.object_id.display_name or "",
                rel.type_id.inverse_label or "",
                rel.subject_id.display_name or "",
            )

    @api.multi
    def name_get(self):
        return [(rel.id, rel.label) for rel in self]

    @api.constrains("subject_id", "object_id")
    def _check_not_self(self):
        for rel in self:
            if rel.subject_id == rel.object_id:
                raise ValidationError(
                    _("An agent cannot have a relationship with itself (%s).")
                    % rel.subject_id.display_name
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for rel in self:
            if rel.date_start and rel.date_end and rel.date_end < rel.date_start:
                raise ValidationError(
                    _("The relationship '%s' ends before it starts.") % rel.label
                )

    @api.constrains("subject_id", "object_id", "type_id", "state")
    def _check_child_cycle(self):
        """Networks of networks must stay a tree: no agent is part of itself."""
        for rel in self:
            if rel.behavior != "child" or rel.state == "inactive":
                continue
            # The subject becomes part of the object: the object must not
            # already be (recursively) part of the subject.
            if rel.object_id in rel.subject_id.get_sub_agents(
                states=("candidate", "active")
            ):
                raise ValidationError(
                    _(
                        "%(subject)s cannot be part of %(object)s: "
                        "%(object)s is already part of %(subject)s."
                    )
                    % {
                        "subject": rel.subject_id.display_name,
                        "object": rel.object_id.display_name,
                    }
                )

    # Who may give rights on a context ----------------------------------------
    # Coordinating a context, or making an agent part of another, decides who
    # reads and runs the context's records (record rules on
    # rea_get_context_ids). Only REA managers and those who already work for
    # the context may give, change or end those relationships, whatever the
    # form offers; workflows running as superuser are trusted.

    @api.model
    def _rea_granted_context(self, behavior, subject, object_):
        """The agent whose rights a relationship of ``behavior`` between
        ``subject`` and ``object_`` decides: the coordinated agent, or the
        agent that becomes part of another (its records then show to the
        other's coordinators)."""
        if behavior == "manager":
            return object_
        if behavior == "child":
            return subject
        return self.env["res.partner"]

    @api.model
    def _rea_may_grant_all(self):
        user = self.env.user
        return user._is_superuser() or user.has_group("rea_base.group_rea_manager")

    @api.model
    def _check_can_grant(self, contexts):
        """Refuse unless the current user coordinates every one of
        ``contexts`` (REA managers and the superuser may grant any). A role
        that works for contexts (cooperative users for share-issuing
        projects) does not make its holder their coordinator."""
        if not contexts or self._rea_may_grant_all():
            return
        allowed = set(self.env.user.rea_get_coordinated_context_ids())
        refused = contexts.filtered(lambda agent: agent.id not in allowed)
        if refused:
            raise AccessError(
                _(
                    "Only REA managers and the coordinators of %s can give, "
                    "change or end its coordination or its being part of "
                    "another agent."
                )
                % ", ".join(refused.mapped("display_name"))
            )

    @api.multi
    def _rea_rights_contexts(self):
        contexts = self.env["res.partner"]
        for rel in self.sudo():
            contexts |= self._rea_granted_context(
                rel.behavior, rel.subject_id, rel.object_id
            )
        return self.env["res.partner"].browse(contexts.ids)

    @api.model
    def _rea_vals_context(self, vals):
        """The agent whose rights a relationship created with ``vals``
        decides (see ``_rea_granted_context``)."""
        type_ = (
            self.env["rea.agent.relationship.type"].sudo().browse(vals.get("type_id"))
        )
        partners = self.env["res.partner"]
        return self._rea_granted_context(
            type_.behavior,
            partners.browse(vals.get("subject_id")),
            partners.browse(vals.get("object_id")),
        )

    @api.multi
    def _rea_touches_rights(self):
        """Whether these relationships move what record rules give: working
        for a context, or a user's being a member of one (the caches to
        clear; a membership of a partner without user moves no rule)."""
        rels = self.sudo()
        if any(behavior in RIGHTS_BEHAVIORS for behavior in rels.mapped("behavior")):
            return True
        members = rels.filtered(lambda rel: rel.behavior in RULE_BEHAVIORS).mapped(
            "subject_id"
        )
        return bool(
            members
            and self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    "|",
                    ("partner_id", "in", members.ids),
                    ("partner_id.commercial_partner_id", "in", members.ids),
                ]
            )
        )

    @api.model
    def _rea_clear_rule_caches(self):
        # Record rules evaluate rea_get_context_ids once per user and cache
        # the domain: a new coordinator or sub-context must show at once.
        self.env["ir.rule"].clear_caches()

    @api.model
    def create(self, vals):
        self._check_can_grant(self._rea_vals_context(vals))
        relationship = super().create(vals)
        if relationship._rea_touches_rights():
            self._rea_clear_rule_caches()
        return relationship

    @api.multi
    def write(self, vals):
        if vals.get("state") == "inactive" and "date_end" not in vals:
            # Ended today unless told when: the register keeps the end date.
            undated = self.filtered(lambda rel: not rel.date_end)
            if undated and undated != self:
                (self - undated).write(vals)
                return undated.write(dict(vals))
            if undated:
                vals = dict(vals, date_end=fields.Date.context_today(self))
        watched = any(field in vals for field in RIGHTS_FIELDS)
        touched_before = False
        if watched:
            # Ending or moving a coordination needs the same rights as
            # giving it, before and after the change.
            self._check_can_grant(self._rea_rights_contexts())
            touched_before = self._rea_touches_rights()
        result = super().write(vals)
        if watched:
            self._check_can_grant(self._rea_rights_contexts())
            if touched_before or self._rea_touches_rights():
                self._rea_clear_rule_caches()
        return result

    @api.multi
    def unlink(self):
        self._check_can_grant(self._rea_rights_contexts())
        touched = self._rea_touches_rights()
        result = super().unlink()
        if touched:
            self._rea_clear_rule_caches()
        return result

    # Membership API ---------------------------------------------------------
    # The one writer of memberships (and coordination: the 'manager'
    # behaviour) of a context agent: join requests, the share flow and every
    # "members of" / "coordinators of" search go through these methods.

    @api.model
    def _elevated(self):
        # Memberships are read and written as superuser here, and only here:
        # members join through public forms and payments, as visitors or
        # portal users who may neither read nor write relationships (record
        # rules). The workflows calling this API (join requests, the share
        # flow) check who acts before they call it.
        return self.sudo()

    @api.model
    def _check_membership_filter(self, members, contexts):
        # Public methods are reachable by RPC: the elevated reads below never
        # list every membership, only those of given members or contexts.
        if members is None and contexts is None:
            raise ValueError("Memberships are read for members or for contexts.")
        self._check_partner_records(members, contexts)

    @api.model
    def _check_partner_records(self, *partners):
        # Partners come as records from server code; RPC can only send ids,
        # so this API, which reads and writes as superuser, stays out of
        # reach of remote callers (they use the workflows that check rights).
        for value in partners:
            if value is not None and not (
                isinstance(value, models.BaseModel) and value._name == "res.partner"
            ):
                raise AccessError(
                    _("Memberships change only through the workflows that own them.")
                )

    @api.model
    def membership_domain(
        self, members=None, contexts=None, states=("active",), behaviors=("member",)
    ):
        """Domain of the relationships of ``members`` with ``contexts``
        (partners; None: any, but not both) whose type behaves as one of
        ``behaviors`` (add "manager" to count coordinators in), in ``states``
        (None: any).
        """
        self._check_membership_filter(members, contexts)
        domain = [("behavior", "in", list(behaviors))]
        if states is not None:
            domain.append(("state", "in", list(states)))
        if members is not None:
            domain.append(("subject_id", "in", members.ids))
        if contexts is not None:
            domain.append(("object_id", "in", contexts.ids))
        return domain

    @api.model
    @server_only
    def get_memberships(
        self,
        members=None,
        contexts=None,
        states=("active",),
        behaviors=("member",),
        domain=None,
        **search_kwargs,
    ):
        """The relationships of ``membership_domain(...)`` (and ``domain``),
        as superuser; ``search_kwargs``: offset, limit, order, count."""
        return self._elevated().search(
            self.membership_domain(members, contexts, states, behaviors)
            + list(domain or []),
            **search_kwargs,
        )

    @api.model
    @server_only
    def get_members(
        self, contexts, states=("active",), behaviors=("member",), **search_kwargs
    ):
        """The agents that are members of ``contexts`` (partners)."""
        return self.get_memberships(
            contexts=contexts, states=states, behaviors=behaviors, **search_kwargs
        ).mapped("subject_id")

    @api.model
    @server_only
    def get_membership_pairs(
        self, members=None, contexts=None, states=("active",), behaviors=("member",)
    ):
        """(member id, context id) of the memberships of ``members`` in
        ``contexts`` (partners; None: any), in one SQL query that loads no
        record: for search methods on big contexts."""
        self._check_membership_filter(members, contexts)
        self.env.cr.execute(
            """SELECT DISTINCT subject_id, object_id FROM rea_agent_relationship
               WHERE behavior IN %(behaviors)s AND state IN %(states)s
                 AND (%(any_member)s OR subject_id IN %(members)s)
                 AND (%(any_context)s OR object_id IN %(contexts)s)""",
            {
                "behaviors": tuple(behaviors),
                "states": tuple(MEMBERSHIP_STATES if states is None else states),
                "any_member": members is None,
                "members": tuple(members.ids) if members else (0,),
                "any_context": contexts is None,
                "contexts": tuple(contexts.ids) if contexts else (0,),
            },
        )
        return self.env.cr.fetchall()

    @api.model
    @server_only
    def count_members(self, contexts, states=("active",), behaviors=("member",)):
        """{context id: number of members} of ``contexts``, one grouped query."""
        data = self._elevated().read_group(
            self.membership_domain(None, contexts, states, behaviors),
            ["object_id"],
            ["object_id"],
        )
        return {d["object_id"][0]: d["object_id_count"] for d in data}

    @api.model
    @server_only
    def ensure_membership(self, member, context, state="active", date=None):
        """Make ``member`` a member of ``context`` (partners); return the
        relationship, never a second one.

        The member's first membership of the context, whatever its state,
        is reused; without one, a membership in ``state`` is created (an
        active one starts on ``date``, default today). Ensuring an active
        membership reactivates a candidate or inactive one from ``date``
        (its end date cleared); an active one, or one ensured in another
        state, is returned as it is.
        """
        self._check_partner_records(member, context)
        member.ensure_one()
        context.ensure_one()
        membership = self.get_memberships(member, context, states=None, limit=1)
        start = date or fields.Date.context_today(self)
        if not membership:
            vals = {
                "subject_id": member.id,
                "object_id": context.id,
                "type_id": self.env.ref("rea_base.relationship_type_member").id,
                "state": state,
            }
            if state == "active":
                vals["date_start"] = start
            membership = self._elevated().create(vals)
        elif state == "active" and membership.state != "active":
            membership.set_membership_state("active", date_start=start, date_end=False)
        return membership

    @api.model
    @server_only
    def end_membership(self, member, context, date=None):
        """End the active memberships of ``member`` in ``context`` on ``date``
        (default today): they become inactive. Return them."""
        memberships = self.get_memberships(member, context)
        if memberships:
            memberships.set_membership_state(
                "inactive", date_end=date or fields.Date.context_today(self)
            )
        return memberships

    @api.multi
    def set_membership_state(self, state, date_start=None, date_end=None):
        """Move these memberships to ``state``; ``date_start`` and ``date_end``
        are written when given (False clears them, None keeps them).

        Writes with the rights of these records: the memberships returned by
        this API, or those of a workflow that runs as superuser (join
        requests)."""
        vals = {"state": state}
        if date_start is not None:
            vals["date_start"] = date_start
        if date_end is not None:
            vals["date_end"] = date_end
        return self.write(vals)
