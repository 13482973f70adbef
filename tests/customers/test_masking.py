"""Masked numbers, the logged "show" control, and the access log of every view of a file."""

import pytest

from core.models import AccessLog
from customers.models import Customer, CustomerAttachment
from tests.customers.factories import id_number, make_attachment, make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer(salesperson, clerk):
    return make_customer(
        salesperson,
        actor=clerk,
        id_type="prc_id",
        id_number=id_number(),
        mobile="13812345678",
        health_note="糖尿病史",
    )


def test_pages_show_masked_values(client_for, customer, clerk, manager):
    for user in (clerk, manager):
        html = client_for(user).get(customer.get_absolute_url()).content.decode()
        assert "138****5678" in html
        assert "13812345678" not in html
        assert customer.id_number not in html
        assert "糖尿病史" not in html
    # Only those allowed get the "show" control.
    assert "hx-post" in client_for(clerk).get(customer.get_absolute_url()).content.decode()
    assert (
        'class="btn btn-link btn-sm p-0 align-baseline unmask"'
        not in client_for(manager).get(customer.get_absolute_url()).content.decode()
    )


def test_every_view_is_in_the_access_log(client_for, customer, clerk):
    client = client_for(clerk)
    AccessLog.objects.all().prune()
    for suffix in ("", "family/", "needs/", "attachments/", "timeline/", "history/", "edit/"):
        assert (
            client.get(customer.get_absolute_url() + suffix, REMOTE_ADDR="10.1.2.3").status_code
            == 200
        )
    rows = AccessLog.objects.filter(object_id=str(customer.pk), action="view")
    assert rows.count() == 7
    row = rows.first()
    assert row.user == clerk and row.ip_address == "10.1.2.3" and row.path.startswith("/customers/")


def test_unmask_is_deliberate_and_logged(client_for, customer, clerk, manager):
    url = f"/customers/customers/{customer.pk}/unmask/"
    response = client_for(clerk).post(url, {"field": "mobile"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "13812345678" in response.content.decode()
    log = AccessLog.objects.get(action="unmask")
    assert (log.user, log.field, log.object_id) == (clerk, "mobile", str(customer.pk))
    response = client_for(clerk).post(url, {"field": "health_note"})
    assert "糖尿病史" in response.content.decode()
    # Without customers.view_sensitive: refused, nothing logged.
    assert client_for(manager).post(url, {"field": "mobile"}).status_code == 403
    assert client_for(clerk).post(url, {"field": "name"}).status_code == 404
    assert AccessLog.objects.filter(action="unmask").count() == 2


def test_history_tab_masks_sensitive_fields(client_for, customer, clerk):
    html = client_for(clerk).get(customer.get_absolute_url() + "history/").content.decode()
    assert customer.id_number not in html and "13812345678" not in html
    assert customer.id_number_hash not in html  # digests are not shown either


def test_history_says_changed_and_unmasking_a_value_is_logged(
    client_for, customer, clerk, manager, other_salesperson
):
    """Not even a partly masked value: "二型糖*****素治療中" would tell the diagnosis."""
    from core.history import history_entries
    from customers.services import customer_update

    customer_update(
        actor=clerk, customer=customer, health_note="二型糖尿病胰島素治療中", mobile="13900001111"
    )
    url = customer.get_absolute_url() + "history/"
    for user in (clerk, manager):
        html = client_for(user).get(url).content.decode()
        for fragment in ("二型糖", "治療中", "糖尿病", "138", "5678", "139", "1111"):
            assert fragment not in html, (user, fragment)
        assert "已變更" in html
    assert "unmask" not in client_for(manager).get(url).content.decode()
    assert "/core/history/customers.customer/" in client_for(clerk).get(url).content.decode()

    latest = customer.history.latest()
    # the latest change (the factory saved the first note after recording the consent)
    entry = next(e for e in history_entries(customer, user=clerk) if e["type_code"] == "~")
    changes = {str(label): (old, new) for label, old, new in entry["changes"]}
    old, new = changes[str(Customer._meta.get_field("health_note").verbose_name)]
    assert new.history_id == latest.history_id and new.unmask_url
    AccessLog.objects.all().prune()
    response = client_for(clerk).post(new.unmask_url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "二型糖尿病胰島素治療中" in response.content.decode()
    assert "糖尿病史" in client_for(clerk).post(old.unmask_url).content.decode()
    logs = AccessLog.objects.filter(action="unmask").order_by("pk")
    assert [(log.user, log.object_id) for log in logs] == [(clerk, str(customer.pk))] * 2
    assert logs[0].field == f"history:{latest.history_id}:health_note"
    # without the right: refused; another team's file: not found; a plain field: not found
    assert client_for(manager).post(new.unmask_url).status_code == 403
    assert client_for(other_salesperson).post(new.unmask_url).status_code == 404
    plain = new.unmask_url.replace("health_note", "name")
    assert client_for(clerk).post(plain).status_code == 404
    assert AccessLog.objects.filter(action="unmask").count() == 2


def test_edit_form_without_unmask_right_keeps_numbers_blind(customer, superuser):
    # A user who may change files but not see numbers edits them blind.
    from django.contrib.auth.models import Permission

    from customers.forms import CustomerForm
    from tests.factories import make_employee

    editor = make_employee("supervisor", team=customer.team, username="blind")
    editor.groups.first().permissions.remove(Permission.objects.get(codename="view_sensitive"))
    editor = type(editor).objects.get(pk=editor.pk)
    form = CustomerForm(instance=customer, user=editor)
    assert form.initial["mobile"] == "" and "138****5678" in str(form.fields["mobile"].help_text)


def test_secret_attachments_need_the_sensitive_right(client_for, customer, manager, clerk):
    attachment = make_attachment(customer, classification=CustomerAttachment.Classification.SECRET)
    url = f"/customers/attachments/{attachment.pk}/download/"
    assert client_for(manager).get(url).status_code == 403
    response = client_for(clerk).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(action="download", user=clerk).count() == 1


def test_family_member_id_is_masked_with_a_logged_show_control(
    client_for, customer, clerk, manager
):
    from customers.models import FamilyMember

    member = FamilyMember.objects.create(
        customer=customer, relation="child", name="小明", id_number="110101201001011237"
    )
    page = client_for(clerk).get(f"/customers/customers/{customer.pk}/family/").content.decode()
    assert "110101201001011237" not in page and "110***********1237" in page
    assert f"/customers/family/{member.pk}/unmask/" in page
    # the manager (no customers.view_sensitive) sees the mask without the control
    page = client_for(manager).get(f"/customers/customers/{customer.pk}/family/").content.decode()
    assert "110***********1237" in page and f"/family/{member.pk}/unmask/" not in page
    assert client_for(manager).post(f"/customers/family/{member.pk}/unmask/").status_code == 403
    response = client_for(clerk).post(f"/customers/family/{member.pk}/unmask/")
    assert "110101201001011237" in response.content.decode()
    log = AccessLog.objects.get(action="unmask")
    assert (log.user, log.object_id, log.field) == (
        clerk,
        str(customer.pk),
        f"family:{member.pk}:id_number",
    )


def test_family_member_form_without_unmask_right_keeps_the_number_blind(customer):
    from django.contrib.auth.models import Permission

    from customers.forms import FamilyMemberForm
    from customers.models import FamilyMember
    from tests.factories import make_employee

    member = FamilyMember.objects.create(
        customer=customer, relation="child", name="小明", id_number="110101201001011237"
    )
    editor = make_employee("supervisor", team=customer.team, username="blind")
    editor.groups.first().permissions.remove(Permission.objects.get(codename="view_sensitive"))
    editor = type(editor).objects.get(pk=editor.pk)
    form = FamilyMemberForm(instance=member, user=editor)
    assert form.initial["id_number"] == ""
    assert "110***********1237" in str(form.fields["id_number"].help_text)
    data = {"relation": "child", "name": "小明", "id_number": "", "dependent": "on"}
    form = FamilyMemberForm(data, instance=member, user=editor)
    assert form.is_valid(), form.errors
    assert form.save().id_number == "110101201001011237"


def test_a_document_pdf_is_stamped_for_whoever_downloads_it(client_for, customer, clerk):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader, PdfWriter

    from customers.services import attachment_add

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    scan = io.BytesIO()
    writer.write(scan)
    attachment = attachment_add(
        actor=clerk,
        customer=customer,
        file=SimpleUploadedFile("scan.pdf", scan.getvalue()),
        kind="id_copy",
        classification="confidential",
    )
    response = client_for(clerk).get(f"/customers/attachments/{attachment.pk}/download/")
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert clerk.display_name in text
    with attachment.file.open("rb") as stored:  # the stored original names nobody
        assert clerk.display_name not in PdfReader(stored).pages[0].extract_text()
