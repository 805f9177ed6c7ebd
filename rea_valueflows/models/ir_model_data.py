# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models

from .vocabulary import XMLID_PREFIX

# Models carrying a ValueFlows identifier (rea.vf.mixin), by table.
VF_MODELS = {
    "res.partner": "res_partner",
    "product.template": "product_template",
    "rea.resource": "rea_resource",
    "rea.process": "rea_process",
    "rea.process.specification": "rea_process_specification",
    "rea.plan": "rea_plan",
    "rea.commitment": "rea_commitment",
    "rea.event": "rea_event",
    "rea.agent.relationship": "rea_agent_relationship",
}
# XML ids made by exports and imports of Odoo itself name nothing shared.
LOCAL_MODULES = ("__export__", "__import__")


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    @api.model
    def create(self, vals):
        """A record shipped by a module (data or demo) is the same record in
        every database with that module: name it by its XML id."""
        record = super().create(vals)
        table = VF_MODELS.get(vals.get("model"))
        module = vals.get("module")
        if table and module and module not in LOCAL_MODULES and vals.get("res_id"):
            # SQL: the identifier is technical and some records (events)
            # refuse any write.
            uri = "%s%s.%s" % (XMLID_PREFIX, module, vals["name"])
            # Unless a record imported from a database that had the module
            # already carries that identifier.
            self.env.cr.execute(
                "UPDATE {table} SET vf_uri = %s WHERE id = %s "  # noqa: S608
                "AND (vf_uri IS NULL OR vf_uri NOT LIKE %s) "
                "AND NOT EXISTS (SELECT 1 FROM {table} WHERE vf_uri = %s)"
                "".format(table=table),
                (uri, vals["res_id"], XMLID_PREFIX + "%", uri),
            )
            self.env[vals["model"]].invalidate_cache(["vf_uri"], [vals["res_id"]])
        return record
