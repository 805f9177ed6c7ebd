# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

# Context key: "<model>:<operation>" whose record rules the records written
# must pass before their constraints run.
RULE_FIRST_KEY = "rea_rule_first"


class ReaAccessCheckMixin(models.AbstractModel):
    """Record rules before constraints, on the values written.

    Odoo 11 checks the record rules of a new record after its constraints,
    and those of a write on the values before it only. A user creating a
    record outside their scope then meets the first constraint that reads
    the record (or a record it links to) and gets a ValidationError, which
    also tells them about records they may not see; and a write may move a
    record out of their scope (another project, another context), since the
    new values are never checked. Models inheriting this check the rules of
    the operation on the records as written, before any constraint, so such
    a create or write is refused with an AccessError (and rolled back)."""

    _name = "rea.access.check.mixin"
    _description = "REA record rules before constraints"

    @api.model
    def create(self, vals):
        record = super(ReaAccessCheckMixin, self._rea_rule_first("create")).create(vals)
        return record.with_env(self.env)

    @api.multi
    def write(self, vals):
        return super(ReaAccessCheckMixin, self._rea_rule_first("write")).write(vals)

    def _rea_rule_first(self, operation):
        return self.with_context(**{RULE_FIRST_KEY: "%s:%s" % (self._name, operation)})

    @api.multi
    def _validate_fields(self, field_names):
        mark = self.env.context.get(RULE_FIRST_KEY) or ""
        model, _sep, operation = mark.rpartition(":")
        if model == self._name and operation:
            self._check_rules_before_constraints(operation)
        return super()._validate_fields(field_names)

    @api.multi
    def _check_rules_before_constraints(self, operation="create"):
        """Raise AccessError unless the current user may ``operation``
        (create or write) ``self`` as it now is; extend to check more before
        the constraints."""
        self.check_access_rule(operation)
