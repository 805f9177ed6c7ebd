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
            links = set(self._rea_readable_reference_fields())
            if operation == "create" or links & set(field_names):
                self._check_references_readable()
        return super()._validate_fields(field_names)

    @api.multi
    def _check_rules_before_constraints(self, operation="create"):
        """Raise AccessError unless the current user may ``operation``
        (create or write) ``self`` as it now is; extend to check more before
        the constraints (what it links is checked after this, see
        ``_rea_readable_reference_fields``)."""
        self.check_access_rule(operation)

    @api.model
    def _rea_readable_reference_fields(self):
        """Many2one fields whose targets the user linking them must be able
        to read (e.g. the process an event is input of): linking a record
        one cannot read would write into another context's books. Extend."""
        return []

    @api.multi
    def _rea_granted_references(self, fname, targets):
        """The ``targets`` of ``fname`` the user may link without reading
        them; by default none. Extend (see ``_rea_member_processes``)."""
        return targets.browse()

    @api.multi
    def _rea_member_processes(self, processes):
        """The ``processes`` of the contexts the user is an active member of
        that are those of these records' own contexts: members record their
        work into their project's processes, which they do not read."""
        member_ids = set(self.env.user.rea_get_member_context_ids())
        own_contexts = set(self.sudo().mapped("context_id").ids)
        return processes.filtered(
            lambda process: process.sudo().context_id.id in member_ids & own_contexts
        )

    @api.multi
    def _check_references_readable(self):
        """Raise AccessError when a record of ``_rea_readable_reference_fields``
        is one the current user may not read."""
        for fname in self._rea_readable_reference_fields():
            # Read the links as superuser (the new records are checked by
            # their own rules), their targets as the user.
            targets = self.sudo().mapped(fname).sudo(self.env.uid)
            targets -= self._rea_granted_references(fname, targets)
            if targets:
                targets.check_access_rights("read")
                targets.check_access_rule("read")
