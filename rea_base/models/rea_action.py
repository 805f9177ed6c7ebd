# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

# Values mirror the ValueFlows 1.0 action properties, so that the effects
# engine in rea.event can read them without any per-action code.
INPUT_OUTPUT = [
    ("input", "Input"),
    ("output", "Output"),
    ("outputInput", "Output or input"),
    ("notApplicable", "Not applicable"),
]
CREATE_RESOURCE = [
    ("optional", "Optional"),
    ("optionalTo", "Optional (to-resource)"),
    ("notApplicable", "Not applicable"),
]
EVENT_QUANTITY = [
    ("resource", "Resource quantity"),
    ("effort", "Effort quantity"),
    ("both", "Resource and effort quantity"),
]
QUANTITY_EFFECT = [
    ("increment", "Increment"),
    ("decrement", "Decrement"),
    ("decrementIncrement", "Decrement, increment to-resource"),
    ("incrementTo", "Increment to-resource"),
    ("notApplicable", "Not applicable"),
]
LOCATION_EFFECT = [
    ("new", "Set on a new resource"),
    ("update", "Update"),
    ("updateTo", "Update to-resource"),
    ("notApplicable", "Not applicable"),
]
CONTAINMENT_EFFECT = [
    ("update", "Update"),
    ("remove", "Remove"),
    ("notApplicable", "Not applicable"),
]
ACCOUNTABLE_EFFECT = [
    ("new", "Set on a new resource"),
    ("updateTo", "Update to-resource"),
    ("notApplicable", "Not applicable"),
]
STAGE_EFFECT = [
    ("update", "Update"),
    ("notApplicable", "Not applicable"),
]
STATE_EFFECT = [
    ("update", "Update"),
    ("updateTo", "Update to-resource"),
    ("notApplicable", "Not applicable"),
]


class ReaAction(models.Model):
    """A ValueFlows action and its effects on economic resources.

    The 19 actions of ValueFlows 1.0 are shipped as data; the effects engine
    only reads these fields, so the table lives in one place.
    """

    _name = "rea.action"
    _description = "REA Action (ValueFlows)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="ValueFlows identifier of the action, e.g. produce, transferCustody.",
    )
    sequence = fields.Integer(default=10)
    label = fields.Char(translate=True, help="e.g. 'produces'")
    inverse_label = fields.Char(
        string="Inverse label", translate=True, help="e.g. 'produced by'"
    )
    note = fields.Text(translate=True)
    input_output = fields.Selection(
        INPUT_OUTPUT, string="Input or output", required=True, default="notApplicable"
    )
    pairs_with_id = fields.Many2one("rea.action", string="Pairs with")
    create_resource = fields.Selection(
        CREATE_RESOURCE,
        string="Creates a resource",
        required=True,
        default="notApplicable",
    )
    event_quantity = fields.Selection(
        EVENT_QUANTITY, string="Event quantity", required=True, default="resource"
    )
    accounting_effect = fields.Selection(
        QUANTITY_EFFECT,
        string="Accounting effect",
        required=True,
        default="notApplicable",
    )
    onhand_effect = fields.Selection(
        QUANTITY_EFFECT,
        string="On-hand effect",
        required=True,
        default="notApplicable",
    )
    location_effect = fields.Selection(
        LOCATION_EFFECT,
        string="Location effect",
        required=True,
        default="notApplicable",
    )
    containment_effect = fields.Selection(
        CONTAINMENT_EFFECT,
        string="Containment effect",
        required=True,
        default="notApplicable",
    )
    accountable_effect = fields.Selection(
        ACCOUNTABLE_EFFECT,
        string="Accountable effect",
        required=True,
        default="notApplicable",
    )
    stage_effect = fields.Selection(
        STAGE_EFFECT, string="Stage effect", required=True, default="notApplicable"
    )
    state_effect = fields.Selection(
        STATE_EFFECT, string="State effect", required=True, default="notApplicable"
    )
    action_type_ids = fields.One2many(
        "rea.action.type", "action_id", string="Action types"
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The action code must be unique."),
    ]
