"""Reads of career development: plans with their progress, who meets the next step, and
job rotations."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .. import requirements
from ..models import DevelopmentPlan, JobRotation, PromotionStep, StepRequirement


def plan_list_base():
    return DevelopmentPlan.objects.select_related("employee__team").prefetch_related(
        Prefetch(
            "steps",
            queryset=PromotionStep.objects.order_by("order").prefetch_related(
                Prefetch(
                    "requirements",
                    queryset=StepRequirement.objects.select_related("course", "qualification"),
                )
            ),
        )
    )


def plan_list(*, user):
    return plan_list_base().visible_to(user)


@dataclass
class RequirementProgress:
    requirement: StepRequirement
    label: str
    progress: requirements.Progress


@dataclass
class StepProgress:
    step: PromotionStep
    requirements: list = field(default_factory=list)

    @property
    def met(self):
        return all(r.progress.met for r in self.requirements)

    @property
    def met_count(self):
        return sum(1 for r in self.requirements if r.progress.met)


@dataclass
class PlanProgress:
    plan: DevelopmentPlan
    steps: list

    @property
    def next_step(self):
        """The first step not reached yet (None when the path is complete)."""
        return next((s for s in self.steps if s.step.reached_on is None), None)


def _step_progress(step, employee, facts):
    return StepProgress(
        step,
        [
            RequirementProgress(r, requirements.describe(r), requirements.check(r, employee, facts))
            for r in step.requirements.all()
        ],
    )


def plans_progress(plans, on=None):
    """Each plan (prefetched as ``plan_list_base``) with every step's progress, computed
    from the record (hire date, training file, certificates) in one query per kind."""
    plans = list(plans)
    facts = requirements.load_facts({p.employee_id for p in plans}, on or dt.date.today())
    return [
        PlanProgress(p, [_step_progress(s, p.employee, facts) for s in p.steps.all()])
        for p in plans
    ]


def promotion_readiness(*, user, on=None, only_ready=False):
    """HR's "who meets the requirements of the next step": every visible plan with its
    next step's progress, ready ones first."""
    rows = [p for p in plans_progress(plan_list(user=user), on) if p.next_step is not None]
    if only_ready:
        rows = [p for p in rows if p.next_step.met]
    rows.sort(key=lambda p: (not p.next_step.met, p.plan.employee.employee_no))
    return rows


def rotation_list_base():
    return JobRotation.objects.select_related(
        "employee__team", "from_team", "to_team__supervisor", "evaluated_by"
    )


def rotation_list(*, user):
    return rotation_list_base().visible_to(user)


def rotations_to_evaluate(*, user, today=None):
    """Rotations into a team ``user`` leads that have ended and wait for the evaluation."""
    today = today or dt.date.today()
    if not user.has_perm("training.evaluate_jobrotation"):
        return JobRotation.objects.none()
    return rotation_list(user=user).filter(
        to_team__supervisor=user, ends_on__lte=today, evaluated_at__isnull=True
    )
