from . import (
    rea_agent_relationship,
    rea_agent_skill,
    rea_join_answer,
    rea_join_question,
    rea_join_question_option,
    rea_join_request,
    rea_project,
    rea_project_service,
    res_partner,
)
