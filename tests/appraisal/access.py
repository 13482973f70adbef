"""Appraisal rows of the permission matrix (tests/access.py). Each scenario opens a round
of another month (a write case runs the scenario again), with appraisals of the
salesperson and clerk (team A, assessed by the supervisor), of team B's two salespeople
(no supervisor: HR assesses) and of the supervisor (assessed by the manager); the other
salesperson's is consolidated as unsatisfactory and has an improvement plan."""

import datetime as dt
import itertools

from appraisal import services
from appraisal.models import AppraisalTemplate
from tests.access import NOT_FOUND, OK, REDIRECT, Case

from .factories import make_template, ratings

_months = itertools.count()


def _next_period():
    n = next(_months)
    month = 10 - n % 24  # within the last two years: every persona employed then
    year = 2026
    while month < 1:
        month += 12
        year -= 1
    return year, month


def scenario(personas):
    hr = personas["hr"]
    if not AppraisalTemplate.objects.filter(position="salesperson").exists():
        make_template(hr, "salesperson")
        make_template(hr, "clerk", results=[("Files completed", 100)])
        make_template(hr, "supervisor")
    year, month = _next_period()
    round_ = services.round_open(actor=hr, kind="monthly", year=year, month=month)
    by_user = {
        a.employee.user.username: a for a in round_.appraisals.select_related("employee__user")
    }
    other = by_user["other_salesperson"]
    services.self_submit(
        actor=personas["other_salesperson"], appraisal=other, ratings=ratings(other, 1, 20)
    )
    services.supervisor_submit(actor=hr, appraisal=other, ratings=ratings(other, 1, 20))
    services.hr_consolidate(actor=hr, appraisal=other)
    other.refresh_from_db()
    plan = services.improvement_plan_create(
        actor=hr,
        appraisal=other,
        goals="Two visits a day",
        support="Coaching",
        review_date=dt.date.today() + dt.timedelta(days=60),
    )
    return {
        "ap_round": round_,
        "ap_template": AppraisalTemplate.objects.get(position="salesperson"),
        "ap_templates": list(AppraisalTemplate.objects.all()),
        "ap_item": AppraisalTemplate.objects.get(position="salesperson").items.first(),
        "ap_own": by_user["salesperson"],
        "ap_clerk": by_user["clerk"],
        "ap_other": other,
        "ap_shared": by_user["shared_colleague"],
        "ap_sup": by_user["supervisor"],
        "ap_plan": plan,
        "ap_employee": by_user["salesperson"].employee,
    }


def _pk(name):
    return lambda o: [o[name].pk]


HR_ONLY = {"hr": OK, "superuser": OK}
SUMMARY = {"hr": OK, "manager": OK, "superuser": OK}
_OWN = {
    "salesperson": OK,
    "supervisor": OK,
    "hr": OK,
    "superuser": OK,
    "clerk": NOT_FOUND,
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
    "manager": NOT_FOUND,
}
# the supervisor's own appraisal: the supervisor, the manager who assesses it, HR
_SUPERVISORS = {
    "supervisor": OK,
    "manager": OK,
    "hr": OK,
    "superuser": OK,
    "salesperson": NOT_FOUND,
    "clerk": NOT_FOUND,
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
}
_STAFF_LIST = dict.fromkeys(
    (
        "clerk",
        "salesperson",
        "other_salesperson",
        "shared_colleague",
        "supervisor",
        "hr",
        "manager",
        "superuser",
    ),
    OK,
)
_PLAN_LIST = {p: OK for p in _STAFF_LIST if p != "manager"}
_ALL = {"ap_own", "ap_clerk", "ap_other", "ap_shared", "ap_sup"}
_NONE = {
    "clerk": set(),
    "salesperson": set(),
    "other_salesperson": set(),
    "shared_colleague": set(),
    "supervisor": set(),
    "hr": set(),
    "manager": set(),
    "superuser": set(),
}
_PLAN = {
    "other_salesperson": OK,
    "hr": OK,
    "superuser": OK,
    "salesperson": NOT_FOUND,
    "clerk": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
    "supervisor": NOT_FOUND,
}

CASES = [
    Case(
        "appraisal:appraisal_list",
        _STAFF_LIST,
        rows={
            **_NONE,
            "clerk": {"ap_clerk"},
            "salesperson": {"ap_own"},
            "other_salesperson": {"ap_other"},
            "shared_colleague": {"ap_shared"},
            "supervisor": {"ap_own", "ap_clerk", "ap_sup"},
            "manager": {"ap_sup"},
            "hr": _ALL,
            "superuser": _ALL,
        },
    ),
    Case(
        "appraisal:my_appraisals",
        _STAFF_LIST,
        rows={
            **_NONE,
            "clerk": {"ap_clerk"},
            "salesperson": {"ap_own"},
            "other_salesperson": {"ap_other"},
            "shared_colleague": {"ap_shared"},
            "supervisor": {"ap_sup"},
        },
    ),
    Case(
        "appraisal:team_appraisals",
        _STAFF_LIST,
        rows={**_NONE, "supervisor": {"ap_own", "ap_clerk"}, "manager": {"ap_sup"}},
    ),
    Case("appraisal:appraisal", _OWN, args=_pk("ap_own")),
    Case("appraisal:appraisal", _SUPERVISORS, args=_pk("ap_sup")),
    Case("appraisal:appraisal_pdf", _SUPERVISORS, args=_pk("ap_sup")),
    Case("appraisal:appraisal_history", _OWN, args=_pk("ap_own")),
    Case("appraisal:appraisal_pdf", _OWN, args=_pk("ap_own")),
    Case(
        "appraisal:appraisal_step",
        {
            "salesperson": REDIRECT,  # not at the interview yet: refused with a message
            "clerk": NOT_FOUND,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
            "manager": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["ap_own"].pk, "acknowledge"],
    ),
    Case(
        "appraisal:appraisal_step",
        {
            "other_salesperson": REDIRECT,
            "clerk": NOT_FOUND,
            "salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
            "supervisor": NOT_FOUND,
            "manager": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["ap_other"].pk, "acknowledge"],
        query="?interview",
    ),
    Case(
        "appraisal:appraisal_improvement_plan",
        {"hr": OK, "superuser": OK, "supervisor": NOT_FOUND},
        args=_pk("ap_other"),
    ),
    Case("appraisal:appraisal_training_plan", HR_ONLY, args=_pk("ap_other")),
    Case("appraisal:appraisalround_list", SUMMARY, rows={p: {"ap_round"} for p in SUMMARY}),
    Case("appraisal:appraisalround", SUMMARY, args=_pk("ap_round")),
    Case("appraisal:appraisalround_add", HR_ONLY),
    Case("appraisal:appraisalround_history", SUMMARY, args=_pk("ap_round")),
    Case("appraisal:appraisalround_export", SUMMARY, args=_pk("ap_round")),
    Case("appraisal:appraisalround_calibration", HR_ONLY, args=_pk("ap_round")),
    Case(
        "appraisal:appraisalround_calibration",
        {"hr": OK, "superuser": OK},  # a refused calibration shows the page with the error
        method="post",
        args=_pk("ap_round"),
        data={"appraisal": "0", "points": "1", "reason": "x"},
    ),
    Case("appraisal:appraisalround_deadlines", HR_ONLY, args=_pk("ap_round")),
    Case(
        "appraisal:appraisalround_remind",
        {"hr": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=_pk("ap_round"),
    ),
    Case(
        "appraisal:appraisalround_close",
        {"hr": REDIRECT, "superuser": REDIRECT},
        method="post",
        args=_pk("ap_round"),
    ),
    Case(
        "appraisal:appraisaltemplate_list",
        SUMMARY,
        rows={p: {"ap_templates"} for p in SUMMARY},
    ),
    Case("appraisal:appraisaltemplate", SUMMARY, args=_pk("ap_template")),
    Case("appraisal:appraisaltemplate_history", SUMMARY, args=_pk("ap_template")),
    Case("appraisal:appraisaltemplate_add", HR_ONLY),
    Case("appraisal:appraisaltemplate_edit", HR_ONLY, args=_pk("ap_template")),
    Case("appraisal:templateitem_add", HR_ONLY, args=_pk("ap_template")),
    Case("appraisal:templateitem_edit", HR_ONLY, args=_pk("ap_item")),
    Case("appraisal:templateitem_delete", HR_ONLY, args=_pk("ap_item")),
    Case(
        "appraisal:employee_results",
        {
            "salesperson": OK,
            "supervisor": OK,
            "hr": OK,
            "manager": OK,
            "superuser": OK,
            "clerk": NOT_FOUND,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
            "compliance": NOT_FOUND,
        },
        args=_pk("ap_employee"),
    ),
    Case("appraisal:promotion_candidates", SUMMARY),
    Case(
        "appraisal:improvementplan_list",
        _PLAN_LIST,
        rows={
            **{p: rows for p, rows in _NONE.items() if p != "manager"},
            "other_salesperson": {"ap_plan"},
            "hr": {"ap_plan"},
            "superuser": {"ap_plan"},
        },
    ),
    Case("appraisal:improvementplan", _PLAN, args=_pk("ap_plan")),
    Case("appraisal:improvementplan_history", _PLAN, args=_pk("ap_plan")),
    Case(
        "appraisal:improvementplan_edit",
        {"hr": OK, "superuser": OK, "supervisor": NOT_FOUND},
        args=_pk("ap_plan"),
    ),
]
