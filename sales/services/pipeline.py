"""The pipeline: the stages an opportunity moves through, its transitions, reassignment and
visits."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core import params
from core.i18n import Text, choice
from core.models import AuditEvent
from core.permissions import can
from core.services import audit_event, notify, require_permission, save_checked

from .. import rules
from ..models import (
    NeedsAnalysis,
    Opportunity,
    Proposal,
    Visit,
)
from .team import leads_team

Stage = Opportunity.Stage
Status = Proposal.Status

# The pipeline, declared once: from each stage, the stages it may move to.
TRANSITIONS = {
    Stage.NEW: (Stage.CONTACTED, Stage.LOST),
    Stage.CONTACTED: (Stage.MEETING, Stage.LOST),
    Stage.MEETING: (Stage.NEEDS_ANALYSED, Stage.CONTACTED, Stage.LOST),
    Stage.NEEDS_ANALYSED: (Stage.PROPOSAL, Stage.LOST),
    Stage.PROPOSAL: (Stage.APPLICATION, Stage.NEEDS_ANALYSED, Stage.LOST),
    Stage.APPLICATION: (Stage.WON, Stage.LOST),
    Stage.WON: (),
    Stage.LOST: (),
}
# The forward path the board's "next stage" button follows.
PIPELINE = [
    Stage.NEW,
    Stage.CONTACTED,
    Stage.MEETING,
    Stage.NEEDS_ANALYSED,
    Stage.PROPOSAL,
    Stage.APPLICATION,
    Stage.WON,
]


def next_stage(stage):
    """The next stage on the forward path, or None at the end (or when lost)."""
    if stage not in PIPELINE or stage == Stage.WON:
        return None
    candidate = PIPELINE[PIPELINE.index(stage) + 1]
    return candidate if candidate in TRANSITIONS[stage] else None


# Why a salesperson may not change a record outside their scope.
CHANGE_REFUSED = gettext_lazy("You may not change this record.")


def _touch(opportunity, actor):
    """An action on the opportunity: it is no longer idle."""
    opportunity.last_action_at = timezone.now()
    save_checked(opportunity, actor)


# --- opportunities -------------------------------------------------------------------------


@transaction.atomic
def opportunity_create(*, actor, customer, **fields):
    """A new lead on a customer the actor can see; owner and team default to the customer's."""
    if not can(actor, customer, "view"):
        raise PermissionDenied(_("You may not see this customer."))
    fields.setdefault("owner", customer.owner)
    fields.setdefault("team", customer.team)
    opportunity = Opportunity(customer=customer, stage=Stage.NEW, **fields)
    save_checked(opportunity, actor)
    audit_event(
        actor=actor,
        verb="opportunity_created",
        target=opportunity,
        message=Text(gettext_noop("Opportunity opened: %(name)s"), {"name": opportunity}),
    )
    return opportunity


@transaction.atomic
def opportunity_update(*, actor, opportunity, **fields):
    """Edit a lead's details (not its stage: that is opportunity_transition)."""
    require_permission(actor, opportunity, message=CHANGE_REFUSED)
    fields.pop("stage", None)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.last_action_at = timezone.now()
    return save_checked(opportunity, actor)


def transition_errors(opportunity, to, reason=""):
    """Why ``opportunity`` cannot move to ``to`` now: a list of messages (empty: it can)."""
    labels = dict(Stage.choices)
    if to not in labels:
        return [_("Unknown stage “%(stage)s”.") % {"stage": to}]
    if to not in TRANSITIONS[opportunity.stage]:
        return [
            _("An opportunity cannot move from “%(from)s” to “%(to)s”.")
            % {"from": labels[opportunity.stage], "to": labels[to]}
        ]
    errors = []
    customer_id = opportunity.customer_id
    if (
        to in (Stage.NEEDS_ANALYSED, Stage.PROPOSAL)
        and not NeedsAnalysis.objects.filter(customer_id=customer_id).exists()
    ):
        errors.append(_("Record a needs analysis for the customer first."))
    if (
        to == Stage.APPLICATION
        and not opportunity.proposals.filter(status=Status.ACCEPTED).exists()
    ):
        errors.append(_("The customer has not accepted an approved proposal yet."))
    if to == Stage.LOST and not reason.strip():
        errors.append(_("Give the reason the opportunity was lost."))
    return errors


def transition_choices(opportunity):
    """The moves out of the opportunity's stage, each with why it is not possible yet:
    [(stage, label, [reasons])] in the declared order; no reasons means it can be taken.
    "Lost" is listed without its reason check (the reason is asked when it is chosen)."""
    labels = dict(Stage.choices)
    return [
        (to, labels[to], transition_errors(opportunity, to, reason="-" if to == Stage.LOST else ""))
        for to in TRANSITIONS[opportunity.stage]
    ]


def _stage_before_lost(opportunity):
    """The stage a lost opportunity was lost from (its last stage change), or None."""
    event = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Opportunity),
            object_id=str(opportunity.pk),
            verb="stage_changed",
        )
        .order_by("-when", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    previous = (event or {}).get("from")
    return previous if previous in PIPELINE else None


def stage_steps(opportunity):
    """The forward path as the opportunity's stage bar shows it: [(stage, label, state)] with
    state "done", "current" or "todo". A lost opportunity shows the steps it had passed as
    done, the one it was lost at and the rest as "todo", then "lost" as its current step."""
    labels = dict(Stage.choices)
    if opportunity.stage == Stage.LOST:
        before = _stage_before_lost(opportunity)
        reached = PIPELINE.index(before) + 1 if before else 0
        steps = [
            (stage, labels[stage], "done" if i < reached else "todo")
            for i, stage in enumerate(PIPELINE)
            if stage != Stage.WON
        ]
        return [*steps, (Stage.LOST, labels[Stage.LOST], "current")]
    reached = PIPELINE.index(opportunity.stage)
    return [
        (stage, labels[stage], "done" if i < reached else "current" if i == reached else "todo")
        for i, stage in enumerate(PIPELINE)
    ]


@transaction.atomic
def opportunity_transition(*, opportunity, to, actor, reason=""):
    """Move ``opportunity`` to stage ``to``: checks the actor's right, the allowed transitions
    and the stage's preconditions, records who and when; ValidationError otherwise."""
    require_permission(actor, opportunity, message=CHANGE_REFUSED)
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    errors = transition_errors(opportunity, to, reason)
    if errors:
        raise ValidationError(errors)
    old = opportunity.stage
    now = timezone.now()
    opportunity.stage = to
    opportunity.stage_changed_at = now
    opportunity.last_action_at = now
    if to == Stage.LOST:
        opportunity.lost_reason = reason.strip()
    if to in (Stage.WON, Stage.LOST):
        opportunity.closed_on = timezone.localdate()
    opportunity._change_reason = reason[:100] if reason else ""
    save_checked(opportunity, actor)
    audit_event(
        actor=actor,
        verb="stage_changed",
        target=opportunity,
        message=Text(
            gettext_noop("%(name)s: stage %(from)s → %(to)s"),
            {
                "name": opportunity,
                "from": choice(Opportunity, "stage", old),
                "to": choice(Opportunity, "stage", to),
            },
        ),
        data={"from": old, "to": to, "reason": reason},
        when=now,
    )
    return opportunity


def stalled_since():
    """The moment before which an open opportunity's last action makes it stalled."""
    return timezone.now() - timezone.timedelta(days=params.get(rules.STALLED_DAYS))


@transaction.atomic
def opportunity_reassign(*, actor, opportunity, owner, reason=""):
    """Hand an open opportunity to another salesperson (the supervisor of both teams): the
    owner's team becomes the opportunity's; recorded, and the new owner is told."""
    require_permission(actor, opportunity, "sales.change_opportunity", message=CHANGE_REFUSED)
    if not leads_team(actor, opportunity.team):
        raise PermissionDenied(_("Only the team's supervisor may hand this opportunity over."))
    if not opportunity.is_open:
        raise ValidationError(_("A won or lost opportunity is not handed over."))
    if owner.pk == opportunity.owner_id:
        raise ValidationError({"owner": _("The opportunity already belongs to this salesperson.")})
    employee = getattr(owner, "employee", None)
    if employee is None or employee.team_id is None or not leads_team(actor, employee.team):
        raise ValidationError({"owner": _("%(name)s is not in a team you lead.") % {"name": owner}})
    old_owner = opportunity.owner
    opportunity.owner = owner
    opportunity.team = employee.team
    opportunity._change_reason = reason or _("Reassigned")
    save_checked(opportunity, actor)
    audit_event(
        actor=actor,
        verb="reassigned",
        target=opportunity,
        message=Text(
            gettext_noop("Reassigned from %(old)s to %(new)s"), {"old": old_owner, "new": owner}
        ),
        data={"from": old_owner.pk, "to": owner.pk, "reason": reason},
    )
    notify(
        recipient=owner,
        title=Text(
            gettext_noop("An opportunity was handed to you: %(name)s"), {"name": opportunity}
        ),
        url=opportunity.get_absolute_url(),
    )
    return opportunity


# --- visits ------------------------------------------------------------------------------


@transaction.atomic
def visit_save(*, actor, visit):
    """Create or update a visit; a done visit counts as an action on its opportunity."""
    if not can(actor, visit.customer, "view"):
        raise PermissionDenied(_("You may not see this customer."))
    if visit.pk and not can(actor, visit, "change"):
        raise PermissionDenied(_("You may not change this record."))
    if visit.opportunity_id and visit.opportunity.customer_id != visit.customer_id:
        raise ValidationError({"opportunity": _("The opportunity is for another customer.")})
    if not visit.owner_id:
        visit.owner = actor
    save_checked(visit, actor)  # the visit itself is on the customer's timeline (providers.py)
    if visit.opportunity_id and visit.status == Visit.Status.DONE:
        _touch(visit.opportunity, actor)
    return visit
