# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaWizardTargetMixin(models.AbstractModel):
    """Wizards open only on records their user may read.

    Odoo lets every signed-in user create a wizard and read it back, and a
    wizard's many2one fields and the figures it copies from its target are
    read without the target's record rules: a wizard created over RPC on
    another project's event or transfer would tell its name and quantities.
    A wizard inheriting this refuses, with an AccessError, to be created on
    targets (``_rea_wizard_targets``: its many2one field names) that the
    user may not read."""

    _name = "rea.wizard.target.mixin"
    _description = "REA wizard opened on readable records only"

    # Many2one fields naming the records the wizard works on.
    _rea_wizard_targets = ()

    @api.model
    def create(self, vals):
        self._rea_check_targets(vals)
        return super().create(vals)

    @api.model
    def _rea_check_targets(self, vals):
        for name in self._rea_wizard_targets:
            if vals.get(name):
                comodel = self._fields[name].comodel_name
                self.env[comodel].browse(vals[name])._rea_check_readable()
