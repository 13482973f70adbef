"""Self-healing of scheduled work: an hourly job (``core.tasks.reconcile``) asks each app to
check that what its scheduled jobs should have produced by now exists, and to produce what
is missing — so a schedule the beat lost, a message the broker lost or a run killed half way
heals itself within the hour instead of leaving a gap nobody notices.

Apps register a check in their ``ready()`` (core never imports a domain app)::

    reconcile.register("reports", check_reports)

A check takes ``now`` (an aware datetime) and returns a dict of counts of what it had to
repair (empty or all zero when nothing was missing). Checks are idempotent: what exists is
left alone, so the job may run at any time and any number of times.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

_checks = {}

# A scheduled job is given this long after its time to start before it counts as lost.
GRACE = dt.timedelta(minutes=30)


def register(name, check):
    """Add (or replace) the check called ``name``."""
    _checks[name] = check


def checks():
    """The registered checks, by name."""
    return dict(_checks)


def run_all(now=None):
    """Run every check; returns ``{name: counts}``."""
    now = now or timezone.now()
    return {name: check(now=now) for name, check in _checks.items()}


def scheduled_entries(task):
    """The beat schedule's entries (name, entry) that run ``task`` (its dotted name)."""
    return [
        (name, entry)
        for name, entry in getattr(settings, "CELERY_BEAT_SCHEDULE", {}).items()
        if entry.get("task") == task
    ]


def expected_fire(schedule, now):
    """The last firing of ``schedule`` whose job should have started by ``now``."""
    return last_fire(schedule, now - GRACE)


def missed(task, run_name, now):
    """Whether a beat entry of ``task`` fired (and its grace passed) without any run named
    ``run_name`` recorded since: its schedule or message was lost. A run that failed is not
    missed: it was retried, and its failure is shown to the people concerned."""
    from .models import TaskRun

    for _name, entry in scheduled_entries(task):
        fired = expected_fire(entry["schedule"], now)
        if (
            fired is not None
            and not TaskRun.objects.filter(name=run_name, created__gte=fired).exists()
        ):
            return True
    return False


def last_fire(schedule, now):
    """The latest moment at or before ``now`` (local time) when the crontab ``schedule``
    fired, or None if it did not fire in the last 366 days."""
    local = timezone.localtime(now)
    for back in range(367):
        day = local.date() - dt.timedelta(days=back)
        if day.month not in schedule.month_of_year or not _day_matches(schedule, day):
            continue
        for hour in sorted(schedule.hour, reverse=True):
            for minute in sorted(schedule.minute, reverse=True):
                moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
                if moment <= local:
                    return moment
    return None


def _day_matches(schedule, day):
    # Celery counts weekdays from Sunday = 0. Like cron, when both the day of the month
    # and the day of the week are restricted, either matching is enough.
    weekday = day.isoweekday() % 7
    dom_all = len(schedule.day_of_month) == 31
    dow_all = len(schedule.day_of_week) == 7
    dom = day.day in schedule.day_of_month
    dow = weekday in schedule.day_of_week
    if dom_all or dow_all:
        return dom and dow
    return dom or dow
