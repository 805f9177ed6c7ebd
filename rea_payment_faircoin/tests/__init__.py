# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from . import (
    test_access,
    test_address,
    test_http,
    test_invoice,
    test_page,
    test_rates,
    test_watcher,
    test_wizard,
)
