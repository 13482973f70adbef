"""A page's query count does not grow with its rows: exact numbers, same for 2 and 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import CustomerNeed, CustomerTag, FamilyMember
from tests.customers.factories import make_attachment, make_customer

pytestmark = pytest.mark.django_db

# The frame: session, user, unread notifications (once per request); the permission sets,
# the access profile, the employee and the user's shares come from the cache once warm
# (core.permissions, core.querycache). The clerk's list: the total (counted once, by the
# table's paginator) and the page of rows (no tags column); the filter dropdowns
# (salespeople, teams, tags) are remembered too.
LIST_QUERIES = 5
# The frame, then the file with its tab counts (one query), "may change" (one), who it is
# shared with (users, groups), the access-log insert, the tags.
DETAIL_QUERIES = 17  # 9 for the file and its tabs, 8 for the cards (core.cards)


def _fill(owner, n):
    tags = [CustomerTag.objects.get_or_create(name=f"t{i}")[0] for i in range(3)]
    customers = []
    for _i in range(n):
        c = make_customer(owner, tags=tags[:2], needs=["life"])
        FamilyMember.objects.create(customer=c, relation="child", name="小孩")
        customers.append(c)
    return customers


def _count(client, url):
    client.get(url)  # warm the "My work" count cache and the per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["clerk", "salesperson", "supervisor", "manager"])
def test_list_is_constant(persona, personas, client_for):
    client = client_for(personas[persona])
    owner = personas["salesperson"]
    _fill(owner, 2)
    few = _count(client, "/customers/customers/?per_page=100")
    _fill(owner, 48)
    many = _count(client, "/customers/customers/?per_page=100")
    assert few == many


def test_list_exact(clerk, salesperson, client_for, django_assert_num_queries):
    _fill(salesperson, 50)
    client = client_for(clerk)
    client.get("/customers/customers/")
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/customers/customers/?per_page=50&sort=name").status_code == 200


def test_detail_and_tabs_are_constant(clerk, salesperson, client_for, django_assert_num_queries):
    client = client_for(clerk)
    customer = _fill(salesperson, 1)[0]
    urls = [
        customer.get_absolute_url() + s
        for s in ("", "family/", "needs/", "attachments/", "timeline/", "history/")
    ]
    few = [_count(client, u) for u in urls]
    for i in range(25):
        FamilyMember.objects.create(customer=customer, relation="other", name=f"親屬{i}")
    for kind in ("medical", "accident", "annuity", "education"):
        CustomerNeed.objects.create(customer=customer, kind=kind)
    for _i in range(5):
        make_attachment(customer)
    many = [_count(client, u) for u in urls]
    assert few == many
    client.get(customer.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(customer.get_absolute_url())


@pytest.mark.parametrize(
    "persona, joined",
    [
        ("salesperson", set()),  # no owner, clerk or team column
        ("clerk", {"core_user"}),  # the owner
        ("manager", {"core_user", "org_team"}),  # owner and team
    ],
)
def test_list_joins_only_the_shown_relations(persona, joined, personas, client_for):
    _fill(personas["salesperson"], 2)
    client = client_for(personas[persona])
    client.get("/customers/customers/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/customers/customers/")
    rows = [q["sql"] for q in ctx.captured_queries if 'FROM "customers_customer" ' in q["sql"]]
    page = [sql for sql in rows if "LIMIT" in sql and "COUNT(" not in sql]
    assert len(page) == 1, rows
    tables = {t for t in ("core_user", "org_team") if f'JOIN "{t}"' in page[0]}
    assert tables == joined


# (cold, warm): the first request after the shared cache is emptied, then the same again
# (tests/queries.py). Cold also reads the permission sets, the access profile and employee,
# the user's shares, the filter drop-downs, the parameters and the list's saved views, and
# the My work counts of appraisal (the clerk's own appraisal at the self stage, an interview
# date set) and confidentiality (an unsigned agreement, open customer data requests).
COLD_WARM = {
    "/customers/customers/?per_page=50": (41, LIST_QUERIES),
    "file": (49, DETAIL_QUERIES),
}


@pytest.mark.parametrize("page", COLD_WARM)
def test_cold_and_warm(page, clerk, salesperson, client_for, django_assert_num_queries):
    from tests.queries import assert_cold_and_warm

    customers = _fill(salesperson, 30)
    url = customers[0].get_absolute_url() if page == "file" else page
    client = client_for(clerk)
    cold, warm = COLD_WARM[page]
    assert_cold_and_warm(
        client, url, cold=cold, warm=warm, assert_num_queries=django_assert_num_queries
    )
