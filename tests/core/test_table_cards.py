"""On a phone a list's rows are cards showing the facts its table declares (core.tables
BaseTable.card_facts); the filters fold into a sheet under the search."""

import django_tables2 as tables
import pytest
from django.urls import reverse

from core.tables import BaseTable
from tests.customers.factories import make_customer


class _Facts(BaseTable):
    a = tables.Column(verbose_name="甲")
    b = tables.Column(verbose_name="乙", attrs={"td": {"class": "text-end"}})
    c = tables.Column(verbose_name="丙")
    d = tables.Column(verbose_name="丁")

    card_facts = ("c", "a", "missing")


class _Default(BaseTable):
    a = tables.Column()
    b = tables.Column()
    c = tables.Column()
    d = tables.Column()


def _cells(table):
    html = str(table.body_html())
    return {name: html.split(f">{value}<")[0].rsplit("<td", 1)[1] for name, value in ROW.items()}


ROW = {"a": "A1", "b": "B1", "c": "C1", "d": "D1"}


def test_declared_facts_in_their_order_the_first_the_title():
    cells = _cells(_Facts([ROW]))
    assert "card-fact card-order-0 card-title" in cells["c"] and "data-label" not in cells["c"]
    assert "card-fact card-order-1" in cells["a"] and 'data-label="甲"' in cells["a"]
    assert "card-fact" not in cells["b"] and "text-end" in cells["b"]  # own class kept
    assert "card-fact" not in cells["d"]
    # one table's marks never leak into the class's columns
    assert "card-fact" not in str(_Facts.base_columns["c"].attrs)


def test_without_a_declaration_the_first_three_columns():
    cells = _cells(_Default([ROW]))
    assert all("card-fact" in cells[name] for name in "abc")
    assert "card-title" in cells["a"] and "card-fact" not in cells["d"]


@pytest.mark.django_db
def test_the_list_folds_its_filters_into_a_sheet(client_for, salesperson):
    make_customer(salesperson, name="陳美華")
    client = client_for(salesperson)
    page = client.get(reverse("customers:customer_list"), {"stage": "prospect"}).content.decode()
    assert (
        'id="filter-sheet"' in page and 'class="offcanvas-md offcanvas-bottom filter-sheet"' in page
    )
    assert 'id="filter-sheet-button"' in page
    assert '<span class="badge text-bg-primary">1</span>' in page  # one filter set
    # the search stays outside the sheet, on top
    assert page.index('name="q"') < page.index('id="filter-sheet"')
    assert "table-cards" in page and 'td class="card-fact card-order-0 card-title"' in page
