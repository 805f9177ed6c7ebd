# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models, tools
from odoo.tools.cache import get_cache_key_counter


class ResPartner(models.Model):
    _inherit = "res.partner"

    rea_project_ids = fields.One2many(
        "rea.project", "partner_id", string="Project settings"
    )
    rea_skill_ids = fields.One2many("rea.agent.skill", "partner_id", string="Skills")
    rea_join_request_ids = fields.One2many(
        "rea.join.request",
        "partner_id",
        string="Join requests",
        groups="rea_projects.group_project_coordinator",
    )

    @api.model
    @tools.ormcache("partner_id")
    def _rea_project_service_codes(self, partner_id):
        """Codes of the services of the active projects ``partner_id`` is an
        active member (or coordinator) of, or None when in no project.

        One query, cached until memberships or project services change (they
        clear the caches, see rea.agent.relationship and rea.project).
        """
        # rea_project_rea_project_service_rel: the table of service_ids.
        query = """
            SELECT DISTINCT project.id, service.code
            FROM rea_agent_relationship rel
            JOIN rea_project project ON project.partner_id = rel.object_id
            JOIN res_partner agent ON agent.id = project.partner_id
            LEFT JOIN rea_project_rea_project_service_rel link
                ON link.rea_project_id = project.id
            LEFT JOIN rea_project_service service
                ON service.id = link.rea_project_service_id
            WHERE rel.subject_id = %s
              AND rel.behavior IN ('member', 'manager')
              AND rel.state = 'active'
              AND agent.active
        """
        self.env.cr.execute(query, (partner_id,))
        rows = self.env.cr.fetchall()
        if not rows:
            return None
        return frozenset(code for _project, code in rows if code)

    @api.model
    def _rea_forget_service_codes(self, partner_ids):
        """Drop this worker's cached service codes of ``partner_ids``."""
        for partner_id in partner_ids:
            cache, key, _counter = get_cache_key_counter(
                self._rea_project_service_codes, partner_id
            )
            if key in cache:
                cache.pop(key)

    @api.model
    def _rea_are_new_without_user(self, partner_ids):
        """Whether the partners ``partner_ids`` were all created in this
        transaction (their creation date is its start) and have no user."""
        if not partner_ids:
            return True
        self.env.cr.execute(
            "SELECT count(*) FROM res_partner p "
            "WHERE p.id IN %s AND p.create_date = (now() at time zone 'UTC') "
            "AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)",
            (tuple(partner_ids),),
        )
        return self.env.cr.fetchone()[0] == len(set(partner_ids))

    @api.multi
    def rea_service_enabled(self, code):
        """Members of projects have the services of their projects; agents in
        no project keep the default (every service)."""
        if len(self) != 1:
            return super().rea_service_enabled(code)
        codes = self._rea_project_service_codes(self.id)
        if codes is None:
            return super().rea_service_enabled(code)
        return code in codes
