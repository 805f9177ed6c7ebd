# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import SUPERUSER_ID, api

from .models.ir_model_data import LOCAL_MODULES, VF_MODELS
from .models.vocabulary import XMLID_PREFIX


def post_init_hook(cr, registry):
    """Give every record that existed before the install its identifier:
    module records by XML id, the others a fresh UUID URI."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    for model_name, table in VF_MODELS.items():
        model = env[model_name]
        cr.execute(
            "UPDATE {table} t SET vf_uri = %s || x.xmlid FROM ("  # noqa: S608
            " SELECT res_id, min(module || '.' || name) AS xmlid"
            " FROM ir_model_data WHERE model = %s AND module NOT IN %s"
            " GROUP BY res_id) x WHERE x.res_id = t.id AND t.vf_uri IS NULL"
            "".format(table=table),
            (XMLID_PREFIX, model_name, LOCAL_MODULES),
        )
        cr.execute(
            "UPDATE {table} SET vf_uri = %s || gen_random_uuid()::text "  # noqa: S608
            "WHERE vf_uri IS NULL".format(table=table),
            ("%s/vf/%s/" % (model._vf_base_url(), model._vf_kind),),
        )
