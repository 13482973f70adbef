"""Type-ahead pickers (core.pickers): the one search endpoint, restricted like the lists, and
the form field that re-checks a posted key against the same restricted rows."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from core import pickers
from sales.forms import OpportunityForm, VisitForm
from sales.models import Opportunity
from tests.sales.factories import make_customer, make_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def search(client, source, **params):
    response = client.get(reverse("core:picker", args=[source]), params)
    assert response.status_code == 200
    page = response.content.decode()
    keys = [int(k) for k in re.findall(r'data-value="(\d+)"', page)]
    return keys, page


def test_every_growing_model_has_a_source():
    names = set(pickers._sources)
    for name in (
        "customers.customer",
        "underwriting.policy",
        "underwriting.application",
        "sales.open_opportunity",
        "aftersales.claim",
        "customers.owner",
        "customers.clerk",
    ):
        assert name in names


def test_search_is_restricted_per_persona(client_for, salesperson, other_salesperson, clerk):
    own = make_customer(salesperson, name="王大同")
    other = make_customer(other_salesperson, name="王小同")
    # the salesperson: only their own file, whatever they type
    keys, _page = search(client_for(salesperson), "customers.customer", q="王")
    assert keys == [own.pk]
    keys, _page = search(client_for(salesperson), "customers.customer", q="小同")
    assert keys == []
    # the team's clerk: team A's files, never team B's
    keys, _page = search(client_for(clerk), "customers.customer", q="同")
    assert keys == [own.pk]
    keys, _page = search(client_for(other_salesperson), "customers.customer")
    assert keys == [other.pk]


def test_search_finds_a_customer_by_mobile_and_id_number(client_for, salesperson):
    found = make_customer(salesperson, name="李四", mobile="13800138000")
    make_customer(salesperson, name="張三", mobile="13900139000")
    keys, page = search(client_for(salesperson), "customers.customer", q="138 0013 8000")
    assert keys == [found.pk]
    # the label masks the mobile and carries no internal id
    assert "138****8000" in page and "13800138000" not in page


def test_labels_carry_no_internal_id(client_for, salesperson):
    customers = [make_customer(salesperson, name="陳") for _ in range(3)]
    opportunities = [make_opportunity(c) for c in customers]
    _keys, page = search(client_for(salesperson), "sales.open_opportunity")
    labels = re.findall(r'data-label="([^"]*)"', page)
    assert len(labels) == 3
    pks = {str(o.pk) for o in opportunities} | {str(c.pk) for c in customers}
    for label in labels:
        assert not set(re.findall(r"\d+", label)) & pks, label


def test_dependent_choice_is_narrowed(client_for, salesperson):
    first, second = make_customer(salesperson), make_customer(salesperson)
    mine = make_opportunity(first)
    make_opportunity(second)
    make_opportunity(first, stage="won")  # a closed one is never offered
    keys, _page = search(client_for(salesperson), "sales.open_opportunity", customer=first.pk)
    assert keys == [mine.pk]


def test_search_answers_at_most_the_limit_and_says_more_match(client_for, salesperson):
    for _ in range(pickers.MAX_RESULTS + 1):
        make_customer(salesperson, name="周")
    keys, page = search(client_for(salesperson), "customers.customer", q="周")
    assert len(keys) == pickers.MAX_RESULTS
    assert "type more" in page


def test_no_matches_is_said(client_for, salesperson):
    keys, page = search(client_for(salesperson), "customers.customer", q="nobody")
    assert keys == [] and "No matches" in page


def test_unknown_source_and_anonymous(client_for, salesperson):
    assert client_for(salesperson).get("/core/pickers/nothing.here/").status_code == 404
    response = client_for(None).get(reverse("core:picker", args=["customers.customer"]))
    assert response.status_code == 302


def test_a_role_without_the_model_permission_sees_nothing(client_for, hr, salesperson):
    make_customer(salesperson)
    keys, _page = search(client_for(hr), "customers.customer")
    assert keys == []


def test_a_posted_key_outside_the_scope_is_a_field_error(
    client_for, salesperson, other_salesperson
):
    foreign = make_customer(other_salesperson)
    response = client_for(salesperson).post(
        reverse("sales:opportunity_add"),
        {"customer": foreign.pk, "need": "critical_illness", "channel": "telemarketing"},
    )
    assert response.status_code == 200
    assert "customer" in response.context["form"].errors
    assert not Opportunity.objects.exists()
    # a key that is not a number is refused the same way
    form = OpportunityForm(
        data={"customer": "x", "need": "critical_illness", "channel": "telemarketing"},
        user=salesperson,
    )
    assert not form.is_valid() and "customer" in form.errors


def test_a_chosen_key_in_scope_is_accepted(salesperson):
    customer = make_customer(salesperson)
    form = OpportunityForm(
        data={
            "customer": customer.pk,
            "need": "critical_illness",
            "channel": "telemarketing",
            "expected_premium": "0",
        },
        user=salesperson,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["customer"] == customer


def test_the_dependent_field_is_checked_on_submit(salesperson):
    first, second = make_customer(salesperson), make_customer(salesperson)
    of_second = make_opportunity(second)
    data = {
        "customer": first.pk,
        "opportunity": of_second.pk,
        "kind": "phone",
        "status": "planned",
        "starts_at": "2026-12-01T10:00",
        "duration_minutes": "30",
    }
    form = VisitForm(data=data, user=salesperson)
    assert not form.is_valid() and "opportunity" in form.errors
    form = VisitForm(data={**data, "customer": second.pk}, user=salesperson)
    form.is_valid()
    assert "opportunity" not in form.errors


def test_the_widget_shows_the_chosen_label_and_searches(client_for, salesperson):
    customer = make_customer(salesperson, name="趙六")
    page = (
        client_for(salesperson)
        .get(reverse("sales:opportunity_add"), {"customer": customer.pk})
        .content.decode()
    )
    assert f'name="customer" id="id_customer" value="{customer.pk}"' in page
    assert 'value="趙六"' in page
    assert 'hx-get="/core/pickers/customers.customer/"' in page
    assert '<label class="form-label" for="id_customer_search">' in page
    assert 'placeholder="' in page
    assert '<select name="customer"' not in page


def test_a_hidden_initial_key_renders_empty(client_for, salesperson, other_salesperson):
    foreign = make_customer(other_salesperson, name="錢七")
    page = (
        client_for(salesperson)
        .get(reverse("sales:opportunity_add"), {"customer": foreign.pk})
        .content.decode()
    )
    assert "錢七" not in page
    assert 'name="customer" id="id_customer" value=""' in page


def test_a_form_redisplayed_with_errors_keeps_the_choice(client_for, salesperson):
    customer = make_customer(salesperson, name="孫八")
    response = client_for(salesperson).post(
        reverse("sales:opportunity_add"), {"customer": customer.pk, "need": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="customer" id="id_customer" value="{customer.pk}"' in page
    assert 'value="孫八"' in page


def test_a_multiple_picker_keeps_its_choices_and_refuses_others(superuser, clerk, salesperson):
    from org.forms import TeamForm

    data = {"name": "Team C", "code": "C", "active": "on"}
    form = TeamForm(data={**data, "clerks": [clerk.pk, salesperson.pk]}, user=superuser)
    assert not form.is_valid() and "clerks" in form.errors  # a salesperson is no clerk
    form = TeamForm(data={**data, "clerks": [clerk.pk]}, user=superuser)
    assert form.is_valid(), form.errors
    assert list(form.cleaned_data["clerks"]) == [clerk]
    html = str(form["clerks"])
    assert f'name="clerks" value="{clerk.pk}"' in html
    assert clerk.display_name in html and "<option" not in html


def test_the_search_costs_the_same_for_5_and_60_rows(
    client_for, salesperson, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(salesperson)
    url = reverse("core:picker", args=["sales.open_opportunity"])
    for _ in range(5):
        make_opportunity(make_customer(salesperson, mobile="13800138000"))
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    expected = len(ctx.captured_queries)  # now: the log is a bounded deque
    for _ in range(55):
        make_opportunity(make_customer(salesperson, mobile="13800138000"))
    client.get(url)
    with django_assert_num_queries(expected):
        keys, _page = search(client, "sales.open_opportunity")
    assert len(keys) == pickers.MAX_RESULTS


def test_training_has_one_employee_and_one_course_source(hr, salesperson):
    """Sessions, enrolments, certificates, development plans and rotations choose from the
    same two sources; the forms of each name them."""
    from training.forms import careers, qualifications, sessions

    names = set(pickers._sources)
    assert {"training.employee", "training.course"} <= names
    assert not {n for n in names if n.startswith("training.quals_")}
    used = {
        field.source_name
        for form in (
            careers.DevelopmentPlanForm,
            careers.StepRequirementForm,
            careers.JobRotationForm,
            qualifications.CertificateForm,
            sessions.SessionForm,
        )
        for field in form.base_fields.values()
        if getattr(field, "source_name", None) is not None
    }
    assert {"training.employee", "training.course"} <= used
    source = pickers.get_source("training.employee")
    rows, _more = source.matches(hr, salesperson.employee.name)
    assert [pk for pk, _label in rows] == [salesperson.employee.pk]
    assert salesperson.employee.employee_no in rows[0][1]
