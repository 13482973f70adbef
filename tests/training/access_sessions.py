"""Permission matrix rows of the catalogue, sessions, external courses, the training file,
mandatory training, plans and reports (scenario names start with ``ts_``)."""

import datetime as dt

from django.utils import timezone

from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, STAFF, Case, each
from training.models import MandatoryTraining

from .factories_sessions import (
    approve,
    enrol,
    make_course,
    make_external,
    make_plan,
    make_session,
    upload_evidence,
)

HR_ONLY = {"hr": OK, "superuser": OK}
ALL_TRAINING = [*STAFF, "superuser"]
TEAM_A_READERS = ("salesperson", "clerk", "supervisor", "hr", "manager", "compliance", "superuser")
REPORTERS = {"hr": OK, "supervisor": OK, "manager": OK, "superuser": OK}


def scenario(personas):
    course = make_course()
    rule = MandatoryTraining.objects.create(
        course=course, position="salesperson", within_days_of_hire=30
    )
    salesperson = personas["salesperson"]
    session = make_session(
        course,
        trainer=salesperson.employee,
        starts_at=timezone.now() - dt.timedelta(hours=3),
    )
    enrol(session, personas["other_salesperson"], personas["clerk"])
    open_session = make_session(course)
    external = make_external(salesperson)
    external_other = make_external(personas["other_salesperson"])
    approve(external_other, personas["superuser"])
    upload_evidence(external_other)
    plan = make_plan(salesperson, [course])
    plan_other = make_plan(personas["other_salesperson"], [course])
    return {
        "ts_course": course,
        "ts_rule": rule,
        "ts_session": session,
        "ts_session_open": open_session,
        "ts_external": external,
        "ts_external_other": external_other,
        "ts_plan": plan,
        "ts_plan_other": plan_other,
        "ts_employee": salesperson.employee,
    }


def _pk(name):
    return lambda o: [o[name].pk]


def _team_a(expect=OK):
    return dict.fromkeys(TEAM_A_READERS, expect) | {
        "other_salesperson": NOT_FOUND,
        "shared_colleague": NOT_FOUND,
    }


_SESSIONS = {"ts_session", "ts_session_open"}
_EXTERNAL_ROWS = {
    "salesperson": {"ts_external"},
    "clerk": {"ts_external"},
    "supervisor": {"ts_external"},
    "other_salesperson": {"ts_external_other"},
    "shared_colleague": set(),
    **{
        p: {"ts_external", "ts_external_other"}
        for p in ("hr", "manager", "compliance", "superuser")
    },
}
_PLAN_ROWS = {
    "salesperson": {"ts_plan"},
    "clerk": {"ts_plan"},
    "supervisor": {"ts_plan"},
    "other_salesperson": {"ts_plan_other"},
    "shared_colleague": set(),
    **{p: {"ts_plan", "ts_plan_other"} for p in ("hr", "manager", "compliance", "superuser")},
}

CASES = [
    # Catalogue: everyone reads, HR manages.
    Case(
        "training:course_list",
        each(ALL_TRAINING, OK),
        rows={p: {"training_courses"} for p in ALL_TRAINING},
    ),
    Case("training:course_list", each(ALL_TRAINING, OK), query="?export=xlsx"),
    Case("training:course", each(ALL_TRAINING, OK), args=_pk("ts_course")),
    Case("training:course_history", each(ALL_TRAINING, OK), args=_pk("ts_course")),
    Case("training:course_add", HR_ONLY),
    Case("training:course_edit", HR_ONLY, args=_pk("ts_course")),
    Case(
        "training:course_rule_set",
        {"hr": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=_pk("ts_course"),
        data={"position": "clerk", "within_days_of_hire": "30"},
    ),
    Case(
        "training:mandatorytraining_delete",
        {"hr": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=_pk("ts_rule"),
        data={"confirm": "1"},
    ),
    # Sessions: everyone reads; HR edits; the trainer (the salesperson) and HR run them.
    Case(
        "training:session_list",
        each(ALL_TRAINING, OK),
        rows=dict.fromkeys(ALL_TRAINING, _SESSIONS),
    ),
    Case("training:session", each(ALL_TRAINING, OK), args=_pk("ts_session")),
    Case("training:session_history", each(ALL_TRAINING, OK), args=_pk("ts_session")),
    Case("training:session_add", HR_ONLY),
    Case("training:session_edit", HR_ONLY, args=_pk("ts_session")),
    Case(
        "training:session_enrol",
        {"salesperson": OK, "hr": OK, "superuser": OK},
        args=_pk("ts_session"),
    ),
    Case(
        "training:session_results",
        {"salesperson": OK, "hr": OK, "superuser": OK},
        args=_pk("ts_session"),
    ),
    Case(
        "training:session_sign_up",
        each(STAFF, REDIRECT),
        method="post",
        args=_pk("ts_session_open"),
        data={"go": "1"},
    ),
    # External courses: own, the team's, everyone's for HR and managers.
    Case(
        "training:externalcourse_list",
        each(ALL_TRAINING, OK),
        rows=_EXTERNAL_ROWS,
    ),
    Case(
        "training:externalcourse_add",
        {
            **each(("clerk", "salesperson", "other_salesperson", "shared_colleague"), OK),
            "supervisor": OK,
            "hr": OK,
            "superuser": OK,
        },
    ),
    Case("training:externalcourse", _team_a(), args=_pk("ts_external")),
    Case("training:externalcourse_history", _team_a(), args=_pk("ts_external")),
    Case(
        "training:externalcourse_step",
        {
            "supervisor": REDIRECT,
            "superuser": REDIRECT,
            "salesperson": 403,
            "clerk": 403,
            "hr": 403,
            "manager": 403,
            "compliance": 403,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["ts_external"].pk, "decide"],
        data={"decision": "approve"},
    ),
    Case(
        "training:externalcourse_evidence",
        {
            "other_salesperson": OK,
            "hr": OK,
            "manager": OK,
            "compliance": OK,
            "superuser": OK,
            "salesperson": NOT_FOUND,
            "clerk": NOT_FOUND,
            "supervisor": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=_pk("ts_external_other"),
    ),
    # The training file and mandatory training.
    Case("training:my_file", {**each(STAFF, REDIRECT), "superuser": NOT_FOUND}),
    Case("training:file", _team_a(), args=_pk("ts_employee")),
    Case("training:file", _team_a(), args=_pk("ts_employee"), query="?export=pdf"),
    Case("training:file", _team_a(), args=_pk("ts_employee"), query="?export=xlsx"),
    Case("training:mandatory_due", each(ALL_TRAINING, OK)),
    Case("training:mandatory_due", each(ALL_TRAINING, OK), query="?status=all&export=xlsx"),
    # Plans: own, the team's; HR creates and changes them.
    Case("training:trainingplan_list", each(ALL_TRAINING, OK), rows=_PLAN_ROWS),
    Case("training:trainingplan", _team_a(), args=_pk("ts_plan")),
    Case("training:trainingplan_history", _team_a(), args=_pk("ts_plan")),
    Case("training:trainingplan_add", HR_ONLY),
    Case("training:trainingplan_edit", HR_ONLY, args=_pk("ts_plan")),
    # Reports: HR, managers, supervisors (their team).
    Case("training:report_hours", REPORTERS),
    Case("training:report_hours", REPORTERS, query="?by=team&export=xlsx"),
    Case("training:report_mandatory", REPORTERS, query="?export=pdf"),
    Case("training:report_pass_rates", REPORTERS),
    Case("training:report_pass_rates", REPORTERS, query="?export=pdf"),
]

assert EVERYONE  # the personas the rows above cover
