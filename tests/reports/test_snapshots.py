"""Report snapshots: one per period and scope, replaced by a rerun; figures stored to the cent;
the right people told once; failures recorded; visibility by scope."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from core.models import AuditEvent, Notification
from core.periods import period_containing
from core.roles import Role
from reports import services, statistics
from reports.models import ReportSnapshot
from reports.statistics import Scope
from tests.factories import make_employee, make_team
from tests.reports.report_data import LAST_MONTH, day_in, sell

pytestmark = pytest.mark.django_db

Status = ReportSnapshot.Status


def generate(scope, period=LAST_MONTH, actor=None):
    snapshot = services.snapshot_request(scope=scope, period=period, actor=actor)
    done = services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
    assert done is not None, "the generation was not claimed"
    return done


@pytest.fixture
def sales(salesperson, other_salesperson):
    day = day_in(LAST_MONTH)
    sell(salesperson, day, "12000.50")
    sell(salesperson, day, "3000.25")
    sell(other_salesperson, day, "999.99")
    return day


def summary_value(snapshot, key):
    return next(row for row in snapshot.figures["summary"] if row["key"] == key)


def test_a_snapshot_run_twice_is_one_snapshot_with_new_files(sales, team_a, supervisor):
    scope = Scope.team(team_a)
    first = generate(scope)
    old_excel, old_pdf = Path(first.excel.path), Path(first.pdf.path)
    assert first.status == Status.DONE and first.generation == 1
    assert old_excel.exists() and old_pdf.exists()

    second = generate(scope)

    assert ReportSnapshot.objects.count() == 1
    assert second.pk == first.pk and second.generation == 2
    assert Path(second.excel.path).exists() and Path(second.pdf.path).exists()
    # the old files are replaced, not left behind under another name
    folder = old_excel.parent
    assert sorted(p.suffix for p in folder.iterdir()) == [".pdf", ".xlsx"]


def test_figures_are_stored_to_the_cent_as_text(sales, team_a, supervisor, salesperson):
    snapshot = generate(Scope.team(team_a))
    premium = summary_value(snapshot, "premium_total")
    assert premium["value"] == "15000.75"  # 12000.50 + 3000.25: exact, never a float
    assert premium["unit"] == "money"
    assert summary_value(snapshot, "new_policies")["value"] == 2
    # the same numbers the statistics service gives
    rows = statistics.summary(Scope.team(team_a), LAST_MONTH)
    stored = {row["key"]: row["value"] for row in snapshot.figures["summary"]}
    for row in rows:
        expected = row.value
        if isinstance(expected, Decimal):
            expected = str(expected)
        assert stored[row.figure.key] == expected, row.figure.key
    people = {r["key"]: r for r in snapshot.figures["breakdowns"]["person"]}
    assert people[salesperson.pk]["premium_total"] == "15000.75"
    assert snapshot.detail_rows == 2
    company = generate(Scope.company())
    assert summary_value(company, "premium_total")["value"] == "16000.74"


def test_scheduled_reports_reach_the_supervisor_and_managers_once(
    sales, team_a, team_b, supervisor, manager, hr, compliance, clerk
):
    snapshots = services.scheduled_run("month")
    assert [s.scope_key for s in snapshots] == ["company", f"team:{team_a.pk}", f"team:{team_b.pk}"]
    for s in snapshots:
        services.snapshot_generate(snapshot_id=s.pk, generation=s.generation)

    team_report = ReportSnapshot.objects.get(scope_key=f"team:{team_a.pk}")
    company_report = ReportSnapshot.objects.get(scope_key="company")
    assert team_report.scheduled and team_report.generated_by is None
    assert team_report.period_start == LAST_MONTH.start
    assert list(supervisor.notifications.values_list("url", flat=True)) == [
        team_report.get_absolute_url()
    ]
    assert list(manager.notifications.values_list("url", flat=True)) == [
        company_report.get_absolute_url()
    ]
    for nobody in (hr, compliance, clerk):  # no report pages: nothing to open
        assert not nobody.notifications.exists()

    # the same run again (nothing changed): the same snapshots, no second notification
    again = services.scheduled_run("month")
    for s in again:
        services.snapshot_generate(snapshot_id=s.pk, generation=s.generation)
    assert ReportSnapshot.objects.count() == 3
    assert Notification.objects.filter(recipient__in=[supervisor, manager]).count() == 2

    # a correction to the month's records: the rerun tells them the report changed
    sell(supervisor, day_in(LAST_MONTH, 5), "100.00")
    for s in services.scheduled_run("month"):
        services.snapshot_generate(snapshot_id=s.pk, generation=s.generation)
    assert supervisor.notifications.count() == 2
    assert manager.notifications.count() == 2


def test_team_report_recipient_is_the_current_supervisor_only(sales, team_a, supervisor):
    someone_else = make_employee(Role.SUPERVISOR, team=make_team())
    snapshot = generate(Scope.team(team_a))
    assert services.recipients(snapshot) == [supervisor]
    assert someone_else not in services.recipients(snapshot)


def test_on_demand_report_tells_the_requester(sales, team_a, clerk, supervisor):
    snapshot = generate(Scope.team(team_a), actor=clerk)
    assert snapshot.generated_by == clerk and not snapshot.scheduled
    note = clerk.notifications.get()
    assert note.url == snapshot.get_absolute_url()
    assert not supervisor.notifications.exists()
    assert AuditEvent.objects.filter(verb="report_requested", actor=clerk).count() == 1


def test_who_may_request_which_scope(team_a, team_b, clerk, supervisor, manager, salesperson, hr):
    period = LAST_MONTH
    services.snapshot_request(scope=Scope.team(team_a), period=period, actor=clerk)
    services.snapshot_request(scope=Scope.team(team_a), period=period, actor=supervisor)
    for user, scope in (
        (manager, Scope.company()),  # reads every report, makes none (read-only)
        (clerk, Scope.company()),
        (clerk, Scope.team(team_b)),
        (supervisor, Scope.team(team_b)),
        (salesperson, Scope.person(salesperson)),  # no report permission at all
        (hr, Scope.company()),
    ):
        with pytest.raises(PermissionDenied):
            services.snapshot_request(scope=scope, period=period, actor=user)


def test_snapshots_visible_by_scope(team_a, team_b, personas):
    for scope in (Scope.company(), Scope.team(team_a), Scope.team(team_b)):
        services.snapshot_request(scope=scope, period=LAST_MONTH)

    def keys(user):
        return sorted(ReportSnapshot.objects.visible_to(user).values_list("scope_key", flat=True))

    team_a_key, team_b_key = f"team:{team_a.pk}", f"team:{team_b.pk}"
    assert keys(personas["clerk"]) == [team_a_key]
    assert keys(personas["supervisor"]) == [team_a_key]
    assert keys(personas["manager"]) == sorted(["company", team_a_key, team_b_key])
    for name in ("salesperson", "other_salesperson", "hr", "compliance"):
        assert keys(personas[name]) == []


def test_a_second_request_supersedes_a_queued_one(team_a, clerk):
    first = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk)
    second = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk)
    # the task queued for generation 1 finds nothing to do
    assert services.snapshot_generate(snapshot_id=first.pk, generation=1) is None
    assert services.snapshot_generate(snapshot_id=second.pk, generation=2).status == Status.DONE
    # and a duplicate delivery of generation 2 does nothing either
    assert services.snapshot_generate(snapshot_id=second.pk, generation=2) is None


def test_a_failed_generation_is_recorded(team_a, clerk, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("the disk is full")
    settings.MEDIA_ROOT = str(blocked)
    snapshot = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk)

    with pytest.raises(OSError):
        services.snapshot_generate(snapshot_id=snapshot.pk, generation=1, final=False)
    snapshot.refresh_from_db()
    # a file where the folder should be: no retry can get past it, so it is failed at once
    # even though the task had retries left (core.jobs retries only passing errors)
    assert snapshot.status == Status.FAILED
    assert "Error" in snapshot.error and snapshot.attempts == 1

    with pytest.raises(OSError):
        services.snapshot_generate(snapshot_id=snapshot.pk, generation=1, final=True)
    snapshot.refresh_from_db()
    assert snapshot.status == Status.FAILED and snapshot.attempts == 2
    assert snapshot.error_summary
    assert not snapshot.excel and not snapshot.pdf


def test_closed_periods_of_the_scheduled_runs():
    evening = dt.datetime(2026, 11, 27, 19, 30)  # a Friday
    monday = dt.datetime(2026, 11, 30, 7, 0)
    first = dt.datetime(2026, 12, 1, 6, 0)
    tz = dt.timezone(dt.timedelta(hours=8))
    day = services.closed_period("day", evening.replace(tzinfo=tz))
    assert (day.start, day.end) == (dt.date(2026, 11, 27), dt.date(2026, 11, 28))
    # a daily run configured for the next morning reports the day before
    morning = services.closed_period("day", dt.datetime(2026, 11, 28, 6, 0, tzinfo=tz))
    assert morning.start == dt.date(2026, 11, 27)
    week = services.closed_period("week", monday.replace(tzinfo=tz))
    assert (week.start, week.end) == (dt.date(2026, 11, 23), dt.date(2026, 11, 30))
    month = services.closed_period("month", first.replace(tzinfo=tz))
    assert (month.start, month.end) == (dt.date(2026, 11, 1), dt.date(2026, 12, 1))


def test_a_period_cannot_be_in_the_future():
    from django.core.exceptions import ValidationError

    from core.periods import today

    with pytest.raises(ValidationError):
        services.period_for("month", day=today() + dt.timedelta(days=40))
    with pytest.raises(ValidationError):
        services.period_for("custom", start=dt.date(2026, 1, 5), last_day=dt.date(2026, 1, 1))
    period = services.period_for("week", day=dt.date(2026, 11, 4))
    assert period == period_containing("week", dt.date(2026, 11, 4))


def test_a_generation_stopped_by_the_database_waits_for_its_retry(team_a, clerk):
    from django.db import OperationalError

    snapshot = services.snapshot_request(scope=Scope.team(team_a), period=LAST_MONTH, actor=clerk)

    def progress(percent, message):
        # the progress is written to the database (core.jobs.set_progress): here it is gone
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.raises(OperationalError):
        services.snapshot_generate(
            snapshot_id=snapshot.pk, generation=1, progress=progress, final=False
        )
    snapshot.refresh_from_db()
    assert snapshot.status == Status.PENDING  # a retry comes
    assert "OperationalError" in snapshot.error and snapshot.attempts == 1
    # the retry, on a database that is back, builds the report
    assert services.snapshot_generate(snapshot_id=snapshot.pk, generation=1).status == Status.DONE
