"""Reads of online learning: HR's lists, a learner's courses and player, a course's results."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from ..models import (
    Course,
    CourseUnit,
    LearningResource,
    OnlineTest,
    Question,
    TestAttempt,
    UnitProgress,
)
from ..services.online import TAKE_PERM, course_progress, test_status


def resource_list_base():
    """Learning resources with the number of units using each."""
    return LearningResource.objects.annotate(unit_count=Count("units"))


def question_list_base():
    """The question banks' questions, with their course and number of options."""
    return Question.objects.select_related("course").annotate(option_count=Count("options"))


def attempt_list_base():
    """Test attempts with the employee (and team) and the course."""
    return TestAttempt.objects.select_related("employee__team", "course")


def online_course_list_base():
    """Online courses with their number of units, active questions and learners."""
    return (
        Course.objects.filter(delivery=Course.Delivery.ONLINE)
        .select_related("online_test")
        .annotate(
            unit_count=Count("units", distinct=True),
            question_count=Count("questions", filter=Q(questions__active=True), distinct=True),
            attempt_count=Count("attempts", distinct=True),
        )
    )


def learnable_courses(user):
    """The active online courses ``user`` may take, with at least one unit."""
    if not user.has_perm(TAKE_PERM) or getattr(user, "employee", None) is None:
        return Course.objects.none()
    return Course.objects.filter(
        delivery=Course.Delivery.ONLINE,
        active=True,
        pk__in=CourseUnit.objects.values("course_id"),
    ).order_by("code")


def learner_overview(user):
    """The learner's courses: each with its progress and test status, and the course last
    worked on first (``continue where you left off``). A constant number of queries."""
    employee = user.employee
    courses = list(learnable_courses(user))
    ids = [c.pk for c in courses]
    units = {}
    for unit in CourseUnit.objects.filter(course_id__in=ids).select_related("resource"):
        units.setdefault(unit.course_id, []).append(unit)
    progress = {}
    for p in UnitProgress.objects.filter(employee=employee, unit__course_id__in=ids).select_related(
        "unit"
    ):
        progress.setdefault(p.unit.course_id, {})[p.unit_id] = p
    attempts = {}
    for a in TestAttempt.objects.filter(employee=employee, course_id__in=ids):
        attempts.setdefault(a.course_id, []).append(a)
    tests = {t.course_id: t for t in OnlineTest.objects.filter(course_id__in=ids)}
    rows = []
    for course in courses:
        prog = course_progress(
            employee, course, units.get(course.pk, []), progress.get(course.pk, {})
        )
        status = test_status(
            employee,
            course,
            test=tests.get(course.pk),
            attempts=attempts.get(course.pk, []),
            progress=prog,
        )
        rows.append({"course": course, "progress": prog, "test": status})
    started = [r for r in rows if r["progress"]["resume_progress"] is not None]
    last = max(started, key=lambda r: r["progress"]["resume_progress"].last_seen, default=None)
    return rows, last


def player(user, course_pk):
    """(course, progress, test status) of a course ``user`` may take, else 404."""
    course = learnable_courses(user).filter(pk=course_pk).first()
    if course is None:
        raise Http404
    employee = user.employee
    prog = course_progress(employee, course)
    return course, prog, test_status(employee, course, progress=prog)


def resource_for_reader(user, pk):
    """A resource ``user`` may open: HR and managers any, a learner one used by a course they
    may take (else 404)."""
    if user.has_perm("training.view_learningresource"):
        resource = LearningResource.objects.visible_to(user).filter(pk=pk).first()
    else:
        used = CourseUnit.objects.filter(
            resource=OuterRef("pk"), course__in=learnable_courses(user)
        )
        resource = LearningResource.objects.filter(Exists(used), pk=pk, active=True).first()
    if resource is None:
        raise Http404
    return resource


def course_results(user, course):
    """Who started ``course`` among the employees ``user`` may see: units done, progress,
    attempts, best score, passed. Restricted like each row's model; a constant number of
    queries."""
    units = course.units.count()
    rows = {}
    progress = (
        UnitProgress.objects.visible_to(user)
        .filter(unit__course=course)
        .select_related("employee__team")
    )
    for p in progress:
        row = rows.setdefault(p.employee_id, _result_row(p.employee))
        row["started"] = min(row["started"] or p.created, p.created)
        row["last_seen"] = max(row["last_seen"] or p.last_seen, p.last_seen)
        row["done"] += p.done
    attempts = (
        TestAttempt.objects.visible_to(user)
        .filter(course=course)
        .select_related("employee__team")
        .order_by("number")
    )
    for a in attempts:
        row = rows.setdefault(a.employee_id, _result_row(a.employee))
        row["started"] = min(row["started"] or a.started_at, a.started_at)
        row["attempts"] += 1
        if a.score is not None and (row["best"] is None or a.score > row["best"]):
            row["best"] = a.score
        row["passed"] = row["passed"] or bool(a.passed)
        row["last_attempt"] = a
    for row in rows.values():
        row["percent"] = round(100 * row["done"] / units) if units else 0
        row["completed"] = bool(units) and row["done"] >= units
    return sorted(rows.values(), key=lambda r: (r["employee"].name, r["employee"].pk))


def _result_row(employee):
    return {
        "employee": employee,
        "started": None,
        "last_seen": None,
        "done": 0,
        "attempts": 0,
        "best": None,
        "passed": False,
        "last_attempt": None,
    }


def employee_online_summary(user, employee):
    """The online courses ``employee`` has started, as ``user`` may see them (for the
    training file's section): each with units done, progress, attempts, best score, passed
    and the last attempt (a link to its result). A constant number of queries."""
    progress = (
        UnitProgress.objects.visible_to(user)
        .filter(employee=employee)
        .select_related("unit__course")
    )
    attempts = (
        TestAttempt.objects.visible_to(user)
        .filter(employee=employee)
        .select_related("course")
        .order_by("number")
    )
    rows = {}
    for p in progress:
        row = rows.setdefault(p.unit.course_id, _summary_row(p.unit.course))
        row["done"] += p.done
    for a in attempts:
        row = rows.setdefault(a.course_id, _summary_row(a.course))
        row["attempts"] += 1
        if a.score is not None and (row["best"] is None or a.score > row["best"]):
            row["best"] = a.score
        row["passed"] = row["passed"] or bool(a.passed)
        row["last_attempt"] = a
    totals = dict(
        CourseUnit.objects.filter(course_id__in=rows)
        .values("course_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "n")
    )
    for course_id, row in rows.items():
        row["units"] = totals.get(course_id, 0)
        row["percent"] = round(100 * row["done"] / row["units"]) if row["units"] else 0
    return sorted(rows.values(), key=lambda r: r["course"].code)


def _summary_row(course):
    return {
        "course": course,
        "done": 0,
        "attempts": 0,
        "best": None,
        "passed": False,
        "last_attempt": None,
    }
