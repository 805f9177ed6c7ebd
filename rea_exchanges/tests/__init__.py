from . import (
    test_demo,
    test_exchange_access,
    test_exchange_invoice,
    test_exchange_state,
    test_exchange_totals,
    test_exchange_types,
    test_exchange_views,
    test_portal,
    test_portal_internal_users,
    test_rea_accounts,
    test_service,
    test_wording,
)
