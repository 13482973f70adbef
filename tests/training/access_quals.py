"""Permission matrix rows of qualifications, rewards and careers (scenario names "tq_")."""

import datetime as dt

from tests.access import EVERYONE, NOT_FOUND, OK, REDIRECT, Case, each
from training import services
from training.models import DevelopmentPlan, StepRequirement

from .factories_quals import make_certificate, make_kind, make_rotation, pdf_file

TODAY = dt.date.today


def _plan(user, direction):
    plan, created = DevelopmentPlan.objects.get_or_create(
        employee=user.employee,
        defaults={"direction": direction, "target_position": "supervisor"},
    )
    if created:
        step = plan.steps.create(order=1, title="資深業務員")
        StepRequirement.objects.create(step=step, kind="tenure", months=24)
    return plan


def scenario(personas):
    hr = personas["hr"]
    sales, other = personas["salesperson"], personas["other_salesperson"]
    licence = make_kind(licence_required=True)
    kind2 = make_kind()
    cert = make_certificate(
        sales, hr, kind=kind2, expires_on=TODAY() + dt.timedelta(days=20), evidence=pdf_file()
    )
    expired = make_certificate(sales, hr, kind=licence, expires_on=TODAY() - dt.timedelta(days=5))
    pending = make_certificate(sales, sales, kind=make_kind())
    cert_other = make_certificate(
        other, hr, kind=licence, expires_on=TODAY() - dt.timedelta(days=30)
    )
    reward_other = services.reward_decide(actor=hr, reward=cert_other.reward, approve=True)
    # no reward for the expired licence (the matrix names every reward row)
    expired.reward.delete()
    team_a = sales.employee.team
    team_b = other.employee.team
    return {
        "tq_kind": licence,
        "tq_kind2": kind2,
        "tq_kind3": pending.kind,
        "tq_cert": cert,
        "tq_cert_expired": expired,
        "tq_cert_pending": pending,
        "tq_cert_other": cert_other,
        "tq_reward": cert.reward,
        "tq_reward_other": reward_other,
        "tq_plan": _plan(sales, "團隊主管方向"),
        "tq_plan_other": _plan(other, "產品專家方向"),
        "tq_rotation": make_rotation(other, team_a),
        "tq_rotation2": make_rotation(sales, team_b),
    }


ALL_STAFF = each(EVERYONE, OK)
HR_ONLY = {"hr": OK, "superuser": OK}
COMPANY = ("hr", "manager", "compliance", "superuser")
# the salesperson's records (team A): themselves, the team's supervisor and clerk, company
TEAM_A = {
    "salesperson": OK,
    "clerk": OK,
    "supervisor": OK,
    **each(COMPANY, OK),
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
}
# a POST of HR on a team A record: others who see it are refused, the rest do not see it
HR_POST_A = {
    **each(("salesperson", "clerk", "supervisor", "manager", "compliance"), 403),
    "other_salesperson": NOT_FOUND,
    "shared_colleague": NOT_FOUND,
    "hr": REDIRECT,
    "superuser": REDIRECT,
}
REPORT = {"supervisor": OK, **each(COMPANY, OK)}


def _all(*names):
    return set(names)


CERTS_A = _all("tq_cert", "tq_cert_expired", "tq_cert_pending")
PLAN_PERSONAS = {
    "salesperson": {"tq_plan"},
    "clerk": {"tq_plan"},
    "supervisor": {"tq_plan"},
    "other_salesperson": {"tq_plan_other"},
    "shared_colleague": set(),
    **{p: {"tq_plan", "tq_plan_other"} for p in COMPANY},
}

CASES = [
    Case(
        "training:qualificationkind_list",
        ALL_STAFF,
        rows={p: {"tq_kind", "tq_kind2", "tq_kind3"} for p in EVERYONE},
    ),
    Case("training:qualificationkind_add", HR_ONLY),
    Case("training:qualificationkind_edit", HR_ONLY, args=lambda o: [o["tq_kind"].pk]),
    Case(
        "training:certificate_list",
        ALL_STAFF,
        rows={
            "salesperson": CERTS_A,
            "clerk": CERTS_A,
            "supervisor": CERTS_A,
            "other_salesperson": {"tq_cert_other"},
            "shared_colleague": set(),
            **{p: CERTS_A | {"tq_cert_other"} for p in COMPANY},
        },
    ),
    Case(
        "training:certificate_add",
        {**each(EVERYONE, OK), "manager": 403, "compliance": 403},
    ),
    Case("training:certificate", TEAM_A, args=lambda o: [o["tq_cert"].pk]),
    Case("training:certificate_history", TEAM_A, args=lambda o: [o["tq_cert"].pk]),
    Case("training:certificate_evidence", TEAM_A, args=lambda o: [o["tq_cert"].pk]),
    Case(
        "training:certificate_edit",
        {
            "salesperson": OK,
            "hr": OK,
            "superuser": OK,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["tq_cert_pending"].pk],
    ),
    Case(
        "training:certificate_step",
        HR_POST_A,
        method="post",
        args=lambda o: [o["tq_cert_pending"].pk, "verify"],
        data={"reward_amount": "500"},
    ),
    Case(
        "training:certificate_step",
        HR_POST_A,
        method="post",
        args=lambda o: [o["tq_cert"].pk, "decide_reward"],
        data={"decision": "approve", "note": ""},
        query="?decide",
    ),
    Case(
        "training:qualificationreward_list",
        ALL_STAFF,
        rows={
            "salesperson": {"tq_reward"},
            "clerk": {"tq_reward"},
            "supervisor": {"tq_reward"},
            "other_salesperson": {"tq_reward_other"},
            "shared_colleague": set(),
            **{p: {"tq_reward", "tq_reward_other"} for p in COMPANY},
        },
    ),
    Case(
        "training:reward_payroll",
        HR_ONLY,
        rows={"hr": {"tq_reward_other"}, "superuser": {"tq_reward_other"}},
    ),
    Case(
        "training:certificate_expiry",
        REPORT,
        rows={
            "supervisor": {"tq_cert", "tq_cert_expired"},
            **{p: {"tq_cert", "tq_cert_expired", "tq_cert_other"} for p in COMPANY},
        },
    ),
    Case("training:certificate_expiry", REPORT, query="?export=xlsx"),
    Case("training:certificate_expiry", REPORT, query="?export=pdf&days=30"),
    Case(
        "training:expired_licence_list",
        REPORT,
        rows={
            "supervisor": {"tq_cert_expired"},
            **{p: {"tq_cert_expired", "tq_cert_other"} for p in COMPANY},
        },
    ),
    Case("training:developmentplan_list", ALL_STAFF, rows=PLAN_PERSONAS),
    Case("training:developmentplan_add", HR_ONLY),
    Case("training:developmentplan", TEAM_A, args=lambda o: [o["tq_plan"].pk]),
    Case("training:developmentplan_history", TEAM_A, args=lambda o: [o["tq_plan"].pk]),
    Case("training:developmentplan_edit", HR_ONLY, args=lambda o: [o["tq_plan"].pk]),
    Case(
        "training:developmentplan_step",
        HR_POST_A,
        method="post",
        args=lambda o: [o["tq_plan"].pk, "add_step"],
        data={"step-order": "9", "step-title": "主任"},
    ),
    Case(
        "training:promotion_readiness",
        HR_ONLY,
        rows={"hr": {"tq_plan", "tq_plan_other"}, "superuser": {"tq_plan", "tq_plan_other"}},
        shown=lambda context: [row.plan for row in context["rows"]],
    ),
    Case(
        "training:jobrotation_list",
        ALL_STAFF,
        rows={
            "salesperson": {"tq_rotation2"},
            "clerk": {"tq_rotation2"},
            "supervisor": {"tq_rotation", "tq_rotation2"},
            "other_salesperson": {"tq_rotation"},
            "shared_colleague": set(),
            **{p: {"tq_rotation", "tq_rotation2"} for p in COMPANY},
        },
    ),
    Case("training:jobrotation_add", HR_ONLY),
    Case("training:jobrotation_edit", HR_ONLY, args=lambda o: [o["tq_rotation"].pk]),
    Case(
        "training:jobrotation",
        {
            "other_salesperson": OK,
            "supervisor": OK,
            **each(COMPANY, OK),
            "salesperson": NOT_FOUND,
            "clerk": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["tq_rotation"].pk],
    ),
    Case(
        "training:jobrotation_history",
        {
            "other_salesperson": OK,
            "supervisor": OK,
            **each(COMPANY, OK),
            "salesperson": NOT_FOUND,
            "clerk": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["tq_rotation"].pk],
    ),
    Case(
        "training:jobrotation_evaluate",
        {
            "supervisor": REDIRECT,
            "superuser": REDIRECT,
            **each(("hr", "manager", "compliance", "other_salesperson"), 403),
            "salesperson": NOT_FOUND,
            "clerk": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        method="post",
        args=lambda o: [o["tq_rotation"].pk],
        data={"rating": "4", "evaluation": "主動學習，適應快"},
    ),
]
