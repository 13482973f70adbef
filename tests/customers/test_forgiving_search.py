"""Search that forgives: either Chinese script, spaces, full-width forms, the last four
digits of a mobile, and the same key in the duplicate check; never a row out of scope."""

import datetime as dt

import pytest

from core.text import search_key
from customers.models import Customer
from customers.selectors import customer_search_q, find_duplicates
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db


def test_search_key_merges_scripts_widths_spaces_and_case():
    assert search_key("張偉") == search_key("张伟") == "张伟"
    assert search_key("林 美玲") == search_key("林美玲")
    assert search_key("ＡＢＣ　１２３") == "abc123"  # full-width letters, digits and space
    assert search_key("  ") == "" and search_key(None) == ""


def _found(user, term):
    return set(
        Customer.objects.visible_to(user)
        .filter(customer_search_q(term))
        .values_list("pk", flat=True)
    )


def test_traditional_and_simplified_find_each_other(salesperson):
    traditional = make_customer(salesperson, name="張偉")
    simplified = make_customer(salesperson, name="刘丽华")
    make_customer(salesperson, name="王芳")
    assert _found(salesperson, "张伟") == {traditional.pk}
    assert _found(salesperson, "張") == {traditional.pk}
    assert _found(salesperson, "劉麗華") == {simplified.pk}


def test_spaces_and_full_width_are_ignored(salesperson):
    customer = make_customer(salesperson, name="林美玲", mobile="13812345678")
    assert _found(salesperson, "林 美玲") == {customer.pk}
    assert _found(salesperson, "林　美　玲") == {customer.pk}  # ideographic spaces
    assert _found(salesperson, "１３８１２３４５６７８") == {customer.pk}  # full-width digits


def test_last_four_digits_of_the_mobile_find_only_rows_in_scope(salesperson, other_salesperson):
    mine = make_customer(salesperson, name="周杰", mobile="13900005678")
    theirs = make_customer(other_salesperson, name="吳昊", mobile="13711115678")
    make_customer(salesperson, name="孫麗", mobile="13900001234")
    assert _found(salesperson, "5678") == {mine.pk}
    assert _found(other_salesperson, "5678") == {theirs.pk}
    assert _found(salesperson, "５６７８") == {mine.pk}
    assert not _found(salesperson, "567")  # three digits are not a last-four search


def test_the_list_page_searches_the_same_way(client_for, clerk, salesperson):
    customer = make_customer(salesperson, name="張偉", mobile="13900002468")
    client = client_for(clerk)
    for term in ("张伟", "張 偉", "2468"):
        response = client.get("/customers/customers/", {"q": term})
        assert response.status_code == 200
        assert f"/customers/customers/{customer.pk}/" in response.content.decode(), term


def test_duplicate_check_matches_the_name_in_the_other_script(clerk, salesperson):
    born = dt.date(1985, 3, 4)
    existing = make_customer(salesperson, name="陳國強", birth_date=born)
    report = find_duplicates(user=clerk, name="陈国强", birth_date=born)
    assert [m.customer for m in report.visible] == [existing]
    assert not find_duplicates(user=clerk, name="陈国强", birth_date=dt.date(1985, 3, 5))


def test_renaming_moves_the_keys(salesperson):
    customer = make_customer(salesperson, name="張偉", mobile="13900001357")
    customer.name = "李娜"
    customer.mobile = "13900002222"
    customer.save()
    assert _found(salesperson, "李娜") == {customer.pk}
    assert not _found(salesperson, "张伟")
    assert not _found(salesperson, "1357")
    assert _found(salesperson, "2222") == {customer.pk}


def test_roles_without_customer_pages_get_no_customer_search_box(client_for, hr, clerk):
    assert 'id="topbar-search"' not in client_for(hr).get("/").content.decode()
    assert 'id="topbar-search"' in client_for(clerk).get("/").content.decode()
