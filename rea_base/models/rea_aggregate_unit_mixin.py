# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.tools import pycompat


class ReaAggregateUnitMixin(models.AbstractModel):
    """Grouped totals that never add unlike units.

    A quantity is only meaningful with its unit (3 Units, 1.5 Hours, 30.00
    EUR), and Odoo's pivot, graph and grouped lists add a measure over every
    record of a group, whatever its unit. Pivots cannot show a unit per cell
    (they take no field widget), so the sound place to decide is the grouped
    query itself: a group whose records carry more than one unit gets no sum
    (``False``, an empty cell) instead of a figure that adds euros, hours and
    shares; a group of one unit keeps its sum and says how to write it
    (``__rea_formats``: decimals of that unit, money or not; ``None`` for a
    group without a unit, written as plain numbers are), which the
    pivot uses to show 3, 1.5 or 30.00 instead of 3.00000000. Default pivots
    group rows by unit first, so every row below the grand total has a
    figure, and the grand total stays empty as soon as units differ.
    """

    _name = "rea.aggregate.unit.mixin"
    _description = "Grouped totals per unit"

    @api.model
    def _rea_get_unit_measures(self):
        """``{measure field: field of its unit}``: the unit is a
        ``product.uom`` or a ``res.currency`` many2one."""
        return {}

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        result = super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )
        if self.env.context.get("rea_plain_read_group"):
            return result
        groupby = (
            [groupby] if isinstance(groupby, pycompat.string_types) else list(groupby)
        )
        if lazy:
            groupby = groupby[:1]
        asked = {spec.split(":")[0] for spec in fields or []}
        measures = {
            measure: unit_field
            for measure, unit_field in self._rea_get_unit_measures().items()
            if (measure in asked or not fields)
            and unit_field not in {spec.split(":")[0] for spec in groupby}
        }
        if result and measures:
            self._rea_apply_unit_totals(domain, groupby, result, measures)
        if result:
            self._rea_set_unit_formats_from_groups(groupby, result)
        return result

    @api.model
    def _rea_group_key(self, group, groupby):
        return tuple(
            value[0] if isinstance(value, tuple) else value
            for value in (group.get(spec) for spec in groupby)
        )

    @api.model
    def _rea_get_format(self, unit):
        """How figures in ``unit`` (a unit of measure or a currency) are
        written: ``{"digits": n, "money": bool}``."""
        if unit._name == "res.currency":
            return {"digits": unit.decimal_places, "money": True}
        return {"digits": unit.rea_get_digits(), "money": unit.rea_money}

    @api.model
    def _rea_apply_unit_totals(self, domain, groupby, result, measures):
        """Blank the sums of ``measures`` in the groups of ``result`` that
        mix units; note the format of the others. One grouped query per unit
        field, whatever the number of records."""
        for unit_field in set(measures.values()):
            # Units per group: the same grouping, split by unit once more.
            units = {}
            # The plain sums (the context flag skips this method's part).
            for sub in self.with_context(rea_plain_read_group=True).read_group(
                domain,
                [spec.split(":")[0] for spec in groupby] + [unit_field],
                groupby + [unit_field],
                lazy=False,
            ):
                unit = sub.get(unit_field)
                if unit:  # records without a unit hold no quantity
                    units.setdefault(self._rea_group_key(sub, groupby), set()).add(
                        unit[0]
                    )
            comodel = self.env[self._fields[unit_field].comodel_name]
            formats = {}
            for group in result:
                group_units = units.get(self._rea_group_key(group, groupby), set())
                for measure, measure_unit_field in measures.items():
                    if measure_unit_field != unit_field:
                        continue
                    if len(group_units) > 1:
                        group[measure] = False
                    elif not group_units:
                        # No unit, so no quantity: written plainly ("0").
                        group.setdefault("__rea_formats", {})[measure] = None
                    else:
                        unit_id = next(iter(group_units))
                        if unit_id not in formats:
                            formats[unit_id] = self._rea_get_format(
                                comodel.browse(unit_id)
                            )
                        group.setdefault("__rea_formats", {})[measure] = formats[
                            unit_id
                        ]

    @api.model
    def _rea_set_unit_formats_from_groups(self, groupby, result):
        """Groups split by unit: the unit is the group's own."""
        names = [spec.split(":")[0] for spec in groupby]
        for measure, unit_field in self._rea_get_unit_measures().items():
            if unit_field not in names:
                continue
            comodel = self.env[self._fields[unit_field].comodel_name]
            spec = groupby[names.index(unit_field)]
            for group in result:
                unit = group.get(spec)
                if measure in group:
                    group.setdefault("__rea_formats", {})[measure] = (
                        self._rea_get_format(comodel.browse(unit[0])) if unit else None
                    )
