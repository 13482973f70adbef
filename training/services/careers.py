"""Career development: the requirements of promotion steps, a step reached, and the
receiving supervisor's evaluation of a job rotation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.services import audit_event, notify, require_permission, save_checked

from .. import requirements
from ..models import JobRotation, StepRequirement


@transaction.atomic
def requirement_add(*, actor, step, kind, months=None, course=None, qualification=None, value=""):
    """Add a requirement of a registered kind to a promotion step; the kind's fields are
    required."""
    require_permission(actor, step.plan, "training.change_developmentplan")
    definition = requirements.kinds().get(kind)
    if definition is None:
        raise ValidationError({"kind": _("Choose a kind of requirement.")})
    given = {"months": months, "course": course, "qualification": qualification, "value": value}
    missing = {
        name: _("This requirement needs it.") for name in definition.fields if not given[name]
    }
    if missing:
        raise ValidationError(missing)
    kept = {name: given[name] for name in definition.fields}
    requirement = save_checked(StepRequirement(step=step, kind=kind, **kept), actor)
    audit_event(
        actor=actor,
        verb="requirement_added",
        target=step.plan,
        message=Text(
            gettext_noop("Step %(step)s: %(requirement)s"),
            {"step": step, "requirement": requirement},
        ),
    )
    return requirement


@transaction.atomic
def requirement_remove(*, actor, requirement):
    plan = requirement.step.plan
    require_permission(actor, plan, "training.change_developmentplan")
    message = Text(
        gettext_noop("Step %(step)s: %(requirement)s"),
        {"step": requirement.step, "requirement": requirement},
    )
    requirement.delete()
    audit_event(actor=actor, verb="requirement_removed", target=plan, message=message)


@transaction.atomic
def step_mark_reached(*, actor, step, reached_on):
    """HR records that the employee was promoted to this step."""
    require_permission(actor, step.plan, "training.change_developmentplan")
    if step.reached_on:
        raise ValidationError(_("This step is already reached."))
    earlier = step.plan.steps.filter(order__lt=step.order, reached_on__isnull=True)
    if earlier.exists():
        raise ValidationError(_("Record the earlier steps first."))
    step.reached_on = reached_on
    save_checked(step, actor)
    audit_event(
        actor=actor,
        verb="step_reached",
        target=step.plan,
        message=Text(
            gettext_noop("Step %(step)s reached on %(day)s"),
            {"step": step, "day": reached_on.isoformat()},
        ),
    )
    notify(
        recipient=step.plan.employee.user,
        title=Text(gettext_noop("Promotion step reached: %(step)s"), {"step": step.title}),
        url=step.plan.get_absolute_url(),
        dedupe_key=f"step-reached:{step.pk}",
    )
    return step


@transaction.atomic
def rotation_evaluate(*, actor, rotation, rating, evaluation):
    """The receiving team's supervisor evaluates the rotation once it has started."""
    rotation = JobRotation.objects.select_for_update().get(pk=rotation.pk)
    require_permission(actor, rotation, "training.evaluate_jobrotation", action="view")
    if rotation.to_team.supervisor_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("The receiving team's supervisor evaluates the rotation."))
    if rotation.starts_on > timezone.localdate():
        raise ValidationError(_("The rotation has not started yet."))
    if not (evaluation or "").strip():
        raise ValidationError({"evaluation": _("Write the evaluation.")})
    rotation.rating = rating
    rotation.evaluation = evaluation.strip()
    rotation.evaluated_by = actor
    rotation.evaluated_at = timezone.now()
    save_checked(rotation, actor)
    audit_event(
        actor=actor,
        verb="rotation_evaluated",
        target=rotation,
        message=Text(gettext_noop("Rated %(rating)s of 5"), {"rating": rating}),
    )
    notify(
        recipient=rotation.employee.user,
        title=Text(
            gettext_noop("Your job rotation to %(team)s was evaluated"), {"team": rotation.to_team}
        ),
        url=rotation.get_absolute_url(),
        dedupe_key=f"rotation-evaluated:{rotation.pk}",
    )
    return rotation
