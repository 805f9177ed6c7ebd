# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventChecks(models.Model):
    """Validation: refuse events that do not make sense for their action.

    Each ``_check_*`` method reads the event's facts (``ev``, see
    rea_event_facts.py); a module adds its own rule by extending one of them
    or ``_check_event_facts``."""

    _inherit = "rea.event"

    @api.multi
    def _check_event(self, facts=None):
        """Refuse events that do not make sense for their action.

        Each check reads the event's facts (``_get_event_facts``, read once
        for all these events unless given) and the event record only to word
        its error."""
        if facts is None:
            facts = self._get_event_facts()
        for event in self:
            event._check_event_facts(facts[event.id])

    @api.multi
    def _check_event_facts(self, ev):
        self._check_action_type(ev)
        self._check_dates(ev)
        self._check_process_links(ev)
        self._check_quantities(ev)
        self._check_units(ev)
        self._check_resources(ev)
        self._check_context(ev)
        self._check_commitment(ev)
        if ev.corrects_event_id:
            self._check_correction()

    @api.multi
    def _check_action_type(self, ev):
        if ev.action_type and ev.action_type.action_id != ev.action_id:
            raise ValidationError(
                _("The action type '%(type)s' is a '%(expected)s', not a '%(action)s'.")
                % {
                    "type": ev.action_type.name,
                    "expected": self.env["rea.action"]
                    .browse(ev.action_type.action_id)
                    .name,
                    "action": ev.action.name,
                }
            )

    @api.multi
    def _check_dates(self, ev):
        if ev.has_beginning and ev.has_end and ev.has_end < ev.has_beginning:
            raise ValidationError(_("An economic event cannot end before it begins."))

    @api.multi
    def _check_process_links(self, ev):
        action = ev.action
        io = action.input_output
        if io == "input":
            if not ev.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an input: set the process it is input of.")
                    % action.name
                )
            if ev.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an input, it cannot be output of a process.")
                    % action.name
                )
        elif io == "output":
            if not ev.output_of_id:
                raise ValidationError(
                    _("A '%s' event is an output: set the process it is output of.")
                    % action.name
                )
            if ev.input_of_id:
                raise ValidationError(
                    _("A '%s' event is an output, it cannot be input of a process.")
                    % action.name
                )
        elif io == "notApplicable" and (ev.input_of_id or ev.output_of_id):
            raise ValidationError(
                _("A '%s' event happens between agents, not in a process.")
                % action.name
            )

    @api.multi
    def _check_quantities(self, ev):
        action = ev.action
        # Only a reversal carries negative quantities (checked separately).
        if not ev.corrects_event_id and (
            ev.resource_quantity < 0 or ev.effort_quantity < 0
        ):
            raise ValidationError(
                _("Quantities of an economic event must be positive.")
            )
        if action.event_quantity == "effort":
            if ev.resource_quantity or ev.resource_id or ev.to_resource_id:
                raise ValidationError(
                    _(
                        "A '%s' event carries an effort quantity (e.g. hours), "
                        "not a resource or a resource quantity."
                    )
                    % action.name
                )
            if not ev.effort_quantity:
                raise ValidationError(
                    _("A '%s' event needs an effort quantity.") % action.name
                )
        elif action.event_quantity == "resource":
            if not ev.resource_quantity:
                raise ValidationError(
                    _("A '%s' event needs a resource quantity.") % action.name
                )
        elif not (ev.resource_quantity or ev.effort_quantity):
            raise ValidationError(
                _("A '%s' event needs a resource or an effort quantity.") % action.name
            )

    @api.multi
    def _check_units(self, ev):
        if ev.resource_quantity and not ev.resource_unit_id:
            raise ValidationError(_("Set the unit of the resource quantity."))
        if ev.effort_quantity and not ev.effort_unit_id:
            raise ValidationError(_("Set the unit of the effort quantity."))
        if not ev.resource_quantity:
            return
        resources = [ev.resource]
        if self._moves_to_resource(ev.action):
            # The container of a combine is counted in its own unit.
            resources.append(ev.to_resource)
        for resource in resources:
            if resource and resource.unit_id != ev.resource_unit_id:
                unit_model = self.env["product.uom"]
                raise ValidationError(
                    _(
                        "The event is counted in %(event_unit)s but %(resource)s "
                        "is counted in %(resource_unit)s."
                    )
                    % {
                        "event_unit": unit_model.browse(ev.resource_unit_id).name,
                        "resource": self.env["rea.resource"]
                        .browse(resource.id)
                        .display_name,
                        "resource_unit": unit_model.browse(resource.unit_id).name,
                    }
                )

    @api.multi
    def _check_resources(self, ev):
        action = ev.action
        affects_resource = (
            action.accounting_effect,
            action.onhand_effect,
            action.containment_effect,
            action.stage_effect,
        ) != ("notApplicable",) * 4
        if affects_resource and not ev.resource_id:
            if action.create_resource != "optional":
                raise ValidationError(
                    _("A '%s' event needs the resource it affects.") % action.name
                )
            if not ev.resource_conforms_to_id:
                raise ValidationError(
                    _(
                        "A '%s' event needs a resource or the resource type of "
                        "the resource to create."
                    )
                    % action.name
                )
        # Only work is about agents alone; anything else is about something.
        if action.event_quantity != "effort" and not (
            ev.resource_id or ev.resource_conforms_to_id
        ):
            raise ValidationError(
                _("A '%s' event needs a resource or a resource type.") % action.name
            )
        if ev.to_resource_id and not self._accepts_to_resource(action):
            raise ValidationError(
                _("A '%s' event has no receiving resource.") % action.name
            )
        if ev.to_resource_id and ev.to_resource_id == ev.resource_id:
            raise ValidationError(
                _("The resource and the receiving resource must differ.")
            )
        if (
            ev.resource
            and ev.resource_conforms_to_id
            and ev.resource.conforms_to_id != ev.resource_conforms_to_id
        ):
            raise ValidationError(
                _("%(resource)s is not a %(type)s.")
                % {
                    "resource": self.env["rea.resource"]
                    .browse(ev.resource_id)
                    .display_name,
                    "type": self.env["product.template"]
                    .browse(ev.resource_conforms_to_id)
                    .display_name,
                }
            )

    @api.model
    def _moves_to_resource(self, action):
        """Whether the action (its facts) changes the quantities of the
        to-resource."""
        to_quantity_effects = ("decrementIncrement", "incrementTo")
        return (
            action.accounting_effect in to_quantity_effects
            or action.onhand_effect in to_quantity_effects
        )

    @api.model
    def _accepts_to_resource(self, action):
        """Whether the action (its facts) has a receiving side (or a
        container)."""
        return (
            action.create_resource == "optionalTo"
            or self._moves_to_resource(action)
            or action.containment_effect == "update"
            or "updateTo"
            in (action.location_effect, action.accountable_effect, action.state_effect)
        )

    @api.multi
    def _check_context(self, ev):
        if ev.context and not ev.context.is_context:
            raise ValidationError(
                _("%s is not a context agent (project, organisation, network).")
                % self.env["res.partner"].browse(ev.context_id).display_name
            )

    @api.multi
    def _check_commitment(self, ev):
        if ev.commitment and ev.commitment.action_id != ev.action_id:
            raise ValidationError(
                _("A '%(action)s' event cannot fulfil a '%(commitment)s' commitment.")
                % {
                    "action": ev.action.name,
                    "commitment": self.env["rea.action"]
                    .browse(ev.commitment.action_id)
                    .name,
                }
            )

    @api.multi
    def _check_correction(self):
        original = self.corrects_event_id
        if original.corrects_event_id:
            raise ValidationError(_("A correcting event cannot itself be corrected."))
        if original.correction_ids - self:
            raise ValidationError(
                _("The event '%s' has already been corrected.") % original.name
            )
        same = all(
            self[fname] == original[fname]
            for fname in (
                "action_id",
                "resource_id",
                "to_resource_id",
                "resource_unit_id",
            )
        )
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        reverses = all(
            float_compare(self[fname], -original[fname], precision_digits=digits) == 0
            for fname in ("resource_quantity", "effort_quantity")
        )
        if not (same and reverses):
            raise ValidationError(
                _(
                    "A correcting event reverses '%s' exactly: same action and "
                    "resources, opposite quantities."
                )
                % original.name
            )
