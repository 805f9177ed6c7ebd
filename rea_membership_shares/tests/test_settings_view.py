# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from lxml import etree

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
