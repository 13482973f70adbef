"""Mandatory training due: for each employee, each course their position must take, when it
falls due and where it stands.

The due date of a course never completed is the hire date plus the rule's days (or, for a
refresh-only rule, plus its refresh months); once completed it is the last completion plus
the refresh months, and a course without a refresh stays done. A completion is a training
record of the course not marked failed. Status: ``overdue`` (due date passed), ``due``
(never completed, or the refresh falls due within the ``training.mandatory_due_window``
setting) or ``done``. Worked out on reading (three queries for any number of people), so the
file, My work, the report and the reminder agree.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Max
from django.utils import timezone

from core import params

from .. import rules
from ..models import MandatoryTraining, TrainingRecord

DONE, DUE, OVERDUE = "done", "due", "overdue"


@dataclass
class MandatoryDue:
    """One mandatory course of one employee."""

    employee: object
    course: object
    rule: object
    last_completed: dt.date | None
    due_on: dt.date | None
    status: str

    @property
    def days_left(self):
        return (self.due_on - timezone.localdate()).days if self.due_on else None


def due_date(rule, hire_date, last_completed):
    """When ``rule``'s course falls due for someone hired on ``hire_date`` who last
    completed it on ``last_completed`` (None: never); None when nothing is due any more."""
    if last_completed is None:
        if rule.within_days_of_hire is not None:
            return hire_date + dt.timedelta(days=rule.within_days_of_hire)
        return hire_date + relativedelta(months=rule.refresh_months)
    if rule.refresh_months:
        return last_completed + relativedelta(months=rule.refresh_months)
    return None


def status_of(due_on, last_completed, today, window):
    if due_on is None:
        return DONE
    if due_on < today:
        return OVERDUE
    if last_completed is None or due_on <= today + dt.timedelta(days=window):
        return DUE
    return DONE


def mandatory_status(*, employees, today=None, course=None):
    """Every mandatory course of ``employees`` (a list or queryset of employees), as
    ``MandatoryDue`` rows ordered by employee then due date."""
    employees = list(employees)
    if not employees:
        return []
    today = today or timezone.localdate()
    window = params.get(rules.MANDATORY_DUE_WINDOW)
    by_position = {}
    rules_qs = MandatoryTraining.objects.filter(
        position__in={e.position for e in employees}, course__active=True
    ).select_related("course")
    if course is not None:
        rules_qs = rules_qs.filter(course=course)
    for rule in rules_qs:
        by_position.setdefault(rule.position, []).append(rule)
    course_ids = {r.course_id for rs in by_position.values() for r in rs}
    if not course_ids:
        return []
    latest = {
        (row["employee_id"], row["course_id"]): row["last"]
        for row in TrainingRecord.objects.filter(
            employee__in=[e.pk for e in employees], course_id__in=sorted(course_ids)
        )
        .exclude(passed=False)
        .values("employee_id", "course_id")
        .annotate(last=Max("completed_on"))
    }
    rows = []
    for employee in employees:
        for rule in by_position.get(employee.position, ()):
            last = latest.get((employee.pk, rule.course_id))
            due_on = due_date(rule, employee.hire_date, last)
            rows.append(
                MandatoryDue(
                    employee,
                    rule.course,
                    rule,
                    last,
                    due_on,
                    status_of(due_on, last, today, window),
                )
            )
    rows.sort(key=lambda r: (r.employee.name, r.due_on or dt.date.max, r.course.code))
    return rows


def people_of(user, team=None):
    """The employees (leavers aside) whose mandatory training ``user`` follows: everyone for HR and
    managers, the team for a supervisor, oneself otherwise."""
    from org.models import Employee

    qs = Employee.objects.visible_to(user).exclude(status=Employee.Status.LEFT)
    if team is not None:
        qs = qs.filter(team=team)
    return qs.select_related("team").order_by("name")
