"""Reads of appraisal shared by views, exports, providers and other apps (payroll reads
``performance_coefficient``)."""

from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone

from core import params

from . import rules
from .models import (
    STAGE_ORDER,
    Appraisal,
    AppraisalItem,
    AppraisalRound,
    AppraisalTemplate,
    ImprovementPlan,
    Kind,
    PrivateNote,
    Stage,
)


def appraisal_list_base():
    return Appraisal.objects.select_related("round", "employee", "team", "supervisor", "form")


def appraisal_list(*, user, filters=None):
    """The appraisals ``user`` may see: own, the ones they assess, all for HR."""
    qs = appraisal_list_base().visible_to(user)
    if filters:
        qs = qs.filter(**filters)
    return qs


def my_appraisals(*, user):
    return appraisal_list_base().visible_to(user).filter(employee__user=user)


def team_appraisals(*, user):
    """The appraisals ``user`` assesses as supervisor."""
    return appraisal_list_base().visible_to(user).filter(supervisor=user)


def _open_round():
    return Q(round__status=AppraisalRound.Status.OPEN)


def pending_self(user):
    return Appraisal.objects.filter(_open_round(), employee__user=user, stage=Stage.SELF)


def pending_supervisor(user):
    return Appraisal.objects.filter(_open_round(), supervisor=user, stage=Stage.SUPERVISOR)


def interviews_to_hold(user):
    return Appraisal.objects.filter(
        _open_round(), supervisor=user, stage=Stage.INTERVIEW, interview_date__isnull=True
    )


def pending_response(user):
    return Appraisal.objects.filter(
        _open_round(),
        employee__user=user,
        stage=Stage.INTERVIEW,
        interview_date__isnull=False,
        response="",
    )


def own_pending_counts(user):
    """{"to_self": self-assessments to do, "to_answer": results to acknowledge} of ``user``'s own
    appraisals in open rounds (one query)."""
    return Appraisal.objects.filter(_open_round(), employee__user=user).aggregate(
        to_self=Count("pk", filter=Q(stage=Stage.SELF)),
        to_answer=Count(
            "pk",
            filter=Q(stage=Stage.INTERVIEW, interview_date__isnull=False, response=""),
        ),
    )


def assessor_pending_counts(user):
    """{"assess": assessments to do, "interview": interviews to hold} of the appraisals
    ``user`` is named on as assessor, in open rounds (one query)."""
    return Appraisal.objects.filter(_open_round(), supervisor=user).aggregate(
        assess=Count("pk", filter=Q(stage=Stage.SUPERVISOR)),
        interview=Count("pk", filter=Q(stage=Stage.INTERVIEW, interview_date__isnull=True)),
    )


def pending_consolidation():
    return Appraisal.objects.filter(_open_round(), stage=Stage.HR)


def appraisal_items(appraisal):
    """The items of an appraisal with their round item, in dimension order."""
    order = {"results": 0, "ability": 1, "attitude": 2}
    rows = list(AppraisalItem.objects.filter(appraisal=appraisal).select_related("item"))
    rows.sort(key=lambda r: (order.get(r.item.dimension, 9), r.item.order, r.item_id))
    return rows


def private_note(appraisal, user):
    """The supervisor's private notes if ``user`` may read them (HR, the supervisor), else
    None: the employee never gets them."""
    if appraisal.employee.user_id == user.pk and not user.is_superuser:
        return None
    return PrivateNote.objects.visible_to(user).filter(appraisal=appraisal).first()


def round_list_base():
    return AppraisalRound.objects.annotate(
        appraisal_count=Count("appraisals"),
        closed_count=Count("appraisals", filter=Q(appraisals__stage=Stage.CLOSED)),
    )


def round_board(round_):
    """The board of a round: {stage: count} in stage order, the late appraisals, and every
    appraisal of the round with its employee and team (three queries)."""
    rows = list(
        Appraisal.objects.filter(round=round_)
        .select_related("employee", "team", "supervisor")
        .order_by("team__name", "employee__employee_no")
    )
    counts = Counter(row.stage for row in rows)
    today = timezone.localdate()
    late = [
        row
        for row in rows
        if row.stage != Stage.CLOSED
        and round_.due_for(row.stage)
        and today > round_.due_for(row.stage)
    ]
    for row in rows:
        row.round = round_
    return {
        "stages": [(Stage(stage), counts.get(stage, 0)) for stage in STAGE_ORDER],
        "late": late,
        "rows": rows,
        "grades": Counter(row.grade for row in rows if row.grade),
    }


def template_list_base():
    return AppraisalTemplate.objects.annotate(item_count=Count("items"))


def employee_results(employee, kind=Kind.MONTHLY):
    """The consolidated results of an employee, oldest first: for the history page and its
    trend chart."""
    return list(
        Appraisal.objects.filter(
            employee=employee,
            round__kind=kind,
            stage__in=[Stage.INTERVIEW, Stage.CLOSED],
        )
        .select_related("round")
        .order_by("round__year", "round__month")
    )


def performance_coefficient(employee, year, month):
    """The performance-pay coefficient of ``employee``'s closed result of the month (the
    grade's coefficient in the settings), or None when the month has no closed result.
    Payroll reads this."""
    grade = (
        Appraisal.objects.filter(
            employee=employee,
            round__kind=Kind.MONTHLY,
            round__year=year,
            round__month=month,
            stage=Stage.CLOSED,
        )
        .values_list("grade", flat=True)
        .first()
    )
    return rules.coefficient(grade) if grade else None


def annual_result(employee, year):
    """The closed annual result (score, grade) of ``employee`` for ``year``, or None: the
    annual bonus and salary review read it."""
    return (
        Appraisal.objects.filter(
            employee=employee, round__kind=Kind.ANNUAL, round__year=year, stage=Stage.CLOSED
        )
        .values("final_score", "grade")
        .first()
    )


def excellent_streak(grades):
    """How many results in a row, from the latest, are excellent."""
    streak = 0
    for grade in grades:
        if grade != "excellent":
            break
        streak += 1
    return streak


def promotion_candidates(employees=None):
    """[(employee, streak, latest appraisal)] of the employees whose last N closed monthly
    results (the promotion-streak setting) are all excellent (one query)."""
    needed = int(params.get(rules.PROMOTION_STREAK))
    qs = (
        Appraisal.objects.filter(round__kind=Kind.MONTHLY, stage=Stage.CLOSED)
        .select_related("employee__team", "round")
        .order_by("employee_id", "-round__year", "-round__month")
    )
    if employees is not None:
        qs = qs.filter(employee__in=employees)
    by_employee = {}
    for appraisal in qs:
        by_employee.setdefault(appraisal.employee_id, []).append(appraisal)
    found = []
    for rows in by_employee.values():
        streak = excellent_streak([row.grade for row in rows])
        if streak >= needed:
            found.append((rows[0].employee, streak, rows[0]))
    found.sort(key=lambda r: (-r[1], r[0].employee_no))
    return found


def is_promotion_candidate(employee):
    return any(row[0].pk == employee.pk for row in promotion_candidates([employee]))


def improvement_plan_list(*, user):
    return ImprovementPlan.objects.visible_to(user).select_related(
        "employee", "appraisal__round", "supervisor"
    )


CONSOLIDATED = (Stage.INTERVIEW, Stage.CLOSED)


def _spread(scores):
    """Count, mean, median, standard deviation, lowest and highest of ``scores``."""
    from decimal import Decimal
    from statistics import median, pstdev

    if not scores:
        return {"count": 0, "mean": None, "median": None, "stdev": None, "low": None, "high": None}
    cent = Decimal("0.01")
    floats = [float(s) for s in scores]
    return {
        "count": len(scores),
        "mean": (sum(scores) / len(scores)).quantize(cent),
        "median": Decimal(str(median(floats))).quantize(cent),
        "stdev": Decimal(str(pstdev(floats))).quantize(cent),
        "low": min(scores),
        "high": max(scores),
    }


def _band_counts(rows, grades):
    counts = Counter(row.grade for row in rows)
    total = len(rows)
    return [
        {
            "code": code,
            "label": label,
            "count": counts.get(code, 0),
            "share": round(100 * counts.get(code, 0) / total) if total else 0,
        }
        for code, label in grades
    ]


def round_calibration(round_):
    """The calibration view of a round: each team's distribution of the consolidated final
    scores beside the company's (count, mean, median, standard deviation, range, how many
    in each grade band), the outliers, and every consolidated appraisal (two queries).

    An appraisal is an outlier when its score lies more than two standard deviations from
    the company mean (with at least five scores); a team stands out when its mean lies
    more than one company standard deviation from the company mean."""
    from decimal import Decimal

    from .scoring import Grade

    rows = list(
        Appraisal.objects.filter(round=round_)
        .select_related("employee", "team", "supervisor")
        .order_by("team__name", "-final_score", "employee__employee_no")
    )
    for row in rows:
        row.round = round_
    scored = [row for row in rows if row.stage in CONSOLIDATED and row.final_score is not None]
    grades = list(Grade.choices)
    company = _spread([row.final_score for row in scored])
    company["bands"] = _band_counts(scored, grades)
    company["pending"] = len(rows) - len(scored)
    mean, stdev = company["mean"], company["stdev"]
    outliers = set()
    if company["count"] >= 5 and stdev:
        limit = 2 * stdev
        outliers = {row.pk for row in scored if abs(row.final_score - mean) > limit}
    teams = {}
    for row in rows:
        key = row.team_id or 0
        teams.setdefault(key, {"team": row.team, "rows": [], "all": 0})
        teams[key]["all"] += 1
        if row in scored:
            teams[key]["rows"].append(row)
    result = []
    for entry in teams.values():
        stats = _spread([row.final_score for row in entry["rows"]])
        stats["bands"] = _band_counts(entry["rows"], grades)
        stats["team"] = entry["team"]
        stats["rows"] = entry["rows"]
        stats["pending"] = entry["all"] - len(entry["rows"])
        stats["stands_out"] = bool(
            stats["mean"] is not None and stdev and abs(stats["mean"] - mean) > stdev
        )
        stats["difference"] = (
            None if stats["mean"] is None or mean is None else stats["mean"] - mean
        )
        result.append(stats)
    result.sort(key=lambda s: (s["team"] is None, str(s["team"] or "")))
    for row in scored:
        row.is_outlier = row.pk in outliers
        row.deviation = None if mean is None else row.final_score - mean
        row.may_calibrate = (
            round_.is_open and row.stage == Stage.INTERVIEW and row.interview_date is None
        )
    return {
        "teams": result,
        "company": company,
        "outliers": [row for row in scored if row.pk in outliers],
        "rows": scored,
        "grades": [(code, label) for code, label in Grade.choices],
        "zero": Decimal(0),
    }


def calibration_log(round_):
    """The calibrations of a round's appraisals (the "calibrated" audit events, whose
    details name the round), newest first (one query)."""
    from core.models import AuditEvent

    return list(
        AuditEvent.objects.filter(verb="calibrated", data__round=round_.pk).select_related("actor")
    )
