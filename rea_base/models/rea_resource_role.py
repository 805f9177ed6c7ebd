# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class ReaResourceRole(models.Model):
    """Rights on a resource (owner, custodian, contact...) held by an agent."""

    _name = "rea.resource.role"
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
