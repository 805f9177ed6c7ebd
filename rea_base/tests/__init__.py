from . import (
    test_rea_access,
    test_rea_actions,
    test_rea_agent,
    test_rea_demo_traceability,
    test_rea_event_batch,
    test_rea_event_correct_wizard,
    test_rea_event_correction,
    test_rea_event_validation,
    test_rea_process,
    test_rea_quantity_precision,
    test_rea_service_menu,
    test_rea_traceability,
)
