"""List pages cost a fixed number of queries, whatever the number of rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.sales.factories import make_insurer, make_product
from tests.underwriting import factories as f
from underwriting.models import Application, ApplicationLine, Policy

pytestmark = pytest.mark.django_db

# pinned: session and user, the employee (permissions and access profile come from the
# cache once warm), menu/My work in the frame, the page's count and rows (the filter
# dropdowns are remembered while their tables are unchanged: core.querycache)
APPLICATION_LIST_QUERIES = 6
APPLICATION_FILTERED_QUERIES = 5  # a valid filter: no separate count of the unfiltered rows
POLICY_LIST_QUERIES = 6


def add_rows(proposal, clerk, n):
    """``n`` applications (each to its own insurer) with a line and an issued policy."""
    customer = proposal.opportunity.customer
    for i in range(n):
        product = make_product(insurer=make_insurer())
        application = Application.objects.create(
            customer=customer,
            proposal=proposal,
            opportunity=proposal.opportunity,
            insurer=product.insurer,
            prepared_by=clerk,
            status="accepted",
            submitted_on=dt.date.today(),
        )
        line = ApplicationLine.objects.create(
            application=application,
            product=product,
            sum_insured=Decimal("100000"),
            annual_premium=Decimal("1000"),
        )
        Policy.objects.create(
            application=application,
            application_line=line,
            proposal=proposal,
            opportunity=proposal.opportunity,
            customer=customer,
            insurer=product.insurer,
            product=product,
            insured_name=customer.name,
            policy_number=f"Q{i}",
            sum_insured=line.sum_insured,
            annual_premium=line.annual_premium,
            installment=line.annual_premium,
            payment_years=10,
            effective_date=dt.date.today(),
            issued_by=clerk,
        )


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        ("/underwriting/applications/", APPLICATION_LIST_QUERIES),
        ("/underwriting/applications/?status=accepted&work=pending", APPLICATION_FILTERED_QUERIES),
        ("/underwriting/policies/", POLICY_LIST_QUERIES),
    ],
)
def test_list_query_count_is_constant(
    url, pinned, salesperson, clerk, client_for, checklist, django_assert_num_queries
):
    customer = f.make_full_customer(salesperson)
    proposal = f.make_accepted_proposal(customer, salesperson=salesperson, clerk=clerk)
    client = client_for(clerk)
    add_rows(proposal, clerk, 2)
    client.get(url)  # warm the per-process caches (content types, settings)
    two = count(client, url)
    add_rows(proposal, clerk, 28)
    client.get(url)  # the drop-downs read new products and insurers once
    thirty = count(client, url)
    assert two == thirty
    with django_assert_num_queries(pinned):
        client.get(url)


# (cold, warm) for the clerk: the first request after the shared cache is emptied, then the
# same again (tests/queries.py). Warm is one query fewer than the counts pinned above,
# which are taken right after rows were added. Cold includes the My work counts of appraisal
# (the clerk's own appraisal at the self stage, an interview date set) and confidentiality
# (an unsigned agreement, open customer data requests).
COLD_WARM = {
    "/underwriting/applications/": (41, 5),
    "/underwriting/policies/": (42, 5),
}


@pytest.mark.parametrize("url", COLD_WARM)
def test_cold_and_warm(url, salesperson, clerk, client_for, checklist, django_assert_num_queries):
    from tests.queries import assert_cold_and_warm

    customer = f.make_full_customer(salesperson)
    proposal = f.make_accepted_proposal(customer, salesperson=salesperson, clerk=clerk)
    add_rows(proposal, clerk, 30)
    cold, warm = COLD_WARM[url]
    assert_cold_and_warm(
        client_for(clerk), url, cold=cold, warm=warm, assert_num_queries=django_assert_num_queries
    )
