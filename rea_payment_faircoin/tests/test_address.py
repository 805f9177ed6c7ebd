# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, ValidationError

from ..faircoin.address import (
    AddressError,
    address_script,
    b58decode,
    b58encode_check,
    decode_address,
    encode_address,
    format_fair,
    make_uri,
    script_hash,
    to_sat,
)
from .common import FaircoinCase
from .txbuilder import make_hash160

MAINNET = "fNwjJzntaQ8P95mappWQkEiSVrtDqDzj4X"


class TestAddress(FaircoinCase):
    def assert_refused(self, address, code, network=None):
        with self.assertRaises(AddressError) as caught:
            decode_address(address, network)
        self.assertEqual(caught.exception.code, code)

    def test_valid_addresses(self):
        self.assertEqual(decode_address(MAINNET)[:2], ("main", "p2pkh"))
        h160 = make_hash160("vector")
        p2sh_main = encode_address(h160, "main", "p2sh")
        self.assertTrue(p2sh_main.startswith("F"))
        self.assertEqual(decode_address(p2sh_main), ("main", "p2sh", h160))
        test_p2pkh = encode_address(h160, "test")
        self.assertIn(test_p2pkh[0], "mn")
        self.assertEqual(decode_address(test_p2pkh, "test"), ("test", "p2pkh", h160))
        test_p2sh = encode_address(h160, "test", "p2sh")
        self.assertTrue(test_p2sh.startswith("2"))
        self.assertEqual(decode_address(test_p2sh)[:2], ("test", "p2sh"))

    def test_invalid_addresses(self):
        self.assert_refused(MAINNET[:-1] + "Y", "checksum")
        self.assert_refused("", "empty")
        self.assert_refused("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bech32")
        self.assert_refused("fc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bech32")
        # Bitcoin mainnet (version 0), the 2025 relaunch (35), a WIF key (223).
        self.assert_refused("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "version")
        h160 = make_hash160("vector")
        self.assert_refused(b58encode_check(35, h160), "version")
        self.assert_refused(b58encode_check(223, h160 + b"\x01" * 12), "length")
        self.assert_refused("fNwjJzntaQ8P95mappWQkEiSVrtDqDzj40", "characters")
        self.assert_refused(MAINNET, "network", network="test")

    def test_scripthash_method(self):
        # Electrum protocol documentation's example (Bitcoin genesis address).
        h160 = b58decode("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")[1:21]
        script = b"\x76\xa9\x14" + h160 + b"\x88\xac"
        self.assertEqual(
            script_hash(script),
            "8b01df4e368ea28f8dc0423bcf7a4923e3a12d307c875e47a0cfbf90b5c39161",
        )
        p2sh = encode_address(h160, "main", "p2sh")
        self.assertEqual(address_script(p2sh), b"\xa9\x14" + h160 + b"\x87")

    def test_amounts_and_uri(self):
        self.assertEqual(to_sat("0.00000001"), 1)
        self.assertEqual(to_sat(0.1 + 0.2), 30000000)
        self.assertEqual(format_fair(1), "0.00000001")
        self.assertEqual(format_fair(2468000000), "24.68000000")
        self.assertEqual(
            make_uri(MAINNET, 1234500001, "Coop Fair", "INV/2026/1"),
            "faircoin:%s?amount=12.34500001&label=Coop%%20Fair"
            "&message=INV%%2F2026%%2F1" % MAINNET,
        )
        self.assertEqual(make_uri(MAINNET), "faircoin:" + MAINNET)

    def test_address_fields_checked(self):
        with self.assertRaisesRegex(ValidationError, "checksum is wrong"):
            self.acquirer.faircoin_address = MAINNET[:-1] + "Y"
        with self.assertRaisesRegex(ValidationError, "other FairCoin network"):
            self.acquirer.faircoin_address = MAINNET
        with self.assertRaisesRegex(ValidationError, "bech32"):
            self.member.faircoin_address = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
        self.member.write({"faircoin_address": "  %s " % MAINNET})
        self.assertEqual(self.member.faircoin_address, MAINNET)
        with self.assertRaisesRegex(ValidationError, "not a FairCoin 2 address"):
            self.project.faircoin_receiving_address = (
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
            )

    def test_project_receiving_address(self):
        project_address = encode_address(make_hash160("project wallet"), "test")
        self.project.faircoin_receiving_address = project_address
        account = self.project.get_faircoin_account()
        self.assertEqual(account.faircoin_address, project_address)
        self.assertEqual(self.project.faircoin_receiving_address, project_address)
        # Fixed mode: the acquirer's address; per project: the project's.
        tx = self.make_tx(10.0, pending=False, faircoin_receiver_id=self.project.id)
        self.assertEqual(tx.faircoin_address, self.address)
        self.acquirer.faircoin_address_mode = "context"
        tx = self.make_tx(10.0, pending=False, faircoin_receiver_id=self.project.id)
        self.assertEqual(tx.faircoin_address, project_address)
        self.assertEqual(tx.faircoin_receiver_id, self.project)
        # A project without address: the acquirer's, received by its agent.
        other = self.env["res.partner"].create(
            {"name": "No wallet project", "agent_type": "project", "is_context": True}
        )
        tx = self.make_tx(10.0, pending=False, faircoin_receiver_id=other.id)
        self.assertEqual(tx.faircoin_address, self.address)
        self.assertEqual(tx.faircoin_receiver_id, self.project)

    def test_receiving_address_rights(self):
        user = self.env["res.users"].create(
            {
                "name": "REA user",
                "login": "fair_rea_user",
                "email": "fair.rea.user@example.org",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("rea_base.group_rea_user").id,
                            self.env.ref("base.group_partner_manager").id,
                        ],
                    )
                ],
            }
        )
        with self.assertRaises(AccessError):
            self.project.sudo(user).faircoin_receiving_address = self.address
        self.assertFalse(self.project.faircoin_receiving_address)
