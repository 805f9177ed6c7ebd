# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class ReaAgentRelationshipType(models.Model):
    _name = "rea.agent.relationship.type"
    _description = "REA Agent Relationship Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    plural_name = fields.Char(string="Plural name", translate=True)
    label = fields.Char(
        required=True,
        translate=True,
        help="Read from subject to object, e.g. 'is member of'.",
    )
    inverse_label = fields.Char(
        string="Inverse label",
        required=True,
        translate=True,
        help="Read from object to subject, e.g. 'has member'.",
    )
    behavior = fields.Selection(
        [
            ("member", "Member"),
            ("manager", "Manager / coordinator"),
            ("child", "Part of (child)"),
            ("peer", "Peer"),
            ("supplier", "Supplier"),
            ("customer", "Customer"),
            ("custodian", "Custodian"),
        ],
        string="Behaviour",
        required=True,
        default="member",
    )
    identifier = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "identifier_uniq",
            "unique(identifier)",
            "The relationship type identifier must be unique.",
        ),
    ]
