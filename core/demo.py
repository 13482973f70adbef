"""Demo data registry: each app's ``demo.py`` registers a seeder; seed_demo runs them in
INSTALLED_APPS order (so customers come after people, policies after customers).

The demo company has a past: seeders run each step of its story at the moment it happened
inside ``clock(moment)``, so records, history rows and audit events carry that date."""

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

DEMO_PASSWORD = "Demo-Pass-2026"
# How far back the demo company's activity reaches.
HISTORY_MONTHS = 18
_seeders = []


def register(func=None, *, before=None):
    """Add a seeder; ``before="app"`` runs it before the first seeder of that app (a higher
    app's records that a lower app's seeder needs, e.g. customers' consents before the
    applications that store bank accounts)."""
    if func is None:
        return lambda f: register(f, before=before)
    if func in _seeders:
        return func
    index = next(
        (i for i, f in enumerate(_seeders) if before and f.__module__.split(".")[0] == before),
        len(_seeders),
    )
    _seeders.insert(index, func)
    return func


def seeders():
    autodiscover_modules("demo")
    return list(_seeders)


class _FrozenDateTime(dt.datetime):
    moment = None

    @classmethod
    def now(cls, tz=None):
        moment = cls.moment
        return moment.astimezone(tz) if tz is not None else timezone.make_naive(moment)


@contextmanager
def clock(moment):
    """Run the block as if it were ``moment`` (an aware datetime, not in the future):
    ``timezone.now()``, ``localdate()``, field defaults, ``auto_now`` stamps, simple-history's
    history dates and audit events all read it. For seeding the demo only; nests."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    moment = min(moment, timezone.now())
    previous = timezone.datetime
    frozen = type("_Frozen", (_FrozenDateTime,), {"moment": moment})
    timezone.datetime = frozen
    try:
        yield moment
    finally:
        timezone.datetime = previous


def at(day, hour=10, minute=0):
    """An aware moment on ``day`` at local ``hour:minute``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def month_start(day, back=0):
    """The first of the month ``back`` months before the month of ``day``."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


# How busy each calendar month is: a busy March (the spring campaign) and December (year-end
# sales), quiet around the Chinese New Year (February) and the October Golden Week.
SEASON = {
    1: 0.9,
    2: 0.55,
    3: 1.35,
    4: 1.05,
    5: 0.95,
    6: 1.1,
    7: 0.9,
    8: 0.85,
    9: 1.05,
    10: 0.8,
    11: 1.1,
    12: 1.35,
}


def month_weight(month, today):
    """Relative activity of ``month`` (a 1st): the season times a steady growth of the
    company from 0.7 eighteen months ago to 1.2 now."""
    back = (today.year * 12 + today.month) - (month.year * 12 + month.month)
    growth = 1.2 - 0.5 * min(max(back, 0), HISTORY_MONTHS) / HISTORY_MONTHS
    return SEASON[month.month] * growth
