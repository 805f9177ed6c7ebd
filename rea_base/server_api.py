# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``server_only``: public methods that remote callers may not call.

Odoo 11 lets JSON-RPC and XML-RPC call every method whose name has no
leading underscore. The owners of our concepts (membership, share and claim
ledgers, resource quantities, the distribution engine) expose public methods
so that models and addons call each other through them, but those methods
act with elevated rights, take raw values (SQL pieces, quantity moves) or
trust that their caller checked who acts. Every remote call goes through
Odoo's dispatch (``odoo.api.call_kw``), which calls the method itself: a
method decorated here refuses exactly those calls, with a clear error.

Put it under the ``api`` decorator, and keep it on overrides::

    @api.model
    @server_only
    def issue(self, partner, product, quantity, date):
        ...
"""

import sys

from decorator import decorator

from odoo import _, api
from odoo.exceptions import AccessError

# The functions of Odoo's RPC dispatch that call a model's method.
RPC_DISPATCH = frozenset((api.call_kw_model.__code__, api.call_kw_multi.__code__))


def called_remotely(depth=2):
    """Whether one of the ``depth`` frames above the caller is Odoo's RPC
    dispatch (the signature-keeping wrapper adds one frame)."""
    frame = sys._getframe(2)
    for _level in range(depth):
        if frame is None:
            return False
        if frame.f_code in RPC_DISPATCH:
            return True
        frame = frame.f_back
    return False


@decorator
def server_only(method, self, *args, **kwargs):
    if called_remotely():
        raise AccessError(
            _(
                "%(model)s.%(method)s is for the server's own code: "
                "it cannot be called remotely."
            )
            % {"model": self._name, "method": method.__name__}
        )
    return method(self, *args, **kwargs)
