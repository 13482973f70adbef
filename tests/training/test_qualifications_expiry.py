"""Expiry reminders 60/30/7 days before (scheduled, idempotent), the expired-licence flag
and the proposal block the company may turn on."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from core import gates, params
from core.models import Notification, TaskRun
from sales import services as sales_services
from tests.sales.factories import make_customer, make_opportunity, make_proposal
from training import rules, selectors, services, tasks
from training.models import CertificateReminder

from .factories_quals import TODAY, make_certificate, make_kind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _expiry_notes(user):
    return Notification.objects.filter(recipient=user, dedupe_key__startswith="certificate-expiry:")


def test_thresholds_and_idempotence(hr, salesperson, supervisor):
    today = TODAY()
    soon = make_certificate(salesperson, hr, expires_on=today + dt.timedelta(days=45))
    far = make_certificate(salesperson, hr, expires_on=today + dt.timedelta(days=61))
    # first run: 45 days left -> the 60-day reminder, to the employee and the supervisor
    assert services.certificate_expiry_reminders(today=today) == {"reminded": 1}
    assert set(CertificateReminder.objects.values_list("certificate", "days_before")) == {
        (soon.pk, 60)
    }
    assert _expiry_notes(salesperson).count() == 1 and _expiry_notes(supervisor).count() == 1
    # run again the same day: nothing more
    assert services.certificate_expiry_reminders(today=today) == {"reminded": 0}
    assert _expiry_notes(salesperson).count() == 1
    # 20 days later (25 left): the 30-day one; the far one reaches its 60-day one
    later = today + dt.timedelta(days=20)
    assert services.certificate_expiry_reminders(today=later) == {"reminded": 2}
    assert set(
        CertificateReminder.objects.filter(certificate=soon).values_list("days_before", flat=True)
    ) == {60, 30}
    assert CertificateReminder.objects.filter(certificate=far, days_before=60).exists()
    # 40 days later (5 left): the 7-day one; then expired: the last one
    services.certificate_expiry_reminders(today=today + dt.timedelta(days=40))
    services.certificate_expiry_reminders(today=today + dt.timedelta(days=46))
    assert list(
        CertificateReminder.objects.filter(certificate=soon)
        .order_by("-days_before")
        .values_list("days_before", flat=True)
    ) == [60, 30, 7, 0]
    assert _expiry_notes(salesperson).filter(level="danger").count() == 1


def test_a_late_first_run_sends_only_the_tightest(hr, salesperson):
    cert = make_certificate(salesperson, hr, expires_on=TODAY() + dt.timedelta(days=5))
    services.certificate_expiry_reminders()
    rows = dict(
        CertificateReminder.objects.filter(certificate=cert).values_list("days_before", "notified")
    )
    assert rows == {60: False, 30: False, 7: True}
    assert _expiry_notes(salesperson).count() == 1


def test_a_renewed_certificate_is_not_reminded(hr, salesperson):
    kind = make_kind()
    make_certificate(salesperson, hr, kind=kind, expires_on=TODAY() + dt.timedelta(days=10))
    make_certificate(salesperson, hr, kind=kind, expires_on=TODAY() + dt.timedelta(days=1000))
    assert services.certificate_expiry_reminders() == {"reminded": 0}


def test_the_scheduled_job_runs_twice_without_duplicates(hr, salesperson):
    from config.celery import app

    name = "training.tasks.qualifications.send_certificate_expiry_reminders"
    assert name in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert name in app.tasks
    make_certificate(salesperson, hr, expires_on=TODAY() + dt.timedelta(days=6))
    for _ in range(2):
        tasks.qualifications.send_certificate_expiry_reminders.delay()
    runs = TaskRun.objects.filter(name="send_certificate_expiry_reminders", status="success")
    assert [r.result for r in runs.order_by("pk")] == [{"reminded": 1}, {"reminded": 0}]
    assert _expiry_notes(salesperson).count() == 1


def test_expired_licence_flags_and_blocks_proposals(hr, salesperson, supervisor, clerk):
    licence = make_kind("保險代理人資格證", licence_required=True)
    other = make_kind("理財規劃證", licence_required=False)
    expired = make_certificate(
        salesperson, hr, kind=licence, expires_on=TODAY() - dt.timedelta(days=3)
    )
    make_certificate(salesperson, hr, kind=other, expires_on=TODAY() - dt.timedelta(days=3))
    # flagged to the supervisor, not to another team
    assert list(selectors.expired_licences(user=supervisor)) == [expired]
    assert selectors.has_expired_licence(salesperson)
    from training.providers_quals import certificate_work

    items = {i.label: i.count for i in certificate_work(supervisor)}
    assert items["Expired licences in my team"] == 1

    proposal = make_proposal(make_opportunity(make_customer(salesperson)), salesperson)
    # off (the default): the proposal is submitted
    assert params.get(rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE) is False
    assert gates.refusals("sales.proposal_submit", salesperson) == []
    # on: refused with the reason, nothing changes
    params.set_value(rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE, True, actor=hr)
    with pytest.raises(ValidationError, match="licence required to sell has expired"):
        sales_services.proposal_submit(actor=salesperson, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    # renewed: allowed again
    make_certificate(salesperson, hr, kind=licence, expires_on=TODAY() + dt.timedelta(days=900))
    assert not selectors.has_expired_licence(salesperson)
    sales_services.proposal_submit(actor=salesperson, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_block_off_lets_an_expired_licence_submit(hr, salesperson, clerk):
    licence = make_kind(licence_required=True)
    make_certificate(salesperson, hr, kind=licence, expires_on=TODAY() - dt.timedelta(days=1))
    proposal = make_proposal(make_opportunity(make_customer(salesperson)), salesperson)
    params.set_value(rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE, False, actor=hr)
    sales_services.proposal_submit(actor=salesperson, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_gates_registry():
    def no_fridays(user):
        return ["not today"]

    gates.register("x.act", no_fridays)
    gates.register("x.act", no_fridays)
    try:
        assert gates.refusals("x.act", None) == ["not today"]
        assert gates.refusals("y.other", None) == []
    finally:
        gates.unregister("x.act", no_fridays)
    assert gates.refusals("x.act", None) == []
