"""The list tables' rows, built in Python, are exactly django-tables2's own template loop."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from core.models import Notification
from core.tables import NotificationTable
from customers.models import Customer, CustomerTag
from customers.tables import CustomerTable
from tests.customers.factories import make_customer

pytestmark = pytest.mark.django_db

# django-tables2's loop, as core/table.html had it before body_html.
REFERENCE = Template(
    "{% for row in table.paginated_rows %}"
    "<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    "<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}</tr>"
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


def reference_rows(table):
    return REFERENCE.render(Context({"table": table}))


def paginated(table_class, data, **kwargs):
    table = table_class(data, **kwargs)
    table.paginate(page=1, per_page=25)
    return table


def test_customer_rows_match(salesperson, clerk):
    tags = [
        CustomerTag.objects.create(name="高淨值", colour="danger"),
        CustomerTag.objects.create(name="<i>轉介</i>", colour="info"),
    ]
    make_customer(salesperson, tags=tags, needs=("life",))
    archived = make_customer(salesperson, actor=clerk, name="<b>舊檔</b>")
    Customer.objects.filter(pk=archived.pk).update(archived=True, archived_on=dt.date.today())
    data = Customer.objects.select_related("owner", "clerk", "team").prefetch_related("tags")
    table = paginated(CustomerTable, data, order_by="name")
    ours = str(table.body_html())
    assert ours == reference_rows(paginated(CustomerTable, data, order_by="name"))
    assert "&lt;b&gt;舊檔&lt;/b&gt;" in ours  # escaped
    assert '<span class="badge text-bg-danger">高淨值</span>' in ours  # tags from the record
    assert "&lt;i&gt;轉介&lt;/i&gt;" in ours
    assert '<tr class="text-muted ' in ours  # the row style of an archived file


def test_rows_with_callable_row_attrs_match(salesperson):
    for i in range(3):
        Notification.objects.create(recipient=salesperson, title=f"Note {i}", body="x")
    request = RequestFactory().get("/")
    data = Notification.objects.all()
    ours = str(paginated(NotificationTable, data, request=request).body_html())
    assert ours == reference_rows(paginated(NotificationTable, data, request=request))
    assert "fw-semibold" in ours


@pytest.mark.parametrize(
    "value",
    [
        "a < b & 'c' \"d\"",
        "",
        mark_safe("<b>ok</b>"),
        12,
        3.5,
        None,
        gettext_lazy("Yes"),
        dt.date(2026, 1, 2),
    ],
)
def test_fast_escaping_matches_django(value):
    from django.template.base import render_value_in_context
    from django.utils.html import conditional_escape

    from core.html import cell_html, esc

    assert esc(value) == conditional_escape(value)
    context = Context(autoescape=True)
    assert cell_html(value, context) == render_value_in_context(value, context)
