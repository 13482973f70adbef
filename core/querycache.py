"""Results of small, often repeated queries, kept in the shared cache for a minute.

A list page counts its rows and fills its filter drop-downs (every salesperson, every team,
every tag) on every request; the answers change far less often than they are asked for.
``remembered(queryset, ...)`` keeps a result under the query's SQL and parameters (so
under the user's scope and filters) for ``SECONDS``, together with the versions of every
table the SQL reads. A table's version moves whenever one of its rows is saved or deleted
through the ORM, or (for a many-to-many table) whenever the relation changes, so a change
shows on the next request. The receivers that move versions are connected for every model
when the project starts (``connect``, from ``CoreConfig.ready``), in every process: a web
worker, a Celery worker or a management command that changes a row moves its table's version
whether or not it ever read a remembered result itself. Changes that bypass the signals
(``QuerySet.update``, raw SQL) show when the minute is over.

Versions expire with the entries (both after ``SECONDS``): an entry stored while a table
had no version is gone before the table's version can lapse back to none.
"""

import hashlib
import re
import time

from django.apps import apps
from django.core.cache import cache as shared_cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

SECONDS = 60

_QUOTED = re.compile(r'"([^"]+)"')


# --- versions moved by changes (also core.permissions' access version) ------------------


def on_change(model, receiver, uid):
    """Call ``receiver(sender, **kwargs)`` when a row of ``model`` is saved or deleted through
    the ORM, or, for a many-to-many table, when the relation changes (``change_made`` tells
    m2m_changed's "about to" calls apart)."""
    signals = [post_save, post_delete]
    if model._meta.auto_created:
        signals.append(m2m_changed)
    for signal in signals:
        signal.connect(receiver, sender=model, dispatch_uid=f"{uid}:{model._meta.label_lower}")


def change_made(kwargs):
    """False for m2m_changed's ``pre_*`` calls: the change is not made yet."""
    return not kwargs.get("action", "post_").startswith("pre_")


def move_version(key, timeout):
    """Give ``key`` a new version now and again when the transaction commits: a request that
    read the old rows before the commit must not keep them under the new version."""

    def move():
        shared_cache.set(key, time.time_ns(), timeout)

    move()
    transaction.on_commit(move)


def _version_key(model):
    return f"query-version:{model._meta.label_lower}"


# Tables nothing remembered ever reads. Left unwatched, their saves (the session's, on every
# request) cost no cache write, and their bulk deletes stay fast deletes (a model with a
# delete receiver is deleted row by row).
UNWATCHED = {"sessions.session"}


def _changed(sender, **kwargs):
    if change_made(kwargs):
        move_version(_version_key(sender), SECONDS)


def connect():
    """Move a model's version whenever one of its rows changes, for every model: connected
    once per process at start-up (``CoreConfig.ready``), so every process that writes moves
    the versions every other process reads."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower not in UNWATCHED:
            on_change(model, _changed, "core.querycache")


_by_table = (None, {})


def _models_by_table():
    """``{db_table: model}``, rebuilt when a model is registered (Django then hands out a
    new list from ``get_models``)."""
    global _by_table
    models = apps.get_models(include_auto_created=True)
    if _by_table[0] is not models:
        _by_table = (models, {m._meta.db_table: m for m in models})
    return _by_table[1]


def tables_read(sql, model):
    """The models whose tables ``sql`` names (joins and subqueries included)."""
    by_table = _models_by_table()
    found = {by_table[name] for name in _QUOTED.findall(sql) if name in by_table}
    found.add(model)
    return sorted(found, key=lambda m: m._meta.label_lower)


def remembered(queryset, compute, *, kind, keep=lambda result: True, extra=(), reads=None):
    """``compute(queryset)``, or what it returned within the minute for the same SQL and
    parameters (and ``extra``: anything else the result depends on) while no table the
    query reads has changed. ``keep(result)`` decides whether a new result is stored.

    ``reads``, the models whose tables the query reads, spares compiling the SQL: the
    caller then vouches that ``extra`` identifies the query.
    """
    if reads is None:
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # empty by construction (e.g. ``pk__in=[]``): no query at all
            return compute(queryset)
        models = tables_read(sql, queryset.model)
        identity = (queryset.db, sql, params, extra)
    else:
        models = sorted({queryset.model, *reads}, key=lambda m: m._meta.label_lower)
        identity = (queryset.db, extra)
    digest = hashlib.sha1(repr(identity).encode()).hexdigest()
    key = f"{kind}:{queryset.model._meta.label_lower}:{digest}"
    version_keys = [_version_key(m) for m in models]
    found = shared_cache.get_many([key, *version_keys])
    versions = tuple(found.get(k) for k in version_keys)
    if key in found and found[key][0] == versions:
        return found[key][1]
    result = compute(queryset)
    if keep(result):
        shared_cache.set(key, (versions, result), SECONDS)
    return result


def remembered_choices(field, queryset):
    """A model drop-down's ``[(value, label)]`` (the labels as text, in the active language)."""

    def compute(qs):
        return [(field.prepare_value(obj), str(field.label_from_instance(obj))) for obj in qs]

    label = type(field).label_from_instance
    extra = (translation.get_language(), label.__module__, label.__qualname__, field.to_field_name)
    return remembered(queryset, compute, kind="choices", extra=extra)
