# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# Context key: the operation whose record rules a new record must pass
# before its constraints run.
RULE_FIRST_KEY = "rea_rule_first"


class ReaAccessCheckMixin(models.AbstractModel):
    """Record rules before constraints on create.

    Odoo 11 checks the record rules of a new record after its constraints.
    A user creating a record outside their scope then meets the first
    constraint that reads the record (or a record it links to) and gets a
    ValidationError, which also tells them about records they may not see.
    Models inheriting this check the create rules first, so such a create is
    refused with an AccessError before any business rule runs."""

    _name = "rea.access.check.mixin"
    _description = "REA record rules before constraints"

    @api.model
    def create(self, vals):
        record = super(
            ReaAccessCheckMixin, self.with_context(**{RULE_FIRST_KEY: self._name})
        ).create(vals)
        return record.with_env(self.env)

    @api.multi
    def _validate_fields(self, field_names):
        if self.env.context.get(RULE_FIRST_KEY) == self._name:
            self._check_rules_before_constraints()
        return super()._validate_fields(field_names)

    @api.multi
    def _check_rules_before_constraints(self):
        """Raise AccessError unless the current user may create ``self``
        (the new records); extend to check more before the constraints."""
        self.check_access_rule("create")
