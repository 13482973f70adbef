"""List paging: the count of a long list is remembered for a minute.

A list page counts its rows for "98,956 records" and the page links: on the company-wide
customer list that count alone took longer than reading and drawing the 50 rows shown
(bench/). Counts of ``COUNT_CACHE_FROM`` rows or more are kept in the cache for
``COUNT_CACHE_SECONDS``, keyed by the query (so by the user's filters and scope), and
forgotten as soon as a row of the model is saved or deleted through the ORM. Changes that
bypass the model's signals (``QuerySet.update``, many-to-many changes under a filter) show
up when the minute is over. Shorter lists are counted every time: they are cheap, and they
are where one more record is noticed.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.functional import cached_property

COUNT_CACHE_FROM = 1000
COUNT_CACHE_SECONDS = 60


def _version_key(model):
    return f"count-version:{model._meta.label_lower}"


def _changed(sender, **kwargs):
    cache.set(_version_key(sender), time.time_ns(), COUNT_CACHE_SECONDS)


_watched = set()


def _watch(model):
    """Forget the model's counts when a row changes (signals connected once per model)."""
    if model in _watched:
        return
    uid = f"core.pagination:{model._meta.label_lower}"
    post_save.connect(_changed, sender=model, dispatch_uid=uid)
    post_delete.connect(_changed, sender=model, dispatch_uid=uid)
    _watched.add(model)


def _queryset_of(object_list):
    """The queryset behind a django-tables2 page (BoundRows -> TableQuerysetData), if any."""
    data = getattr(object_list, "data", object_list)
    queryset = getattr(data, "data", data)
    return (data, queryset) if isinstance(queryset, QuerySet) else (data, None)


def cached_count(queryset):
    """``queryset.count()``, from the cache when a long list was counted under the same query
    within the minute and no row of its model changed since."""
    model = queryset.model
    _watch(model)
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # empty by construction (e.g. ``pk__in=[]``): no query at all
        return queryset.count()
    digest = hashlib.sha1(repr((queryset.db, sql, params)).encode()).hexdigest()
    count_key, version_key = f"count:{model._meta.label_lower}:{digest}", _version_key(model)
    found = cache.get_many([count_key, version_key])
    version = found.get(version_key)
    if count_key in found and found[count_key][0] == version:
        return found[count_key][1]
    count = queryset.count()
    if count >= COUNT_CACHE_FROM:
        cache.set(count_key, (version, count), COUNT_CACHE_SECONDS)
    return count


class CachedCountPaginator(Paginator):
    """A paginator whose count of a queryset goes through ``cached_count``."""

    @cached_property
    def count(self):
        data, queryset = _queryset_of(self.object_list)
        if queryset is None:
            return super().count
        count = cached_count(queryset)
        if data is not queryset and not hasattr(data, "_length"):
            data._length = count  # django-tables2's TableQuerysetData: len() needs no query
        return count
