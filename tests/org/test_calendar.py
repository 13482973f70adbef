"""The working calendar: the official schedule synced (twice, HR's corrections kept), and
the working-day functions against a week worked out by hand."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from org import calendar
from org.calendar import Entry
from org.models import CalendarDay
from org.services import calendar_day_save, calendar_sync_year

D = dt.date


# The week of 5–11 October 2026, by hand from the State Council's 2026 notice: 1–7 October
# off (the 6th and 7th in lieu of the make-up days 20 September and 10 October), Saturday
# 10 October worked. So Mon 5, Tue 6, Wed 7 off; Thu 8, Fri 9, Sat 10 worked; Sun 11 off.
WEEK = {
    D(2026, 10, 1): Entry("statutory", "國慶節"),
    D(2026, 10, 2): Entry("statutory", "國慶節"),
    D(2026, 10, 3): Entry("statutory", "國慶節"),
    D(2026, 10, 4): Entry("statutory", "國慶節"),
    D(2026, 10, 5): Entry("statutory", "國慶節"),
    D(2026, 10, 6): Entry("in_lieu", "國慶節"),
    D(2026, 10, 7): Entry("in_lieu", "國慶節"),
    D(2026, 10, 10): Entry("makeup", "國慶節"),
}


def test_a_week_with_national_day_and_a_make_up_saturday():
    assert calendar.working_days(D(2026, 10, 5), D(2026, 10, 11), WEEK) == [
        D(2026, 10, 8),
        D(2026, 10, 9),
        D(2026, 10, 10),
    ]
    assert calendar.is_working_day(D(2026, 10, 10), WEEK)  # the make-up Saturday
    assert not calendar.is_working_day(D(2026, 10, 7), WEEK)  # a Wednesday in lieu
    assert not calendar.is_working_day(D(2026, 10, 11), WEEK)  # an ordinary Sunday
    assert calendar.is_working_day(D(2026, 10, 12), WEEK)  # an ordinary Monday
    assert calendar.day_kind(D(2026, 10, 1), WEEK) == "statutory_holiday"
    assert calendar.day_kind(D(2026, 10, 7), WEEK) == "rest_day"
    assert calendar.day_kind(D(2026, 10, 10), WEEK) == "working_day"
    assert calendar.day_kind(D(2026, 10, 11), WEEK) == "rest_day"


def test_nth_working_day_and_days_in_month():
    # October 2026 working days: Thu 8 (1), Fri 9 (2), Sat 10 (3, make-up), Mon 12 – Fri 16
    # (4–8), Mon 19 (9), Tue 20 (10).
    assert calendar.nth_working_day(2026, 10, 1, WEEK) == D(2026, 10, 8)
    assert calendar.nth_working_day(2026, 10, 10, WEEK) == D(2026, 10, 20)
    # 22 weekdays (Thu 1, Fri 2, then four full weeks), − 5 weekdays off (1, 2, 5, 6, 7)
    # + the make-up Saturday = 18.
    assert calendar.working_days_in_month(2026, 10, WEEK) == 18
    with pytest.raises(ValueError):
        calendar.nth_working_day(2026, 10, 19, WEEK)
    # a December with no entries: 1 Dec 2026 is a Tuesday
    assert calendar.nth_working_day(2026, 12, 1, {}) == D(2026, 12, 1)


def test_statutory_holidays_in_a_range():
    assert calendar.statutory_holidays(D(2026, 9, 30), D(2026, 10, 2), WEEK) == [
        (D(2026, 10, 1), "國慶節"),
        (D(2026, 10, 2), "國慶節"),
    ]


@pytest.mark.django_db
def test_the_sync_fills_the_year_from_the_official_schedule():
    counts = calendar_sync_year(actor=None, year=2026)
    assert counts["added"] > 30 and counts["kept_hr"] == 0
    days = calendar.calendar_days(D(2026, 10, 1), D(2026, 10, 11))
    assert {d: e.kind for d, e in days.items()} == {d: e.kind for d, e in WEEK.items()}
    assert days[D(2026, 10, 1)].name == "國慶節"
    make_up = CalendarDay.objects.get(day=D(2026, 2, 14))  # a Saturday before 春節
    assert (make_up.kind, make_up.name, make_up.source) == ("makeup", "春節", "package")
    assert calendar.working_days(D(2026, 10, 5), D(2026, 10, 11)) == [
        D(2026, 10, 8),
        D(2026, 10, 9),
        D(2026, 10, 10),
    ]


@pytest.mark.django_db
def test_the_sync_run_twice_changes_nothing_and_keeps_hr_corrections(hr):
    first = calendar_sync_year(actor=None, year=2026)
    total = CalendarDay.objects.count()
    assert first["added"] == total
    assert calendar_sync_year(actor=None, year=2026) == {
        "added": 0,
        "updated": 0,
        "removed": 0,
        "kept_hr": 0,
    }
    # HR: the make-up Saturday 10 October is a company holiday after all; 24 December added.
    day = CalendarDay.objects.get(day=D(2026, 10, 10))
    day.kind, day.name = CalendarDay.Kind.COMPANY, "公司假日"
    calendar_day_save(actor=hr, day=day)
    calendar_day_save(actor=hr, day=CalendarDay(day=D(2026, 12, 24), kind="company", name="平安夜"))
    # a package day the schedule no longer lists goes; one it changed is put right
    CalendarDay.objects.create(day=D(2026, 8, 3), kind="statutory", name="x", source="package")
    moved = CalendarDay.objects.get(day=D(2026, 10, 1))
    moved.name = "舊名"
    moved.save()
    counts = calendar_sync_year(actor=None, year=2026)
    assert counts == {"added": 0, "updated": 1, "removed": 1, "kept_hr": 1}
    day.refresh_from_db()
    assert (day.kind, day.name, day.source) == ("company", "公司假日", "hr")
    assert CalendarDay.objects.filter(day=D(2026, 12, 24)).exists()
    assert not CalendarDay.objects.filter(day=D(2026, 8, 3)).exists()
    assert CalendarDay.objects.get(day=D(2026, 10, 1)).name == "國慶節"
    assert not calendar.is_working_day(D(2026, 10, 10))
    assert day.history.first().history_user == hr


@pytest.mark.django_db
def test_only_hr_corrects_the_calendar(salesperson):
    with pytest.raises(PermissionDenied):
        calendar_day_save(
            actor=salesperson, day=CalendarDay(day=D(2026, 12, 24), kind="company", name="x")
        )


@pytest.mark.django_db
def test_the_command_syncs_and_refuses_an_unpublished_year():
    out = StringIO()
    call_command("sync_calendar", "2025", "2026", stdout=out)
    call_command("sync_calendar", "2026", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[1].endswith("removed, 0 HR days kept") and "2026: 0 added, 0 updated" in lines[2]
    assert CalendarDay.objects.filter(day__year=2025).exists()
    with pytest.raises(CommandError):
        call_command("sync_calendar", "2099", stdout=out)
    with pytest.raises(ValidationError):
        calendar_sync_year(actor=None, year=2099)


@pytest.mark.django_db
def test_the_task_syncs_and_skips_an_unpublished_year(settings):
    from org.tasks import sync_calendar

    sync_calendar.apply()
    assert CalendarDay.objects.exists()


@pytest.mark.django_db
def test_each_function_reads_the_table_once(django_assert_num_queries):
    calendar_sync_year(actor=None, year=2026)
    with django_assert_num_queries(1):
        assert len(calendar.working_days(D(2026, 1, 1), D(2026, 12, 31))) > 240
    with django_assert_num_queries(1):
        calendar.nth_working_day(2026, 10, 10)
    with django_assert_num_queries(1):
        calendar.statutory_holidays(D(2026, 1, 1), D(2026, 12, 31))
    with django_assert_num_queries(1):
        calendar.is_working_day(D(2026, 10, 10))
    days = calendar.calendar_days(D(2026, 1, 1), D(2026, 12, 31))
    with django_assert_num_queries(0):
        for month in range(1, 13):
            calendar.nth_working_day(2026, month, 10, days)


@pytest.mark.django_db
def test_hr_syncs_a_year_and_corrects_a_day_from_the_pages(personas, client_for):
    client = client_for(personas["hr"])
    response = client.post("/org/calendar/sync/", {"year": "2026"})
    assert response.status_code == 302 and response.url.endswith("?year=2026")
    listed = client.get("/org/calendar/?year=2026&kind=makeup")
    makeup_days = {row.record.day for row in listed.context["table"].rows}
    assert D(2026, 10, 10) in makeup_days and D(2026, 9, 20) in makeup_days
    day = CalendarDay.objects.get(day=D(2026, 10, 10))
    response = client.post(
        f"/org/calendar/{day.pk}/edit/",
        {"day": "2026-10-10", "kind": "company", "name": "公司假日", "note": "全員休假"},
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.kind, day.source) == ("company", "hr")
    assert day.history.first().history_user == personas["hr"]
    # a second sync from the page keeps the correction
    client.post("/org/calendar/sync/", {"year": "2026"})
    day.refresh_from_db()
    assert day.kind == "company"
    # an unpublished year or a bad one: a message, nothing changed
    count = CalendarDay.objects.count()
    client.post("/org/calendar/sync/", {"year": "2099"})
    client.post("/org/calendar/sync/", {"year": "abc"})
    assert CalendarDay.objects.count() == count
    # two rows for the same date: refused next to the field
    response = client.post(
        "/org/calendar/add/", {"day": "2026-10-10", "kind": "company", "name": "重複"}
    )
    assert response.status_code == 200 and "day" in response.context["form"].errors
