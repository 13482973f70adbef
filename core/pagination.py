"""List paging: the count of a long list is remembered for a minute.

A list page counts its rows for "98,956 records" and the page links: on the company-wide
customer list that count alone took longer than reading and drawing the 50 rows shown
(bench/). Counts of ``COUNT_CACHE_FROM`` rows or more are kept in the cache for a minute,
keyed by the query (so by the user's filters and scope), and forgotten as soon as a row of
a table the query reads is saved or deleted through the ORM (core.querycache). Changes that
bypass the signals (``QuerySet.update``) show up when the minute is over. Shorter lists are
counted every time: they are cheap, and they are where one more record is noticed.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .querycache import remembered

COUNT_CACHE_FROM = 1000


def _queryset_of(object_list):
    """The queryset behind a django-tables2 page (BoundRows -> TableQuerysetData), if any."""
    data = getattr(object_list, "data", object_list)
    queryset = getattr(data, "data", data)
    return (data, queryset) if isinstance(queryset, QuerySet) else (data, None)


def cached_count(queryset):
    """``queryset.count()``, from the cache when a long list was counted under the same query
    within the minute and no row of a table it reads changed since (core.querycache)."""
    return remembered(
        queryset,
        lambda qs: qs.count(),
        kind="count",
        keep=lambda count: count >= COUNT_CACHE_FROM,
    )


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
