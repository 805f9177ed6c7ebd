# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.osv import expression


class ReaVfExporterSelection(models.AbstractModel):
    """Which records an export holds: readable, in scope, in the date range."""

    # One model split by concern (see rea_vf_exporter.py), on purpose.
    # pylint: disable=consider-merging-classes-inherited
    _inherit = "rea.vf.exporter"

    # Selection (each overridable)

    @api.model
    def _vf_readable(self, records):
        """Those of ``records`` the current user may read (record rules)."""
        if not records or not records.check_access_rights(
            "read", raise_exception=False
        ):
            return records.browse()
        return records.with_context(active_test=False).search(
            [("id", "in", records.ids)]
        )

    @api.model
    def _vf_date_domain(self, fname, date_from, date_to):
        domain = []
        if date_from:
            domain.append((fname, ">=", date_from + " 00:00:00"))
        if date_to:
            domain.append((fname, "<=", date_to + " 23:59:59"))
        return domain

    @api.model
    def _vf_agents_domain(self, scope, fnames):
        """Records in scope of, or with a party among, the scope agents."""
        domain = []
        for fname in fnames:
            domain = (["|"] if domain else []) + domain + [(fname, "in", scope.ids)]
        return domain

    @api.model
    def _vf_select_events(self, scope, date_from, date_to):
        event_model = self.env["rea.event"]
        if not event_model.check_access_rights("read", raise_exception=False):
            return event_model.browse()
        domain = self._vf_date_domain("has_point_in_time", date_from, date_to)
        if scope is not None:
            domain += self._vf_agents_domain(
                scope, ("context_id", "provider_id", "receiver_id")
            )
        return event_model.search(domain, order="id")

    @api.model
    def _vf_select_commitments(self, scope, date_from, date_to):
        commitment_model = self.env["rea.commitment"]
        if not commitment_model.check_access_rights("read", raise_exception=False):
            return commitment_model.browse()
        domain = []
        if date_from or date_to:
            # Dated by their due date, else by when they were made.
            domain = expression.OR(
                [
                    expression.AND(
                        [
                            [("due", "!=", False)],
                            self._vf_date_domain("due", date_from, date_to),
                        ]
                    ),
                    expression.AND(
                        [
                            [("due", "=", False)],
                            self._vf_date_domain("created", date_from, date_to),
                        ]
                    ),
                ]
            )
        if scope is not None:
            domain = expression.AND(
                [
                    domain,
                    self._vf_agents_domain(
                        scope, ("context_id", "provider_id", "receiver_id")
                    ),
                ]
            )
        return commitment_model.search(domain, order="id")

    @api.model
    def _vf_select_processes(self, scope, date_from, date_to):
        process_model = self.env["rea.process"]
        if not process_model.check_access_rights("read", raise_exception=False):
            return process_model.browse()
        domain = []
        if scope is not None:
            domain.append(("context_id", "in", scope.ids))
        # Processes overlapping the range (open-ended ones included).
        if date_to:
            domain += [
                "|",
                ("has_beginning", "=", False),
                ("has_beginning", "<=", date_to + " 23:59:59"),
            ]
        if date_from:
            domain += [
                "|",
                ("has_end", "=", False),
                ("has_end", ">=", date_from + " 00:00:00"),
            ]
        return process_model.search(domain, order="id")

    @api.model
    def _vf_select_plans(self, scope):
        plan_model = self.env["rea.plan"]
        if scope is None or not plan_model.check_access_rights(
            "read", raise_exception=False
        ):
            return plan_model.browse()
        return plan_model.search([("context_id", "in", scope.ids)], order="id")

    @api.model
    def _vf_select_resources(self, scope):
        resource_model = self.env["rea.resource"]
        if not resource_model.check_access_rights("read", raise_exception=False):
            return resource_model.browse()
        if scope is None:
            # No context: every resource the user may read was asked for.
            return resource_model.search([], order="id")  # pylint: disable=W8163
        return resource_model.search(
            [("primary_accountable_id", "in", scope.ids)], order="id"
        )

    @api.model
    def _vf_select_relationships(self, agents, scope):
        """Relationships between exported agents, and those of the scope
        agents (their members, coordinators, parts...)."""
        rel_model = self.env["rea.agent.relationship"]
        if not agents or not rel_model.check_access_rights(
            "read", raise_exception=False
        ):
            return rel_model.browse()
        domain = [("subject_id", "in", agents.ids), ("object_id", "in", agents.ids)]
        if scope is not None:
            domain = ["|", ("object_id", "in", scope.ids), "&"] + domain
        relationships = rel_model.search(domain, order="id")
        # Both ends must be readable to say anything about the link.
        readable = self._vf_readable(
            relationships.mapped("subject_id") | relationships.mapped("object_id")
        )
        return relationships.filtered(
            lambda r: r.subject_id in readable and r.object_id in readable
        )
