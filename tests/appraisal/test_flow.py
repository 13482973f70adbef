"""The stage gates of an appraisal: each step only by its person at its stage; history and
one audit event per step; the blend with an absent self-assessment; reopening."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from appraisal import services
from appraisal.models import Appraisal, PrivateNote, Stage
from core.models import AuditEvent

from .factories import make_template, open_round, ratings, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def appraisal(hr, personas):
    make_template(hr, "salesperson")
    round_ = open_round(hr)  # October 2026: every deadline has passed
    return round_.appraisals.get(employee__user=personas["salesperson"])


def test_self_assessment_only_by_the_employee_at_its_stage(appraisal, personas, hr):
    for actor in (personas["supervisor"], hr, personas["other_salesperson"]):
        with pytest.raises(PermissionDenied):
            services.self_submit(actor=actor, appraisal=appraisal, ratings=ratings(appraisal))
    with pytest.raises(ValidationError, match="Rate every item"):
        services.self_submit(actor=personas["salesperson"], appraisal=appraisal, ratings={})
    bad = ratings(appraisal)
    first = next(iter(k for k, v in bad.items() if v == 4))
    bad[first] = 7
    with pytest.raises(ValidationError) as exc:
        services.self_submit(actor=personas["salesperson"], appraisal=appraisal, ratings=bad)
    assert f"item_{first}" in exc.value.message_dict
    services.self_submit(
        actor=personas["salesperson"], appraisal=appraisal, ratings=ratings(appraisal), comment="ok"
    )
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.SUPERVISOR
    event = AuditEvent.objects.get(verb="self_assessed")
    assert "late" in event.get_message_display()  # due 2026-11-04, submitted after it
    assert appraisal.history.first().history_user == personas["salesperson"]
    with pytest.raises(ValidationError):
        services.self_submit(
            actor=personas["salesperson"], appraisal=appraisal, ratings=ratings(appraisal)
        )


def test_supervisor_step_gates(appraisal, personas, hr):
    walk_to(
        appraisal,
        "supervisor",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    for actor in (personas["salesperson"], hr, personas["clerk"]):
        with pytest.raises(PermissionDenied):
            services.supervisor_submit(actor=actor, appraisal=appraisal, ratings=ratings(appraisal))
    with pytest.raises(PermissionDenied):  # HR consolidates only at its stage and by itself
        services.hr_consolidate(actor=personas["supervisor"], appraisal=appraisal)
    with pytest.raises(ValidationError):
        services.hr_consolidate(actor=hr, appraisal=appraisal)
    services.supervisor_submit(
        actor=personas["supervisor"],
        appraisal=appraisal,
        ratings=ratings(appraisal, 5, 90),
        private_notes="Keep an eye on files",
    )
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.HR
    assert PrivateNote.objects.get(appraisal=appraisal).text == "Keep an eye on files"


def test_supervisor_waits_for_the_self_assessment_until_its_deadline(appraisal, personas):
    round_ = appraisal.round
    round_.self_due = dt.date.today() + dt.timedelta(days=2)
    round_.save()
    with pytest.raises(ValidationError, match="due"):
        services.supervisor_submit(
            actor=personas["supervisor"], appraisal=appraisal, ratings=ratings(appraisal)
        )


def test_missing_self_assessment_counts_the_supervisor_fully(appraisal, personas, hr):
    # the self-assessment deadline passed: the supervisor assesses without it
    with translation.override("en"):
        services.supervisor_submit(
            actor=personas["supervisor"], appraisal=appraisal, ratings=ratings(appraisal, 4, 80)
        )
        services.hr_consolidate(actor=hr, appraisal=appraisal)
    appraisal.refresh_from_db()
    # every rated item: supervisor only (4 → 80; results 80), not (0×30% + 80×70%)
    assert appraisal.final_score == Decimal("80.00")
    assert appraisal.grade == "good"
    item = appraisal.items.filter(item__dimension="ability").first()
    assert item.score == Decimal("80.00") and "self" in item.note.lower()
    event = AuditEvent.objects.get(verb="supervisor_assessed")
    assert "No self-assessment" in event.get_message_display()


def test_consolidation_blends_calibrates_and_grades(appraisal, personas, hr):
    walk_to(
        appraisal, "hr", employee=personas["salesperson"], supervisor=personas["supervisor"], hr=hr
    )
    with pytest.raises(ValidationError) as exc:
        services.hr_consolidate(actor=hr, appraisal=appraisal, calibration=Decimal(2))
    assert "calibration_reason" in exc.value.message_dict
    services.hr_consolidate(
        actor=hr, appraisal=appraisal, calibration=Decimal("1.5"), reason="Across teams"
    )
    appraisal.refresh_from_db()
    # self 4 (80) and supervisor 5 (100) at 70 %: 0.7×100 + 0.3×80 = 94 on rated 1-5 items;
    # results self 80, supervisor 90: 0.7×90 + 0.3×80 = 87; total 0.5×87 + 0.3×94 + 0.2×94 = 90.5
    assert appraisal.calculated_score == Decimal("90.50")
    assert appraisal.final_score == Decimal("92.00")
    assert appraisal.grade == "excellent"
    assert appraisal.stage == Stage.INTERVIEW
    assert any("Across teams" in line for line in appraisal.working)
    assert appraisal.history.first().history_user == hr


def test_interview_answer_close_and_reopen(appraisal, personas, hr):
    walk_to(
        appraisal,
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    with pytest.raises(ValidationError):  # no interview yet
        services.employee_acknowledge(actor=personas["salesperson"], appraisal=appraisal)
    with pytest.raises(PermissionDenied):
        services.interview_record(
            actor=personas["salesperson"], appraisal=appraisal, date=dt.date.today(), discussed="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.interview_record(
            actor=personas["supervisor"], appraisal=appraisal, date=None, discussed=""
        )
    assert {"date", "discussed"} <= set(exc.value.message_dict)
    services.interview_record(
        actor=personas["supervisor"], appraisal=appraisal, date=dt.date.today(), discussed="Month"
    )
    with pytest.raises(PermissionDenied):
        services.employee_object(actor=personas["supervisor"], appraisal=appraisal, objection="x")
    services.employee_object(
        actor=personas["salesperson"], appraisal=appraisal, objection="Too low"
    )
    appraisal.refresh_from_db()
    assert appraisal.response == Appraisal.Response.OBJECTED and appraisal.stage == Stage.INTERVIEW
    with pytest.raises(PermissionDenied):
        services.appraisal_close(actor=personas["supervisor"], appraisal=appraisal)
    services.appraisal_close(actor=hr, appraisal=appraisal)
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.CLOSED
    # scores are locked after closing: no step is open
    with pytest.raises(ValidationError):
        services.hr_consolidate(actor=hr, appraisal=appraisal, calibration=Decimal(5), reason="x")
    with pytest.raises(ValidationError):
        services.appraisal_reopen(actor=hr, appraisal=appraisal, reason="")
    with pytest.raises(PermissionDenied):
        services.appraisal_reopen(actor=personas["supervisor"], appraisal=appraisal, reason="x")
    services.appraisal_reopen(actor=hr, appraisal=appraisal, reason="Objection upheld")
    appraisal.refresh_from_db()
    assert appraisal.stage == Stage.HR and appraisal.reopen_reason == "Objection upheld"
    services.hr_consolidate(actor=hr, appraisal=appraisal, calibration=Decimal(-3), reason="Upheld")
    verbs = list(
        AuditEvent.objects.filter(object_id=str(appraisal.pk)).values_list("verb", flat=True)
    )
    for verb in (
        "self_assessed",
        "supervisor_assessed",
        "consolidated",
        "interviewed",
        "objected",
        "closed",
        "reopened",
    ):
        assert verb in verbs


def test_acknowledging_closes(appraisal, personas, hr):
    walk_to(
        appraisal,
        "closed",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    assert appraisal.stage == Stage.CLOSED and appraisal.response == "acknowledged"
