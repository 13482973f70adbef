"""Mandatory training due dates from the hire date and the refresh, My work, and the daily
reminder (idempotent)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core import mywork
from core.models import Notification
from core.roles import Role
from tests.factories import make_employee
from training.models import MandatoryTraining
from training.selectors import mandatory
from training.tasks.sessions import send_mandatory_reminders

from .factories_sessions import make_course, make_record

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def _rule(course, position=Role.SALESPERSON, **kwargs):
    return MandatoryTraining.objects.create(course=course, position=position, **kwargs)


def _status(user, today=TODAY):
    return {
        r.course.code: (r.due_on, r.status, r.last_completed)
        for r in mandatory.mandatory_status(employees=[user.employee], today=today)
    }


def test_first_deadline_from_hire_date(team_a):
    course = make_course(code="PRD-1")
    _rule(course, within_days_of_hire=30)
    new = make_employee(Role.SALESPERSON, team=team_a, hire_date=dt.date(2026, 6, 1))
    old = make_employee(Role.SALESPERSON, team=team_a, hire_date=dt.date(2026, 4, 1))
    clerk = make_employee(Role.CLERK, team=team_a, hire_date=dt.date(2026, 4, 1))
    assert _status(new)["PRD-1"] == (dt.date(2026, 7, 1), "due", None)
    assert _status(old)["PRD-1"] == (dt.date(2026, 5, 1), "overdue", None)
    assert _status(clerk) == {}  # not their position
    make_record(old, course=course, completed_on=dt.date(2026, 6, 10))
    assert _status(old)["PRD-1"] == (None, "done", dt.date(2026, 6, 10))


def test_refresh_after_the_last_completion(team_a):
    course = make_course(code="CNF-1")
    _rule(course, within_days_of_hire=30, refresh_months=12)
    user = make_employee(Role.SALESPERSON, team=team_a, hire_date=dt.date(2020, 1, 1))
    make_record(user, course=course, completed_on=dt.date(2025, 3, 1))
    make_record(user, course=course, completed_on=dt.date(2025, 9, 1))
    # Refresh 12 months after the latest completion; due within the 30-day window or not.
    assert _status(user)["CNF-1"] == (dt.date(2026, 9, 1), "done", dt.date(2025, 9, 1))
    assert _status(user, dt.date(2026, 8, 10))["CNF-1"][1] == "due"
    assert _status(user, dt.date(2026, 9, 2))["CNF-1"][1] == "overdue"
    # A failed attempt does not count as a completion.
    make_record(user, course=course, completed_on=dt.date(2026, 9, 1), passed=False)
    assert _status(user, dt.date(2026, 9, 2))["CNF-1"][1] == "overdue"


def test_refresh_only_rule_first_due_after_refresh_period(team_a):
    course = make_course(code="CNF-2")
    _rule(course, refresh_months=12)
    user = make_employee(Role.SALESPERSON, team=team_a, hire_date=dt.date(2026, 1, 10))
    assert _status(user)["CNF-2"] == (dt.date(2027, 1, 10), "due", None)


def test_my_work_and_page(team_a, hr, supervisor, client_for):
    course = make_course(code="PRD-9")
    _rule(course, within_days_of_hire=30)
    late = make_employee(Role.SALESPERSON, team=team_a, hire_date=dt.date(2024, 1, 1))
    with translation.override("en"):
        items = {str(i.label): i.count for i in mywork.items_for(late)}
        assert items["Mandatory training due"] == 1
        for boss in (hr, supervisor):
            items = {str(i.label): i.count for i in mywork.items_for(boss)}
            assert items["People with overdue mandatory training"] == 1
    page = client_for(supervisor).get(reverse("training:mandatory_due") + "?status=overdue")
    assert [r.employee for r in page.context["rows"]] == [late.employee]
    other = make_employee(Role.SALESPERSON, hire_date=dt.date(2024, 1, 1))
    page = client_for(other).get(reverse("training:mandatory_due"))
    assert [r.employee for r in page.context["rows"]] == [other.employee]


def test_reminder_is_sent_once_per_course_and_due_date(team_a, settings):
    today = timezone.localdate()
    soon = make_course(code="S-1")
    _rule(soon, within_days_of_hire=30)
    later = make_course(code="L-1")
    _rule(later, within_days_of_hire=90)
    due_soon = make_employee(Role.SALESPERSON, team=team_a, hire_date=today - dt.timedelta(days=25))
    overdue = make_employee(Role.SALESPERSON, team=team_a, hire_date=today - dt.timedelta(days=400))
    with translation.override("en"):
        send_mandatory_reminders.apply()
    sent = Notification.objects.filter(dedupe_key__startswith="training-mandatory:")
    with translation.override("en"):  # read in English (stored as a text, core.i18n)
        titles = {(n.recipient, n.get_title_display().split(": ")[-1]) for n in sent}
    assert titles == {
        (due_soon, soon.title),
        (overdue, soon.title),
        (overdue, later.title),
    }
    send_mandatory_reminders.apply()
    assert Notification.objects.filter(dedupe_key__startswith="training-mandatory:").count() == 3
    # Completing the course and falling due again a year on is a new reminder.
    make_record(due_soon, course=soon, completed_on=today)
    send_mandatory_reminders.apply()
    assert Notification.objects.filter(recipient=due_soon).count() == 1
