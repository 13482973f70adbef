"""List pages cost a fixed number of queries, whatever the number of rows."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aftersales.models import Claim, Complaint, FollowUp, Renewal, ServiceRequest
from tests.aftersales import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
_seq = itertools.count()

# pinned: session and user, the employee (permissions and access profile come from the
# cache once warm), menu/My work in the frame, the page's count and rows (the filter
# dropdowns are remembered while their tables are unchanged: core.querycache)
PINNED = {
    "/aftersales/follow-ups/": 6,
    "/aftersales/follow-ups/?work=overdue": 6,
    "/aftersales/claims/": 6,
    "/aftersales/complaints/": 6,
    "/aftersales/service-requests/": 6,
    "/aftersales/renewals/": 6,
    "/aftersales/policy-files/": 5,
}


def add_rows(policy, clerk, n):
    customer = policy.customer
    for i in range(n):
        FollowUp.objects.create(
            policy=policy,
            customer=customer,
            kind="adhoc",
            due_date=TODAY - dt.timedelta(days=i % 3),
            assigned_to=clerk,
        )
        Claim.objects.create(
            policy=policy,
            customer=customer,
            insured_name=customer.name,
            claim_type="medical",
            incident_date=TODAY,
            reported_on=TODAY,
            description="x",
            amount_claimed=Decimal("1000"),
            handled_by=clerk,
            deadline=TODAY,
        )
        Complaint.objects.create(
            customer=customer,
            policy=policy,
            team=customer.team,
            supervisor=customer.team.supervisor,
            channel="phone",
            category="service",
            subject=f"s{i}",
            description="d",
            acknowledge_by=TODAY,
            resolve_by=TODAY,
            logged_by=clerk,
        )
        ServiceRequest.objects.create(
            policy=policy, customer=customer, kind="other", description="d", handled_by=clerk
        )
        Renewal.objects.create(
            policy=policy,
            customer=customer,
            kind="premium",
            due_date=TODAY + dt.timedelta(days=100 + next(_seq)),
        )


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", list(PINNED))
def test_list_query_count_is_constant(
    url, salesperson, clerk, supervisor, client_for, checklists, django_assert_num_queries
):
    policy = f.make_policy(salesperson, clerk, effective_date=TODAY - dt.timedelta(days=60))
    # a second incomplete file for the policy-files page
    f.make_policy(salesperson, clerk, effective_date=TODAY - dt.timedelta(days=60))
    client = client_for(clerk)
    add_rows(policy, clerk, 2)
    client.get(url)  # warm the per-process caches (content types, settings)
    two = count(client, url)
    add_rows(policy, clerk, 28)
    thirty = count(client, url)
    assert two == thirty
    with django_assert_num_queries(PINNED[url]):
        client.get(url)


# (cold, warm) for the clerk: the first request after the shared cache is emptied, then the
# same again (tests/queries.py). Warm is one query fewer than the counts pinned above,
# which are taken right after rows were added. Cold includes the My work counts of appraisal
# (the clerk's own appraisal at the self stage, an interview date set) and confidentiality
# (an unsigned agreement, open customer data requests).
COLD_WARM = {
    "/aftersales/follow-ups/": (38, 5),
}


@pytest.mark.parametrize("url", COLD_WARM)
def test_cold_and_warm(url, salesperson, clerk, client_for, checklists, django_assert_num_queries):
    from tests.queries import assert_cold_and_warm

    policy = f.make_policy(salesperson, clerk, effective_date=TODAY - dt.timedelta(days=60))
    add_rows(policy, clerk, 30)
    cold, warm = COLD_WARM[url]
    assert_cold_and_warm(
        client_for(clerk), url, cold=cold, warm=warm, assert_num_queries=django_assert_num_queries
    )
