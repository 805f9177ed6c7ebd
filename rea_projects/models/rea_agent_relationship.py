# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaAgentRelationship(models.Model):
    """Memberships of projects decide the services members see."""

    _inherit = "rea.agent.relationship"

    # Fields that change who is an active member of which project.
    _rea_service_fields = ("subject_id", "object_id", "type_id", "state")

    @api.multi
    def _rea_touches_projects(self):
        return bool(
            self.sudo().filtered(
                lambda rel: rel.behavior in ("member", "manager")
                and rel.object_id.rea_project_ids
            )
        )

    def _rea_clear_service_caches(self):
        # Menus (load_menus is cached per user) and the services per agent.
        self.env["ir.ui.menu"].clear_caches()

    @api.multi
    def _rea_clear_new_service_caches(self):
        """New relationships change the services of their subjects only.

        Subjects created in this transaction and without user (a member
        joining through a form or a paid subscription) cannot be in another
        worker's caches nor in a menu cache: this worker forgets their
        service codes. Otherwise every cache goes, in every worker (one new
        member must not cost all workers their caches)."""
        subjects = self.sudo().mapped("subject_id")
        partner_model = self.env["res.partner"]
        if partner_model._rea_are_new_without_user(subjects.ids):
            partner_model._rea_forget_service_codes(subjects.ids)
        else:
            self._rea_clear_service_caches()

    @api.model
    def create(self, vals):
        relationship = super().create(vals)
        if relationship._rea_touches_projects():
            relationship._rea_clear_new_service_caches()
        return relationship

    @api.multi
    def write(self, vals):
        watched = any(field in vals for field in self._rea_service_fields)
        touched_before = watched and self._rea_touches_projects()
        result = super().write(vals)
        if watched and (touched_before or self._rea_touches_projects()):
            self._rea_clear_service_caches()
        return result

    @api.multi
    def unlink(self):
        touched = self._rea_touches_projects()
        result = super().unlink()
        if touched:
            self._rea_clear_service_caches()
        return result
