# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def create_user(env, login, groups, name=None):
    return (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(
            {
                "name": name or login.title(),
                "login": login,
                "password": login,
                "email": "%s@example.org" % login,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
            }
        )
    )


def create_project(env, name, join_style="moderated", **vals):
    values = {"name": name, "join_style": join_style, "visibility": "public"}
    values.update(vals)
    return env["rea.project"].create(values)


def add_coordinator(env, project, partner):
    return env["rea.agent.relationship"].create(
        {
            "subject_id": partner.id,
            "object_id": project.partner_id.id,
            "type_id": env.ref("rea_base.relationship_type_manager").id,
            "state": "active",
        }
    )


def add_questions(env, project):
    """One question of each kind; text, selection and yes/no required."""
    question_model = env["rea.join.question"]
    questions = {
        "char": question_model.create(
            {"project_id": project.id, "name": "Nickname", "question_type": "char"}
        ),
        "text": question_model.create(
            {
                "project_id": project.id,
                "name": "Motivation",
                "question_type": "text",
                "required": True,
            }
        ),
        "selection": question_model.create(
            {
                "project_id": project.id,
                "name": "Experience",
                "question_type": "selection",
                "required": True,
                "option_ids": [(0, 0, {"name": "Little"}), (0, 0, {"name": "Much"})],
            }
        ),
        "boolean": question_model.create(
            {
                "project_id": project.id,
                "name": "Read the statutes",
                "question_type": "boolean",
                "required": True,
            }
        ),
        "number": question_model.create(
            {
                "project_id": project.id,
                "name": "Hours a week",
                "question_type": "number",
            }
        ),
        "date": question_model.create(
            {
                "project_id": project.id,
                "name": "Available from",
                "question_type": "date",
            }
        ),
        "file": question_model.create(
            {
                "project_id": project.id,
                "name": "CV",
                "question_type": "file",
                "max_file_size_kb": 1,
                "allowed_extensions": "pdf,txt",
            }
        ),
    }
    return questions


def add_member(env, project, partner, state="active"):
    return env["rea.agent.relationship"].create(
        {
            "subject_id": partner.id,
            "object_id": project.partner_id.id,
            "type_id": env.ref("rea_base.relationship_type_member").id,
            "state": state,
        }
    )


def service(env, code):
    return env["rea.project.service"].search([("code", "=", code)])
