/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_base.rea_quantity_widget_tests", function (require) {
    "use strict";

    var FormView = require("web.FormView");
    var ListView = require("web.ListView");
    var testUtils = require("web.test_utils");
    var reaQuantity = require("rea_base.rea_quantity_widget");

    QUnit.module("rea_base", {
        beforeEach: function () {
            reaQuantity.reset();
            this.data = {
                "product.uom": {
                    fields: {name: {string: "Name", type: "char"}},
                    records: [
                        {id: 1, display_name: "Unit(s)"},
                        {id: 5, display_name: "Hour(s)"},
                        {id: 20, display_name: "EUR"},
                        {id: 21, display_name: "FAIR"},
                    ],
                },
                event: {
                    fields: {
                        quantity: {string: "Quantity", type: "float", digits: [16, 8]},
                        unit_id: {string: "Unit", type: "many2one", relation: "product.uom"},
                    },
                    records: [
                        {id: 1, quantity: 3, unit_id: 1},
                        {id: 2, quantity: 1.5, unit_id: 5},
                        {id: 3, quantity: 30, unit_id: 20},
                        {id: 4, quantity: 0.12345678, unit_id: 21},
                        {id: 5, quantity: 2.25, unit_id: false},
                    ],
                },
            };
            this.mockRPC = function (route, args) {
                if (args.method === "rea_get_display_formats") {
                    return $.when({
                        1: {digits: 3, money: false},
                        5: {digits: 2, money: false},
                        20: {digits: 2, money: true},
                        21: {digits: 8, money: true},
                    });
                }
                return this._super.apply(this, arguments);
            };
        },
    }, function () {
        QUnit.test("rea_quantity: each row with the digits of its unit", function (assert) {
            assert.expect(5);
            var list = testUtils.createView({
                View: ListView,
                model: "event",
                data: this.data,
                arch: '<tree><field name="unit_id"/>' +
                    '<field name="quantity" widget="rea_quantity" ' +
                    "options=\"{'unit_field': 'unit_id'}\"/></tree>",
                mockRPC: this.mockRPC,
            });
            var texts = _.map(list.$("tbody tr.o_data_row"), function (row) {
                return $(row).find(".o_field_rea_quantity").text();
            });
            assert.strictEqual(texts[0], "3", "units are whole");
            assert.strictEqual(texts[1], "1.5", "hours drop trailing zeros");
            assert.strictEqual(texts[2], "30.00", "money keeps its decimals");
            assert.strictEqual(texts[3], "0.12345678", "FAIR has 8 decimals");
            assert.strictEqual(texts[4], "2.25", "no unit: trailing zeros dropped");
            list.destroy();
        });

        QUnit.test("rea_quantity: editing keeps the full precision", function (assert) {
            assert.expect(3);
            var form = testUtils.createView({
                View: FormView,
                model: "event",
                data: this.data,
                res_id: 1,
                arch: '<form><field name="unit_id"/>' +
                    '<field name="quantity" widget="rea_quantity" ' +
                    "options=\"{'unit_field': 'unit_id'}\"/></form>",
                mockRPC: this.mockRPC,
            });
            assert.strictEqual(form.$(".o_field_rea_quantity").text(), "3",
                "read mode: whole units");
            form.$buttons.find(".o_form_button_edit").click();
            form.$(".o_field_rea_quantity").val("2.123456").trigger("input");
            form.$buttons.find(".o_form_button_save").click();
            assert.strictEqual(this.data.event.records[0].quantity, 2.123456,
                "the full value is stored");
            assert.strictEqual(form.$(".o_field_rea_quantity").text(), "2.123",
                "read mode: the unit's decimals");
            form.destroy();
        });
    });
});
