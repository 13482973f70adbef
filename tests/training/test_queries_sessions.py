"""Query counts of the lists and the training file: the same for 2 rows and 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories_sessions import (
    enrol,
    make_course,
    make_external,
    make_plan,
    make_record,
    make_session,
)

pytestmark = pytest.mark.django_db

# The frame (session, user, unread notifications; permissions and the access profile come
# from the cache once warm), then the table's count and its page of rows, each row's
# related records joined or annotated in the same query.
LIST_QUERIES = 5
# The frame, the employee, the records, the mandatory rules and latest completions (two),
# the plans with their progress (7); then each subject's registered file section: online
# courses (2: the employee's progress and attempts), certificates (1, with their rewards).
FILE_QUERIES = 10


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(kind, personas, n):
    sp = personas["salesperson"]
    course = make_course()
    for _i in range(n):
        if kind == "course":
            make_course()
        elif kind == "session":
            session = make_session(course)
            enrol(session, sp)
        elif kind == "external":
            make_external(sp)
        elif kind == "plan":
            make_plan(sp, [course, make_course()])
        elif kind == "file":
            make_record(sp, course=course)


URLS = {
    "course": lambda p: reverse("training:course_list") + "?per_page=100",
    "session": lambda p: reverse("training:session_list") + "?per_page=100",
    "external": lambda p: reverse("training:externalcourse_list") + "?per_page=100",
    "plan": lambda p: reverse("training:trainingplan_list") + "?per_page=100",
    "file": lambda p: reverse("training:file", args=[p["salesperson"].employee.pk]),
}


@pytest.mark.parametrize("kind", list(URLS))
@pytest.mark.parametrize("persona", ["hr", "supervisor"])
def test_constant(kind, persona, personas, client_for):
    client = client_for(personas[persona])
    url = URLS[kind](personas)
    _fill(kind, personas, 2)
    few = _count(client, url)
    _fill(kind, personas, 48)
    many = _count(client, url)
    assert few == many


@pytest.mark.parametrize("kind", list(URLS))
def test_exact(kind, personas, client_for, django_assert_num_queries):
    client = client_for(personas["hr"])
    url = URLS[kind](personas)
    _fill(kind, personas, 50)
    client.get(url)
    with django_assert_num_queries(FILE_QUERIES if kind == "file" else LIST_QUERIES):
        assert client.get(url).status_code == 200
