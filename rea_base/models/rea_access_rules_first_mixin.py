# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# Context key naming the model whose creation checks its record rules early.
RULES_FIRST_KEY = "rea_rules_first_model"


class ReaAccessRulesFirstMixin(models.AbstractModel):
    """Refuse a new record out of the caller's record rules with an
    AccessError before its constraints run.

    Odoo 11 checks the record rules of a new record only after its
    constraints: a constraint reading the record (or what it points to) out
    of the caller's rules then turns the refusal into a ValidationError
    ("Error while validating constraint ... security restrictions"), and
    other constraints may tell the caller about records they may not see.
    """

    _name = "rea.access.rules.first.mixin"
    _description = "Record rules before constraints on creation"

    @api.model
    def create(self, vals):
        record = super(
            ReaAccessRulesFirstMixin, self.with_context(**{RULES_FIRST_KEY: self._name})
        ).create(vals)
        return record.with_env(self.env)

    @api.multi
    def _validate_fields(self, field_names):
        if self.env.context.get(RULES_FIRST_KEY) == self._name:
            # The row exists, its constraints have not run yet.
            self._check_create_rules()
        return super()._validate_fields(field_names)

    @api.multi
    def _check_create_rules(self):
        self.check_access_rule("create")
