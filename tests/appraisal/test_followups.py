"""What follows the results: the performance-pay coefficient payroll reads, promotion
candidates after consecutive excellent results, improvement plans, the training plan."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from appraisal import selectors, services
from core import params
from tests.training.factories_sessions import make_course
from training.models import TrainingPlan

from .factories import make_template, open_round, ratings, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(hr):
    make_template(hr, "salesperson")
    make_template(hr, "clerk", results=[("Files completed", 100)])


def _close(round_, user, supervisor, hr):
    return walk_to(
        round_.appraisals.get(employee__user=user),
        "closed",
        employee=user,
        supervisor=supervisor,
        hr=hr,
    )


def test_consecutive_excellent_results_flag_a_promotion_candidate(
    templates, personas, hr, team_a, client_for
):
    salesperson, clerk, supervisor = (
        personas["salesperson"],
        personas["clerk"],
        personas["supervisor"],
    )
    for month in (8, 9, 10):
        round_ = open_round(hr, 2026, month, teams=[team_a])
        _close(round_, salesperson, supervisor, hr)  # 90.50: excellent
        if month != 9:
            _close(round_, clerk, supervisor, hr)  # excellent, but not in September
    candidates = selectors.promotion_candidates()
    assert [(e.user, streak) for e, streak, _latest in candidates] == [(salesperson, 3)]
    assert selectors.is_promotion_candidate(salesperson.employee)
    assert not selectors.is_promotion_candidate(clerk.employee)
    params.set_value("appraisal.promotion_streak", 4, actor=hr)
    assert selectors.promotion_candidates() == []
    params.set_value("appraisal.promotion_streak", 1, actor=hr)
    assert {e.user for e, _s, _l in selectors.promotion_candidates()} == {salesperson, clerk}
    page = client_for(hr).get(reverse("appraisal:promotion_candidates"))
    assert salesperson.employee.name in page.content.decode()


def test_performance_coefficient_of_the_closed_grade(templates, personas, hr, team_a):
    round_ = open_round(hr, 2026, 10, teams=[team_a])
    employee = personas["salesperson"].employee
    assert selectors.performance_coefficient(employee, 2026, 10) is None  # not closed yet
    _close(round_, personas["salesperson"], personas["supervisor"], hr)
    assert selectors.performance_coefficient(employee, 2026, 10) == Decimal("1.2")
    params.set_value("appraisal.performance_coefficients", "1.5, 1.1, 1.0, 0.8, 0.5", actor=hr)
    assert selectors.performance_coefficient(employee, 2026, 10) == Decimal("1.5")
    assert selectors.performance_coefficient(employee, 2026, 9) is None


def _poor(round_, user, supervisor, hr):
    appraisal = round_.appraisals.get(employee__user=user)
    services.self_submit(actor=user, appraisal=appraisal, ratings=ratings(appraisal, 2, 40))
    services.supervisor_submit(
        actor=supervisor, appraisal=appraisal, ratings=ratings(appraisal, 2, 40)
    )
    services.hr_consolidate(actor=hr, appraisal=appraisal)
    appraisal.refresh_from_db()
    return appraisal


def test_improvement_plan_after_a_poor_result(templates, personas, hr, team_a):
    round_ = open_round(hr, 2026, 10, teams=[team_a])
    good = _close(round_, personas["clerk"], personas["supervisor"], hr)
    review = dt.date.today() + dt.timedelta(days=60)
    with pytest.raises(ValidationError):
        services.improvement_plan_create(
            actor=hr, appraisal=good, goals="x", support="", review_date=review
        )
    poor = _poor(round_, personas["salesperson"], personas["supervisor"], hr)
    assert poor.grade == "unsatisfactory"
    with pytest.raises(PermissionDenied):
        services.improvement_plan_create(
            actor=personas["salesperson"], appraisal=poor, goals="x", support="", review_date=review
        )
    plan = services.improvement_plan_create(
        actor=personas["supervisor"],
        appraisal=poor,
        goals="Two visits a day",
        support="Coaching",
        review_date=review,
    )
    with pytest.raises(ValidationError):
        services.improvement_plan_update(
            actor=hr,
            plan=plan,
            goals=plan.goals,
            support="",
            review_date=review,
            outcome="reassignment",
            outcome_note="",
        )
    services.improvement_plan_update(
        actor=hr,
        plan=plan,
        goals=plan.goals,
        support="",
        review_date=review,
        outcome="improved",
        outcome_note="",
    )
    plan.refresh_from_db()
    assert plan.outcome == "improved"


def test_training_plan_from_weak_ability_items(templates, personas, hr, team_a, client_for):
    round_ = open_round(hr, 2026, 10, teams=[team_a])
    poor = _poor(round_, personas["salesperson"], personas["supervisor"], hr)
    weak = services.weak_ability_items(poor)
    assert len(weak) == 4 and all(row.score == Decimal("40.00") for row in weak)
    course = make_course()
    with pytest.raises(PermissionDenied):
        services.training_plan_from_appraisal(
            actor=personas["supervisor"], appraisal=poor, courses=[course]
        )
    plan = services.training_plan_from_appraisal(actor=hr, appraisal=poor, courses=[course])
    assert plan.source == TrainingPlan.Source.APPRAISAL
    assert plan.source_ref == f"appraisal:{poor.pk}"
    assert plan.employee == personas["salesperson"].employee
    assert "Product knowledge" in plan.reason


def test_promotion_step_requirement_of_consecutive_excellent_results(
    templates, personas, hr, team_a
):
    from training import requirements

    kind = requirements.kinds()["appraisal_excellent_streak"]
    salesperson = personas["salesperson"]
    for month in (9, 10):
        round_ = open_round(hr, 2026, month, teams=[team_a])
        _close(round_, salesperson, personas["supervisor"], hr)
    facts = requirements.load_facts([salesperson.employee.pk])

    class Requirement:
        value = "2"

    assert kind.check(Requirement, salesperson.employee, facts).met
    Requirement.value = "3"
    assert not kind.check(Requirement, salesperson.employee, facts).met
