"""Possible duplicates are shown before saving, without leaking another team's files."""

import datetime as dt

import pytest

from customers.models import Customer
from customers.selectors import find_duplicates
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db


def test_visible_duplicates_are_listed_with_their_reasons(clerk, salesperson):
    number = id_number(dt.date(1980, 5, 5))
    existing = make_customer(
        salesperson, name="王芳", id_type="prc_id", id_number=number, mobile="13912345678"
    )
    report = find_duplicates(
        user=clerk,
        id_number=number,
        mobile="139 1234 5678",
        name="王芳",
        birth_date=dt.date(1980, 5, 5),
    )
    assert report.same_id_number and not report.hidden
    [match] = report.visible
    assert match.customer == existing
    assert len(match.reasons) == 3
    assert not find_duplicates(user=clerk, id_number=number, exclude_pk=existing.pk)


def test_other_teams_duplicates_are_only_a_neutral_message(other_salesperson, salesperson):
    make_customer(salesperson, name="李雷", mobile="13712345678")
    report = find_duplicates(user=other_salesperson, mobile="13712345678")
    assert report and report.hidden and report.visible == []


def test_duplicate_endpoint_reveals_nothing_of_a_hidden_file(
    client_for, salesperson, other_salesperson
):
    number = id_number(dt.date(1975, 1, 2))
    hidden = make_customer(
        salesperson, name="趙秘密", id_type="prc_id", id_number=number, mobile="13611112222"
    )
    client = client_for(other_salesperson)
    response = client.get(
        "/customers/customers/duplicates/",
        {"id_number": number, "mobile": "13611112222", "name": "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="duplicate-hidden"' in html  # the neutral message, in the page's language
    for secret in (
        "趙秘密",
        f"/customers/customers/{hidden.pk}/",
        salesperson.employee.name,
        "13611112222",
    ):
        assert secret not in html
    # The owner's clerk gets a link instead.
    response = client_for(salesperson).get(
        "/customers/customers/duplicates/", {"mobile": "13611112222"}
    )
    assert f"/customers/customers/{hidden.pk}/" in response.content.decode()


def _form_data(owner, clerk=None, **extra):
    data = {
        "kind": "individual",
        "name": "新客戶",
        "id_type": "prc_id",
        "mobile": "13500001111",
        "stage": "prospect",
        "owner": owner.pk,
    }
    if clerk:
        data["clerk"] = clerk.pk
    data.update(extra)
    return data


def test_form_asks_before_saving_a_possible_duplicate(client_for, clerk, salesperson):
    make_customer(salesperson, name="陳靜", mobile="13500001111")
    client = client_for(clerk)
    response = client.post("/customers/customers/add/", _form_data(salesperson, clerk))
    assert response.status_code == 200
    assert 'id="duplicate-warning"' in response.content.decode()
    assert Customer.objects.count() == 1
    response = client.post(
        "/customers/customers/add/", _form_data(salesperson, clerk, confirm_duplicate="on")
    )
    assert response.status_code == 302
    assert Customer.objects.count() == 2


def test_same_id_number_on_another_team_cannot_be_saved_and_is_not_revealed(
    client_for, salesperson, other_salesperson
):
    number = id_number(dt.date(1991, 9, 9))
    make_customer(salesperson, name="錢多多", id_type="prc_id", id_number=number)
    client = client_for(other_salesperson)
    response = client.post(
        "/customers/customers/add/",
        _form_data(other_salesperson, id_number=number, confirm_duplicate="on"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert Customer.objects.count() == 1
    assert "錢多多" not in html and salesperson.employee.name not in html
    assert "duplicate-hidden" in html


def test_excluding_a_hidden_file_does_not_silence_the_warning(
    client_for, salesperson, other_salesperson
):
    """``exclude`` leaves out only a file the user may edit: excluding another team's file
    must not make the neutral warning go away exactly when that file holds the number."""
    number = id_number(dt.date(1971, 3, 4))
    hidden = make_customer(salesperson, id_type="prc_id", id_number=number)
    report = find_duplicates(user=other_salesperson, id_number=number, exclude_pk=hidden.pk)
    assert report and report.hidden
    client = client_for(other_salesperson)
    response = client.get(
        "/customers/customers/duplicates/", {"id_number": number, "exclude": hidden.pk}
    )
    assert 'class="duplicate-hidden"' in response.content.decode()
    # the owner editing the same file is not warned about the file itself
    assert not find_duplicates(user=salesperson, id_number=number, exclude_pk=hidden.pk)
