"""Every underwriting transition, allowed and refused; who and when on record."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.models import AuditEvent
from tests.underwriting import factories as f
from underwriting import services
from underwriting.models import Application

pytestmark = pytest.mark.django_db
S = Application.Status
TODAY = dt.date.today()


class _Undo(Exception):
    pass


def step(to, application, actor):
    """Run the service that moves ``application`` to ``to``."""
    if to == S.SUBMITTED:
        return services.application_submit(
            actor=actor, application=application, channel="portal", insurer_reference="R-9"
        )
    if to == S.INFO_REQUESTED:
        return services.application_request_info(
            actor=actor, application=application, what="體檢報告", due_date=TODAY
        )
    if to == S.INFO_SUPPLIED:
        return services.application_supply_info(actor=actor, application=application, note="已寄")
    if to == S.WITHDRAWN:
        return services.application_withdraw(
            actor=actor, application=application, reason="改變主意"
        )
    return services.application_decide(
        actor=actor,
        application=application,
        decision=to,
        note="理由",
        extra_premium=Decimal("500") if to == S.ACCEPTED_CONDITIONS else None,
    )


PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.INFO_REQUESTED: [S.SUBMITTED, S.INFO_REQUESTED],
    S.INFO_SUPPLIED: [S.SUBMITTED, S.INFO_REQUESTED, S.INFO_SUPPLIED],
    S.ACCEPTED: [S.SUBMITTED, S.ACCEPTED],
    S.ACCEPTED_CONDITIONS: [S.SUBMITTED, S.ACCEPTED_CONDITIONS],
    S.POSTPONED: [S.SUBMITTED, S.POSTPONED],
    S.DECLINED: [S.SUBMITTED, S.DECLINED],
    S.WITHDRAWN: [S.WITHDRAWN],
    S.ISSUED: [S.SUBMITTED, S.ACCEPTED],
}
TARGETS = [s for s in S if s not in (S.DRAFT, S.ISSUED)]


def application_in(status, salesperson, clerk):
    application = f.ready_application(salesperson=salesperson, clerk=clerk)
    for to in PATHS[status]:
        application = step(to, application, clerk)
    if status == S.ISSUED:
        f.issue_policy(application, clerk)
        application.refresh_from_db()
    assert application.status == status
    return application


def test_transitions_are_declared_for_every_status():
    assert set(services.TRANSITIONS) == set(S)


@pytest.mark.parametrize("start", list(S), ids=[s.value for s in S])
def test_every_transition_allowed_or_refused(start, salesperson, clerk, checklist):
    application = application_in(start, salesperson, clerk)
    for to in TARGETS:
        allowed = to in services.TRANSITIONS[start]
        app = Application.objects.get(pk=application.pk)
        history_before = app.history.count()
        try:
            with transaction.atomic():
                if allowed:
                    moved = step(to, app, clerk)
                    assert moved.status == to
                    # one history row for the step, by the clerk; one event
                    assert app.history.count() == history_before + 1
                    assert app.history.first().history_user == clerk
                    assert AuditEvent.objects.filter(
                        object_id=str(app.pk), data__to=to, actor=clerk
                    ).exists()
                    raise _Undo
                with pytest.raises(ValidationError) as exc:
                    step(to, app, clerk)
                assert "cannot go from" in " ".join(exc.value.messages), (start, to)
        except _Undo:
            pass
        app.refresh_from_db()
        assert app.status == start


@pytest.mark.parametrize("persona", ["salesperson", "supervisor", "manager", "other_salesperson"])
def test_only_the_clerk_processes(persona, personas, checklist):
    application = f.submitted_application(
        salesperson=personas["salesperson"], clerk=personas["clerk"]
    )
    for to in (S.INFO_REQUESTED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN):
        with pytest.raises(PermissionDenied):
            step(to, Application.objects.get(pk=application.pk), personas[persona])
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_submission_records_date_channel_reference(salesperson, clerk, checklist):
    application = f.ready_application(salesperson=salesperson, clerk=clerk)
    services.application_submit(
        actor=clerk,
        application=application,
        submitted_on=TODAY - dt.timedelta(days=3),
        channel="courier",
        insurer_reference="INS-778",
    )
    application.refresh_from_db()
    assert application.submitted_on == TODAY - dt.timedelta(days=3)
    assert (application.submission_channel, application.insurer_reference) == ("courier", "INS-778")
    assert application.submitted_by == clerk
    assert application.days_pending() == 3


def test_conditions_must_be_recorded(salesperson, clerk, checklist):
    application = f.submitted_application(salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError, match="Record the conditions"):
        services.application_decide(
            actor=clerk, application=application, decision=S.ACCEPTED_CONDITIONS
        )
    services.application_decide(
        actor=clerk,
        application=application,
        decision=S.ACCEPTED_CONDITIONS,
        extra_premium=Decimal("1200.555"),
        exclusion="既往症除外",
        reduced_sum_insured=Decimal("400000"),
    )
    application.refresh_from_db()
    assert application.extra_premium == Decimal("1200.56")  # half up to the cent
    assert application.exclusion == "既往症除外"
    assert application.reduced_sum_insured == Decimal("400000")
    event = AuditEvent.objects.get(verb="underwriting_decision", object_id=str(application.pk))
    assert event.data["exclusion"] == "既往症除外"


def test_refusals_need_reasons(salesperson, clerk, checklist):
    application = f.submitted_application(salesperson=salesperson, clerk=clerk)
    with pytest.raises(ValidationError):
        services.application_decide(actor=clerk, application=application, decision=S.DECLINED)
    with pytest.raises(ValidationError):
        services.application_withdraw(actor=clerk, application=application, reason=" ")
    with pytest.raises(ValidationError):
        services.application_request_info(
            actor=clerk, application=application, what="", due_date=TODAY
        )


def test_steps_through_the_pages(salesperson, clerk, checklist, client_for):
    application = f.ready_application(salesperson=salesperson, clerk=clerk)
    client = client_for(clerk)
    base = f"/underwriting/applications/{application.pk}/step/"
    r = client.post(base + "submit/", {"submitted_on": TODAY.isoformat(), "channel": "portal"})
    assert r.status_code == 302
    r = client.post(base + "request_info/", {"what": "收入證明", "due_date": TODAY.isoformat()})
    application.refresh_from_db()
    assert application.status == S.INFO_REQUESTED
    r = client.post(base + "decide/", {"decision": "accepted", "decided_on": TODAY.isoformat()})
    application.refresh_from_db()
    assert application.status == S.INFO_REQUESTED  # refused: information first
    r = client.post(base + "supply_info/", {"note": "已補", "supplied_on": TODAY.isoformat()})
    r = client.post(base + "decide/", {"decision": "accepted", "decided_on": TODAY.isoformat()})
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert client.post(base + "nonsense/", {}).status_code == 404


def test_communication_log(salesperson, clerk, checklist, client_for):
    application = f.make_application(salesperson=salesperson, clerk=clerk)
    entry = services.communication_add(
        actor=salesperson,
        application=application,
        party="customer",
        channel="phone",
        person="客戶本人",
        content="說明需補體檢",
        next_follow_up=TODAY,
    )
    assert entry.logged_by == salesperson
    assert entry.history.first().history_user == salesperson
    body = client_for(clerk).get(f"/underwriting/applications/{application.pk}/communications/")
    assert "說明需補體檢" in body.content.decode()
