# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

"""The menus of the economic records (agents, resources, events, processes,
commitments, plans) now show to the extra right "REA economic records",
implied by REA managers. REA users of an older database kept those menus: the
upgrade gives them the right, except to users whose REA rights come with a
narrower role (project coordinators, cooperative users), who get the menus
of their role as on a new database.
"""

from odoo import SUPERUSER_ID, api

ROLE_GROUPS = (
    "rea_projects.group_project_coordinator",
    "rea_membership_shares.group_share_user",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    records = env.ref("rea_base.group_rea_records", raise_if_not_found=False)
    if not records:
        return
    users = env.ref("rea_base.group_rea_user").users.filtered(lambda u: not u.share)
    for xmlid in ROLE_GROUPS:
        role = env.ref(xmlid, raise_if_not_found=False)
        if role:
            users -= role.users
    users.filtered(lambda u: records not in u.groups_id).write(
        {"groups_id": [(4, records.id)]}
    )
