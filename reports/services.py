"""Report snapshots: request one (on demand or scheduled), generate its figures and files,
tell the people who should read it, and serve its files to those who may.

A snapshot is unique per period and scope: a second run replaces the figures and the files
of the first. Generation is claimed with a conditional update, so a message delivered twice
or two workers never build the same snapshot at once; every request bumps ``generation``,
and a task for an older generation does nothing.
"""

import datetime as dt
import tempfile
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import classification, jobs, periods, stamping
from core.i18n import Text
from core.models import Notification
from core.roles import Role
from core.services import audit_event, export_log, notify, save_checked, saved_by

from . import files, statistics
from .apps import GENERATE_REPORT, VIEW_REPORT
from .models import ReportSnapshot

Status = ReportSnapshot.Status
STANDARD_KINDS = (
    periods.PeriodKind.DAY,
    periods.PeriodKind.WEEK,
    periods.PeriodKind.MONTH,
    periods.PeriodKind.QUARTER,
    periods.PeriodKind.YEAR,
)
MAX_CUSTOM_DAYS = 366
# Files sent to a worker are built in memory up to this size, then on disk.
SPOOL_BYTES = 8 * 1024 * 1024


# --- what a report shows ---------------------------------------------------------------


def report_data(scope, period):
    """Every number and chart of the report of ``scope`` over ``period``, computed once."""
    summary = statistics.summary(scope, period)
    breakdowns = statistics.breakdowns(
        scope, period.start, period.end, [by for by, _title in files.BREAKDOWNS]
    )
    data = files.ReportData(
        scope=scope,
        period=period,
        summary=summary,
        breakdowns=breakdowns,
        figures=list(statistics.FIGURES),
        detail_columns=list(statistics.NEW_POLICY_COLUMNS),
        detail_units=list(statistics.NEW_POLICY_UNITS),
        detail_rows=lambda: statistics.new_policy_rows(scope, period.start, period.end),
    )
    data.charts = report_charts(data)
    return data


def report_charts(data):
    """The report's charts (reports.charts, as on the dashboards): the trends over the last
    12 periods, actual vs target per person or team, the funnel and the channel mix."""
    from . import charts

    kind = data.period.kind if data.period.kind in STANDARD_KINDS else periods.PeriodKind.MONTH
    return charts.standard_charts(
        data.scope, data.period, trend_kind=kind, breakdowns=data.breakdowns
    )


def _plain(value):
    """A figure as JSON keeps it: Decimals as text (exact to the cent), None as null."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return str(Decimal(str(value)))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def figures_json(data):
    """The snapshot's stored figures: the summary rows and the breakdowns."""
    summary = [
        {
            "key": row.figure.key,
            "label": str(row.figure.label),
            "unit": row.figure.unit,
            "higher_is_better": row.figure.higher_is_better,
            **{
                name: _plain(getattr(row, name))
                for name in (
                    "value",
                    "target",
                    "completion",
                    "previous",
                    "change",
                    "last_year",
                    "change_last_year",
                )
            },
        }
        for row in data.summary
    ]
    breakdowns = {
        by: [{k: _plain(v) for k, v in row.items()} for row in rows]
        for by, rows in data.breakdowns.items()
    }
    return {"summary": summary, "breakdowns": breakdowns}


# --- who may do what --------------------------------------------------------------------


def may_view(user, snapshot):
    """Whether ``user`` may open ``snapshot`` and download its files."""
    if not user.is_authenticated or not user.has_perm(VIEW_REPORT):
        return False
    try:
        scope = statistics.Scope.from_key(snapshot.scope_key)
    except ValueError:
        return False
    return statistics.can_see(user, scope)


def visible_scopes(user):
    """statistics.scopes_visible_to, computed once per user object (so once per request:
    the list's rows, its filter and its retry buttons share it)."""
    cached = getattr(user, "_report_scopes", None)
    if cached is None:
        cached = list(statistics.scopes_visible_to(user))
        user._report_scopes = cached
    return cached


def generatable_scopes(user):
    """The scopes ``user`` may request a report for (none without the permission)."""
    if not user.has_perm(GENERATE_REPORT):
        return []
    return visible_scopes(user)


def person_scope_users(user):
    """The people whose own reports ``user`` may request, as a queryset (the report form's
    type-ahead): the rule of ``statistics.scopes_visible_to`` for person scopes — everyone
    who has not left for company-wide roles, else the members of the teams the user leads
    or supports, and themself. ``may_generate`` re-checks the chosen one."""
    from core.permissions import get_profile
    from org.models import Employee

    User = get_user_model()
    if user is None or not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if not user.has_perm(GENERATE_REPORT):
        return User.objects.none()
    current = User.objects.filter(employee__isnull=False).exclude(
        employee__status=Employee.Status.LEFT
    )
    profile = get_profile(user)
    if user.is_superuser or profile.company_wide:
        return current
    team_ids = sorted(profile.team_ids)
    return User.objects.filter(
        models.Q(pk=user.pk) | models.Q(pk__in=current.filter(employee__team_id__in=team_ids))
    )


def may_generate(user, scope):
    """Whether ``user`` may request a report for ``scope`` (the permission and the scope)."""
    return user.has_perm(GENERATE_REPORT) and statistics.can_see(user, scope)


def period_for(kind, day=None, start=None, last_day=None):
    """The period a request names: the ``kind`` period containing ``day``, or a custom range.

    Raises ValidationError for an empty, too long or future period.
    """
    today = periods.today()
    if kind == periods.PeriodKind.CUSTOM:
        if start is None or last_day is None:
            raise ValidationError(_("A custom range needs its first and last day."))
        if last_day < start:
            raise ValidationError({"last_day": _("The last day is before the first.")})
        if (last_day - start).days + 1 > MAX_CUSTOM_DAYS:
            raise ValidationError(
                {
                    "last_day": _("A custom range is at most %(days)d days.")
                    % {"days": MAX_CUSTOM_DAYS}
                }
            )
        period = periods.custom_period(start, last_day)
    else:
        if kind not in STANDARD_KINDS:
            raise ValidationError({"period_kind": _("Unknown period.")})
        period = periods.period_containing(kind, day or today)
    if period.start > today:
        raise ValidationError(_("The period has not started yet."))
    return period


def closed_period(kind, now=None):
    """The period a scheduled run reports on: the day just worked (before noon, the day
    before, for a run configured for the next morning), the previous ISO week, the previous
    month."""
    now = timezone.localtime(now) if now else timezone.localtime()
    today = now.date()
    if kind == periods.PeriodKind.DAY:
        day = today if now.hour >= 12 else today - dt.timedelta(days=1)
        return periods.period_containing(kind, day)
    if kind in (periods.PeriodKind.WEEK, periods.PeriodKind.MONTH):
        return periods.period_containing(kind, today).previous()
    raise ValueError(f"no scheduled report for {kind!r}")


def scheduled_scopes():
    """The company, then each active team."""
    from org.models import Team

    scopes = [statistics.Scope("company")]
    for team_id in Team.objects.filter(active=True).order_by("code").values_list("pk", flat=True):
        scopes.append(statistics.Scope("team", team_id=team_id))
    return scopes


# --- requesting and generating ------------------------------------------------------------


@transaction.atomic
def snapshot_request(*, scope, period, actor=None, run=None):
    """Queue the (re)generation of the report of ``scope`` over ``period``.

    ``actor`` None is the scheduled job. Returns the snapshot, its generation bumped and its
    status pending; the caller queues ``reports.tasks.generate_report`` on commit.
    """
    if actor is not None and not may_generate(actor, scope):
        raise PermissionDenied(
            _("You may not request reports for %(scope)s.") % {"scope": scope.label()}
        )
    snapshot, _created = ReportSnapshot.objects.select_for_update().get_or_create(
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        scope_key=scope.key,
        defaults={"scope_label": scope.label()[:200]},
    )
    snapshot.scope_label = scope.label()[:200]
    snapshot.status = Status.PENDING
    snapshot.error = ""
    snapshot.attempts = 0
    snapshot.generation += 1
    snapshot.requested_at = timezone.now()
    snapshot.scheduled = actor is None
    snapshot.generated_by = actor
    snapshot.task_run = run
    save_checked(snapshot, actor)
    audit_event(
        actor=actor,
        verb="report_requested",
        target=snapshot,
        message=Text(
            gettext_noop("Report requested (generation %(n)d)"), {"n": snapshot.generation}
        ),
    )
    return snapshot


def snapshot_retry(*, snapshot, actor, run=None):
    """Request a failed (or any) report again, as ``actor``."""
    if not may_view(actor, snapshot):
        raise PermissionDenied
    scope = statistics.Scope.from_key(snapshot.scope_key)
    return snapshot_request(scope=scope, period=snapshot.period, actor=actor, run=run)


def _claim(snapshot_id, generation, claimant=""):
    """Take the snapshot for this generation: pending or failed, or running but abandoned —
    past the task time limit, or by this same job message (``claimant``, the Celery task
    id), redelivered because the worker that had it died. One UPDATE, so only one worker
    wins."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 3600))
    claimable = models.Q(status__in=[Status.PENDING, Status.FAILED]) | models.Q(
        status=Status.RUNNING, updated__lt=stale
    )
    if claimant:
        claimable |= models.Q(status=Status.RUNNING, claimed_by=claimant)
    return (
        ReportSnapshot.objects.filter(claimable, pk=snapshot_id, generation=generation).update(
            status=Status.RUNNING,
            attempts=models.F("attempts") + 1,
            updated=now,
            claimed_by=claimant or "",
        )
        == 1
    )


def snapshot_generate(*, snapshot_id, generation, progress=None, final=True, claimant=""):
    """Build the figures and files of one snapshot generation; returns the snapshot, or None
    when there is nothing to do (already done, superseded, or another worker has it).

    On failure the error is recorded (status failed on the ``final`` attempt or for an error
    no retry can get past, else back to pending for the retry) and the exception re-raised
    so the task is retried or fails. ``claimant`` is the job message's id (see ``_claim``).
    """
    if not _claim(snapshot_id, generation, claimant):
        return None
    snapshot = ReportSnapshot.objects.select_related("generated_by").get(pk=snapshot_id)
    progress = progress or (lambda percent, message: None)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _build(snapshot, progress)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        ReportSnapshot.objects.filter(pk=snapshot.pk, generation=generation).update(
            status=Status.FAILED if final or not jobs.is_retryable(exc) else Status.PENDING,
            error=error[:5000],
            updated=timezone.now(),
        )
        raise
    snapshot.refresh_from_db()
    return snapshot


def _author(snapshot):
    if snapshot.generated_by_id:
        return snapshot.generated_by
    return files.Author(_("Scheduled report"))


def _build(snapshot, progress):
    scope = statistics.Scope.from_key(snapshot.scope_key)
    period = snapshot.period
    progress(10, Text(gettext_noop("Computing the figures")))
    data = report_data(scope, period)
    author = _author(snapshot)
    progress(40, Text(gettext_noop("Writing the Excel file")))
    excel = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    detail_rows = files.build_excel(excel, data, author=author, stamped=False)
    progress(65, Text(gettext_noop("Drawing the PDF file")))
    pdf = files.build_pdf(data, author=author, stamped=False)
    progress(90, Text(gettext_noop("Saving the files")))
    figures = figures_json(data)
    changed = figures != snapshot.figures
    with transaction.atomic():
        locked = ReportSnapshot.objects.select_for_update().get(pk=snapshot.pk)
        if locked.generation != snapshot.generation:
            return  # a newer request superseded this one while it ran
        for old in (locked.excel, locked.pdf):
            if old:
                old.delete(save=False)
        excel.seek(0)
        locked.excel.save(snapshot.file_name("xlsx"), File(excel), save=False)
        locked.pdf.save(snapshot.file_name("pdf"), ContentFile(pdf), save=False)
        excel.close()
        locked.figures = figures
        locked.detail_rows = detail_rows
        locked.status = Status.DONE
        locked.error = ""
        locked.generated_at = timezone.now()
        saved_by(locked, locked.generated_by).save()
        _announce(locked, changed)


def recipients(snapshot):
    """Who receives a scheduled report: the team's supervisor for a team report, every
    manager for the company's (each only if they may open it)."""
    User = get_user_model()
    scope = statistics.Scope.from_key(snapshot.scope_key)
    if scope.kind == "team":
        from org.models import Team

        users = User.objects.filter(
            pk__in=Team.objects.filter(pk=scope.team_id).values("supervisor_id")
        )
    elif scope.kind == "company":
        users = User.objects.filter(
            models.Q(groups__name=Role.MANAGER)
            | models.Q(user_permissions__codename="company_wide_access"),
        )
    else:
        users = User.objects.filter(pk=scope.user_id)
    users = users.filter(is_active=True).distinct().order_by("pk")
    return [u for u in users if may_view(u, snapshot)]


def _announce(snapshot, changed):
    """Notify once per generation: the scheduled recipients (by e-mail too), or the person
    who asked. A scheduled rerun that changes no figure tells nobody again."""
    url = snapshot.get_absolute_url()
    key = f"report-ready:{snapshot.pk}:{snapshot.generation}"
    parts = snapshot.text_parts()
    name = Text(gettext_noop("%(scope)s %(period)s"), parts)
    body = Text(
        gettext_noop("%(scope)s, %(period)s: the Excel and PDF files are ready to download."),
        parts,
    )
    if snapshot.scheduled:
        if not changed and snapshot.generation > 1:
            return
        title = Text(gettext_noop("Report ready: %(report)s"), {"report": name})
        for user in recipients(snapshot):
            notify(
                recipient=user,
                title=title,
                body=body,
                url=url,
                level=Notification.Level.SUCCESS,
                dedupe_key=key,
                email=True,
            )
    elif snapshot.generated_by_id:
        notify(
            recipient=snapshot.generated_by,
            title=Text(gettext_noop("Your report is ready: %(report)s"), {"report": name}),
            body=body,
            url=url,
            level=Notification.Level.SUCCESS,
            dedupe_key=key,
        )


def scheduled_run(kind, now=None):
    """The scheduled job: request the report of the period just closed for the company and
    each team; returns the snapshots (the task fans them out, one generation each)."""
    period = closed_period(kind, now)
    return [snapshot_request(scope=scope, period=period) for scope in scheduled_scopes()]


# How many closed days back the hourly reconciliation looks for missing daily reports.
RECONCILE_DAYS = 3
# A snapshot still waiting this long after its request lost its message: queue it again.
RECONCILE_STUCK = dt.timedelta(hours=1)


def reconcile_missing(now):
    """The reports the schedule should have produced by ``now``: for each scheduled kind,
    the period its last firing reported on (for days, the last few), for the company and
    each team. Requests the missing ones; returns ``(requested, stuck)`` — the new
    snapshots and those still waiting long after their request — for the caller to queue.
    A failed report is left as it is: it is shown on the archive and its job page and was
    already retried."""
    from core import reconcile

    requested, stuck = [], []
    scopes = None
    for _name, entry in reconcile.scheduled_entries("reports.tasks.scheduled_report"):
        kind = entry["args"][0]
        fired = reconcile.expected_fire(entry["schedule"], now)
        if fired is None:
            continue
        period = closed_period(kind, fired)
        expected = [period]
        if kind == periods.PeriodKind.DAY:
            while len(expected) < RECONCILE_DAYS:
                expected.append(expected[-1].previous())
        scopes = scopes if scopes is not None else scheduled_scopes()
        for period in expected:
            existing = {
                snapshot.scope_key: snapshot
                for snapshot in ReportSnapshot.objects.filter(
                    period_kind=period.kind, period_start=period.start, period_end=period.end
                )
            }
            for scope in scopes:
                snapshot = existing.get(scope.key)
                if snapshot is None:
                    requested.append(snapshot_request(scope=scope, period=period))
                elif (
                    snapshot.status == Status.PENDING
                    and snapshot.requested_at is not None
                    and snapshot.requested_at < now - RECONCILE_STUCK
                ):
                    stuck.append(snapshot)
    return requested, stuck


# --- downloads --------------------------------------------------------------------------


FORMATS = {"xlsx": "excel", "pdf": "pdf"}


def snapshot_download(*, snapshot, user, fmt, request=None):
    """The file ``fmt`` of ``snapshot`` stamped for ``user`` (name, time, class mark) from the
    stored unstamped original, as an open binary file; logged in the export log.

    Raises PermissionDenied when the user may not see the report's scope, and
    ValidationError when the file is not there (not generated yet, or failed).
    """
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown file format."))
    if not may_view(user, snapshot):
        raise PermissionDenied
    stored = getattr(snapshot, FORMATS[fmt])
    if snapshot.status != Status.DONE or not stored:
        raise ValidationError(_("This report has no file yet."))
    level = classification.check_download(user, snapshot)
    with stored.open("rb") as original:
        handle = stamping.stamp_file(original, fmt, user=user, level=level)
    export_log(
        user=user,
        what=_("Report %(report)s") % {"report": snapshot},
        file_format=fmt,
        row_count=snapshot.detail_rows,
        filters={
            "report": snapshot.pk,
            "period": snapshot.period_label,
            "scope": snapshot.scope_key,
        },
        request=request,
    )
    return handle


def scope_choices(scopes):
    """(key, label) for each scope, labelled in two queries whatever their number."""
    from org.models import Team

    team_ids = [s.team_id for s in scopes if s.kind == "team"]
    user_ids = [s.user_id for s in scopes if s.kind == "person"]
    teams = (
        {t.pk: str(t) for t in Team.objects.filter(pk__in=team_ids).only("pk", "name", "name_en")}
        if team_ids
        else {}
    )
    people = (
        {u.pk: u.display_name for u in get_user_model().objects.filter(pk__in=user_ids)}
        if user_ids
        else {}
    )
    choices = []
    for scope in scopes:
        if scope.kind == "company":
            label = statistics.Scope.company().label()
        elif scope.kind == "team":
            label = _("Team: %(name)s") % {"name": teams.get(scope.team_id, scope.key)}
        else:
            label = _("Person: %(name)s") % {"name": people.get(scope.user_id, scope.key)}
        choices.append((scope.key, label))
    return choices
