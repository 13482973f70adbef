"""The pages as a user drives them: entry, filters and search, tabs, reassign, share, My work."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import mywork
from customers.models import Customer, CustomerAttachment, CustomerNeed, FamilyMember
from tests.customers.factories import PDF_BYTES, id_number, make_customer

pytestmark = pytest.mark.django_db


def test_clerk_enters_a_customer_and_the_id_fills_the_rest(client_for, clerk, salesperson):
    number = id_number(dt.date(1982, 11, 30), male=False, region="330106")
    response = client_for(clerk).post(
        "/customers/customers/add/",
        {
            "kind": "individual",
            "name": "周美玲",
            "id_type": "prc_id",
            "id_number": number.lower(),
            "mobile": "+86 186 0000 1234",
            "stage": "intending",
            "source_channel": "referral",
            "owner": salesperson.pk,
            "needs": ["education", "medical"],
        },
    )
    assert response.status_code == 302
    customer = Customer.objects.get()
    assert response.url == customer.get_absolute_url()
    assert (customer.birth_date, customer.gender, customer.province) == (
        dt.date(1982, 11, 30),
        "female",
        "浙江省",
    )
    assert customer.id_number == number and customer.mobile == "18600001234"
    assert customer.clerk == clerk and customer.team == salesperson.employee.team
    assert set(customer.needs.values_list("kind", flat=True)) == {"education", "medical"}


def test_stage_requirements_are_shown_next_to_the_fields(client_for, clerk, salesperson):
    response = client_for(clerk).post(
        "/customers/customers/add/",
        {
            "kind": "individual",
            "name": "缺資料",
            "id_type": "prc_id",
            "mobile": "13800000000",
            "stage": "customer",
            "owner": salesperson.pk,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"id_number", "street", "occupation", "source_channel"} <= set(errors)


def test_salesperson_can_only_make_own_files(client_for, salesperson, other_salesperson):
    client = client_for(salesperson)
    form = client.get("/customers/customers/add/").context["form"]
    assert list(form.fields["owner"].queryset) == [salesperson]
    assert form.initial["owner"] == salesperson.pk
    response = client.post(
        "/customers/customers/add/",
        {
            "kind": "individual",
            "name": "越權",
            "id_type": "prc_id",
            "mobile": "13800000000",
            "stage": "prospect",
            "owner": other_salesperson.pk,
        },
    )
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert not Customer.objects.exists()


def test_dropdowns_are_restricted(client_for, clerk, salesperson, other_salesperson):
    mine = make_customer(salesperson)
    theirs = make_customer(other_salesperson)
    form = client_for(clerk).get("/customers/customers/add/").context["form"]
    assert (
        mine in form.fields["referred_by"].queryset
        and theirs not in form.fields["referred_by"].queryset
    )
    assert other_salesperson not in form.fields["owner"].queryset
    filters = client_for(clerk).get("/customers/customers/").context["filter"].form
    assert list(filters.fields["team"].queryset) == [salesperson.employee.team]


def test_search_by_name_part_mobile_and_id(client_for, clerk, salesperson, other_salesperson):
    number = id_number()
    a = make_customer(
        salesperson, name="歐陽修文", mobile="13711112222", id_type="prc_id", id_number=number
    )
    make_customer(salesperson, name="別人")
    make_customer(other_salesperson, name="歐陽別組", mobile="13799998888")
    client = client_for(clerk)

    def names(q):
        return [c.name for c in client.get("/customers/customers/", {"q": q}).context["table"].data]

    assert names("陽修") == [a.name]
    assert names("137 1111 2222") == [a.name]
    assert names(number) == [a.name]
    assert names("13799998888") == []  # another team's file is not found
    assert names("歐陽") == [a.name]
    response = client.get("/customers/search/", {"q": "歐陽"})
    assert response.status_code == 302 and response.url.endswith(
        "/customers/customers/?q=%E6%AD%90%E9%99%BD"
    )


def test_filters_archive_and_incomplete(client_for, clerk, salesperson):
    from customers import services

    complete = make_customer(
        salesperson,
        gender="male",
        birth_date=dt.date(1990, 1, 1),
        source_channel="referral",
        city="北京市",
        occupation="教師",
    )
    incomplete = make_customer(salesperson)
    archived = make_customer(salesperson)
    services.customer_archive(actor=clerk, customer=archived, reason="x")
    client = client_for(clerk)

    def rows(query):
        return set(client.get("/customers/customers/" + query).context["table"].data)

    assert rows("") == {complete, incomplete}
    assert rows("?archived=archived") == {archived}
    assert rows("?archived=all") == {complete, incomplete, archived}
    assert rows("?incomplete=true") == {incomplete}
    htmx = client.get("/customers/customers/?stage=prospect", HTTP_HX_REQUEST="true")
    assert (
        htmx.status_code == 200 and b"<html" not in htmx.content and b"table-area" in htmx.content
    )


def test_each_role_sees_its_columns(client_for, personas):
    make_customer(personas["salesperson"])
    for persona, shown, hidden in (
        ("clerk", {"mobile", "completeness", "missing_fields"}, {"team", "tags"}),
        ("salesperson", {"mobile", "tags"}, {"owner", "completeness", "team"}),
        ("manager", {"owner", "team"}, {"mobile", "id_number", "completeness"}),
    ):
        table = client_for(personas[persona]).get("/customers/customers/").context["table"]
        names = {c.name for c in table.columns}
        assert shown <= names and not (hidden & names), persona


def test_clerks_worklist_of_incomplete_files(clerk, salesperson, supervisor, client_for):
    make_customer(salesperson)
    make_customer(salesperson)
    [item] = [i for i in mywork.items_for(clerk) if "customer" in i.url]
    assert item.count == 2 and "incomplete=true" in item.url and "sort=completeness" in item.url
    assert not [i for i in mywork.items_for(supervisor) if "incomplete" in i.url]
    html = client_for(clerk).get("/").content.decode()
    assert "incomplete=true" in html


def test_family_needs_cover_and_attachments_tabs(client_for, clerk, salesperson):
    customer = make_customer(salesperson)
    client = client_for(clerk)
    base = f"/customers/customers/{customer.pk}"
    r = client.post(
        f"{base}/family/add/",
        {"relation": "child", "name": "小寶", "birth_date": "2015-06-01", "dependent": "on"},
    )
    assert r.status_code == 302 and r.url == f"{base}/family/"
    member = FamilyMember.objects.get()
    assert member.dependent and member.history.get().history_user == clerk
    r = client.post(f"{base}/needs/add/", {"kind": "education", "note": "大學"})
    assert r.status_code == 302
    r = client.post(f"{base}/needs/add/", {"kind": "education"})
    assert r.status_code == 200 and "kind" in r.context["form"].errors
    r = client.post(
        f"{base}/cover/add/",
        {
            "insurer": "平安人壽",
            "cover_type": "medical",
            "sum_insured": "200000.00",
            "annual_premium": "1234.50",
            "expiry_date": "2027-01-01",
        },
    )
    assert r.status_code == 302
    assert str(customer.covers.get().annual_premium) == "1234.50"
    html = client.get(f"{base}/needs/").content.decode()
    assert "¥1,234.50" in html and "大學" in html
    pdf = SimpleUploadedFile("體檢.pdf", PDF_BYTES, content_type="application/pdf")
    r = client.post(
        f"{base}/attachments/add/",
        {"file": pdf, "kind": "health", "classification": "confidential"},
    )
    assert r.status_code == 302
    attachment = CustomerAttachment.objects.get()
    assert attachment.uploaded_by == clerk and attachment.original_name == "體檢.pdf"
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    r = client.post(
        f"{base}/attachments/add/", {"file": fake, "kind": "other", "classification": "internal"}
    )
    assert r.status_code == 200 and "file" in r.context["form"].errors
    r = client.post(f"/customers/needs/{CustomerNeed.objects.get().pk}/delete/")
    assert r.status_code == 302 and not CustomerNeed.objects.exists()
    r = client.post(f"/customers/attachments/{attachment.pk}/delete/")
    assert r.status_code == 302 and not CustomerAttachment.objects.exists()
    timeline = client.get(f"{base}/timeline/").content.decode()
    for text in ("小寶", "平安人壽"):
        assert text in timeline
    assert timeline.count("<li>") >= 6


def test_reassign_and_share_pages(client_for, supervisor, salesperson, other_salesperson, clerk):
    from tests.factories import make_employee

    colleague = make_employee("salesperson", team=salesperson.employee.team, username="colleague")
    customer = make_customer(salesperson)
    client = client_for(supervisor)
    form = client.get(f"/customers/customers/{customer.pk}/reassign/").context["form"]
    assert list(form.fields["owner"].queryset) == [colleague]  # own team, not the current owner
    r = client.post(
        f"/customers/customers/{customer.pk}/reassign/", {"owner": colleague.pk, "reason": "調整"}
    )
    assert r.status_code == 302
    customer.refresh_from_db()
    assert customer.owner == colleague
    r = client.post(f"/customers/customers/{customer.pk}/share/", {"user": other_salesperson.pk})
    assert r.status_code == 302
    html = client.get(customer.get_absolute_url()).content.decode()
    assert 'id="shares"' in html and other_salesperson.display_name in html
    assert client_for(other_salesperson).get(customer.get_absolute_url()).status_code == 200
    client.post(f"/customers/customers/{customer.pk}/share/{other_salesperson.pk}/revoke/")
    assert client_for(other_salesperson).get(customer.get_absolute_url()).status_code == 404


def test_archive_and_restore_buttons(client_for, clerk, salesperson):
    customer = make_customer(salesperson)
    client = client_for(clerk)
    assert (
        client.post(f"/customers/customers/{customer.pk}/archive/", {"reason": ""}).status_code
        == 302
    )
    customer.refresh_from_db()
    assert not customer.archived  # a reason is needed
    client.post(f"/customers/customers/{customer.pk}/archive/", {"reason": "重複"})
    customer.refresh_from_db()
    assert customer.archived
    assert "重複" in client.get(customer.get_absolute_url()).content.decode()
    client.post(f"/customers/customers/{customer.pk}/restore/")
    customer.refresh_from_db()
    assert not customer.archived
