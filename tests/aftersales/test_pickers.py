"""Pickers over policies (core.pickers), and the form pages' query counts: choosing a customer,
a policy or an opportunity costs the same whether there are 5 rows or 60."""

import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.aftersales.factories import make_claim, make_policy
from tests.sales.factories import make_customer, make_opportunity
from tests.underwriting.factories import make_accepted_proposal
from underwriting.models import ApplicationLine, Policy

pytestmark = pytest.mark.django_db
_seq = itertools.count(1)


def search(client, source, **params):
    response = client.get(reverse("core:picker", args=[source]), params)
    assert response.status_code == 200
    return [int(k) for k in re.findall(r'data-value="(\d+)"', response.content.decode())]


def copy_policy(policy, customer=None):
    """Another issued policy like ``policy`` (its own application line and number),
    without walking the whole sales chain again."""
    line = ApplicationLine.objects.get(pk=policy.application_line_id)
    line.pk = None
    line.save()
    copy = Policy.objects.get(pk=policy.pk)
    copy.pk = None
    copy.application_line = line
    copy.policy_number = f"PX{next(_seq):07d}"
    if customer is not None:
        copy.customer = customer
    copy.save()
    return copy


def test_policies_are_narrowed_to_the_chosen_customer(
    client_for, checklists, clerk, salesperson, other_salesperson
):
    policy = make_policy(salesperson, clerk)
    second_customer = make_customer(salesperson)
    of_second = copy_policy(policy, customer=second_customer)
    client = client_for(clerk)
    assert set(search(client, "underwriting.policy")) == {policy.pk, of_second.pk}
    assert search(client, "underwriting.policy", customer=policy.customer_id) == [policy.pk]
    assert search(client, "underwriting.policy", customer=second_customer.pk) == [of_second.pk]
    # found by its number or the customer's name, as on the policy list
    assert search(client, "underwriting.policy", q=of_second.policy_number) == [of_second.pk]
    # another team's salesperson never sees them
    assert search(client_for(other_salesperson), "underwriting.policy") == []


def test_a_complaint_refuses_a_policy_of_another_customer(
    client_for, checklists, clerk, salesperson
):
    policy = make_policy(salesperson, clerk)
    stranger = make_customer(salesperson)
    response = client_for(clerk).post(
        reverse("aftersales:complaint_add"),
        {
            "customer": stranger.pk,
            "policy": policy.pk,
            "subject": "s",
            "description": "d",
            "received_on": "2026-12-01",
            "channel": "phone",
            "category": "service",
            "severity": "medium",
        },
    )
    assert response.status_code == 200
    assert "policy" in response.context["form"].errors


def test_a_hidden_policy_is_refused_with_a_field_error(
    client_for, checklists, clerk, salesperson, other_salesperson
):
    policy = make_policy(salesperson, clerk)
    response = client_for(other_salesperson).post(
        reverse("aftersales:complaint_add"),
        {"customer": policy.customer_id, "policy": policy.pk, "subject": "s"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "customer" in errors and "policy" in errors


def _count(client, url):
    client.get(url)  # warm: permissions, settings and remembered drop-downs are cached
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_form_pages_cost_the_same_for_5_and_60_rows(
    client_for, checklists, clerk, salesperson, django_assert_num_queries
):
    policy = make_policy(salesperson, clerk)
    customer = policy.customer

    def add_rows(n):
        for _ in range(n):
            other = make_customer(salesperson)
            make_opportunity(other)
            copy_policy(policy, customer=other)
        for _ in range(max(1, n // 10)):
            make_accepted_proposal(make_customer(salesperson), salesperson=salesperson, clerk=clerk)

    add_rows(4)
    pages = [
        (clerk, reverse("aftersales:followup_add")),
        (clerk, reverse("aftersales:followup_add") + f"?policy={policy.pk}"),
        (clerk, reverse("aftersales:claim_add") + f"?policy={policy.pk}"),
        (clerk, reverse("aftersales:complaint_add") + f"?customer={customer.pk}"),
        (clerk, reverse("aftersales:servicerequest_add")),
        (clerk, reverse("underwriting:application_add")),
        (clerk, reverse("customers:customer_add")),
        (salesperson, reverse("sales:opportunity_add") + f"?customer={customer.pk}"),
        (salesperson, reverse("sales:visit_add")),
        (salesperson, reverse("sales:needsanalysis_add")),
        (salesperson, reverse("aftersales:complaint_add")),
    ]
    counts = [_count(client_for(user), url) for user, url in pages]
    add_rows(56)
    assert Policy.objects.count() >= 60
    for (user, url), expected in zip(pages, counts, strict=True):
        client = client_for(user)
        client.get(url)  # warm again: the new rows moved the cached tables' versions
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("<option") < 60, url


def test_applications_and_claims_are_found_by_their_reference(
    client_for, checklists, clerk, salesperson, other_salesperson
):
    """The reference the pages show (AP000123, CL000123) finds the record and is its label;
    another team's salesperson finds nothing by it."""
    policy = make_policy(salesperson, clerk)
    claim = make_claim(policy, clerk)
    application = policy.application_line.application
    for source, obj in (("underwriting.application", application), ("aftersales.claim", claim)):
        client = client_for(clerk)  # the same client logs in again below
        assert search(client, source, q=obj.reference) == [obj.pk]
        assert search(client, source, q=f" {obj.reference.lower()} ") == [obj.pk]
        response = client.get(reverse("core:picker", args=[source]), {"q": obj.reference})
        assert obj.reference in response.content.decode()
        # another prefix, or the number alone, is not a reference
        assert obj.pk not in search(client, source, q=f"XX{obj.pk:06d}")
        assert search(client_for(other_salesperson), source, q=obj.reference) == []
    assert search(client_for(clerk), "aftersales.claim", q=application.reference) == []
