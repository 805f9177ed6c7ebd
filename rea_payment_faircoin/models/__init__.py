# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

# The mixin first: the models below inherit it.
from . import rea_faircoin_address_mixin  # isort:skip
from . import (
    payment_acquirer,
    payment_transaction,
    rea_resource,
    res_currency,
    res_partner,
)
