# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    faircoin_address_mixin,
    payment_acquirer,
    payment_transaction,
    rea_resource,
    res_currency,
    res_partner,
)
