"""What follows a result: an improvement plan for a poor one, a personal training plan
from weak ability items."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text, choice
from core.services import audit_event, notify, require_permission, save_checked

from .. import rules
from ..models import Dimension, ImprovementPlan, Stage

POOR_GRADES = ("needs_improvement", "unsatisfactory")


@transaction.atomic
def improvement_plan_create(*, actor, appraisal, goals, support, review_date):
    """An improvement plan after a poor result (needs improvement or unsatisfactory)."""
    if not actor.has_perm("appraisal.add_improvementplan"):
        raise PermissionDenied(_("You may not do this on this record."))
    require_permission(actor, appraisal, action="view")
    if appraisal.stage not in (Stage.INTERVIEW, Stage.CLOSED) or appraisal.grade not in POOR_GRADES:
        raise ValidationError(
            _("An improvement plan follows a consolidated result needing improvement.")
        )
    if ImprovementPlan.objects.filter(appraisal=appraisal).exists():
        raise ValidationError(_("This appraisal has an improvement plan already."))
    plan = save_checked(
        ImprovementPlan(
            appraisal=appraisal,
            employee=appraisal.employee,
            supervisor=appraisal.supervisor,
            goals=(goals or "").strip(),
            support=(support or "").strip(),
            review_date=review_date,
        ),
        actor,
    )
    audit_event(actor=actor, verb="improvement_plan", target=appraisal, message=plan.goals[:200])
    notify(
        recipient=appraisal.employee.user,
        title=Text(
            gettext_noop("An improvement plan was agreed: review on %(day)s"),
            {"day": review_date},
        ),
        url=plan.get_absolute_url(),
        dedupe_key=f"improvement-plan:{plan.pk}",
    )
    return plan


@transaction.atomic
def improvement_plan_update(*, actor, plan, goals, support, review_date, outcome, outcome_note):
    """Change a plan or record its outcome (improved, reassignment, other)."""
    require_permission(actor, plan, "appraisal.change_improvementplan")
    if outcome and outcome != ImprovementPlan.Outcome.IMPROVED and not (outcome_note or "").strip():
        raise ValidationError({"outcome_note": _("Say what was decided.")})
    plan.goals = (goals or "").strip()
    plan.support = (support or "").strip()
    plan.review_date = review_date
    plan.outcome = outcome or ""
    plan.outcome_note = (outcome_note or "").strip()
    save_checked(plan, actor)
    audit_event(
        actor=actor,
        verb="improvement_plan_changed",
        target=plan.appraisal,
        message=(
            Text(
                gettext_noop("Improvement plan changed; outcome: %(outcome)s"),
                {"outcome": choice(plan, "outcome", plan.outcome)},
            )
            if plan.outcome
            else Text(gettext_noop("Improvement plan changed."))
        ),
    )
    return plan


def weak_ability_items(appraisal, rows=None):
    """The ability items scoring below the weak-item setting."""
    limit = params.get(rules.WEAK_ITEM_SCORE)
    rows = list(appraisal.items.select_related("item")) if rows is None else rows
    return [
        row
        for row in rows
        if row.item.dimension == Dimension.ABILITY and row.score is not None and row.score < limit
    ]


@transaction.atomic
def training_plan_from_appraisal(*, actor, appraisal, courses):
    """A personal training plan in training, for the weak ability items of a consolidated
    appraisal, with the courses HR chose."""
    from training.models import TrainingPlan
    from training.services import training_plan_create

    if not actor.has_perm("appraisal.consolidate_appraisal"):
        raise PermissionDenied(_("HR plans the training that follows an appraisal."))
    if appraisal.stage not in (Stage.INTERVIEW, Stage.CLOSED):
        raise ValidationError(_("The appraisal is not consolidated yet."))
    weak = weak_ability_items(appraisal)
    reason = Text(
        gettext_noop("Appraisal %(round)s: weak items %(items)s"),
        {
            "round": appraisal.round,
            "items": ", ".join(f"{row.item.label} ({row.score})" for row in weak) or "—",
        },
    )
    plan = training_plan_create(
        actor=actor,
        employee=appraisal.employee,
        courses=courses,
        reason=str(reason),
        source=TrainingPlan.Source.APPRAISAL,
        source_ref=f"appraisal:{appraisal.pk}",
        check=False,
    )
    audit_event(actor=actor, verb="training_plan", target=appraisal, message=reason)
    return plan
