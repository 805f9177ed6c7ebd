# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small Electrum-protocol server for the tests: threaded TCP on
127.0.0.1 (free port), newline-delimited JSON-RPC, answering from
in-memory chain data; failures (error objects, delays, garbage) on demand."""

import json
import socketserver
import threading
import time

from ..faircoin.address import script_hash
from ..faircoin.transaction import parse_outputs, txid_of


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        state = self.server.standin
        while True:
            try:
                line = self.rfile.readline()
            except OSError:
                return
            if not line:
                return
            try:
                request = json.loads(line.decode())
            except ValueError:
                return
            method = request.get("method")
            state.calls.append(method)
            delay = state.delays.get(method)
            if delay:
                time.sleep(delay)
            if method in state.garbage:
                answer = b"this is not JSON\n"
            elif method in state.errors:
                answer = self._encode(request, error=state.errors[method])
            else:
                try:
                    result = state.dispatch(method, request.get("params") or [])
                except KeyError as missing:
                    error = {"code": 2, "message": "unknown: %s" % missing}
                    answer = self._encode(request, error=error)
                else:
                    answer = self._encode(request, result=result)
            try:
                self.wfile.write(answer)
                self.wfile.flush()
            except OSError:
                return

    @staticmethod
    def _encode(request, result=None, error=None):
        payload = {"jsonrpc": "2.0", "id": request.get("id")}
        if error is not None:
            payload["error"] = error
        else:
            payload["result"] = result
        return json.dumps(payload).encode() + b"\n"


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class ElectrumStandin(object):
    """``start()``, feed it with ``add_transaction``, ``stop()``."""

    def __init__(self):
        self.tip = 1000
        self.history = {}  # script hash -> [{"tx_hash", "height"}]
        self.transactions = {}  # txid -> raw hex
        self.errors = {}  # method -> error object
        self.delays = {}  # method -> seconds
        self.garbage = set()  # methods answered with non-JSON
        self.calls = []
        self.server = None
        self.thread = None

    @property
    def port(self):
        return self.server.server_address[1]

    def start(self):
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.standin = self
        self.thread = threading.Thread(target=self.server.serve_forever)
        self.thread.daemon = True
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def reset(self):
        self.tip = 1000
        self.history.clear()
        self.transactions.clear()
        self.errors.clear()
        self.delays.clear()
        self.garbage.clear()
        del self.calls[:]

    def dispatch(self, method, params):
        if method == "server.version":
            return ["ElectrumX stand-in", "1.4"]
        if method == "server.ping":
            return None
        if method == "blockchain.headers.subscribe":
            return {"height": self.tip, "hex": "00" * 108}
        if method == "blockchain.scripthash.get_history":
            return list(self.history.get(params[0], []))
        if method == "blockchain.transaction.get":
            return self.transactions[params[0]]
        raise KeyError(method)

    def add_transaction(self, raw, height=0, txid=None):
        """Serve ``raw`` (under ``txid``, by default its real hash) and list
        it in the history of every script it pays, as a real server does."""
        txid = txid or txid_of(raw)
        self.transactions[txid] = raw.hex()
        for __, script in parse_outputs(raw):
            self.add_history(script, txid, height)
        return txid

    def add_history(self, script, txid, height=0):
        entries = self.history.setdefault(script_hash(script), [])
        entries[:] = [e for e in entries if e["tx_hash"] != txid]
        entries.append({"tx_hash": txid, "height": height})

    def set_height(self, txid, height):
        for entries in self.history.values():
            for entry in entries:
                if entry["tx_hash"] == txid:
                    entry["height"] = height
