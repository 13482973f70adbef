"""The "call" control of a customer file: dials the mobile through a view that checks the right
to see the number and logs it like an unmasking; the page itself never holds the number."""

import pytest
from django.urls import reverse

from core.models import AccessLog
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"


def _call(client, customer):
    return client.get(reverse("customers:customer_call", args=[customer.pk]))


def test_the_call_dials_the_mobile_and_writes_the_unmask_row(client_for, salesperson, clerk):
    customer = make_customer(salesperson, mobile=MOBILE)
    before = AccessLog.objects.count()

    response = _call(client_for(salesperson), customer)

    assert response.status_code == 302
    assert response["Location"] == f"tel:{MOBILE}"
    assert "no-store" in response["Cache-Control"]
    row = AccessLog.objects.order_by("pk").last()
    assert AccessLog.objects.count() == before + 1
    assert (row.user, row.action, row.field, row.object_id) == (
        salesperson,
        AccessLog.Action.UNMASK,
        "mobile",
        str(customer.pk),
    )
    assert row.path == reverse("customers:customer_call", args=[customer.pk])

    # the supporting clerk of the team may call too, and is logged as the caller
    assert _call(client_for(clerk), customer)["Location"] == f"tel:{MOBILE}"
    assert AccessLog.objects.order_by("pk").last().user == clerk


def test_no_number_for_a_user_without_the_right(client_for, salesperson, manager):
    """A manager reads the file masked: no call control, and the call view refuses."""
    customer = make_customer(salesperson, mobile=MOBILE)
    client = client_for(manager)
    page = client.get(customer.get_absolute_url()).content.decode()
    assert 'id="call-mobile"' not in page and MOBILE not in page
    before = AccessLog.objects.filter(action=AccessLog.Action.UNMASK).count()

    response = _call(client, customer)

    assert response.status_code == 403
    assert MOBILE not in response.content.decode() and "Location" not in response
    assert AccessLog.objects.filter(action=AccessLog.Action.UNMASK).count() == before


def test_another_teams_file_is_not_found(client_for, salesperson, other_salesperson):
    customer = make_customer(salesperson, mobile=MOBILE)
    response = _call(client_for(other_salesperson), customer)
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.UNMASK).exists()


def test_the_file_links_to_the_call_view_not_the_number(client_for, salesperson):
    customer = make_customer(salesperson, mobile=MOBILE, street="南京西路1266號")
    page = client_for(salesperson).get(customer.get_absolute_url()).content.decode()
    call_url = reverse("customers:customer_call", args=[customer.pk])
    assert f'href="{call_url}"' in page
    assert "tel:" not in page and MOBILE not in page  # masked until asked for
    assert 'id="map-address"' in page and 'href="geo:0,0?q=' in page


def test_anonymous_is_sent_to_sign_in(client, salesperson):
    customer = make_customer(salesperson, mobile=MOBILE)
    response = _call(client, customer)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
