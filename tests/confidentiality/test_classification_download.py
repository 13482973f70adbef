"""The class decides who may download a file (the company's rule table); the class of one
record is set by authorised users, with its history."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from pypdf import PdfReader

from confidentiality import services
from confidentiality.models import RecordClass
from core import classification, params
from core.classification import COMPANY_WIDE, OWNER, READERS, SECRET
from core.models import AuditEvent
from customers import services as customer_services
from tests.customers.factories import make_attachment, make_customer

pytestmark = pytest.mark.django_db


def _real_pdf_attachment(customer, classification_code):
    """An attachment whose PDF can be stamped (the factory's minimal PDF is served as
    stored)."""
    from django.core.files.base import ContentFile
    from django.utils.safestring import mark_safe

    from core import exports

    data = exports.render_pdf(
        "pdf/base.html", {"body": mark_safe("<p>病歷</p>")}, user=None, title="病歷", stamped=False
    )
    return customer_services.attachment_add(
        actor=customer.owner,
        customer=customer,
        file=ContentFile(data, name="scan.pdf"),
        kind="form",
        classification=classification_code,
        description="病歷",
    )


def _url(attachment):
    return f"/customers/attachments/{attachment.pk}/download/"


def _text(response):
    data = b"".join(response.streaming_content)
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")


def test_secret_files_follow_the_rule_table(client_for, salesperson, clerk, superuser):
    attachment = _real_pdf_attachment(make_customer(salesperson), "secret")
    # by default: those who may see sensitive data, and the owner
    response = client_for(clerk).get(_url(attachment))
    assert response.status_code == 200
    with translation.override("zh-hant"):
        assert "絕密 — 由" in _text(response)
    # the company narrows secret files to the owner and the company-wide roles
    params.set_value(f"core.download_{SECRET}", [OWNER, COMPANY_WIDE], actor=superuser)
    refused = client_for(clerk).get(_url(attachment))
    assert refused.status_code == 403
    assert "絕密" in refused.content.decode() and "refusal-reason" in refused.content.decode()
    assert client_for(salesperson).get(_url(attachment)).status_code == 200
    assert client_for(superuser).get(_url(attachment)).status_code == 200


def test_a_confidential_file_opens_for_every_reader(client_for, salesperson, clerk, superuser):
    attachment = _real_pdf_attachment(make_customer(salesperson), "confidential")
    params.set_value(f"core.download_{SECRET}", [OWNER], actor=superuser)
    assert params.get("core.download_confidential") == [READERS]
    response = client_for(clerk).get(_url(attachment))
    assert response.status_code == 200
    with translation.override("zh-hant"):
        assert "機密 — 由" in _text(response)


def test_the_class_of_one_record_is_set_with_its_history(
    client_for, salesperson, supervisor, superuser, clerk
):
    attachment = make_attachment(make_customer(salesperson), classification="internal")
    with pytest.raises(PermissionDenied):
        services.record_class_set(actor=salesperson, obj=attachment, level="secret", reason="x")
    url = f"/confidentiality/classes/set/customers.customerattachment/{attachment.pk}/"
    client = client_for(supervisor)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"level": "secret", "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert client.post(url, {"level": "secret", "reason": "含病歷"}).status_code == 302
    assert classification.level_of(attachment) == SECRET
    row = RecordClass.objects.get()
    assert row.set_by == supervisor and row.history.count() == 1
    event = AuditEvent.objects.get(verb="class_set")
    assert event.object_id == str(attachment.pk)
    services.record_class_set(actor=superuser, obj=attachment, level="internal", reason="已遮蓋")
    assert RecordClass.objects.get().history.count() == 2
    assert classification.level_of(attachment) == "internal"
    with pytest.raises(ValidationError):
        services.record_class_set(actor=superuser, obj=attachment, level="top", reason="x")
    # a record the user may not open: 404; without the right: 403
    assert client_for(clerk).get(url).status_code == 403
