# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.rea_base.models.decimal_precision import rea_quantity_digits

TRANSFER_ACTION_CODES = ("transfer", "transferAllRights", "transferCustody")
# Quantities moved by transfers: rea_base's "REA Quantity" precision (8
# digits by default: digital currencies count to 0.00000001 FAIR).
QUANTITY_DIGITS = rea_quantity_digits
# Which party of the exchange gives: shared by slots and transfers.
DIRECTIONS = [
    ("forward", "Provider to receiver"),
    ("backward", "Receiver to provider"),
]


def behavior_selection(model):
    """REA behaviours of resource types, as defined (and extended) there."""
    return model.env["product.template"]._fields["rea_behavior"].selection


class ReaTransferType(models.Model):
    """A slot of an exchange type: what moves, which way, with which action."""

    _name = "rea.transfer.type"
    _description = "REA Transfer Type"
    _order = "exchange_type_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    exchange_type_id = fields.Many2one(
        "rea.exchange.type", required=True, ondelete="cascade", index=True
    )
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        default="forward",
        help="Which party of the exchange gives in this slot.",
    )
    action_id = fields.Many2one(
        "rea.action",
        required=True,
        ondelete="restrict",
        domain=[("code", "in", TRANSFER_ACTION_CODES)],
        default=lambda self: self._default_action_id(),
        help="Transfer moves rights and custody, 'transfer all rights' only "
        "the rights, 'transfer custody' only the custody (loans of things).",
    )
    is_reciprocal = fields.Boolean(
        string="Reciprocal", help="The payment side of the exchange."
    )
    is_currency = fields.Boolean(string="Currency", help="Money moves in this slot.")
    is_contribution = fields.Boolean(
        string="Contribution",
        help="Its events are contributions to the context agent.",
    )
    is_to_distribute = fields.Boolean(
        string="To distribute",
        help="Its events are income to be shared later by value equations.",
    )
    resource_type_id = fields.Many2one(
        "product.template",
        string="Default resource type",
        ondelete="restrict",
        help="For currency slots, empty means the currency of the exchange type.",
    )
    allowed_resource_type_ids = fields.Many2many(
        "product.template",
        "rea_transfer_type_product_template_rel",
        "transfer_type_id",
        "product_template_id",
        string="Allowed resource types",
        help="Empty: any resource type (of the allowed behaviour, if set).",
    )
    allowed_behavior = fields.Selection(
        behavior_selection,
        string="Allowed behaviour",
        help="Only resource types with this REA behaviour may move in this slot.",
    )
    note = fields.Text(translate=True)

    @api.model
    def _default_action_id(self):
        return self.env.ref("rea_base.action_transfer", raise_if_not_found=False)

    @api.constrains("action_id")
    def _check_action(self):
        for transfer_type in self:
            if transfer_type.action_id.code not in TRANSFER_ACTION_CODES:
                raise ValidationError(
                    _("The transfer type '%s' needs a transfer action.")
                    % transfer_type.name
                )

    @api.multi
    def get_default_resource_type(self):
        self.ensure_one()
        if self.resource_type_id:
            return self.resource_type_id
        if self.is_currency:
            return self.exchange_type_id.currency_resource_type_id
        if len(self.allowed_resource_type_ids) == 1:
            return self.allowed_resource_type_ids
        return self.env["product.template"]

    @api.multi
    def accepts_resource_type(self, resource_type):
        """Whether resources of ``resource_type`` may move in this slot."""
        self.ensure_one()
        if (
            self.allowed_resource_type_ids
            and resource_type not in self.allowed_resource_type_ids
        ):
            return False
        if (
            self.allowed_behavior
            and resource_type.rea_behavior != self.allowed_behavior
        ):
            return False
        return True
