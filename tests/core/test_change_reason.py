"""The reason for a change is asked when a record is edited, never when it is created."""

import pytest
from django.urls import reverse

from core.forms import BaseModelForm
from tests.sales.factories import make_customer, make_opportunity
from tests.test_input_bounds import ABSTRACT, _build, _project_form_classes

pytestmark = pytest.mark.django_db

REASON = 'name="change_reason"'


def test_no_create_form_asks_for_a_reason(superuser, salesperson, team_a):
    from core import params

    objects = {
        "user": superuser,
        "customer": make_customer(salesperson),
        "team": team_a,
        "definition": next(iter(params.definitions().values())),
    }
    checked = 0
    for path, cls in sorted(_project_form_classes().items()):
        if path in ABSTRACT or not issubclass(cls, BaseModelForm):
            continue
        form = _build(cls, {}, objects)
        if form.instance.pk is None:
            assert "change_reason" not in form.fields, path
            checked += 1
    assert checked >= 30


def test_create_pages_ask_no_reason_and_edit_pages_do(salesperson, client_for):
    client = client_for(salesperson)
    customer = make_customer(salesperson)
    opportunity = make_opportunity(customer)
    for url in (
        reverse("customers:customer_add"),
        reverse("sales:opportunity_add"),
        reverse("sales:visit_add"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert REASON not in page.content.decode(), url
    for url in (
        reverse("customers:customer_edit", args=[customer.pk]),
        reverse("sales:opportunity_edit", args=[opportunity.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert REASON in html and "變更原因" in html, url


def test_a_reason_given_on_an_edit_is_kept_in_the_history(salesperson, client_for):
    customer = make_customer(salesperson)
    opportunity = make_opportunity(customer)
    client = client_for(salesperson)
    form = client.get(reverse("sales:opportunity_edit", args=[opportunity.pk])).context["form"]
    data = {
        name: field.value() if field.value() is not None else ""
        for name, field in ((n, form[n]) for n in form.fields)
    }
    data = {k: v for k, v in data.items() if not isinstance(v, list) or v}
    data["change_reason"] = "客戶來電更新"
    response = client.post(reverse("sales:opportunity_edit", args=[opportunity.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    opportunity.refresh_from_db()
    assert opportunity.history.first().history_change_reason == "客戶來電更新"
