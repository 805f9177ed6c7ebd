# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class ReaProject(models.Model):
    _inherit = "rea.project"

    share_product_ids = fields.One2many(
        "product.template",
        "share_project_id",
        string="Share types",
        domain=[("is_share", "=", True)],
    )
    share_acquirer_ids = fields.Many2many(
        "payment.acquirer",
        "rea_project_share_acquirer_rel",
        "project_id",
        "acquirer_id",
        string="Share payment methods",
        help="Payment methods candidates may choose to pay their shares.",
    )
    share_request_count = fields.Integer(
        string="Subscription requests", compute="_compute_share_request_count"
    )

    @api.multi
    def _compute_share_request_count(self):
        """The requests the user may read: all for cooperative users, those
        of their projects for coordinators, none for other REA users."""
        Request = self.env["rea.subscription.request"]
        data = []
        if Request.check_access_rights("read", raise_exception=False):
            data = Request.read_group(
                [("project_id", "in", self.ids)], ["project_id"], ["project_id"]
            )
        counts = {d["project_id"][0]: d["project_id_count"] for d in data}
        for project in self:
            project.share_request_count = counts.get(project.id, 0)

    @api.multi
    def get_share_acquirers(self):
        """Payment methods offered for the shares of this project."""
        self.ensure_one()
        return self.sudo().share_acquirer_ids.filtered(
            lambda a: a.website_published or a.environment == "test"
        )

    @api.multi
    def action_view_subscription_requests(self):
        self.ensure_one()
        self._rea_check_readable()
        action = self.env.ref(
            "rea_membership_shares.action_rea_subscription_request"
        ).read()[0]
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {"default_project_id": self.id}
        return action
