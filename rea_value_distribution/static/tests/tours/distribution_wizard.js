/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_value_distribution.tour_distribution_wizard", function (require) {
    "use strict";

    var tour = require("web_tour.tour");

    // Started on the form of a value equation; ends on the distribution made.
    function open_wizard() {
        return [
            {
                content: "Open the distribution wizard of the equation",
                trigger: ".o_form_view .o_statusbar_buttons button:contains('Distribute')",
            },
            {
                content: "The income of the context is loaded, in its currency",
                trigger: ".o_field_widget[name=total_amount]:contains('\u20ac')",
                extra_trigger: ".modal .o_field_widget[name=income_line_ids] .o_data_row",
                run: function () {},
            },
        ];
    }

    function preview_and_distribute() {
        return [
            {
                content: "Preview",
                trigger: ".modal-footer button:contains('Preview')",
            },
            {
                content: "The preview lists who gets what, in the currency distributed",
                trigger: ".o_field_widget[name=preview_distributed]:contains('\u20ac')",
                extra_trigger: ".modal .o_field_widget[name=preview_line_ids] .o_data_row",
                run: function () {},
            },
            {
                content: "The dialog keeps its title after the preview",
                // Triggers are looked for inside the open dialog.
                trigger: ".modal-title:contains('Distribute income')",
                run: function () {},
            },
            {
                content: "Bucket texts as people write numbers (no 100.0000, 0.7500)",
                trigger:
                    ".o_field_widget[name=preview_buckets]:contains('(100 % of')" +
                    ":contains(' per unit of claim'):not(:contains('00 per unit'))",
                run: function () {},
            },
            {
                content: "No total without a currency under the preview",
                trigger: ".o_field_widget[name=preview_line_ids]",
                run: function () {
                    var $total = $(".modal .o_field_widget[name=preview_line_ids] tfoot td")
                        .filter(function () {
                            return $(this).text().trim();
                        });
                    if ($total.length) {
                        console.log("error: a total without its currency: " + $total.text());
                    }
                },
            },
            {
                content: "Distribute",
                trigger: ".modal-footer button:contains('Distribute')",
            },
            {
                content: "Confirm",
                trigger: ".modal-footer button:contains('Ok')",
            },
            {
                content: "The confirmed distribution opens",
                trigger: ".o_form_view .o_statusbar_status .btn-primary:contains('Distributed')",
                extra_trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row",
                run: function () {},
            },
        ];
    }

    tour.register(
        "rea_distribution_wizard_income",
        {test: true},
        open_wizard().concat(preview_and_distribute())
    );

    // Previewed in one mode, then switched: the old preview must go, and
    // the new one's lines add up to the amount to the cent.
    tour.register(
        "rea_distribution_wizard_stale_preview",
        {test: true},
        open_wizard().concat([
            {
                content: "Preview the income",
                trigger: ".modal-footer button:contains('Preview')",
            },
            {
                content: "The income is previewed",
                // Triggers are looked for inside the open dialog.
                trigger: ".o_field_widget[name=preview_line_ids] .o_data_row",
                run: function () {},
            },
            {
                content: "Switch to an amount",
                trigger: ".o_field_widget[name=mode] input[data-value=amount]",
            },
            {
                content: "The income's preview is gone",
                trigger: ".o_field_widget[name=mode]",
                extra_trigger: ".modal:not(:has(.o_field_widget[name=preview_line_ids] .o_data_row))",
                run: function () {},
            },
            {
                content: "Of 100",
                trigger: ".o_field_widget[name=amount] input, input.o_field_widget[name=amount]",
                run: "text 100",
            },
            {
                content: "Preview the amount",
                trigger: ".modal-footer button:contains('Preview')",
            },
            {
                content: "The shares add up to the amount, to the cent",
                trigger: ".o_field_widget[name=preview_distributed]:contains('100.00')",
                extra_trigger: ".modal .o_field_widget[name=preview_line_ids] .o_data_row",
                run: function () {
                    var cents = 0;
                    $(".modal .o_field_widget[name=preview_line_ids] .o_data_row").each(
                        function () {
                            // Claims, value of the claims, amount: the last number.
                            var text = $(this).find("td.o_list_number").last().text();
                            cents += Math.round(
                                parseFloat(text.replace(/[^0-9.\-]/g, "")) * 100
                            );
                        }
                    );
                    if (cents !== 10000) {
                        console.log("error: the preview lines add up to " + cents / 100);
                    }
                },
            },
            {
                content: "Distribute",
                trigger: ".modal-footer button:contains('Distribute')",
            },
            {
                content: "Confirm",
                trigger: ".modal-footer button:contains('Ok')",
            },
            {
                content: "The confirmed distribution opens",
                trigger: ".o_form_view .o_statusbar_status .btn-primary:contains('Distributed')",
                extra_trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row",
                run: function () {},
            },
        ])
    );

    tour.register(
        "rea_distribution_wizard_amount",
        {test: true},
        open_wizard().concat(
            [
                {
                    content: "Distribute an amount",
                    trigger: ".o_field_widget[name=mode] input[data-value=amount]",
                },
                {
                    content: "Of 100",
                    trigger: ".o_field_widget[name=amount] input, input.o_field_widget[name=amount]",
                    run: "text 100",
                },
            ],
            preview_and_distribute()
        )
    );
});
