# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ReaAgentRelationship(models.Model):
    """A typed relationship read 'subject <label> object'.

    Example: Alice (subject) "is member of" Coop (object); seen from the
    coop: Coop "has member" Alice.
    """

    _name = "rea.agent.relationship"
    _description = "REA Agent Relationship"
    _order = "object_id, type_id, subject_id"

    subject_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    object_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    type_id = fields.Many2one(
        "rea.agent.relationship.type",
        string="Relationship type",
        required=True,
        ondelete="restrict",
    )
    behavior = fields.Selection(
        related="type_id.behavior", string="Behaviour", store=True, readonly=True
    )
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Active"), ("inactive", "Inactive")],
        required=True,
        default="active",
    )
    date_start = fields.Date(string="Start date")
    date_end = fields.Date(string="End date")
    note = fields.Text()
    label = fields.Char(compute="_compute_labels")
    inverse_label = fields.Char(string="Inverse label", compute="_compute_labels")

    @api.depends(
        "subject_id.display_name",
        "object_id.display_name",
        "type_id.label",
        "type_id.inverse_label",
    )
    def _compute_labels(self):
        for rel in self:
            rel.label = "%s %s %s" % (
                rel.subject_id.display_name or "",
                rel.type_id.label or "",
                rel.object_id.display_name or "",
            )
            rel.inverse_label = "%s %s %s" % (
                rel.object_id.display_name or "",
                rel.type_id.inverse_label or "",
                rel.subject_id.display_name or "",
            )

    @api.multi
    def name_get(self):
        return [(rel.id, rel.label) for rel in self]

    @api.constrains("subject_id", "object_id")
    def _check_not_self(self):
        for rel in self:
            if rel.subject_id == rel.object_id:
                raise ValidationError(
                    _("An agent cannot have a relationship with itself (%s).")
                    % rel.subject_id.display_name
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for rel in self:
            if rel.date_start and rel.date_end and rel.date_end < rel.date_start:
                raise ValidationError(
                    _("The relationship '%s' ends before it starts.") % rel.label
                )

    @api.constrains("subject_id", "object_id", "type_id", "state")
    def _check_child_cycle(self):
        """Networks of networks must stay a tree: no agent is part of itself."""
        for rel in self:
            if rel.behavior != "child" or rel.state == "inactive":
                continue
            # The subject becomes part of the object: the object must not
            # already be (recursively) part of the subject.
            if rel.object_id in rel.subject_id.get_sub_agents(
                states=("candidate", "active")
            ):
                raise ValidationError(
                    _(
                        "%(subject)s cannot be part of %(object)s: "
                        "%(object)s is already part of %(subject)s."
                    )
                    % {
                        "subject": rel.subject_id.display_name,
                        "object": rel.object_id.display_name,
                    }
                )
