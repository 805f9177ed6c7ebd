# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare


class ReaResourceRole(models.Model):
    """Rights on a resource (owner, custodian, contact...) held by an agent."""

    _name = "rea.resource.role"
    _inherit = ["rea.access.check.mixin"]
    _description = "REA Resource Role"
    _order = "resource_id, role_type_id, agent_id"

    resource_id = fields.Many2one(
        "rea.resource", required=True, ondelete="cascade", index=True
    )
    agent_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True
    )
    role_type_id = fields.Many2one(
        "rea.resource.role.type", string="Role", required=True, ondelete="restrict"
    )
    is_owner = fields.Boolean(
        related="role_type_id.is_owner", string="Owner", readonly=True
    )
    share_percentage = fields.Float(string="Share (%)")
    note = fields.Text()

    @api.model
    def create(self, vals):
        self.check_access_rights("create")
        self._check_can_change_resources(
            self.env["rea.resource"].browse(vals.get("resource_id"))
        )
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("resource_id"):
            self._check_can_change_resources(
                self.env["rea.resource"].browse(vals["resource_id"])
            )
        return super().write(vals)

    @api.model
    def _check_can_change_resources(self, resources):
        """Roles on a resource are given by who may change the resource
        (its record rules): checked before anything reads the resource's
        other roles, so that a resource out of reach is an AccessError."""
        if not resources:
            return
        try:
            resources.check_access_rights("write")
            resources.check_access_rule("write")
        except AccessError:
            # No name: the resource may be one the user may not even read.
            raise AccessError(
                _("Roles on a resource are given by those who may change it.")
            )

    @api.constrains("share_percentage", "role_type_id", "resource_id")
    def _check_share_percentage(self):
        for role in self:
            if role.share_percentage < 0 or role.share_percentage > 100:
                raise ValidationError(
                    _("A share must be between 0 and 100 %%, not %s %%.")
                    % role.share_percentage
                )
            owner_roles = role.resource_id.role_ids.filtered("is_owner")
            total = sum(owner_roles.mapped("share_percentage"))
            if float_compare(total, 100.0, precision_digits=4) > 0:
                raise ValidationError(
                    _("The owners' shares of %(resource)s add up to %(total)s %%.")
                    % {"resource": role.resource_id.display_name, "total": total}
                )
