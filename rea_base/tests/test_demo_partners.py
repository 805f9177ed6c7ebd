# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import odoo.tests
from odoo.tests.common import TransactionCase


@odoo.tests.common.at_install(False)
@odoo.tests.common.post_install(True)
class TestDemoPartners(TransactionCase):
    """One contact per demo person: the demo data of every rea_* addon
    refers to the same agent (e.g. ``rea_base.res_partner_marta_demo``)
    instead of creating a namesake, directly or through its flows."""

    def test_no_two_demo_partners_share_a_name(self):
        self.env.cr.execute(
            """
            SELECT p.name, array_agg(DISTINCT p.id ORDER BY p.id)
              FROM res_partner p
             WHERE p.name IN (
                    SELECT demo.name
                      FROM ir_model_data d
                      JOIN res_partner demo ON demo.id = d.res_id
                     WHERE d.model = 'res.partner' AND d.module LIKE %s
                   )
             GROUP BY p.name
            HAVING count(DISTINCT p.id) > 1
            """,
            ("rea\\_%",),
        )
        self.assertEqual(self.env.cr.fetchall(), [])
