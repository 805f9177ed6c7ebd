# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "rea.faircoin.address.mixin"]

    faircoin_address = fields.Char(
        string="FairCoin address",
        copy=False,
        help="The agent's own FairCoin 2 address (its wallet), e.g. to "
        "identify or refund its payments.",
    )
    faircoin_receiving_address = fields.Char(
        string="FairCoin receiving address",
        compute="_compute_faircoin_receiving_address",
        inverse="_inverse_faircoin_receiving_address",
        help="Projects and other contexts: the address of their FairCoin "
        "account, where acquirers set to 'one address per project' ask "
        "their payers to pay.",
    )

    @api.model
    def _get_faircoin_resource_type(self):
        return self.env.ref("rea_exchanges.product_template_faircoin")

    @api.multi
    def get_faircoin_account(self, create=False):
        """This agent's FairCoin account resource (rea_exchanges)."""
        self.ensure_one()
        return self.get_rea_account(self._get_faircoin_resource_type(), create=create)

    @api.multi
    def _compute_faircoin_receiving_address(self):
        for partner in self:
            address = False
            if partner.id and partner.is_context:
                address = partner.get_faircoin_account().sudo().faircoin_address
            partner.faircoin_receiving_address = address

    @api.multi
    def _inverse_faircoin_receiving_address(self):
        for partner in self:
            if not partner.is_context:
                continue
            partner._check_can_set_receiving_address()
            account = partner.get_faircoin_account(
                create=bool(partner.faircoin_receiving_address)
            )
            if account:
                account.sudo().faircoin_address = partner.faircoin_receiving_address

    @api.multi
    def _check_can_set_receiving_address(self):
        """Changing where a project is paid is for REA managers and the
        project's coordinators only."""
        self.ensure_one()
        user = self.env.user
        if self.env.uid == 1 or user.has_group("rea_base.group_rea_manager"):
            return
        if self in user.partner_id.get_coordinated_agents():
            return
        raise AccessError(
            _("Only coordinators of %s can change its FairCoin receiving address.")
            % self.display_name
        )
