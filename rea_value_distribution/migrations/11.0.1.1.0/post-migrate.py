# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def migrate(cr, version):
    """Skill rates (rea.agent.skill.rate) became the value per hour of the
    declared skills (rea.agent.skill, rea_base): a rate without a declared
    skill becomes one, at level Intermediate. Its old table is dropped with
    its model at the end of the upgrade."""
    if not version:
        return
    cr.execute("SELECT to_regclass('rea_agent_skill_rate')")
    if not cr.fetchone()[0]:
        return
    cr.execute("""
        INSERT INTO rea_agent_skill (partner_id, skill_id, level, value_per_unit,
               create_uid, create_date, write_uid, write_date)
        SELECT partner_id, skill_id, '2', value_per_unit, create_uid, create_date,
               write_uid, write_date
          FROM rea_agent_skill_rate
        ON CONFLICT (partner_id, skill_id)
        DO UPDATE SET value_per_unit = EXCLUDED.value_per_unit
        """)
