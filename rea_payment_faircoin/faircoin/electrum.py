# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small blocking client of the Electrum protocol (ElectrumX 1.4): TCP or
TLS, one JSON-RPC object per line. Every failure (refused, timeout, TLS,
malformed answer, error object) is an ``ElectrumError``."""

import json
import socket
import ssl

from .transaction import TransactionError, normalize_txid, paid_to, txid_of

PROTOCOL_VERSION = "1.4"
MAX_LINE = 4 * 1024 * 1024  # the largest answer we accept (bytes)


class ElectrumError(Exception):
    """The server could not give a usable answer."""


class HashMismatchError(ElectrumError):
    """The bytes served for a txid do not hash to it."""


class ElectrumClient(object):
    """``with ElectrumClient(host, port) as client: client.get_tip()``"""

    def __init__(
        self,
        host,
        port,
        use_tls=False,
        verify_tls=True,
        timeout=10.0,
        client_name="rea_payment_faircoin",
    ):
        self.host = host
        self.port = int(port or 0)
        self.use_tls = use_tls
        self.verify_tls = verify_tls
        self.timeout = float(timeout or 10.0)
        self.client_name = client_name
        self.sock = None
        self.buffer = b""
        self.next_id = 0
        self.server_version = None

    def __enter__(self):
        self.connect()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return "%s:%s%s" % (self.host, self.port, " (TLS)" if self.use_tls else "")

    def connect(self):
        if not self.host or not self.port:
            raise ElectrumError("no Electrum server configured")
        try:
            sock = socket.create_connection((self.host, self.port), self.timeout)
            if self.use_tls:
                context = ssl.create_default_context()
                if not self.verify_tls:
                    # Electrum servers often use self-signed certificates.
                    context.check_hostname = False
                    context.verify_mode = ssl.CERT_NONE
                sock = context.wrap_socket(sock, server_hostname=self.host)
            sock.settimeout(self.timeout)
        except socket.timeout:
            raise ElectrumError("timeout connecting to %r" % self)
        except (OSError, ssl.SSLError) as error:
            raise ElectrumError("cannot connect to %r: %s" % (self, error))
        self.sock = sock
        version = self.call("server.version", self.client_name, PROTOCOL_VERSION)
        if not isinstance(version, list) or len(version) != 2:
            raise ElectrumError("malformed server.version answer: %r" % (version,))
        self.server_version = version

    def close(self):
        if self.sock:
            sock, self.sock = self.sock, None
            try:
                sock.close()
            except OSError:
                return

    def _read_line(self):
        while b"\n" not in self.buffer:
            if len(self.buffer) > MAX_LINE:
                raise ElectrumError("answer too long from %r" % self)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise ElectrumError("timeout waiting for %r" % self)
            except (OSError, ssl.SSLError) as error:
                raise ElectrumError("connection to %r failed: %s" % (self, error))
            if not chunk:
                raise ElectrumError("%r closed the connection" % self)
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def call(self, method, *params):
        """Send one request and return its result."""
        if not self.sock:
            raise ElectrumError("not connected")
        self.next_id += 1
        request_id = self.next_id
        payload = {"jsonrpc": "2.0", "id": request_id, "method": method}
        payload["params"] = list(params)
        try:
            self.sock.sendall(json.dumps(payload).encode() + b"\n")
        except socket.timeout:
            raise ElectrumError("timeout sending to %r" % self)
        except (OSError, ssl.SSLError) as error:
            raise ElectrumError("connection to %r failed: %s" % (self, error))
        while True:
            line = self._read_line()
            try:
                answer = json.loads(line.decode("utf-8"))
            except ValueError:
                raise ElectrumError("malformed answer to %s from %r" % (method, self))
            if not isinstance(answer, dict):
                raise ElectrumError("malformed answer to %s from %r" % (method, self))
            if answer.get("id") is None and "method" in answer:
                continue  # a subscription notification: not ours to handle
            if answer.get("id") != request_id:
                raise ElectrumError("answer to another request from %r" % self)
            if answer.get("error"):
                error = answer["error"]
                message = error.get("message") if isinstance(error, dict) else error
                raise ElectrumError("%r refused %s: %s" % (self, method, message))
            if "result" not in answer:
                raise ElectrumError("answer without result to %s" % method)
            return answer["result"]

    # Typed calls: each checks the shape of the answer.

    def get_tip(self):
        """Height of the chain tip."""
        result = self.call("blockchain.headers.subscribe")
        height = result.get("height") if isinstance(result, dict) else None
        if not isinstance(height, int) or isinstance(height, bool) or height < 0:
            raise ElectrumError("malformed chain tip from %r: %r" % (self, result))
        return height

    def get_history(self, scripthash):
        """``[(txid, height), ...]``; height 0 or -1 is the mempool."""
        result = self.call("blockchain.scripthash.get_history", scripthash)
        if not isinstance(result, list):
            raise ElectrumError("malformed history from %r" % self)
        history = []
        for item in result:
            txid = (
                normalize_txid(item.get("tx_hash")) if isinstance(item, dict) else None
            )
            height = item.get("height") if isinstance(item, dict) else None
            if not txid or not isinstance(height, int) or isinstance(height, bool):
                raise ElectrumError("malformed history entry from %r" % self)
            history.append((txid, height))
        return history

    def get_transaction(self, txid):
        """The raw bytes of ``txid``, checked against the hash."""
        result = self.call("blockchain.transaction.get", txid)
        if not isinstance(result, str):
            raise ElectrumError("malformed transaction %s from %r" % (txid, self))
        try:
            raw = bytes.fromhex(result)
        except ValueError:
            raise ElectrumError("transaction %s from %r is not hex" % (txid, self))
        if txid_of(raw) != txid:
            raise HashMismatchError(
                "the bytes served for %s by %r do not hash to it" % (txid, self)
            )
        return raw

    def get_paid_to(self, txid, script):
        """Base units that ``txid`` pays to ``script`` (verified bytes)."""
        raw = self.get_transaction(txid)
        try:
            return paid_to(raw, script)
        except TransactionError as error:
            raise ElectrumError("transaction %s is malformed: %s" % (txid, error))


def confirmations(height, tip):
    """Confirmations of a transaction at ``height`` (<= 0: mempool)."""
    if height is None or height <= 0 or tip < height:
        return 0
    return tip - height + 1
