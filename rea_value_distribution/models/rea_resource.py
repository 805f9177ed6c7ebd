# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.tools import html_escape
from odoo.tools.misc import formatLang

from ..formatting import format_quantity

# Deeper levels of the explanation are summarised (recipes can be deep).
EXPLAIN_MAX_DEPTH = 8


class ReaResource(models.Model):
    _inherit = "rea.resource"

    value_explanation = fields.Html(
        string="Where the value comes from",
        compute="_compute_value_explanation",
        sanitize=False,
        groups="rea_base.group_rea_user",
        help="Contributions, purchases and producing processes that give "
        "this resource its rolled-up value per unit.",
    )

    @api.multi
    def _compute_value_explanation(self):
        rollup = self.env["rea.value.rollup"]
        state = rollup.new_state()
        for resource in self:
            if not resource.id:
                resource.value_explanation = False
                continue
            tree = rollup.explain(resource, state)
            resource.value_explanation = resource._render_value_tree(tree)

    @api.multi
    def get_value_explanation(self):
        """The roll-up of this resource as a tree of nodes (label, kind,
        quantity, value, value_per_unit, children)."""
        self.ensure_one()
        return self.env["rea.value.rollup"].explain(self)

    @api.multi
    def action_roll_up_value(self):
        """Button: store the rolled-up value per unit of these resources."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        rollup = self.env["rea.value.rollup"]
        state = rollup.new_state()
        for resource in self:
            resource.write(
                {"value_per_unit": rollup.compute_value_per_unit(resource, state)}
            )
        return True

    @api.model
    def _render_value_tree(self, node, depth=0):
        """The tree as nested HTML lists; the same numbers as the roll-up."""
        text = "%s: %s %s" % (
            html_escape(node["label"]),
            _("quantity %s") % format_quantity(self.env, node["quantity"]),
            _("value %s") % formatLang(self.env, node["value"]),
        )
        if "value_per_unit" in node and node["kind"] == "resource":
            text += " (%s)" % (
                _("%s per unit") % formatLang(self.env, node["value_per_unit"])
            )
        children = node["children"]
        if children and depth >= EXPLAIN_MAX_DEPTH:
            text += " ..."
            children = []
        inner = "".join(
            "<li>%s</li>" % self._render_value_tree(child, depth + 1)
            for child in children
        )
        if depth == 0:
            return "<ul><li>%s%s</li></ul>" % (
                text,
                "<ul>%s</ul>" % inner if inner else "",
            )
        return "%s%s" % (text, "<ul>%s</ul>" % inner if inner else "")
