/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_membership_shares.subscription_form", function (require) {
    "use strict";

    // Shows price x quantity while typing. Only a hint: the server computes
    // the amount of the request from the share type.
    function updateTotal($form) {
        var $option = $form.find(".o_rea_shares_type option:selected");
        var price = parseFloat($option.data("price")) || 0;
        var quantity = parseInt($form.find(".o_rea_shares_quantity").val(), 10) || 0;
        $form.find(".o_rea_shares_total").text((price * quantity).toFixed(2));
    }

    $(function () {
        $(".o_rea_shares_form").each(function () {
            var $form = $(this);
            $form.on("change", ".o_rea_shares_type", function () {
                var $option = $(this).find("option:selected");
                var minimum = parseInt($option.data("min"), 10) || 1;
                var $quantity = $form.find(".o_rea_shares_quantity");
                $quantity.attr("min", $option.data("forced") === 1 ? minimum : 1);
                if ((parseInt($quantity.val(), 10) || 0) < minimum) {
                    $quantity.val(minimum);
                }
                updateTotal($form);
            });
            $form.on("input change", ".o_rea_shares_quantity", function () {
                updateTotal($form);
            });
            updateTotal($form);
        });
    });
});
