# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models

# Timesheet fields whose change makes a new work event.
SYNC_FIELDS = (
    "unit_amount",
    "project_id",
    "user_id",
    "employee_id",
    "date",
    "rea_skill_id",
)


class AccountAnalyticLine(models.Model):
    """Timesheet lines on a project of a context are work contributions:
    each line has one current work event, kept in step with the line
    (events are facts, so a change reverses the old event and records a new
    one; deleting the line reverses its event)."""

    _inherit = "account.analytic.line"

    rea_skill_id = fields.Many2one(
        "product.template",
        string="Skill",
        domain=[("rea_behavior", "=", "work")],
        ondelete="restrict",
    )
    rea_event_id = fields.Many2one(
        "rea.event", string="Work event", readonly=True, copy=False, ondelete="set null"
    )

    @api.onchange("project_id")
    def _onchange_rea_project(self):
        if self.project_id.rea_skill_id and not self.rea_skill_id:
            self.rea_skill_id = self.project_id.rea_skill_id

    @api.model
    def create(self, vals):
        line = super().create(vals)
        line._sync_rea_event()
        return line

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if set(SYNC_FIELDS) & set(vals):
            self._sync_rea_event(replace=True)
        return result

    @api.multi
    def unlink(self):
        self._reverse_rea_event()
        return super().unlink()

    @api.multi
    def _get_rea_context(self):
        self.ensure_one()
        return self.project_id.rea_context_id

    @api.multi
    def _sync_rea_event(self, replace=False):
        for line in self:
            if replace:
                line._reverse_rea_event()
            context = line._get_rea_context()
            if not context or line.unit_amount <= 0 or not line.user_id:
                continue
            # Defaults of the timesheet form are not meant for the event.
            clean_context = {
                k: v
                for k, v in self.env.context.items()
                if not k.startswith("default_")
            }
            event_model = self.env(context=clean_context)["rea.event"].sudo()
            event = event_model.create(line._prepare_rea_event_vals())
            # The link is bookkeeping: written past the user's own rights.
            line.sudo().write({"rea_event_id": event.id})
        return True

    @api.multi
    def _prepare_rea_event_vals(self):
        self.ensure_one()
        context = self._get_rea_context()
        skill = self.rea_skill_id or self.project_id.rea_skill_id
        partner = self.user_id.partner_id
        rate = self.env["rea.agent.skill"].sudo().get_rate(partner, skill)
        hour = self.env.ref("product.product_uom_hour")
        return {
            "action_id": self.env.ref("rea_base.action_work").id,
            "provider_id": partner.id,
            "receiver_id": context.id,
            "resource_conforms_to_id": skill.id or False,
            "effort_quantity": self.unit_amount,
            "effort_unit_id": (skill.rea_effort_uom_id or hour).id,
            "context_id": context.id,
            "input_of_id": self.project_id.get_rea_process().id,
            "has_point_in_time": "%s 12:00:00" % self.date,
            "is_contribution": True,
            "money_value": self.unit_amount * rate,
            "currency_id": self.company_id.currency_id.id or False,
            "note": self.name or False,
            "timesheet_line_id": self.id,
        }

    @api.multi
    def _reverse_rea_event(self):
        for line in self.filtered("rea_event_id"):
            event = line.rea_event_id.sudo()
            if not event.is_corrected:
                event.correct(note=_("Timesheet line changed or deleted"))
            line.sudo().write({"rea_event_id": False})
        return True
