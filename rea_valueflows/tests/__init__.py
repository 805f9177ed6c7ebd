from . import (
    test_access,
    test_demo,
    test_export,
    test_http,
    test_import,
    test_round_trip,
    test_wizards,
)
