# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FairCoin 2 chain helpers with no Odoo dependency: addresses, amounts,
``faircoin:`` URIs, legacy transaction parsing and an Electrum-protocol
client. Only the standard library is used: no private key is ever needed."""
