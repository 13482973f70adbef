"""The customer file's overview shows the whole relationship: cards of open opportunities,
policies in force with the next premium due, open follow-ups, claims and complaints, the
last and next visit — each only with the rows the reader may see — and quick actions."""

import datetime as dt

import pytest
from django.utils import timezone

from sales.models import Visit
from tests.access import share
from tests.aftersales.factories import make_claim, make_complaint, make_policy
from tests.sales.factories import make_opportunity

pytestmark = pytest.mark.django_db


def _overview(client, customer):
    response = client.get(customer.get_absolute_url())
    assert response.status_code == 200
    return response


def _card(response, title):
    [card] = [c for c in response.context["cards"] if c.title == title]
    return card


def test_the_cards_show_what_is_open_on_the_file(checklists, client_for, clerk, salesperson):
    policy = make_policy(salesperson, clerk)  # delivered: its follow-up call is scheduled
    customer = policy.customer
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    opportunity = make_opportunity(
        customer, stage="meeting", next_action="回訪", next_action_date=yesterday
    )
    make_opportunity(customer, stage="won")
    claim = make_claim(policy, clerk)
    complaint = make_complaint(customer, clerk)
    now = timezone.now()
    for days, status in ((-3, "done"), (-1, "done"), (2, "planned"), (5, "planned")):
        Visit.objects.create(
            customer=customer,
            kind="face_to_face",
            status=status,
            starts_at=now + dt.timedelta(days=days),
            owner=salesperson,
        )

    response = _overview(client_for(clerk), customer)
    titles = [c.title for c in response.context["cards"]]
    assert titles == [
        "Open opportunities",
        "Policies in force",
        "Open follow-ups",
        "Open claims",
        "Open complaints",
        "Visits",
        "Sensitive information consents",  # confidentiality's card
    ]
    [opp_row] = _card(response, "Open opportunities").rows  # the won one is not open
    assert opp_row.url == opportunity.get_absolute_url() and opp_row.badge == "overdue"
    [policy_row] = _card(response, "Policies in force").rows
    assert policy.policy_number in policy_row.label and "next premium due" in policy_row.detail
    assert len(_card(response, "Open follow-ups").rows) == 1
    assert _card(response, "Open claims").rows[0].url == claim.get_absolute_url()
    assert _card(response, "Open complaints").rows[0].url == complaint.get_absolute_url()
    last, upcoming = _card(response, "Visits").rows  # the last done and the next planned
    assert (last.badge, upcoming.badge) == ("last", "next")
    assert (timezone.localtime(now - dt.timedelta(days=1))).strftime("%Y-%m-%d") in last.label
    assert (timezone.localtime(now + dt.timedelta(days=2))).strftime("%Y-%m-%d") in upcoming.label
    html = response.content.decode()
    assert "Open opportunities" in html and claim.reference in html


def test_cards_show_only_rows_the_reader_may_see(checklists, client_for, personas):
    salesperson = personas["salesperson"]
    customer = share(make_policy(salesperson, personas["clerk"]).customer, personas)
    make_opportunity(customer, stage="contacted")
    response = _overview(client_for(personas["shared_colleague"]), customer)
    # The share opens the file and what inherits its scope (its policies), not the owner's
    # opportunities.
    assert _card(response, "Open opportunities").rows == []
    assert len(_card(response, "Policies in force").rows) == 1


def test_quick_actions_for_those_allowed(client_for, salesperson, manager):
    from tests.customers.factories import make_customer

    customer = make_customer(salesperson, province="上海市", city="上海市", district="浦東新區")
    html = _overview(client_for(salesperson), customer).content.decode()
    for url in ("/sales/opportunities/add/", "/sales/visits/add/", "/sales/needs-analyses/add/"):
        assert f"{url}?customer={customer.pk}" in html
    assert "上海市浦東新區" in html and "上海市上海市" not in html
    manager_html = _overview(client_for(manager), customer).content.decode()
    assert "/sales/opportunities/add/" not in manager_html
