# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

from odoo.modules.module import get_module_resource
from odoo.tests.common import TransactionCase


class TestSettingsView(TransactionCase):
    """The cooperative settings laid out the Odoo way: each checkbox in the
    left pane of its box, its label (for= the field) in the right pane."""

    def block(self):
        arch = self.env["res.config.settings"].fields_view_get(view_type="form")["arch"]
        blocks = etree.fromstring(arch).xpath(
            "//div[@data-key='rea_membership_shares']"
        )
        self.assertEqual(len(blocks), 1)
        return blocks[0]

    def test_checkboxes_sit_in_setting_boxes_with_their_labels(self):
        block = self.block()
        fields = self.env["res.config.settings"]._fields
        booleans = [
            node
            for node in block.iter("field")
            if fields[node.get("name")].type == "boolean"
        ]
        self.assertGreater(len(booleans), 15)
        for node in booleans:
            name = node.get("name")
            pane = node.getparent()
            box = pane.getparent()
            if "o_setting_left_pane" in pane.get("class", ""):
                # The main checkbox of a box: its label in the right pane.
                self.assertIn("o_setting_box", box.get("class", ""), name)
                labels = box.xpath(
                    "div[contains(@class, 'o_setting_right_pane')]"
                    "/label[@for='%s']" % name
                )
            else:
                # A second checkbox (required, ...) inside its box's content,
                # its label right next to it.
                self.assertTrue(
                    node.xpath("ancestor::div[contains(@class, 'content-group')]"),
                    name,
                )
                labels = pane.xpath("label[@for='%s']" % name)
            self.assertEqual(len(labels), 1, name)

    def test_every_field_in_a_setting_box(self):
        block = self.block()
        for node in block.iter("field"):
            self.assertTrue(
                node.xpath("ancestor::div[contains(@class, 'o_setting_box')]"),
                node.get("name"),
            )
        # Each box in a settings container, as Odoo lays them out.
        for box in block.xpath(".//div[contains(@class, 'o_setting_box')]"):
            self.assertIn("o_settings_container", box.getparent().get("class"))

    def test_containers_fit_the_settings_pane(self):
        """A container that is also a Bootstrap row takes 15 px beyond each
        side of the settings pane: a horizontal scrollbar at 1280 px."""
        containers = self.block().xpath(
            ".//div[contains(@class, 'o_settings_container')]"
        )
        self.assertGreater(len(containers), 3)
        for container in containers:
            self.assertNotIn("row", container.get("class").split())

    def test_inputs_span_their_pane_under_their_label(self):
        """Odoo gives a field half of the right pane (too narrow for
        "100910 Subscribed capital"): the inputs of the shares settings sit
        under their label, as wide as the pane (the stylesheet's class), never
        squeezed into a grid column."""
        block = self.block()
        fields = self.env["res.config.settings"]._fields
        inputs = [
            node
            for node in block.iter("field")
            if fields[node.get("name")].type != "boolean"
            and node.get("widget") != "image"
        ]
        names = {node.get("name") for node in inputs}
        self.assertIn("share_equity_account_id", names)
        self.assertIn("share_journal_id", names)
        for node in inputs:
            name = node.get("name")
            classes = node.get("class", "").split()
            self.assertIn("o_rea_shares_setting_field", classes, name)
            self.assertFalse([c for c in classes if c.startswith("col-")], name)
            self.assertNotIn("row", node.getparent().get("class", "").split(), name)
            label = node.getprevious()
            if label is not None and label.tag == "label":
                self.assertEqual(label.get("for"), name)

    def test_stylesheet_widens_the_inputs(self):
        arch = self.env.ref("rea_membership_shares.assets_backend").arch
        self.assertIn("static/src/less/res_config_settings.less", arch)
        path = get_module_resource(
            "rea_membership_shares", "static", "src", "less", "res_config_settings.less"
        )
        with open(path) as stylesheet:
            self.assertIn(".o_rea_shares_setting_field", stylesheet.read())
