# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FairCoin 2 transactions: plain pre-segwit Bitcoin serialisation
(version, inputs, outputs, locktime); the txid is the double SHA-256 of the
bytes, reversed."""

import re

from .address import sha256d

TXID_RE = re.compile(r"^[0-9a-f]{64}$")


class TransactionError(ValueError):
    """Bytes that are not a well-formed transaction."""


def txid_of(raw):
    return sha256d(raw)[::-1].hex()


def normalize_txid(txid):
    """Lower-case 64-hex txid, or None when it is not one."""
    text = (txid or "").strip().lower()
    return text if TXID_RE.match(text) else None


class _Reader(object):
    def __init__(self, raw):
        self.raw = raw
        self.pos = 0

    def take(self, size):
        if size < 0 or self.pos + size > len(self.raw):
            raise TransactionError("truncated transaction")
        chunk = self.raw[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def int_le(self, size):
        return int.from_bytes(self.take(size), "little")

    def varint(self):
        first = self.int_le(1)
        if first < 0xFD:
            return first
        return self.int_le({0xFD: 2, 0xFE: 4, 0xFF: 8}[first])


def parse_outputs(raw):
    """``[(value_in_base_units, script_bytes), ...]`` of a raw transaction.
    Raises ``TransactionError`` on anything malformed."""
    reader = _Reader(raw)
    reader.take(4)  # version
    input_count = reader.varint()
    if not input_count:
        # A witness marker, or no input at all: neither exists on FairCoin 2.
        raise TransactionError("transaction without inputs")
    for __ in range(input_count):
        reader.take(36)  # previous txid and output index
        reader.take(reader.varint())  # scriptSig
        reader.take(4)  # sequence
    outputs = []
    for __ in range(reader.varint()):
        value = reader.int_le(8)
        script = reader.take(reader.varint())
        outputs.append((value, script))
    reader.take(4)  # locktime
    if reader.pos != len(raw):
        raise TransactionError("trailing bytes after the transaction")
    return outputs


def paid_to(raw, script):
    """Base units that the outputs of ``raw`` pay to ``script``."""
    return sum(value for value, out in parse_outputs(raw) if out == script)
