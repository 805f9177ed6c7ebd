# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The unit of account flag (``product.uom.rea_money``) and its form view
moved from rea_exchanges to rea_base.

Odoo names the module of a field only when it first creates it: on a
database installed before the move the field would stay rea_exchanges' own,
and uninstalling rea_exchanges would drop the column rea_base still uses.
rea_base takes over the external ids of the field and of the view, as a new
installation has them (the view is then updated in place, not duplicated).
"""

import logging

_logger = logging.getLogger(__name__)

MOVED_XMLIDS = ("field_product_uom_rea_money", "product_uom_form_view")


def migrate(cr, version):
    if not version:
        return
    for name in MOVED_XMLIDS:
        cr.execute(
            "SELECT 1 FROM ir_model_data WHERE module = 'rea_base' AND name = %s",
            (name,),
        )
        if cr.fetchone():
            continue
        cr.execute(
            "UPDATE ir_model_data SET module = 'rea_base' "
            "WHERE module = 'rea_exchanges' AND name = %s",
            (name,),
        )
        if cr.rowcount:
            _logger.info("rea_exchanges.%s is now rea_base.%s", name, name)
