"""The exit audit's services: start, the account closed on the leaving date (the daily job,
idempotent; the leaver's next request refused), shares revoked exactly, the whole book
handed to the successor in one transaction (a refusal undoes all of it), the 90-day report,
the signed reminder (content-checked) and the close only when every step is done."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from aftersales.models import Claim, FollowUp
from confidentiality.models import ExitAudit
from confidentiality.services import exits
from confidentiality.tasks import close_leavers_accounts
from core.models import AccessLog, AuditEvent, ExportLog, Notification
from core.services import access_log, export_log
from customers.models import Customer
from customers.services import customer_grant_access
from sales.models import Opportunity

from .exit_factories import finish_checklist, make_book, make_exit, make_successor

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_hr_starts_an_exit_with_items_and_the_successor_is_told(hr, salesperson, team_a):
    successor = make_successor(team_a)
    audit = make_exit(
        hr, salesperson, successor, items=[("device", "筆電"), ("document", "客戶資料夾")]
    )
    assert audit.status == ExitAudit.Status.OPEN
    assert [i.description for i in audit.items.all()] == ["筆電", "客戶資料夾"]
    assert Notification.objects.filter(recipient=successor).exists()
    assert AuditEvent.objects.filter(verb="exit_started").count() == 1
    with pytest.raises(ValidationError):  # one open audit per leaver
        make_exit(hr, salesperson, successor)


def test_only_hr_starts_and_the_successor_must_be_someone_else(hr, compliance, salesperson, team_a):
    with pytest.raises(PermissionDenied):
        make_exit(compliance, salesperson, make_successor(team_a))
    with pytest.raises(ValidationError) as exc:
        make_exit(hr, salesperson, salesperson)
    assert "successor" in exc.value.message_dict


def test_the_daily_job_closes_the_account_on_the_leaving_date_once(hr, salesperson, team_a, client):
    client.force_login(salesperson)
    assert client.get("/customers/customers/").status_code == 200
    later = make_exit(
        hr, salesperson, make_successor(team_a), leaving_on=TODAY() + dt.timedelta(days=3)
    )
    assert exits.exit_deactivations_due()["closed"] == 0  # not yet
    later.leaving_on = TODAY()
    later.save()
    close_leavers_accounts.delay()
    close_leavers_accounts.delay()  # a second run closes nothing more
    later.refresh_from_db()
    salesperson.refresh_from_db()
    assert later.deactivated_at is not None
    assert not salesperson.is_active
    assert salesperson.employee.status == "left"
    assert AuditEvent.objects.filter(verb="exit_account_closed").count() == 1
    # the leaver's session has ended: the next request is refused (sent to sign in)
    response = client.get("/customers/customers/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_account_does_not_close_before_the_leaving_date(hr, salesperson, team_a):
    audit = make_exit(
        hr, salesperson, make_successor(team_a), leaving_on=TODAY() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        exits.exit_deactivate(actor=hr, audit=audit)


def test_every_share_to_the_leaver_is_revoked_exactly(
    hr, salesperson, other_salesperson, supervisor, team_a
):
    customer = make_customer_of(other_salesperson)
    kept = make_customer_of(other_salesperson)
    customer_grant_access(actor=other_salesperson, customer=customer, to=salesperson)
    colleague = make_successor(team_a)
    customer_grant_access(actor=other_salesperson, customer=kept, to=colleague)
    audit = make_exit(hr, salesperson, make_successor(team_a))
    assert Customer.objects.visible_to(salesperson).filter(pk=customer.pk).exists()
    audit = exits.exit_revoke_grants(actor=hr, audit=audit)
    assert audit.grants_revoked == 1
    assert exits.leaver_grants(salesperson) == []
    assert len(exits.leaver_grants(colleague)) == 1  # another person's share stays
    assert AuditEvent.objects.filter(verb="revoke").count() == 1


def make_customer_of(user):
    from tests.customers.factories import make_customer

    return make_customer(user)


def test_the_whole_book_goes_to_the_successor_in_one_transaction(hr, salesperson, clerk, team_a):
    book = make_book(salesperson, clerk)
    successor = make_successor(team_a)
    audit = make_exit(hr, salesperson, successor)
    audit = exits.exit_hand_over(actor=hr, audit=audit)
    assert set(Customer.objects.filter(owner=successor)) == set(book["customers"])
    assert not Customer.objects.filter(owner=salesperson).exists()
    assert Opportunity.objects.get(pk=book["open_opportunity"].pk).owner == successor
    # a won opportunity stays where it was won
    assert Opportunity.objects.get(pk=book["won_opportunity"].pk).owner == salesperson
    assert audit.handover["customers"] == 2
    assert audit.handover["opportunities"] == 1
    assert audit.handover["renewals"] == 1
    # one event per record moved, one summary, one notification to the successor
    assert AuditEvent.objects.filter(verb="handed_over").count() == sum(audit.handover.values())
    assert AuditEvent.objects.filter(verb="exit_handed_over").count() == 1
    customer = book["customers"][0]
    assert customer.history.first().history_user == hr
    assert Notification.objects.filter(recipient=successor, url="/customers/customers/").exists()


def test_the_clerks_follow_ups_and_claims_go_to_the_clerks_successor(
    hr, salesperson, clerk, team_a
):
    book = make_book(salesperson, clerk)
    new_clerk = make_successor(team_a)
    audit = make_exit(hr, clerk, new_clerk)
    pending = FollowUp.objects.filter(assigned_to=clerk, status="scheduled").count()
    audit = exits.exit_hand_over(actor=hr, audit=audit)
    assert Claim.objects.get(pk=book["claim"].pk).handled_by == new_clerk
    assert audit.handover["claims"] == 1
    assert audit.handover["follow_ups"] == pending
    assert not FollowUp.objects.filter(assigned_to=clerk, status="scheduled").exists()


def test_a_failure_half_way_rolls_the_whole_hand_over_back(
    hr, salesperson, clerk, team_a, monkeypatch
):
    book = make_book(salesperson, clerk)
    successor = make_successor(team_a)
    audit = make_exit(hr, salesperson, successor)
    real = exits._moved
    seen = []

    def failing(obj, *args, **kwargs):
        seen.append(obj)
        if isinstance(obj, Opportunity):  # after both customers have moved
            raise ValidationError("boom")
        return real(obj, *args, **kwargs)

    monkeypatch.setattr(exits, "_moved", failing)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        exits.exit_hand_over(actor=hr, audit=audit)
    assert len(seen) == 3
    assert Customer.objects.filter(owner=salesperson).count() == 2
    assert not Customer.objects.filter(owner=successor).exists()
    assert AuditEvent.objects.count() == events
    audit.refresh_from_db()
    assert audit.handed_over_at is None and audit.handover == {}
    assert Opportunity.objects.get(pk=book["open_opportunity"].pk).owner == salesperson


def test_the_report_lists_the_leavers_last_90_days_only(hr, salesperson, other_salesperson, team_a):
    customer = make_customer_of(salesperson)
    audit = make_exit(hr, salesperson, make_successor(team_a))
    recent = access_log(user=salesperson, obj=customer)
    unmask = access_log(
        user=salesperson, obj=customer, action=AccessLog.Action.UNMASK, field="mobile"
    )
    # the logs are append-only: an old row is written with its time, not moved back
    AccessLog.objects.create(
        user=salesperson,
        action=AccessLog.Action.VIEW,
        content_type=ContentType.objects.get_for_model(customer),
        object_id=str(customer.pk),
        object_repr=str(customer),
        when=timezone.now() - dt.timedelta(days=120),
    )
    access_log(user=other_salesperson, obj=customer)  # someone else's
    export_log(user=salesperson, what="客戶清單", file_format="xlsx", row_count=40)
    ExportLog.objects.create(
        user=salesperson,
        what="舊匯出",
        file_format="xlsx",
        row_count=9,
        when=timezone.now() - dt.timedelta(days=91),
    )
    assert {r.pk for r in exits.activity_views(audit)} == {recent.pk, unmask.pk}
    assert [e.what for e in exits.activity_exports(audit)] == ["客戶清單"]
    summary = exits.activity_summary(audit)
    assert summary["records"] == 1 and summary["unmasks"] == 1
    assert summary["exports"] == 1 and summary["rows"] == 40


def test_the_reminder_must_be_a_clean_pdf(hr, salesperson, team_a):
    audit = make_exit(hr, salesperson, make_successor(team_a))
    fake = SimpleUploadedFile("reminder.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        exits.exit_reminder_file(actor=hr, audit=audit, scan=fake, signed_on=TODAY())
    assert "scan" in exc.value.message_dict
    active = SimpleUploadedFile(
        "reminder.pdf",
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF",
        content_type="application/pdf",
    )
    with pytest.raises(ValidationError):
        exits.exit_reminder_file(actor=hr, audit=audit, scan=active, signed_on=TODAY())


def test_compliance_closes_only_when_every_step_is_done(hr, compliance, salesperson, clerk, team_a):
    make_book(salesperson, clerk)
    audit = make_exit(hr, salesperson, make_successor(team_a))
    with pytest.raises(ValidationError) as exc:
        exits.exit_close(actor=compliance, audit=audit)
    # every missing step is named
    assert all(str(label) in str(exc.value) for _code, label, _done in exits.checklist(audit))
    audit = finish_checklist(audit, hr, compliance)
    with pytest.raises(PermissionDenied):  # HR starts exits, compliance closes them
        exits.exit_close(actor=hr, audit=audit)
    audit = exits.exit_close(actor=compliance, audit=audit, note="完成")
    assert audit.status == ExitAudit.Status.CLOSED and audit.closed_by == compliance
    with pytest.raises(ValidationError):
        exits.exit_item_add(actor=hr, audit=audit, kind="device", description="手機")
