"""A long list's count is remembered for a minute and forgotten when a row changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import pagination
from core.models import Notification
from core.pagination import CachedCountPaginator, cached_count
from core.tables import NotificationTable
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CACHE_FROM", 3)


def notes(user, n):
    for i in range(n):
        Notification.objects.create(recipient=user, title=f"Note {i}", body="x")


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    counts = [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    return result, len(counts)


def test_a_long_list_is_counted_once(small_threshold, salesperson):
    notes(salesperson, 4)
    qs = Notification.objects.filter(recipient=salesperson)
    assert count_queries(lambda: cached_count(qs)) == (4, 1)
    assert count_queries(lambda: cached_count(qs)) == (4, 0)
    # Another query (another filter, scope or order of rows) has its own count.
    other = qs.filter(title__startswith="Note 1")
    assert count_queries(lambda: cached_count(other)) == (1, 1)


def test_a_saved_or_deleted_row_is_counted_at_once(small_threshold, salesperson):
    notes(salesperson, 4)
    qs = Notification.objects.filter(recipient=salesperson)
    cached_count(qs)
    notes(salesperson, 1)
    assert count_queries(lambda: cached_count(qs)) == (5, 1)
    Notification.objects.filter(recipient=salesperson).first().delete()
    assert count_queries(lambda: cached_count(qs)) == (4, 1)
    assert count_queries(lambda: cached_count(qs)) == (4, 0)


def test_an_empty_query_is_counted_without_sql(small_threshold, salesperson):
    notes(salesperson, 4)
    for qs in (Notification.objects.none(), Notification.objects.filter(pk__in=[])):
        with CaptureQueriesContext(connection) as ctx:
            assert cached_count(qs) == 0
        assert not ctx.captured_queries


def test_a_short_list_is_counted_every_time(small_threshold, salesperson):
    notes(salesperson, 2)
    qs = Notification.objects.filter(recipient=salesperson)
    assert count_queries(lambda: cached_count(qs)) == (2, 1)
    assert count_queries(lambda: cached_count(qs)) == (2, 1)


def test_the_paginator_counts_a_table_once(small_threshold, salesperson):
    notes(salesperson, 7)
    table = NotificationTable(Notification.objects.all())
    table.paginate(paginator_class=CachedCountPaginator, page=2, per_page=5)
    assert table.paginator.count == 7 and table.paginator.num_pages == 2
    assert len(table.page.object_list) == 2
    _, counted = count_queries(lambda: len(table.data))
    assert counted == 0  # the table's own len() uses the paginator's count
    plain = CachedCountPaginator(list(range(12)), 5)
    assert plain.count == 12 and plain.num_pages == 3


def test_list_pages_count_long_lists_once(small_threshold, client, salesperson):
    for _i in range(4):
        make_customer(salesperson)
    client.force_login(salesperson)
    url = reverse("customers:customer_list")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.context["table"].paginator.count

    queries()  # the frame's own caches (My work) warm up
    warm, count = queries()
    assert count == 4
    make_customer(salesperson)
    assert queries() == (warm + 1, 5)  # counted again after the change
    assert queries() == (warm, 5)
