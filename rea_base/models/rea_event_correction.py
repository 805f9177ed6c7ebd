# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, models

from .rea_event import CORRECTING_KEY

# One model split by concern over several files (see rea_event.py).
# pylint: disable=consider-merging-classes-inherited


class ReaEventCorrection(models.Model):
    """Corrections the ValueFlows way: a reversal (same event, opposite
    quantities) and, if need be, a re-entry with the right quantities."""

    _inherit = "rea.event"

    @api.multi
    def _get_correction_copy_fields(self):
        """Fields a reversal and a re-entry take from the corrected event.

        Extension hook: a module that adds fields to ``rea.event`` which
        describe the event itself (and must follow it into its corrections)
        extends this list, e.g. ``return super()._get_correction_copy_fields()
        + ["transfer_id"]``. Quantities and the note are not in the list: the
        correction sets them itself.
        """
        return [
            "action_id",
            "action_type_id",
            "provider_id",
            "receiver_id",
            "resource_conforms_to_id",
            "resource_id",
            "to_resource_id",
            "resource_unit_id",
            "effort_unit_id",
            "has_point_in_time",
            "has_beginning",
            "has_end",
            "input_of_id",
            "output_of_id",
            "context_id",
            "commitment_id",
            "to_location_id",
            "resource_state",
            "currency_id",
            "is_contribution",
            "is_to_distribute",
        ]

    @api.multi
    def _prepare_correction_vals(self):
        self.ensure_one()
        vals = {}
        for fname in self._get_correction_copy_fields():
            value = self[fname]
            vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        return vals

    @api.multi
    def correct(self, new_quantity=None, new_effort_quantity=None, note=None):
        """Fix a mistaken event the ValueFlows way.

        Records a reversal (same event, opposite quantities, ``corrects`` the
        original), then, if a new quantity is given, re-enters the event with
        it. Returns the new events (reversal first). The resources are
        checked on the net effect of both (``_create_net``): a correction is
        refused only if its result takes a quantity below zero. All or
        nothing: if the re-entry is refused, the reversal is not kept
        either.
        """
        self.ensure_one()
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            return self._correct(new_quantity, new_effort_quantity, note)

    @api.multi
    def _correct(self, new_quantity, new_effort_quantity, note):
        reversal_vals = self._prepare_correction_vals()
        reversal_vals.update(
            {
                "corrects_event_id": self.id,
                "resource_quantity": -self.resource_quantity,
                "effort_quantity": -self.effort_quantity,
                "money_value": -self.money_value,
                "note": note or _("Correction of %s") % self.name,
            }
        )
        vals_list = [reversal_vals]
        if new_quantity or new_effort_quantity:
            reentry_vals = self._prepare_correction_vals()
            reentry_vals.update(
                {
                    "resource_quantity": new_quantity or 0.0,
                    "effort_quantity": new_effort_quantity or 0.0,
                    "money_value": self.money_value,
                    "note": self.note,
                }
            )
            vals_list.append(reentry_vals)
        # Checked on their net effect: reversing 40 sheets of which 12 are
        # used goes below zero on the way, re-entering 41 leaves 29. The
        # re-entry links what this event links (see _rea_granted_references).
        events = self.with_context(**{CORRECTING_KEY: self})._create_net(vals_list)
        return events.with_env(self.env)

    @api.multi
    def action_correct(self, new_quantity=None, new_effort_quantity=None):
        """Button-friendly :meth:`correct`: opens the new events."""
        events = self.correct(new_quantity, new_effort_quantity)
        return events._get_correction_action()

    @api.multi
    def action_reverse(self):
        """Button: record the correcting event that reverses this one."""
        self.ensure_one()
        return self.correct()._get_correction_action()

    @api.multi
    def _check_can_correct(self):
        """Raise AccessError unless the caller may correct these events:
        write access and record rules (their contexts' coordinators, REA
        managers), not the agents who only read them. The correction itself
        records the correcting events with the caller's rights."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    @api.multi
    def action_open_correct_wizard(self):
        """Button: ask for the right quantities, then correct this event."""
        self.ensure_one()
        self._check_can_correct()
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct an event"),
            "res_model": "rea.event.correct.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    @api.multi
    def _get_correction_action(self):
        """Window action listing these (correcting) events."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Correcting events"),
            "res_model": "rea.event",
            "view_mode": "tree,form",
            "domain": [("id", "in", self.ids)],
        }
