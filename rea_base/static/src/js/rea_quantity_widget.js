/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_base.rea_quantity_widget", function (require) {
    "use strict";

    /**
     * A float quantity shown with the decimals of its unit of measure: the
     * unit is the many2one named by the `unit_field` option (it must be in
     * the view, invisible if need be), e.g.
     *
     *     <field name="unit_id" invisible="1"/>
     *     <field name="quantity" widget="rea_quantity"
     *            options="{'unit_field': 'unit_id'}"/>
     *
     * Money units (FAIR, EUR…) show all their decimals (0.12345678 FAIR,
     * 30.00 EUR); other units drop trailing zeros (3 Units, 1.5 Hours).
     * Editing accepts and stores the full precision of the field.
     */
    var basicFields = require("web.basic_fields");
    var core = require("web.core");
    var fieldRegistry = require("web.field_registry");
    var fieldUtils = require("web.field_utils");

    // Unit id -> {digits, money}, loaded once per page for all units.
    var unitFormats = {};
    var loading = null;

    /**
     * @param {Widget} widget asks the server (through its _rpc, so that the
     *        call goes where the widget's environment sends it)
     * @returns {Deferred}
     */
    function loadUnitFormats(widget) {
        if (!loading) {
            loading = widget
                ._rpc({
                    model: "product.uom",
                    method: "rea_get_display_formats",
                    args: [],
                })
                .then(function (formats) {
                    _.each(formats, function (format, id) {
                        unitFormats[id] = format;
                    });
                });
        }
        return loading;
    }

    /**
     * @param {Number|false} value
     * @param {Object} format {digits, money} of the unit, or undefined
     * @param {Object} field the field's description (its digits otherwise)
     * @returns {String}
     */
    function formatQuantity(value, format, field) {
        if (value === false) {
            return "";
        }
        if (!format) {
            // No unit: as precise as stored, trailing zeros dropped (as the
            // server's formatter writes it): "2.25", "0", never "0.000".
            format = {digits: field.digits ? field.digits[1] : 8, money: false};
        }
        var digits = format.digits;
        var rounded = Math.round((value || 0) * Math.pow(10, digits));
        // No "-0.00"
        var quantity = rounded === 0 ? 0 : value;
        var text = fieldUtils.format.float(quantity, field, {digits: [16, digits]});
        if (!format.money && digits) {
            var point = core._t.database.parameters.decimal_point;
            var pos = text.lastIndexOf(point);
            if (pos >= 0) {
                var decimals = text.slice(pos + point.length).replace(/0+$/, "");
                text = text.slice(0, pos) + (decimals ? point + decimals : "");
            }
        }
        return text;
    }

    var ReaQuantity = basicFields.FieldFloat.extend({
        className: "o_field_float o_field_number o_field_rea_quantity",
        supportedFieldTypes: ["float"],

        init: function () {
            this._super.apply(this, arguments);
            this.formatType = "float";
            this.unitField = this.nodeOptions.unit_field;
        },
        willStart: function () {
            var unitId = this._getUnitId();
            var def = unitId && !unitFormats[unitId] ? loadUnitFormats(this) : $.when();
            return $.when(def, this._super.apply(this, arguments));
        },

        /**
         * @private
         * @returns {Number|false} the id of the record's unit
         */
        _getUnitId: function () {
            var unit = this.unitField && this.recordData[this.unitField];
            if (!unit) {
                return false;
            }
            return unit.res_id || unit.id || (_.isArray(unit) && unit[0]) || false;
        },
        /**
         * Read: the unit's decimals. Edit: never fewer decimals than the
         * value has, so that saving does not round it.
         *
         * @override
         */
        _formatValue: function (value) {
            var format = unitFormats[this._getUnitId()];
            if (this.mode === "edit" && format && value !== false) {
                var digits = this.field.digits ? this.field.digits[1] : 8;
                var factor = Math.pow(10, format.digits);
                if (Math.abs(Math.round(value * factor) - value * factor) > 1e-6) {
                    format = {digits: digits, money: false};
                }
            }
            return formatQuantity(value, format, this.field);
        },
    });

    fieldRegistry.add("rea_quantity", ReaQuantity);

    return {
        ReaQuantity: ReaQuantity,
        formatQuantity: formatQuantity,
        loadUnitFormats: loadUnitFormats,
        unitFormats: unitFormats,
        /** Forget the formats (a unit's rounding changed, tests). */
        reset: function () {
            loading = null;
            _.each(_.keys(unitFormats), function (id) {
                delete unitFormats[id];
            });
        },
    };
});
