# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models, tools
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    """The contexts a user works for: the one place record rules ask."""

    _inherit = "res.users"

    @api.multi
    def rea_get_context_ids(self):
        """Ids of the context agents this user works for: those their
        partner (or its commercial partner) coordinates through an active
        'manager' relationship, the roots other addons add
        (``_rea_context_root_queries``), and every agent (recursively) part
        of them through active 'part of' relationships.

        Record rules scope REA users with it, e.g.
        ``[('context_id', 'in', user.rea_get_context_ids())]``: one SQL query.
        Rules are cached per user, and so is this set: whatever changes it
        clears the caches (see ``rea.agent.relationship._rea_clear_rule_caches``).
        """
        self.ensure_one()
        # Whom another user works for is theirs to know, and managers'.
        if not (
            self.env.uid == self.id
            or self.env.user._is_superuser()
            or self.env.user.has_group("rea_base.group_rea_manager")
        ):
            raise AccessError(_("You may only ask which contexts you work for."))
        return list(self._rea_context_ids())

    @api.multi
    def rea_get_coordinated_context_ids(self):
        """Ids of the contexts this user coordinates: through their own
        active 'manager' relationships and the agents part of those, not
        through a role's contexts (``_rea_context_root_queries`` of other
        addons). Only coordination gives coordination: who may grant a
        context's coordination or its being part of another agent asks
        this set."""
        self.ensure_one()
        self.rea_get_context_ids()  # the same access check
        return list(self._rea_coordinated_ids())

    @api.multi
    def rea_get_member_context_ids(self):
        """Ids of the contexts this user is an active member of: their
        partner's (or its commercial partner's) active 'member' or 'manager'
        relationships, and the agents part of those. A party may record its
        own work and exchanges in them (record rules of events, commitments,
        exchanges); working for a context gives more
        (``rea_get_context_ids``)."""
        self.ensure_one()
        self.rea_get_context_ids()  # the same access check
        return list(self._rea_member_context_ids())

    @api.multi
    @tools.ormcache("self.id")
    def _rea_member_context_ids(self):
        self.ensure_one()
        return self._rea_scope_ids(self._rea_membership_root_queries())

    @api.multi
    @tools.ormcache("self.id")
    def _rea_context_ids(self):
        self.ensure_one()
        return self._rea_scope_ids(self._rea_context_root_queries())

    @api.multi
    @tools.ormcache("self.id")
    def _rea_coordinated_ids(self):
        self.ensure_one()
        return self._rea_scope_ids(self._rea_coordination_root_queries())

    @api.multi
    def _rea_scope_ids(self, roots):
        """The agents of the ``roots`` queries and, recursively, those part
        of them, in one SQL query."""
        if not roots:
            return ()
        sql = " UNION ".join("(%s)" % query for query, _params in roots)
        params = [param for _query, query_params in roots for param in query_params]
        # UNION (not UNION ALL) stops on cycles of 'part of'.
        self.env.cr.execute(
            """WITH RECURSIVE scope(id) AS (
                   {roots}
                 UNION
                   SELECT rel.subject_id FROM rea_agent_relationship rel
                   JOIN scope ON rel.object_id = scope.id
                   WHERE rel.behavior = 'child' AND rel.state = 'active'
               )
               SELECT id FROM scope WHERE id IS NOT NULL ORDER BY id""".format(
                roots=sql
            ),
            params,
        )
        return tuple(row[0] for row in self.env.cr.fetchall())

    @api.multi
    def _rea_context_root_queries(self):
        """``[(sql, params)]``: queries selecting one column of partner ids,
        the contexts this user works for before their sub-contexts are
        added. Extend to add the contexts of a role (call ``super()``)."""
        return self._rea_coordination_root_queries()

    @api.multi
    def _rea_coordination_root_queries(self):
        """The contexts this user coordinates themself (active 'manager'
        relationships of their partner or its commercial partner)."""
        self.ensure_one()
        partner_ids = tuple({self.partner_id.id, self.commercial_partner_id.id})
        return [
            (
                "SELECT object_id FROM rea_agent_relationship "
                "WHERE behavior = 'manager' AND state = 'active' "
                "AND subject_id IN %s",
                [partner_ids],
            )
        ]

    @api.multi
    def _rea_membership_root_queries(self):
        """The contexts this user is an active member (or coordinator) of
        through their partner or its commercial partner."""
        self.ensure_one()
        partner_ids = tuple({self.partner_id.id, self.commercial_partner_id.id})
        return [
            (
                "SELECT object_id FROM rea_agent_relationship "
                "WHERE behavior IN ('member', 'manager') AND state = 'active' "
                "AND subject_id IN %s",
                [partner_ids],
            )
        ]
