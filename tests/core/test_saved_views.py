"""Saved views: a user saves a list's filters under a name, picks them from the list header,
and may open the list with one by default; views are personal."""

import pytest

from core import savedviews
from core.models import SavedView
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db

LIST = "/customers/customers/"


def _save(client, name, query, default=False):
    data = {"list_name": "customers:customer_list", "name": name, "query": query}
    if default:
        data["is_default"] = "on"
    return client.post("/core/saved-views/", data)


def test_a_view_is_saved_and_offered_on_the_list(client_for, clerk, salesperson):
    make_customer(salesperson, name="王大明")
    client = client_for(clerk)
    response = _save(client, "我的潛在客戶", "q=王&stage=prospect&page=3&export=xlsx")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?q=%E7%8E%8B&stage=prospect"  # page/export dropped
    view = SavedView.objects.get(user=clerk)
    assert (view.name, view.query, view.is_default) == (
        "我的潛在客戶",
        "q=%E7%8E%8B&stage=prospect",
        False,
    )
    html = client.get(LIST).content.decode()
    assert "我的潛在客戶" in html and f'href="{LIST}?q=%E7%8E%8B&amp;stage=prospect"' in html
    _save(client, "我的潛在客戶", "q=李")  # the same name replaces the view
    assert SavedView.objects.get(user=clerk).query == "q=%E6%9D%8E"


def test_the_default_view_opens_the_list_and_clear_shows_all(client_for, clerk):
    client = client_for(clerk)
    _save(client, "A", "stage=prospect", default=True)
    _save(client, "B", "stage=customer", default=True)  # takes the default over
    assert list(
        SavedView.objects.filter(user=clerk, is_default=True).values_list("name", flat=True)
    ) == ["B"]
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"] == f"{LIST}?stage=customer"
    assert client.get(f"{LIST}?view=none").status_code == 200  # "Clear": unfiltered
    b = SavedView.objects.get(user=clerk, name="B")
    client.post(f"/core/saved-views/{b.pk}/default/", {"on": "0"})
    assert client.get(LIST).status_code == 200


def test_views_are_personal(client_for, clerk, supervisor):
    client = client_for(clerk)
    _save(client, "Clerk’s prospects", "stage=prospect", default=True)
    view = SavedView.objects.get(user=clerk)
    other = client_for(supervisor)
    assert "Clerk’s prospects" not in other.get(LIST).content.decode()
    assert other.get(LIST).status_code == 200  # the clerk's default is not the supervisor's
    assert other.post(f"/core/saved-views/{view.pk}/delete/").status_code == 404
    assert other.post(f"/core/saved-views/{view.pk}/default/", {"on": "0"}).status_code == 404
    assert SavedView.objects.filter(pk=view.pk, is_default=True).exists()
    client = client_for(clerk)
    assert client.post(f"/core/saved-views/{view.pk}/delete/").status_code == 302
    assert not SavedView.objects.filter(pk=view.pk).exists()


def test_bad_input_is_refused_with_a_message(client_for, clerk):
    client = client_for(clerk)
    response = _save(client, "  ", "stage=prospect")
    assert response.status_code == 302 and not SavedView.objects.exists()
    response = client.post(
        "/core/saved-views/", {"list_name": "not:a_list", "name": "x", "query": ""}
    )
    assert response["Location"] == "/" and not SavedView.objects.exists()


def test_the_views_of_a_list_are_remembered(clerk, django_assert_num_queries):
    savedviews.view_save(user=clerk, list_name="customers:customer_list", name="x", query="a=1")
    savedviews.views_for(clerk, "customers:customer_list")
    with django_assert_num_queries(0):
        [view] = savedviews.views_for(clerk, "customers:customer_list")
    savedviews.view_save(user=clerk, list_name="customers:customer_list", name="y", query="b=2")
    assert [v.name for v in savedviews.views_for(clerk, "customers:customer_list")] == ["x", "y"]
