# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import uuid

from odoo import api, fields, models


class ReaVfMixin(models.AbstractModel):
    """A persistent ValueFlows identifier (the JSON-LD ``@id``).

    Minted once, when the record is created: ``<web.base.url>/vf/<kind>/<uuid>``,
    or ``urn:rea-coop-suite:xmlid:<module>.<name>`` for records shipped by a
    module. An imported record keeps the identifier of the file, so exporting
    it again, from any database, gives the same ``@id``.
    """

    _name = "rea.vf.mixin"
    _description = "REA ValueFlows identifier"
    # Path segment of the minted URIs; set by each inheriting model.
    _vf_kind = "record"

    vf_uri = fields.Char(
        string="ValueFlows identifier",
        copy=False,
        index=True,
        readonly=True,
        help="Stable JSON-LD @id of this record in ValueFlows exports, kept "
        "across databases by the import.",
    )

    _sql_constraints = [
        (
            "vf_uri_uniq",
            "unique(vf_uri)",
            "Two records cannot share a ValueFlows identifier.",
        )
    ]

    @api.model
    def _vf_base_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return (base or "http://localhost").rstrip("/")

    @api.model
    def _vf_new_uri(self):
        return "%s/vf/%s/%s" % (self._vf_base_url(), self._vf_kind, uuid.uuid4())

    @api.model
    def create(self, vals):
        if not vals.get("vf_uri"):
            vals = dict(vals, vf_uri=self._vf_new_uri())
        return super().create(vals)
