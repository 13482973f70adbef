"""Calibration across teams: each team's distribution beside the company's (hand-worked
figures), outliers, calibrating with a reason (history, audit, the log), its refusals,
the page and its query count."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from appraisal import selectors, services
from appraisal.models import Appraisal, Stage
from core.models import AuditEvent
from tests.factories import make_employee
from tests.queries import assert_cold_and_warm

from .factories import make_template, open_round, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def round_(hr, personas):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])
    return open_round(hr)


def _consolidate_all(round_, personas, hr):
    for appraisal in round_.appraisals.select_related("employee__user", "supervisor"):
        walk_to(
            appraisal,
            "interview",
            employee=appraisal.employee.user,
            supervisor=appraisal.supervisor or hr,
            hr=hr,
        )


def _set_scores(round_, scores):
    """Give the round's consolidated appraisals the final scores ``{username: score}``."""
    for username, score in scores.items():
        Appraisal.objects.filter(round=round_, employee__user__username=username).update(
            final_score=Decimal(score),
            calculated_score=Decimal(score),
            grade=_grade(Decimal(score)),
        )


def _grade(score):
    from appraisal import scoring

    return scoring.grade_for(score)


def test_distribution_by_team_beside_the_company(round_, personas, hr):
    _consolidate_all(round_, personas, hr)
    _set_scores(
        round_,
        {"salesperson": 90, "clerk": 70, "other_salesperson": 60, "shared_colleague": 80},
    )
    view = selectors.round_calibration(round_)
    company = view["company"]
    # 90, 70, 60, 80: mean 75, median 75, population sd sqrt(125) = 11.18, range 60–90
    assert company["count"] == 4 and company["pending"] == 0
    assert company["mean"] == Decimal("75.00") and company["median"] == Decimal("75.00")
    assert company["stdev"] == Decimal("11.18")
    assert (company["low"], company["high"]) == (Decimal(60), Decimal(90))
    assert {b["code"]: b["count"] for b in company["bands"]} == {
        "excellent": 1,
        "good": 1,
        "satisfactory": 1,
        "needs_improvement": 1,
        "unsatisfactory": 0,
    }
    by_team = {t["team"].name: t for t in view["teams"]}
    a, b = (
        by_team[personas["salesperson"].employee.team.name],
        by_team[personas["other_salesperson"].employee.team.name],
    )
    assert (a["count"], a["mean"], a["median"], a["stdev"]) == (
        2,
        Decimal("80.00"),
        Decimal("80.00"),
        Decimal("10.00"),
    )
    assert (b["mean"], b["difference"]) == (Decimal("70.00"), Decimal("-5.00"))
    assert {band["code"]: band["share"] for band in a["bands"]}["excellent"] == 50
    # five points from the mean is less than one standard deviation: nobody stands out
    assert not any(t["stands_out"] for t in view["teams"])
    assert view["outliers"] == []  # fewer than five scores: no outliers


def test_outliers_and_a_team_that_stands_out(round_, personas, hr, team_a):
    for _i in range(4):
        make_employee("salesperson", team=team_a)
    open_round(hr)  # tops the round up
    _consolidate_all(round_, personas, hr)
    scores = {}
    for appraisal in round_.appraisals.select_related("employee__user"):
        scores[appraisal.employee.user.username] = 80
    scores["other_salesperson"] = 20
    _set_scores(round_, scores)
    view = selectors.round_calibration(round_)
    # seven 80s and one 20: mean 72.50, sd 19.84; 20 is 52.5 below, more than two sds
    assert view["company"]["mean"] == Decimal("72.50")
    assert view["company"]["stdev"] == Decimal("19.84")
    assert [row.employee.user.username for row in view["outliers"]] == ["other_salesperson"]
    team_b = next(t for t in view["teams"] if t["team"].pk != team_a.pk)
    assert team_b["mean"] == Decimal("50.00") and team_b["stands_out"]


def test_pending_appraisals_are_counted_apart(round_, personas, hr):
    mine = round_.appraisals.get(employee__user=personas["salesperson"])
    walk_to(
        mine,
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    view = selectors.round_calibration(round_)
    assert view["company"]["count"] == 1 and view["company"]["pending"] == 3


def test_calibrate_with_reason_history_and_audit(round_, personas, hr):
    appraisal = walk_to(
        round_.appraisals.get(employee__user=personas["salesperson"]),
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    calculated = appraisal.calculated_score
    lines = len(appraisal.working)
    services.appraisal_calibrate(
        actor=hr, appraisal=appraisal, points=Decimal("-4.5"), reason="Team A rates high"
    )
    appraisal.refresh_from_db()
    assert appraisal.final_score == calculated - Decimal("4.5")
    assert appraisal.calibration == Decimal("-4.5")
    assert appraisal.calibration_reason == "Team A rates high"
    assert appraisal.grade == _grade(appraisal.final_score)
    assert len(appraisal.working) == lines + 1
    assert "Calibration -4.5 (Team A rates high)" in appraisal.working[-2]
    assert appraisal.working[-1].startswith("Grade:")
    event = AuditEvent.objects.get(verb="calibrated", object_id=str(appraisal.pk))
    assert event.actor == hr and event.data["reason"] == "Team A rates high"
    assert event.data["before"]["score"] == str(calculated)
    assert event.data["after"]["score"] == str(appraisal.final_score)
    assert appraisal.history.first().calibration == Decimal("-4.5")
    # taking it back replaces the calibration line, it does not stack
    services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=0, reason="Agreed")
    appraisal.refresh_from_db()
    assert appraisal.final_score == calculated and len(appraisal.working) == lines
    assert not any("Calibration" in line for line in appraisal.working)
    assert [e.data["after"]["points"] for e in selectors.calibration_log(round_)] == [
        "0",
        "-4.5",
    ]


def test_calibration_is_capped_at_100_and_0(round_, personas, hr):
    appraisal = walk_to(
        round_.appraisals.get(employee__user=personas["salesperson"]),
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    Appraisal.objects.filter(pk=appraisal.pk).update(calculated_score=Decimal("95"))
    services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=10, reason="Best")
    appraisal.refresh_from_db()
    assert appraisal.final_score == Decimal(100) and appraisal.grade == "excellent"


def test_calibration_refusals(round_, personas, hr):
    appraisal = walk_to(
        round_.appraisals.get(employee__user=personas["salesperson"]),
        "interview",
        employee=personas["salesperson"],
        supervisor=personas["supervisor"],
        hr=hr,
    )
    with pytest.raises(PermissionDenied):
        services.appraisal_calibrate(
            actor=personas["supervisor"], appraisal=appraisal, points=2, reason="x"
        )
    with pytest.raises(ValidationError) as exc:
        services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=2, reason=" ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=31, reason="x")
    assert "points" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=0, reason="x")
    assert "already" in exc.value.message_dict["points"][0]
    services.interview_record(
        actor=personas["supervisor"],
        appraisal=appraisal,
        date=appraisal.consolidated_at.date(),
        discussed="The month",
    )
    with pytest.raises(ValidationError, match="reopen"):
        services.appraisal_calibrate(actor=hr, appraisal=appraisal, points=2, reason="x")
    other = round_.appraisals.get(employee__user=personas["clerk"])
    with pytest.raises(ValidationError, match="stage"):
        services.appraisal_calibrate(actor=hr, appraisal=other, points=2, reason="x")
    assert not AuditEvent.objects.filter(verb="calibrated").exists()


def test_calibration_page_calibrates_and_shows_errors(round_, personas, hr, client_for):
    _consolidate_all(round_, personas, hr)
    url = reverse("appraisal:appraisalround_calibration", args=[round_.pk])
    client = client_for(hr)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="calibration-teams"' in html and 'id="calibration-company"' in html
    mine = round_.appraisals.get(employee__user=personas["salesperson"])
    refused = client.post(url, {"appraisal": mine.pk, "points": "3", "reason": ""})
    assert refused.status_code == 200
    html = refused.content.decode()
    row = html[html.index(f'id="calibration-{mine.pk}"') :]
    assert "is-invalid" in row[: row.index("</tr>")]
    done = client.post(url, {"appraisal": mine.pk, "points": "3", "reason": "Harsh team"})
    assert done.status_code == 302
    mine.refresh_from_db()
    assert mine.calibration == Decimal(3)
    log = client.get(url).content.decode()
    assert "Harsh team" in log
    # an appraisal of another round is refused, nothing changes
    stranger = client.post(url, {"appraisal": 999999, "points": "3", "reason": "x"})
    assert stranger.status_code == 200 and 'class="alert alert-danger"' in (
        stranger.content.decode()
    )


def test_calibration_page_query_count_is_constant(
    hr, personas, team_a, client_for, django_assert_num_queries
):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])
    round_ = open_round(hr)
    _consolidate_all(round_, personas, hr)
    url = reverse("appraisal:appraisalround_calibration", args=[round_.pk])
    client = client_for(hr)
    assert_cold_and_warm(
        client,
        url,
        cold=CALIBRATION_COLD,
        warm=CALIBRATION_WARM,
        assert_num_queries=django_assert_num_queries,
    )
    for _i in range(3):
        make_employee("salesperson", team=team_a)
    open_round(hr)
    _consolidate_all_new(round_, hr)
    assert round_.appraisals.filter(stage=Stage.INTERVIEW).count() == 7
    client.get(url)  # the new employees moved the access version: read it again first
    with django_assert_num_queries(CALIBRATION_WARM):
        assert client.get(url).status_code == 200


def _consolidate_all_new(round_, hr):
    for appraisal in round_.appraisals.filter(stage=Stage.SELF).select_related(
        "employee__user", "supervisor"
    ):
        walk_to(
            appraisal,
            "interview",
            employee=appraisal.employee.user,
            supervisor=appraisal.supervisor or hr,
            hr=hr,
        )


# The frame (session, user, unread notifications), the round, the round's appraisals with
# employee, team and supervisor (one query), the calibration log (one query); cold adds
# the access profile and permissions, the settings, My work's and the menu's counts.
CALIBRATION_WARM = 6
CALIBRATION_COLD = 28
