from . import (
    test_join_form_http,
    test_join_form_hypothesis,
    test_join_question,
    test_join_request_flow,
    test_portal_http,
    test_project_page_http,
    test_purge,
    test_security,
    test_services,
    test_skills_portal_http,
    test_subscription,
    test_visitor_pages_http,
)
