/* Copyright 2026 REA Cooperative Suite contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
odoo.define("rea_membership_shares.subscription_form", function (require) {
    "use strict";

    var ajax = require("web.ajax");
    var utils = require("web.utils");

    // An amount as the server's monetary format writes it: the separators
    // of the page's language (on the form), the currency of the share type
    // (on its option), e.g. "1,500.00 €" or "$ 1,500.00".
    function formatAmount(amount, $form, $option) {
        var digits = parseInt($option.attr("data-currency-digits"), 10);
        if (isNaN(digits)) {
            digits = 2;
        }
        var grouping = [];
        try {
            grouping = JSON.parse($form.attr("data-grouping") || "[]");
        } catch (error) {
            grouping = [];
        }
        var parts = Math.abs(amount).toFixed(digits).split(".");
        var text = utils.intersperse(
            parts[0],
            grouping,
            $form.attr("data-thousands-sep") || ""
        );
        if (parts.length > 1) {
            text += ($form.attr("data-decimal-point") || ".") + parts[1];
        }
        if (amount < 0) {
            text = "-" + text;
        }
        var symbol = $option.attr("data-currency-symbol");
        if (!symbol) {
            return text;
        }
        if ($option.attr("data-currency-position") === "before") {
            return symbol + "\u00a0" + text;
        }
        return text + "\u00a0" + symbol;
    }

    // Shows price x quantity while typing. Only a hint: the server computes
    // the amount of the request from the share type.
    function updateTotal($form) {
        var $option = $form.find(".o_rea_shares_type option:selected");
        var price = parseFloat($option.data("price")) || 0;
        var quantity = parseInt($form.find(".o_rea_shares_quantity").val(), 10) || 0;
        $form
            .find(".o_rea_shares_total")
            .text(formatAmount(price * quantity, $form, $option));
        $form.find(".o_rea_shares_fixed_quantity").text(quantity);
    }

    function applyMinimum($form, minimum, forced) {
        var $quantity = $form.find(".o_rea_shares_quantity");
        $quantity.attr("min", forced ? minimum : 1);
        // Without a number of shares on the form, the minimum is the number.
        if (
            $quantity.data("fixed") ||
            (parseInt($quantity.val(), 10) || 0) < minimum
        ) {
            $quantity.val(minimum);
        }
    }

    $(function () {
        $(".o_rea_shares_form").each(function () {
            var $form = $(this);
            $form.on("change", ".o_rea_shares_type", function () {
                var $option = $(this).find("option:selected");
                // The page's figures first, then the current ones from the
                // server (the page may be old).
                applyMinimum(
                    $form,
                    parseInt($option.data("min"), 10) || 1,
                    $option.data("forced") === 1
                );
                updateTotal($form);
                ajax.jsonRpc("/subscription/get_share_product", "call", {
                    share_product_id: parseInt($option.val(), 10),
                }).then(function (info) {
                    if (!info || info.error) {
                        return;
                    }
                    $option.data("price", info.unit_price);
                    $option.data("min", info.min_quantity);
                    $option.data("forced", info.force_min_quantity ? 1 : 0);
                    if (info.currency) {
                        $option.attr("data-currency-symbol", info.currency.symbol);
                        $option.attr("data-currency-position", info.currency.position);
                        $option.attr(
                            "data-currency-digits",
                            info.currency.decimal_places
                        );
                    }
                    applyMinimum(
                        $form,
                        info.min_quantity || 1,
                        info.force_min_quantity
                    );
                    updateTotal($form);
                });
            });
            $form.on("input change", ".o_rea_shares_quantity", function () {
                updateTotal($form);
            });
            if ($form.find(".o_rea_shares_quantity").data("fixed")) {
                var $selected = $form.find(".o_rea_shares_type option:selected");
                applyMinimum($form, parseInt($selected.data("min"), 10) || 1, true);
            }
            updateTotal($form);
        });
    });
});
