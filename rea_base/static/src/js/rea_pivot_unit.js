/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_base.rea_pivot_unit", function (require) {
    "use strict";

    /**
     * Pivot figures written in their unit. Models with the
     * rea.aggregate.unit.mixin tell, for each group of one unit, how its
     * sums are written (`__rea_formats`: decimals, money or not); groups
     * that mix units come without a sum. A pivot cannot use the
     * rea_quantity widget (it formats a cell from its value alone), so the
     * format travels with the value: 3 Units, 1.5 Hours and 30.00 EUR show
     * as 3, 1.5 and 30.00, not 3.00000000. Figures of other models are
     * written as before.
     */
    var fieldUtils = require("web.field_utils");
    var PivotModel = require("web.PivotModel");
    var PivotRenderer = require("web.PivotRenderer");
    var reaQuantity = require("rea_base.rea_quantity_widget");

    /**
     * @param {Number|Object} value a number, or a Number carrying the
     *        `reaFormat` of its unit
     * @param {Object} field the measure's description
     * @param {Object} [options]
     * @returns {String}
     */
    function formatPivotQuantity(value, field, options) {
        // A null format is a group without a unit: "0", not "0.00000000".
        if (value instanceof Number && value.reaFormat !== undefined) {
            return reaQuantity.formatQuantity(value.valueOf(), value.reaFormat, field);
        }
        var format = fieldUtils.format[field && field.type] || fieldUtils.format.float;
        return format(value, field, options);
    }
    // A pivot measure may also name it: widget="rea_quantity".
    fieldUtils.format.rea_quantity = formatPivotQuantity;

    PivotModel.include({
        /**
         * Keep the unit's format with each sum that the server gave one.
         *
         * @override
         */
        _rpc: function (params) {
            var def = this._super.apply(this, arguments);
            if (params.method !== "read_group") {
                return def;
            }
            return def.then(function (groups) {
                _.each(groups, function (group) {
                    _.each(group.__rea_formats, function (format, measure) {
                        if (typeof group[measure] === "number") {
                            /* eslint-disable-next-line no-new-wrappers */
                            var value = new Number(group[measure]);
                            value.reaFormat = format;
                            group[measure] = value;
                        }
                    });
                });
                return groups;
            });
        },
    });

    PivotRenderer.include({
        /**
         * Number measures are written by formatPivotQuantity, which writes
         * figures without a unit's format as their type does.
         *
         * @override
         */
        _renderRows: function () {
            var self = this;
            _.each(this.state.measures, function (name) {
                var field = self.state.fields[name];
                if (
                    field &&
                    !self.fieldWidgets[name] &&
                    (field.type === "float" || field.type === "monetary")
                ) {
                    self.fieldWidgets[name] = "rea_quantity";
                }
            });
            return this._super.apply(this, arguments);
        },
    });

    return {formatPivotQuantity: formatPivotQuantity};
});
