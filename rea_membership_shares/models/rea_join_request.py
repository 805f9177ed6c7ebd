# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import UserError


class ReaJoinRequest(models.Model):
    """Projects joined by buying shares: each join request gets a
    subscription request, and is accepted when its shares are paid."""

    _inherit = "rea.join.request"

    @api.model
    def _selection_payment_ref(self):
        return super()._selection_payment_ref() + [
            ("rea.subscription.request", "Subscription request")
        ]

    @api.model
    def create(self, vals):
        request = super().create(vals)
        if (
            request.project_id.join_style == "shares"
            and not request.payment_ref
            and not self.env.context.get("rea_shares_no_subscription")
        ):
            request.sudo()._create_subscription_request()
        return request

    @api.multi
    def get_subscription_request(self):
        self.ensure_one()
        ref = self.sudo().payment_ref
        if ref and ref._name == "rea.subscription.request":
            return ref
        return (
            self.env["rea.subscription.request"]
            .sudo()
            .search([("join_request_id", "=", self.id)], limit=1)
        )

    @api.multi
    def _prepare_subscription_vals(self):
        self.ensure_one()
        project = self.project_id
        product = (
            self.env["rea.subscription.request"].get_share_types(
                project, for_company=self.type_of_user == "collective"
            )[:1]
            or project.sudo().share_product_ids[:1].product_variant_id
        )
        names = (self.name or "").split(" ", 1)
        vals = {
            "project_id": project.id,
            "share_product_id": product.id,
            "quantity": max(product.share_min_quantity, 1),
            "source": "manual",
            "firstname": names[0],
            "lastname": names[1] if len(names) > 1 else "",
            "email": self.email,
            "phone": self.phone,
            "street": self.street,
            "zip_code": self.zip,
            "city": self.city,
            "country_id": self.country_id.id,
            "partner_id": self.partner_id.id,
            "join_request_id": self.id,
        }
        if self.type_of_user == "collective":
            vals.update({"is_company": True, "company_name": self.name})
        return vals

    @api.multi
    def _create_subscription_request(self):
        """A draft subscription request for the shares this membership needs
        (none when the project has no share type yet)."""
        self.ensure_one()
        vals = self._prepare_subscription_vals()
        if not vals["share_product_id"]:
            return self.env["rea.subscription.request"]
        subscription = self.env["rea.subscription.request"].sudo().create(vals)
        self.payment_ref = "%s,%s" % (subscription._name, subscription.id)
        return subscription

    @api.multi
    def _confirm_email(self):
        """The address is confirmed: the share request made with the join
        form belongs to the contact found or created for it (none is
        attached before, so a visitor cannot use someone else's address)."""
        result = super()._confirm_email()
        for request in self.filtered(lambda r: r.project_id.join_style == "shares"):
            subscription = request.get_subscription_request()
            if (
                subscription
                and not subscription.partner_id
                and subscription.state == "draft"
            ):
                subscription.sudo().partner_id = request.partner_id
        return result

    @api.multi
    def _on_join_request_withdrawn(self):
        """A withdrawn request drops its share request while nothing is paid."""
        result = super()._on_join_request_withdrawn()
        for request in self.filtered(lambda r: r.project_id.join_style == "shares"):
            subscription = request.get_subscription_request().sudo()
            paid_part = subscription.invoice_id.payment_move_line_ids
            # A part already paid is the coordinators' to settle (refund).
            if (
                subscription.state in ("draft", "waiting", "blocked", "done")
                and not paid_part
            ):
                subscription.action_cancel()
        return result

    @api.multi
    def _check_can_accept(self):
        super()._check_can_accept()
        for request in self.filtered(lambda r: r.project_id.join_style == "shares"):
            subscription = request.get_subscription_request()
            if not subscription or subscription.state != "paid":
                raise UserError(
                    _(
                        "%s joins by buying shares: the request is accepted "
                        "when the shares are paid."
                    )
                    % request.name
                )
        return True
