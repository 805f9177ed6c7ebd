# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

MONEY_BEHAVIORS = ("account", "dig_curr")


class ReaExchangeType(models.Model):
    """A kind of agreement between two agents and its transfer slots.

    The exchange provider gives the main resource (goods, service, shares,
    loan, donation); the receiver gets it and, in two-sided types, gives the
    reciprocal transfer back (usually money). Flavours (gift, fiat,
    FairCoin, crypto) are records differing by their currency.
    """

    _name = "rea.exchange.type"
    _description = "REA Exchange Type"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Technical identifier, unique.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    provider_label = fields.Char(
        translate=True,
        help="What the exchange is for its provider, e.g. 'Sale'.",
    )
    receiver_label = fields.Char(
        translate=True,
        help="What the exchange is for its receiver, e.g. 'Purchase'.",
    )
    context_side = fields.Selection(
        [
            ("provider", "Provider"),
            ("receiver", "Receiver"),
            ("none", "Neither"),
        ],
        string="Context side",
        required=True,
        default="none",
        help="Which party is the context agent (project) by default: a sale "
        "is made by the project, a purchase or a donation received by it.",
    )
    currency_resource_type_id = fields.Many2one(
        "product.template",
        string="Currency",
        domain=[("rea_behavior", "in", MONEY_BEHAVIORS)],
        ondelete="restrict",
        help="Money account type of the currency slots without a resource "
        "type of their own.",
    )
    is_membership = fields.Boolean(
        string="Membership",
        help="Exchanges of this type make or keep someone a member "
        "(e.g. share purchases).",
    )
    invoicing = fields.Selection(
        [
            ("none", "No invoice"),
            ("customer", "Customer invoice"),
            ("vendor", "Vendor bill"),
        ],
        required=True,
        default="none",
        help="Odoo invoice mirroring the money side of the exchange. Its "
        "payment records the money transfer.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Invoicing journal",
        domain=[("type", "in", ("sale", "purchase"))],
        help="Leave empty for the company's default sale or purchase journal.",
    )
    transfer_type_ids = fields.One2many(
        "rea.transfer.type", "exchange_type_id", string="Transfer types", copy=True
    )
    transfer_type_count = fields.Integer(compute="_compute_transfer_type_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The exchange type code must be unique."),
    ]

    @api.depends("transfer_type_ids")
    def _compute_transfer_type_count(self):
        for exchange_type in self:
            exchange_type.transfer_type_count = len(exchange_type.transfer_type_ids)

    @api.multi
    def get_money_transfer_type(self):
        """The slot whose transfer an invoice payment records."""
        self.ensure_one()
        return self.transfer_type_ids.filtered(
            lambda t: t.is_reciprocal and t.is_currency
        )[:1]

    @api.multi
    def get_label_for(self, side):
        """Name of the exchange seen by its 'provider' or 'receiver'."""
        self.ensure_one()
        label = self.provider_label if side == "provider" else self.receiver_label
        return label or self.name
