"""Reads of the catalogue, sessions, external courses and plans, restricted to the user."""

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from core.permissions import get_profile

from ..models import (
    Course,
    Enrolment,
    ExternalCourse,
    MandatoryTraining,
    Session,
    TrainingPlan,
    TrainingPlanItem,
    TrainingRecord,
)


def employee_of(user):
    """The user's employee record, or None (a superuser without one)."""
    if not user.is_authenticated:
        return None
    try:
        return user.employee
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return None


def course_list(*, user):
    """The catalogue as ``user`` sees it, with the product's name."""
    return Course.objects.visible_to(user).select_related("product")


def course_rules(*, user, course):
    return MandatoryTraining.objects.visible_to(user).filter(course=course)


def session_list(*, user):
    """Sessions with their course, trainer and the number enrolled."""
    return (
        Session.objects.visible_to(user)
        .select_related("course", "trainer")
        .annotate(enrolled=Count("enrolments"))
    )


def sessions_run_by(*, user):
    """The sessions ``user`` teaches (the trainer's "my sessions")."""
    employee = employee_of(user)
    if employee is None:
        return Session.objects.none()
    return session_list(user=user).filter(trainer=employee)


def session_attendees(*, user, session, runs):
    """The enrolments of ``session``: all of them for its trainer or HR (``runs``), else the
    ones ``user`` may see (their own, their team's)."""
    qs = Enrolment.objects.select_related("employee__team", "record").filter(session=session)
    if runs:
        return qs.order_by("employee__name")
    return qs.filter(pk__in=Enrolment.objects.visible_to(user).values("pk")).order_by(
        "employee__name"
    )


def external_list(*, user):
    return ExternalCourse.objects.visible_to(user).select_related(
        "employee__team", "course", "decided_by"
    )


def externals_to_decide(*, user):
    """Requests waiting for ``user`` as the supervisor of the employee's team."""
    if not user.has_perm("training.approve_externalcourse"):
        return ExternalCourse.objects.none()
    led = get_profile(user).led_team_ids
    qs = ExternalCourse.objects.filter(status=ExternalCourse.Status.REQUESTED).exclude(
        employee__user=user
    )
    if user.is_superuser:
        return qs
    return qs.filter(employee__team_id__in=sorted(led))


def externals_to_confirm(*, user):
    if not user.has_perm("training.confirm_externalcourse"):
        return ExternalCourse.objects.none()
    return external_list(user=user).filter(status=ExternalCourse.Status.COMPLETED)


def plan_list(*, user):
    """Plans with their employee and the number of courses done and planned."""
    done = TrainingRecord.objects.filter(
        employee_id=OuterRef("plan__employee_id"),
        course_id=OuterRef("course_id"),
        completed_on__gte=OuterRef("plan__starts_on"),
    ).exclude(passed=False)
    done_items = (
        TrainingPlanItem.objects.filter(plan=OuterRef("pk"))
        .filter(Exists(done))
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        TrainingPlan.objects.visible_to(user)
        .select_related("employee__team")
        .annotate(
            item_count=Count("items"),
            done_count=Coalesce(Subquery(done_items), 0),
        )
    )


def plan_items(*, plan):
    """A plan's items, each with ``done`` (the course completed on or after the start)."""
    done = TrainingRecord.objects.filter(
        employee_id=plan.employee_id,
        course_id=OuterRef("course_id"),
        completed_on__gte=plan.starts_on,
    ).exclude(passed=False)
    return plan.items.select_related("course").annotate(done=Exists(done))
