"""Opening rounds: deadlines from the working-day calendar, one appraisal per person,
templates copied into the round, reminders."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from appraisal import services
from appraisal.models import Appraisal, AppraisalItem, RoundItem, Stage, TemplateItem
from core.models import AuditEvent, Notification

from .factories import holiday, make_template, open_round, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(hr):
    return make_template(hr, "salesperson"), make_template(
        hr, "clerk", results=[("Files completed", 100)]
    )


def test_deadlines_come_from_the_working_day_calendar(hr, templates):
    # November 2026 is held in December 2026 (1 December is a Tuesday). Without calendar
    # rows the 3rd, 6th, 8th and 10th working days are 3, 8, 10 and 14 December.
    plain = services.round_deadlines("monthly", 2026, 11)
    assert [plain[s] for s in (Stage.SELF, Stage.SUPERVISOR, Stage.HR, Stage.INTERVIEW)] == [
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 14),
    ]
    # A holiday on the 2nd moves every deadline a working day later; a make-up working
    # Saturday on the 12th brings the last one back.
    holiday(dt.date(2026, 12, 2))
    holiday(dt.date(2026, 12, 12), kind="makeup", name="Make-up")
    round_ = open_round(hr, 2026, 11)
    assert (round_.self_due, round_.supervisor_due, round_.hr_due, round_.interview_due) == (
        dt.date(2026, 12, 4),
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 11),
        dt.date(2026, 12, 14),
    )


def test_annual_round_is_held_in_january(hr):
    make_template(hr, "salesperson", kind="annual")
    deadlines = services.round_deadlines("annual", 2025)
    holiday(dt.date(2026, 1, 1))
    assert services.round_deadlines("annual", 2025)[Stage.SELF] > deadlines[Stage.SELF] or (
        deadlines[Stage.SELF].month == 1
    )
    round_ = services.round_open(actor=hr, kind="annual", year=2025)
    assert round_.month is None and round_.interview_due.month == 1
    assert round_.interview_due.year == 2026


def test_round_opened_twice_gives_one_appraisal_per_person(hr, personas, templates):
    first = open_round(hr)
    count = first.appraisals.count()
    # salesperson, other_salesperson, shared_colleague and the clerk have templates
    assert count == 4
    second = open_round(hr)
    assert second.pk == first.pk
    assert second.appraisals.count() == count
    assert Appraisal.objects.filter(round=first).values("employee").distinct().count() == count
    employees = set(first.appraisals.values_list("employee__user__username", flat=True))
    assert employees == {"salesperson", "other_salesperson", "shared_colleague", "clerk"}
    assert AuditEvent.objects.filter(verb="round_opened").count() == 1
    assert (
        Notification.objects.filter(
            recipient=personas["salesperson"], dedupe_key__startswith="appraisal-open"
        ).count()
        == 1
    )


def test_round_for_chosen_teams_and_assessor(hr, personas, templates, team_a):
    round_ = open_round(hr, teams=[team_a])
    rows = list(round_.appraisals.select_related("employee__user", "supervisor"))
    assert {a.employee.user.username for a in rows} == {"salesperson", "clerk"}
    assert all(a.supervisor == personas["supervisor"] for a in rows)
    assert all(a.stage == Stage.SELF for a in rows)
    assert all(a.items.count() == 9 for a in rows)


def test_changing_a_template_never_changes_a_past_round(hr, personas, templates):
    round_ = open_round(hr)
    item = TemplateItem.objects.filter(template=templates[0], dimension="ability").first()
    item.weight = Decimal(40)
    item.label = "Renamed"
    item.save()
    templates[0].weight_results = Decimal(60)
    templates[0].weight_attitude = Decimal(10)
    templates[0].save()
    copy = RoundItem.objects.get(form__round=round_, form__position="salesperson", order=item.order)
    assert copy.weight == Decimal(25) and copy.label != "Renamed"
    form = round_.forms.get(position="salesperson")
    assert (form.weight_results, form.weight_attitude) == (Decimal(50), Decimal(20))


def test_only_hr_opens_a_round(personas, templates):
    with pytest.raises(PermissionDenied):
        open_round(personas["supervisor"])
    with pytest.raises(PermissionDenied):
        open_round(personas["manager"])


def test_a_template_whose_weights_do_not_add_up_is_refused(hr, personas, templates):
    item = TemplateItem.objects.filter(template=templates[0], dimension="attitude").first()
    item.weight = Decimal(10)
    item.save()
    with pytest.raises(ValidationError, match="100"):
        open_round(hr)


def test_a_round_of_a_future_month_is_refused(hr, templates):
    with pytest.raises(ValidationError):
        open_round(hr, 2099, 1)


def test_reminders_for_the_late_once_a_day(hr, personas, templates):
    round_ = open_round(hr)  # October 2026: every deadline has passed
    sent = services.reminders_send()
    assert sent == 4  # four self-assessments late: one each
    assert services.reminders_send() == 0
    assert (
        Notification.objects.filter(
            recipient=personas["salesperson"], dedupe_key__startswith="appraisal-remind"
        ).count()
        == 1
    )
    appraisal = round_.appraisals.get(employee__user=personas["salesperson"])
    walk_to(
        appraisal,
        "supervisor",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    # the next stage's person is reminded (a new stage, a new key)
    assert services.reminders_send() == 1
    assert (
        Notification.objects.filter(
            recipient=personas["supervisor"], dedupe_key__startswith="appraisal-remind"
        ).count()
        == 1
    )


def test_remind_button_only_for_hr(hr, personas, templates):
    round_ = open_round(hr)
    with pytest.raises(PermissionDenied):
        services.round_remind(actor=personas["supervisor"], round_=round_)
    assert services.round_remind(actor=hr, round_=round_) == 4
    assert AuditEvent.objects.filter(verb="round_reminded").count() == 1


def test_round_closes_only_when_every_appraisal_is_closed(hr, personas, templates, team_a):
    round_ = open_round(hr, teams=[team_a])
    with pytest.raises(ValidationError):
        services.round_close(actor=hr, round_=round_)
    for appraisal in round_.appraisals.select_related("employee__user"):
        walk_to(
            appraisal,
            "closed",
            employee=appraisal.employee.user,
            supervisor=personas["supervisor"],
            hr=hr,
        )
    services.round_close(actor=hr, round_=round_)
    round_.refresh_from_db()
    assert round_.status == "closed"
    assert AppraisalItem.objects.filter(appraisal__round=round_).exists()
