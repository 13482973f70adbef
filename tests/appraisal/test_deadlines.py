"""HR moves a round's stage deadlines: order of the stages, working days, after the
period, a reason; history and audit; the reminders and late marks follow the new dates;
the page and its query count."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from appraisal import services
from appraisal.models import AppraisalRound
from core.models import AuditEvent, Notification
from tests.queries import assert_cold_and_warm

from .factories import holiday, make_template, open_round

pytestmark = pytest.mark.django_db

NOV = dt.date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def round_(hr, personas):
    make_template(hr, "salesperson")
    return open_round(hr)  # October 2026: held in November


def _dates(day_self, day_sup, day_hr, day_interview):
    return {
        "self_due": NOV.replace(day=day_self),
        "supervisor_due": NOV.replace(day=day_sup),
        "hr_due": NOV.replace(day=day_hr),
        "interview_due": NOV.replace(day=day_interview),
    }


def test_deadlines_move_with_history_and_audit(round_, hr):
    old_self = round_.self_due
    services.round_deadlines_change(
        actor=hr, round_=round_, deadlines=_dates(10, 11, 12, 13), reason="Training week"
    )
    round_.refresh_from_db()
    assert round_.self_due == dt.date(2026, 11, 10) and round_.interview_due == dt.date(
        2026, 11, 13
    )
    assert round_.history.first().history_user == hr
    assert round_.history.all()[1].self_due == old_self
    event = AuditEvent.objects.get(verb="round_deadlines_changed", object_id=str(round_.pk))
    assert event.data["before"]["self_due"] == old_self.isoformat()
    assert event.data["after"]["self_due"] == "2026-11-10"
    assert "Training week" in event.get_message_display()
    changes = services.deadline_changes(round_)
    assert changes[0]["reason"] == "Training week"


def test_deadline_rules(round_, hr, personas):
    holiday(dt.date(2026, 11, 11), name="Company day")
    with pytest.raises(ValidationError) as exc:
        services.round_deadlines_change(
            actor=hr, round_=round_, deadlines=_dates(10, 9, 12, 13), reason="x"
        )
    assert "supervisor_due" in exc.value.message_dict  # before the self-assessment
    with pytest.raises(ValidationError) as exc:
        services.round_deadlines_change(
            actor=hr, round_=round_, deadlines=_dates(10, 11, 12, 13), reason="x"
        )
    assert "not a working day" in exc.value.message_dict["supervisor_due"][0]
    with pytest.raises(ValidationError) as exc:
        services.round_deadlines_change(
            actor=hr, round_=round_, deadlines=_dates(7, 10, 12, 13), reason="x"
        )
    assert "not a working day" in exc.value.message_dict["self_due"][0]  # a Saturday
    early = _dates(10, 10, 12, 13)
    early["self_due"] = dt.date(2026, 10, 30)
    with pytest.raises(ValidationError) as exc:
        services.round_deadlines_change(actor=hr, round_=round_, deadlines=early, reason="")
    assert "after the period" in exc.value.message_dict["self_due"][0]
    assert "reason" in exc.value.message_dict
    same = {
        "self_due": round_.self_due,
        "supervisor_due": round_.supervisor_due,
        "hr_due": round_.hr_due,
        "interview_due": round_.interview_due,
    }
    with pytest.raises(ValidationError, match="unchanged"):
        services.round_deadlines_change(actor=hr, round_=round_, deadlines=same, reason="x")
    with pytest.raises(PermissionDenied):
        services.round_deadlines_change(
            actor=personas["supervisor"],
            round_=round_,
            deadlines=_dates(10, 10, 12, 13),
            reason="x",
        )
    AppraisalRound.objects.filter(pk=round_.pk).update(status="closed")
    with pytest.raises(ValidationError, match="closed"):
        services.round_deadlines_change(
            actor=hr, round_=round_, deadlines=_dates(10, 10, 12, 13), reason="x"
        )
    assert not AuditEvent.objects.filter(verb="round_deadlines_changed").exists()


def test_reminders_follow_the_new_dates(round_, hr, personas):
    today = dt.date(2026, 11, 5)  # the self-assessments were due on the 4th
    assert round_.self_due == dt.date(2026, 11, 4)
    services.round_deadlines_change(
        actor=hr, round_=round_, deadlines=_dates(10, 11, 12, 13), reason="Later"
    )
    # due on the 10th: three working days ahead, beyond the one-day lead: no reminder
    assert services.reminders_send(today=today) == 0
    assert services.reminders_send(today=dt.date(2026, 11, 9)) == round_.appraisals.count()
    note = Notification.objects.filter(recipient=personas["salesperson"]).latest("pk")
    assert "2026-11-10" in note.get_title_display()
    round_.refresh_from_db()
    appraisal = round_.appraisals.get(employee__user=personas["salesperson"])
    assert appraisal.due == dt.date(2026, 11, 10)


def test_deadlines_page(round_, hr, personas, client_for, django_assert_num_queries):
    url = reverse("appraisal:appraisalround_deadlines", args=[round_.pk])
    client = client_for(hr)
    bad = client.post(
        url,
        {
            "self_due": "2026-11-10",
            "supervisor_due": "2026-11-09",
            "hr_due": "2026-11-12",
            "interview_due": "2026-11-13",
            "reason": "Later",
        },
    )
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode()
    good = client.post(
        url,
        {
            "self_due": "2026-11-10",
            "supervisor_due": "2026-11-11",
            "hr_due": "2026-11-12",
            "interview_due": "2026-11-13",
            "reason": "Later",
        },
    )
    assert good.status_code == 302
    round_.refresh_from_db()
    assert round_.supervisor_due == dt.date(2026, 11, 11)
    assert_cold_and_warm(
        client,
        url,
        cold=DEADLINES_COLD,
        warm=DEADLINES_WARM,
        assert_num_queries=django_assert_num_queries,
    )
    AppraisalRound.objects.filter(pk=round_.pk).update(status="closed")
    assert client.get(url).status_code == 404


# The frame (session, user, unread notifications), the round, its deadline changes (audit
# events); cold adds the access profile and permissions, settings and the menu's counts.
DEADLINES_WARM = 5
DEADLINES_COLD = 27
