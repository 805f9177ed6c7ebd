# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""FairCoin 2 addresses (base58check), scripts, Electrum script hashes,
amounts in base units and ``faircoin:`` URIs."""

import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import quote

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
B58_INDEX = {char: index for index, char in enumerate(B58_ALPHABET)}
# FairCoin 2 base58 version bytes (faircoin/faircoin src/chainparams.cpp).
# FairCoin 2 has no segwit: bech32 strings are never valid.
NETWORKS = {
    "main": {"p2pkh": 95, "p2sh": 36},
    "test": {"p2pkh": 111, "p2sh": 196},
}
COIN = 100000000  # base units per FAIR: 8 decimals
SAT = Decimal("0.00000001")
URI_SCHEME = "faircoin"


class AddressError(ValueError):
    """An invalid address; ``code`` tells why (see ``ADDRESS_ERRORS``)."""

    def __init__(self, code, address=""):
        super().__init__(code)
        self.code = code
        self.address = address


# Why an address is refused, in plain words (translated by the models).
ADDRESS_ERRORS = {
    "empty": "no address given",
    "bech32": "bech32 (segwit) addresses do not exist on FairCoin 2",
    "characters": "it contains characters that are not base58",
    "length": "it does not have the length of an address",
    "checksum": "its checksum is wrong (a typing mistake?)",
    "version": "it is not a FairCoin 2 address (another chain or a private key)",
    "network": "it belongs to the other FairCoin network (main/test)",
}


def sha256d(data):
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def b58encode(data):
    number = int.from_bytes(data, "big")
    chars = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(B58_ALPHABET[remainder])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(chars))


def b58decode(text):
    number = 0
    for char in text:
        if char not in B58_INDEX:
            raise AddressError("characters", text)
        number = number * 58 + B58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + body


def b58encode_check(version, payload):
    data = bytes([version]) + payload
    return b58encode(data + sha256d(data)[:4])


BECH32_RE = re.compile(r"^[a-z]{1,83}1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$")


def _looks_bech32(text):
    """Human-readable part, '1', data in the bech32 charset, one case."""
    return (text.islower() or text.isupper()) and bool(BECH32_RE.match(text.lower()))


def decode_address(address, network=None):
    """Check a FairCoin 2 address; return ``(network, kind, hash160)`` with
    kind ``p2pkh`` or ``p2sh``. ``network`` ('main'/'test') restricts it.
    Raises ``AddressError``."""
    text = (address or "").strip()
    if not text:
        raise AddressError("empty", text)
    if _looks_bech32(text):
        raise AddressError("bech32", text)
    if not 25 <= len(text) <= 35:
        raise AddressError("length", text)
    data = b58decode(text)
    if len(data) != 25:
        raise AddressError("length", text)
    if sha256d(data[:21])[:4] != data[21:]:
        raise AddressError("checksum", text)
    version = data[0]
    for net, versions in NETWORKS.items():
        for kind, byte in versions.items():
            if byte == version:
                if network and net != network:
                    raise AddressError("network", text)
                return net, kind, data[1:21]
    raise AddressError("version", text)


def encode_address(hash160, network="main", kind="p2pkh"):
    return b58encode_check(NETWORKS[network][kind], hash160)


def address_script(address):
    """The output script (scriptPubKey) paying ``address``."""
    __, kind, hash160 = decode_address(address)
    if kind == "p2pkh":
        return b"\x76\xa9\x14" + hash160 + b"\x88\xac"
    return b"\xa9\x14" + hash160 + b"\x87"


def script_hash(script):
    """Electrum protocol script hash: sha256 of the script, reversed, hex."""
    return hashlib.sha256(script).digest()[::-1].hex()


def to_sat(amount):
    """FAIR (float, str or Decimal) to integer base units, rounded half up."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise ValueError("not an amount: %r" % (amount,))
    return int((value / SAT).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_sat(sat):
    return Decimal(int(sat)) * SAT


def format_fair(sat):
    """'12.34500000': always 8 decimals, '.' separator (as in URIs)."""
    sign = "-" if sat < 0 else ""
    whole, frac = divmod(abs(int(sat)), COIN)
    return "%s%d.%08d" % (sign, whole, frac)


def make_uri(address, sat=None, label=None, message=None):
    """``faircoin:ADDR?amount=…&label=…&message=…`` (BIP21, FairCoin scheme);
    the amount drops trailing zeros, as wallets write it."""
    params = []
    if sat:
        amount = format_fair(sat).rstrip("0").rstrip(".")
        params.append("amount=%s" % amount)
    if label:
        params.append("label=%s" % quote(label, safe=""))
    if message:
        params.append("message=%s" % quote(message, safe=""))
    uri = "%s:%s" % (URI_SCHEME, address)
    return uri + ("?" + "&".join(params) if params else "")
