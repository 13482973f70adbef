"""The compliance logs: sensitive search terms kept masked with a keyed digest (and found
again by it), and pages an auditor reads: choices and dates, words, links, no escapes."""

import json

import pytest
from django.urls import reverse

from core import sensitive
from core.models import AccessLog, ExportLog
from core.services import audit_event
from tests.customers.factories import id_number, make_customer

pytestmark = pytest.mark.django_db

MOBILE = "13812345678"


def test_sensitive_terms_are_found_and_dates_are_not():
    number = id_number()
    assert sensitive.sensitive_terms(f"王 {number}") == [number]
    assert sensitive.sensitive_terms("138 1234 5678") == ["138 1234 5678"]
    assert sensitive.sensitive_terms("6225 8812 3456 7890") == ["6225 8812 3456 7890"]
    for harmless in ("2026-11-01", "20261101", "P000123", "王小明", "12345"):
        assert sensitive.sensitive_terms(harmless) == [], harmless
    masked, digests = sensitive.redact(f"q {MOBILE}")
    assert masked == "q 138****5678"
    assert digests == [sensitive.digest("138 1234 5678")]  # spacing does not matter


def test_search_terms_are_logged_masked_and_found_by_digest(
    client_for, supervisor, salesperson, compliance
):
    number = id_number()
    make_customer(salesperson, id_type="prc_id", id_number=number, mobile=MOBILE)
    client = client_for(supervisor)
    list_url = reverse("customers:customer_list")
    assert client.get(list_url, {"q": MOBILE}).status_code == 200
    assert client.get(list_url, {"q": number, "export": "xlsx"}).status_code == 200
    assert client.get(list_url, {"q": "王"}).status_code == 200  # nothing sensitive

    export = ExportLog.objects.get(user=supervisor)
    stored = json.dumps(export.filters, ensure_ascii=False) + export.filters_shown
    assert number not in stored and number[:3] + "*" * 11 + number[-4:] in stored
    assert sensitive.digest(number) in export.search_digests
    search = AccessLog.objects.get(user=supervisor, action=AccessLog.Action.SEARCH)
    assert MOBILE not in search.object_repr and "138****5678" in search.object_repr
    assert search.search_digests == sensitive.digest(MOBILE)
    assert search.content_type.model == "customer"
    assert not AccessLog.objects.filter(action="search", object_repr__contains="王").exists()

    # compliance types the full number into the log's search: the rows are found by digest
    auditor = client_for(compliance)
    page = auditor.get(reverse("core:exportlog_list"), {"q": number})
    assert [row.pk for row in page.context["table"].data] == [export.pk]
    page = auditor.get(reverse("core:accesslog_list"), {"q": "138-1234-5678"})
    rows = list(page.context["table"].data)
    # the supervisor's search, and this very search of the log (logged like any other)
    assert search in rows and {row.user for row in rows} == {supervisor, compliance}
    page = auditor.get(reverse("core:accesslog_list"), {"q": "13900000000"})
    assert {row.user for row in page.context["table"].data} == {compliance}  # only this one


def test_log_pages_read_in_words_with_choices_dates_and_links(
    client_for, supervisor, salesperson, clerk, compliance
):
    customer = make_customer(salesperson, mobile=MOBILE)
    client_for(clerk).get(customer.get_absolute_url())
    client_for(clerk).post(
        reverse("customers:customer_unmask", args=[customer.pk]), {"field": "mobile"}
    )
    client_for(supervisor).get(
        reverse("customers:customer_list"), {"q": "客戶", "stage": "lead", "export": "xlsx"}
    )
    audit_event(actor=clerk, verb="attachment_added", target=customer, message="文件已歸檔")
    auditor = client_for(compliance)

    access = auditor.get(reverse("core:accesslog_list")).content.decode()
    assert f'href="{customer.get_absolute_url()}"' in access
    assert "客戶" in access and "\\u" not in access
    mobile_label = str(type(customer)._meta.get_field("mobile").verbose_name)
    assert mobile_label[:1].upper() + mobile_label[1:] in access
    assert 'type="date"' in access and '<select name="content_type"' in access

    exports = auditor.get(reverse("core:exportlog_list")).content.decode()
    assert "\\u" not in exports and "{&#x27;" not in exports and "{&quot;" not in exports
    assert "搜尋: 客戶" in exports or "搜尋:客戶" in exports.replace(" ", "")
    assert '<select name="file_format"' in exports and ">Excel<" in exports

    events = auditor.get(reverse("core:auditevent_list")).content.decode()
    assert '<select name="verb"' in events and "Attachment added" not in events
    assert '<option value="attachment_added">文件已歸檔</option>' in events
    assert f'href="{customer.get_absolute_url()}"' in events
