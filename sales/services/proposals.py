"""Proposals: drafting in versions, the clerk's review and the customer's decision."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import gates
from core.i18n import Text
from core.permissions import perm_name
from core.services import audit_event, notify, require_permission, save_checked, saved_by

from ..models import (
    Proposal,
    ProposalLine,
)
from .checklist import proposal_checklist
from .needs import latest_needs_analysis
from .pipeline import CHANGE_REFUSED, Stage, _touch, opportunity_transition

Status = Proposal.Status


# The proposal's life cycle, declared once.
PROPOSAL_TRANSITIONS = {
    Status.DRAFT: (Status.SUBMITTED,),
    Status.SUBMITTED: (Status.APPROVED, Status.RETURNED),
    Status.RETURNED: (Status.SUBMITTED, Status.REVISED),
    Status.APPROVED: (Status.ACCEPTED, Status.REJECTED, Status.REVISED),
    Status.ACCEPTED: (),
    Status.REJECTED: (Status.REVISED,),
    Status.REVISED: (),
}


# --- proposals: drafting -------------------------------------------------------------------


def _require_editable(proposal):
    if not proposal.is_editable:
        raise ValidationError(
            _("A proposal that is “%(status)s” cannot be changed.")
            % {"status": proposal.get_status_display()}
        )


def _proposal_move(proposal, to):
    if to not in PROPOSAL_TRANSITIONS[proposal.status]:
        labels = dict(Status.choices)
        raise ValidationError(
            _("A proposal cannot go from “%(from)s” to “%(to)s”.")
            % {"from": labels[proposal.status], "to": labels[to]}
        )
    proposal.status = to


@transaction.atomic
def proposal_create(*, actor, opportunity, title="", notes=""):
    """A first draft for an opportunity that has reached (or passed) its needs analysis;
    the opportunity moves on to the proposal stage."""
    require_permission(actor, opportunity, message=CHANGE_REFUSED)
    if opportunity.stage not in (Stage.NEEDS_ANALYSED, Stage.PROPOSAL):
        raise ValidationError(
            _("A proposal is drafted once the needs are analysed (the stage is now “%(stage)s”).")
            % {"stage": opportunity.get_stage_display()}
        )
    last = opportunity.proposals.aggregate(v=Max("version"))["v"]
    proposal = Proposal(
        opportunity=opportunity,
        version=(last or 0) + 1,
        title=title,
        notes=notes,
        prepared_by=actor,
        needs_analysis=latest_needs_analysis(opportunity.customer),
    )
    save_checked(proposal, actor)
    audit_event(
        actor=actor,
        verb="proposal_created",
        target=proposal,
        message=Text(gettext_noop("%(proposal)s drafted"), {"proposal": proposal}),
    )
    if opportunity.stage == Stage.NEEDS_ANALYSED:
        opportunity_transition(opportunity=opportunity, to=Stage.PROPOSAL, actor=actor)
    else:
        _touch(opportunity, actor)
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal, lines=None, **fields):
    """Change a draft (or returned) proposal: its fields and, when given, its lines — a list
    of dicts (product, insured_member, sum_insured, annual_premium, term, payment_period,
    frequency), replacing the current lines."""
    require_permission(actor, proposal, message=CHANGE_REFUSED)
    _require_editable(proposal)
    for name, value in fields.items():
        setattr(proposal, name, value)
    save_checked(proposal, actor)
    if lines is not None:
        _set_lines(proposal, lines, actor)
    return proposal


def _set_lines(proposal, lines, actor):
    customer_id = proposal.opportunity.customer_id
    for line in list(proposal.lines.all()):
        saved_by(line, actor).delete()
    for data in lines:
        member = data.get("insured_member")
        if member is not None and member.customer_id != customer_id:
            raise ValidationError(_("The insured person is not in this customer's family."))
        save_checked(ProposalLine(proposal=proposal, **data), actor)


# --- proposals: review and decision --------------------------------------------------------


def can_review(user, proposal):
    """A clerk supporting the customer's team (or the file's clerk) may review, not others."""
    if not user.has_perm(perm_name(Proposal, "review")):
        return False
    if user.is_superuser:
        return True
    opportunity = proposal.opportunity
    if opportunity.customer.clerk_id == user.pk:
        return True
    return opportunity.team.clerks.filter(pk=user.pk).exists()


def _reviewers(proposal):
    team = proposal.opportunity.team
    clerks = list(team.clerks.filter(is_active=True))
    customer_clerk = proposal.opportunity.customer.clerk
    if customer_clerk is not None and customer_clerk not in clerks:
        clerks.append(customer_clerk)
    return clerks


@transaction.atomic
def proposal_submit(*, actor, proposal):
    """Send the proposal to the team's clerk for compliance review."""
    require_permission(actor, proposal, message=CHANGE_REFUSED)
    refused = gates.refusals("sales.proposal_submit", actor)
    if refused:
        raise ValidationError(refused)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.lines.exists():
        raise ValidationError(_("Add at least one cover line before submitting."))
    _proposal_move(proposal, Status.SUBMITTED)
    proposal.needs_analysis = latest_needs_analysis(proposal.opportunity.customer)
    proposal.submitted_at = timezone.now()
    proposal.checklist = [c.as_dict() for c in proposal_checklist(proposal)]
    save_checked(proposal, actor)
    audit_event(
        actor=actor,
        verb="proposal_submitted",
        target=proposal,
        message=Text(gettext_noop("%(proposal)s submitted for review"), {"proposal": proposal}),
    )
    for clerk in _reviewers(proposal):
        notify(
            recipient=clerk,
            title=Text(gettext_noop("Proposal to review: %(proposal)s"), {"proposal": proposal}),
            url=proposal.get_absolute_url(),
            dedupe_key=f"proposal-submitted:{proposal.pk}:{proposal.submitted_at.isoformat()}",
        )
    _touch(proposal.opportunity, actor)
    return proposal


@transaction.atomic
def proposal_review(
    *, actor, proposal, approve, compliant=False, reasonable=False, feasible=False, comment=""
):
    """The clerk's compliance review: approve (every automatic check passed and the clerk
    judges it compliant, reasonable and feasible) or return with comments. On record."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_review(actor, proposal):
        raise PermissionDenied(_("Only a clerk supporting the customer's team reviews proposals."))
    if proposal.prepared_by_id == actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Nobody reviews a proposal they prepared."))
    if proposal.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted proposal can be reviewed."))
    checks = proposal_checklist(proposal)
    if approve:
        failed = [c.label for c in checks if not c.passed]
        if failed:
            raise ValidationError(
                _("Cannot approve: automatic checks failed: %(checks)s.")
                % {"checks": "; ".join(str(f) for f in failed)}
            )
        if not (compliant and reasonable and feasible):
            raise ValidationError(
                _("Approval needs your judgement that it is compliant, reasonable and feasible.")
            )
    elif not comment.strip():
        raise ValidationError({"comment": _("Say what must change when returning a proposal.")})
    _proposal_move(proposal, Status.APPROVED if approve else Status.RETURNED)
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.review_compliant = compliant
    proposal.review_reasonable = reasonable
    proposal.review_feasible = feasible
    proposal.review_comment = comment.strip()
    proposal.checklist = [c.as_dict() for c in checks]
    save_checked(proposal, actor)
    verb = "proposal_approved" if approve else "proposal_returned"
    message = Text(
        gettext_noop("%(proposal)s approved by %(clerk)s")
        if approve
        else gettext_noop("%(proposal)s returned by %(clerk)s: %(comment)s"),
        {"proposal": proposal, "clerk": actor.display_name, "comment": comment.strip()},
    )
    audit_event(
        actor=actor,
        verb=verb,
        target=proposal,
        message=message,
        data={
            "checklist": proposal.checklist,
            "compliant": compliant,
            "reasonable": reasonable,
            "feasible": feasible,
            "comment": comment.strip(),
        },
    )
    notify(
        recipient=proposal.prepared_by,
        title=message,
        url=proposal.get_absolute_url(),
        level="success" if approve else "warning",
        dedupe_key=f"{verb}:{proposal.pk}:{proposal.reviewed_at.isoformat()}",
    )
    return proposal


@transaction.atomic
def proposal_revise(*, actor, proposal, reason=""):
    """A new draft version copying the lines; the old version is marked revised."""
    require_permission(actor, proposal, message=CHANGE_REFUSED)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _proposal_move(proposal, Status.REVISED)
    save_checked(proposal, actor)
    opportunity = proposal.opportunity
    last = opportunity.proposals.aggregate(v=Max("version"))["v"]
    new = Proposal(
        opportunity=opportunity,
        version=last + 1,
        title=proposal.title,
        notes=proposal.notes,
        prepared_by=actor,
        previous=proposal,
        needs_analysis=latest_needs_analysis(opportunity.customer),
    )
    save_checked(new, actor)
    for line in proposal.lines.all():
        save_checked(
            ProposalLine(
                proposal=new,
                product_id=line.product_id,
                insured_member_id=line.insured_member_id,
                sum_insured=line.sum_insured,
                annual_premium=line.annual_premium,
                term=line.term,
                payment_period=line.payment_period,
                frequency=line.frequency,
            ),
            actor,
        )
    audit_event(
        actor=actor,
        verb="proposal_revised",
        target=proposal,
        message=Text(
            gettext_noop("%(old)s revised as version %(version)s"),
            {"old": proposal, "version": new.version},
        ),
        data={"new": new.pk, "reason": reason},
    )
    _touch(opportunity, actor)
    return new


@transaction.atomic
def proposal_decide(*, actor, proposal, accepted, note=""):
    """The customer's decision on an approved proposal; accepted → ready for application."""
    require_permission(actor, proposal, message=CHANGE_REFUSED)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _proposal_move(proposal, Status.ACCEPTED if accepted else Status.REJECTED)
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    save_checked(proposal, actor)
    audit_event(
        actor=actor,
        verb="proposal_accepted" if accepted else "proposal_rejected",
        target=proposal,
        message=Text(
            gettext_noop("%(proposal)s accepted by the customer")
            if accepted
            else gettext_noop("%(proposal)s rejected by the customer"),
            {"proposal": proposal},
        ),
        data={"note": note},
    )
    opportunity = proposal.opportunity
    if accepted and opportunity.stage == Stage.PROPOSAL:
        opportunity_transition(opportunity=opportunity, to=Stage.APPLICATION, actor=actor)
    else:
        _touch(opportunity, actor)
    return proposal
