"""Career development: requirement progress computed from the record, the registry of
requirement kinds, who meets the next step, steps reached and rotation evaluations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from training import requirements, selectors, services
from training.models import TrainingRecord

from .factories_quals import (
    TODAY,
    make_certificate,
    make_course,
    make_kind,
    make_plan,
    make_rotation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_months_between():
    assert requirements.months_between(dt.date(2024, 1, 31), dt.date(2024, 2, 29)) == 0
    assert requirements.months_between(dt.date(2024, 1, 15), dt.date(2026, 1, 15)) == 24
    assert requirements.months_between(dt.date(2026, 1, 15), dt.date(2024, 1, 15)) == 0


def test_progress_from_tenure_courses_and_certificates(hr, salesperson, other_salesperson):
    course = make_course(title="顧問式銷售")
    licence = make_kind("投資型保險商品業務員資格", validity_years=5)
    plan = make_plan(salesperson, steps=2)
    first, second = plan.steps.order_by("order")
    services.requirement_add(actor=hr, step=first, kind="tenure", months=24)
    services.requirement_add(actor=hr, step=first, kind="course", course=course)
    services.requirement_add(actor=hr, step=first, kind="certificate", qualification=licence)
    services.requirement_add(actor=hr, step=second, kind="tenure", months=1200 // 2)
    make_plan(other_salesperson, steps=1)  # no requirement: met at once

    (progress,) = selectors.plans_progress(selectors.plan_list(user=hr).filter(pk=plan.pk))
    step = progress.next_step
    assert step.step == first
    assert [r.progress.met for r in step.requirements] == [True, False, False]
    assert "months" in step.requirements[0].progress.text
    assert not step.met and step.met_count == 1

    # the training file and a verified certificate meet the rest
    services.record_completion(
        actor=hr,
        employee=salesperson.employee,
        kind=TrainingRecord.Kind.SESSION,
        completed_on=TODAY(),
        hours=Decimal("3"),
        course=course,
        passed=True,
        check=False,  # the base's permission check refuses unsaved records (see report)
    )
    make_certificate(salesperson, hr, kind=licence, expires_on=TODAY() + dt.timedelta(days=300))
    (progress,) = selectors.plans_progress([selectors.plan_list_base().get(pk=plan.pk)])
    assert progress.next_step.met
    # an expired certificate does not count
    ready = selectors.promotion_readiness(user=hr, on=TODAY() + dt.timedelta(days=400))
    mine = next(r for r in ready if r.plan.pk == plan.pk)
    assert not mine.next_step.met

    names = [r.plan.employee.user for r in selectors.promotion_readiness(user=hr, only_ready=True)]
    assert salesperson in names and other_salesperson in names

    # the step reached: the next one is the second
    with pytest.raises(ValidationError):
        services.step_mark_reached(actor=hr, step=second, reached_on=TODAY())
    services.step_mark_reached(actor=hr, step=first, reached_on=TODAY())
    (progress,) = selectors.plans_progress([selectors.plan_list_base().get(pk=plan.pk)])
    assert progress.next_step.step == second and not progress.next_step.met


def test_readiness_costs_one_query_per_kind(
    hr, salesperson, other_salesperson, django_assert_num_queries
):
    for user in (salesperson, other_salesperson):
        plan = make_plan(user)
        step = plan.steps.get()
        services.requirement_add(actor=hr, step=step, kind="tenure", months=3)
        services.requirement_add(actor=hr, step=step, kind="course", course=make_course())
        services.requirement_add(actor=hr, step=step, kind="certificate", qualification=make_kind())
    selectors.promotion_readiness(user=hr)
    # plans, steps, requirements (with course and kind), training records, certificates,
    # appraisal grades (the appraisal_grade kind appraisal registers)
    with django_assert_num_queries(6):
        rows = selectors.promotion_readiness(user=hr)
        assert len(rows) == 2


def test_requirement_kinds_are_extensible(hr, salesperson):
    grades = {salesperson.employee.pk: "A"}
    kind = requirements.RequirementKind(
        key="test_grade",
        label="Appraisal grade",
        fields=("value",),
        load=lambda ids, on: {i: grades.get(i) for i in ids},
        check=lambda req, employee, facts: requirements.Progress(
            facts["test_grade"].get(employee.pk) == req.value, "grade"
        ),
        describe=lambda req: f"Grade {req.value}",
    )
    requirements.register(kind)
    try:
        step = make_plan(salesperson).steps.get()
        with pytest.raises(ValidationError) as exc:
            services.requirement_add(actor=hr, step=step, kind="test_grade")
        assert "value" in exc.value.error_dict
        requirement = services.requirement_add(actor=hr, step=step, kind="test_grade", value="A")
        assert str(requirement) == "Grade A"
        (progress,) = selectors.plans_progress([selectors.plan_list_base().get(pk=step.plan_id)])
        assert progress.next_step.met
    finally:
        requirements._kinds.pop("test_grade")
    with pytest.raises(ValidationError):
        services.requirement_add(actor=hr, step=step, kind="nonsense")


def test_only_hr_shapes_the_path(supervisor, salesperson):
    step = make_plan(salesperson).steps.get()
    with pytest.raises(PermissionDenied):
        services.requirement_add(actor=supervisor, step=step, kind="tenure", months=3)


def test_rotation_evaluated_by_the_receiving_supervisor(
    hr, supervisor, salesperson, other_salesperson, team_a
):
    rotation = make_rotation(other_salesperson, team_a)
    with pytest.raises(PermissionDenied):
        services.rotation_evaluate(actor=hr, rotation=rotation, rating=4, evaluation="好")
    with pytest.raises(ValidationError):
        services.rotation_evaluate(actor=supervisor, rotation=rotation, rating=4, evaluation=" ")
    services.rotation_evaluate(actor=supervisor, rotation=rotation, rating=4, evaluation="主動")
    rotation.refresh_from_db()
    assert rotation.rating == 4 and rotation.evaluated_by == supervisor
    future = make_rotation(
        other_salesperson,
        team_a,
        starts_on=TODAY() + dt.timedelta(days=5),
        ends_on=TODAY() + dt.timedelta(days=60),
    )
    with pytest.raises(ValidationError):
        services.rotation_evaluate(actor=supervisor, rotation=future, rating=3, evaluation="x")
    assert list(selectors.rotations_to_evaluate(user=supervisor)) == []


def test_hr_shapes_the_path_on_the_plan_page(client_for, hr, salesperson):
    plan = make_plan(salesperson, steps=0)
    client = client_for(hr)

    def step_url(action):
        return reverse("training:developmentplan_step", args=[plan.pk, action])

    client.post(step_url("add_step"), {"step-order": "1", "step-title": "資深業務員"})
    step = plan.steps.get()
    # the same number again: refused with a message, nothing added
    client.post(step_url("add_step"), {"step-order": "1", "step-title": "重複"})
    assert plan.steps.count() == 1
    client.post(
        step_url("add_requirement"),
        {"step_id": step.pk, f"req-{step.pk}-kind": "tenure", f"req-{step.pk}-months": "12"},
    )
    assert step.requirements.get().months == 12
    page = client.get(plan.get_absolute_url())
    assert "12" in page.content.decode() and page.context["progress"].next_step.met
    client.post(
        step_url("reached"), {"step_id": step.pk, f"reached-{step.pk}-reached_on": "2026-01-05"}
    )
    step.refresh_from_db()
    assert step.reached_on == dt.date(2026, 1, 5)
    # the employee reads the plan, does not change it
    assert client_for(salesperson).get(plan.get_absolute_url()).status_code == 200
    response = client_for(salesperson).post(step_url("add_step"), {"step-order": "2"})
    assert response.status_code == 403
