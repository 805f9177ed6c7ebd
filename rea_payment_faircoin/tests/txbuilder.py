# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Builds FairCoin 2 (legacy Bitcoin format) transactions as real bytes for
the tests: the txid is computed from them, so fixtures stay consistent."""

import hashlib
import itertools
import struct

_counter = itertools.count(1)


def varint(number):
    if number < 0xFD:
        return bytes([number])
    if number <= 0xFFFF:
        return b"\xfd" + struct.pack("<H", number)
    if number <= 0xFFFFFFFF:
        return b"\xfe" + struct.pack("<I", number)
    return b"\xff" + struct.pack("<Q", number)


def build_transaction(outputs, inputs=1):
    """``outputs``: [(base units, script bytes)]. Inputs spend made-up
    previous outputs, each different, so every transaction is unique."""
    raw = struct.pack("<I", 1) + varint(inputs)
    for __ in range(inputs):
        previous = hashlib.sha256(b"prevout %d" % next(_counter)).digest()
        script_sig = b"\x01\x00"
        raw += previous + struct.pack("<I", 0) + varint(len(script_sig)) + script_sig
        raw += b"\xff\xff\xff\xff"
    raw += varint(len(outputs))
    for value, script in outputs:
        raw += struct.pack("<Q", value) + varint(len(script)) + script
    return raw + struct.pack("<I", 0)


def make_hash160(name):
    """A made-up public key hash for test addresses."""
    return hashlib.sha256(name.encode()).digest()[:20]
