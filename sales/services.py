"""Writes of the sales chapter: stage transitions, visits, needs analyses, proposals and their
compliance review, targets, tasks and meetings. Every one checks the actor's right first."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core import gates, params
from core.i18n import Text, choice
from core.models import AuditEvent
from core.permissions import can, perm_name
from core.services import audit_event, notify, require_permission, save_checked, saved_by

from . import calculations as calc
from . import rules
from .models import (
    NeedsAnalysis,
    Opportunity,
    Proposal,
    ProposalLine,
    SalesTarget,
    SalesTask,
    Visit,
)

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


# --- needs analysis ----------------------------------------------------------------------


def compute_needs(analysis, *, ci_multiple=None, budget_share=None):
    """Fill the risk level and the gaps of ``analysis`` (parameters default to today's)."""
    analysis.ci_multiple = ci_multiple if ci_multiple is not None else params.get(rules.CI_MULTIPLE)
    analysis.budget_share = (
        budget_share if budget_share is not None else params.get(rules.BUDGET_SHARE)
    )
    analysis.risk_level = calc.risk_level(analysis.risk_answers())
    analysis.life_gap = calc.life_gap(
        support_years=analysis.support_years,
        annual_expenses=analysis.annual_expenses,
        liabilities=analysis.liabilities,
        liquid_assets=analysis.liquid_assets,
        existing_life_cover=analysis.existing_life_cover,
    ).result
    analysis.ci_gap = calc.ci_gap(
        multiple=analysis.ci_multiple,
        annual_income=analysis.annual_income,
        existing_ci_cover=analysis.existing_ci_cover,
    ).result
    analysis.premium_budget = calc.premium_budget(
        share=analysis.budget_share, annual_income=analysis.annual_income
    )
    return analysis


@transaction.atomic
def needs_analysis_create(*, actor, analysis):
    """Save ``analysis`` as the customer's next version, with the gaps computed."""
    customer = analysis.customer
    if not can(actor, customer, "view"):
        raise PermissionDenied(_("You may not see this customer."))
    last = NeedsAnalysis.objects.filter(customer=customer).aggregate(v=Max("version"))["v"]
    analysis.pk = None
    analysis.version = (last or 0) + 1
    analysis.prepared_by = actor
    compute_needs(analysis)
    save_checked(analysis, actor)
    audit_event(
        actor=actor,
        verb="needs_analysed",
        target=customer,
        message=Text(
            gettext_noop("Needs analysis v%(version)s recorded"), {"version": analysis.version}
        ),
        data={"needs_analysis": analysis.pk},
    )
    for opportunity in Opportunity.objects.filter(customer=customer).exclude(
        stage__in=[Stage.WON, Stage.LOST]
    ):
        _touch(opportunity, actor)
    return analysis


def latest_needs_analysis(customer):
    return NeedsAnalysis.objects.filter(customer=customer).order_by("-version").first()


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


# --- proposals: the automatic compliance checklist ----------------------------------------


@dataclass
class Check:
    """One item of the automatic checklist."""

    key: str
    label: str
    passed: bool
    detail: str = ""

    def as_dict(self):
        return {"key": self.key, "label": self.label, "passed": self.passed, "detail": self.detail}


def _age_on(birth_date, day):
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def proposal_totals(proposal, lines=None):
    """(total annual premium, premium-to-income ratio or None)."""
    lines = list(proposal.lines.all()) if lines is None else lines
    total = calc.total(line.annual_premium for line in lines)
    analysis = proposal.needs_analysis
    ratio = None
    if analysis is not None:
        ratio = calc.premium_to_income(total_premium=total, annual_income=analysis.annual_income)
    return total, ratio


def _line_problems(lines, customer, today):
    """The age and sum-insured problems of each cover line: (ages, sums), each a list of
    sentences."""
    ages, sums = [], []
    for line in lines:
        product = line.product
        person = line.insured_member or customer
        name = line.insured_member.name if line.insured_member else customer.name
        if person.birth_date is None:
            ages.append(_("%(name)s: birth date unknown") % {"name": name})
        else:
            age = _age_on(person.birth_date, today)
            if not product.min_age <= age <= product.max_age:
                ages.append(
                    _("%(name)s is %(age)s; %(product)s insures ages %(min)s–%(max)s")
                    % {
                        "name": name,
                        "age": age,
                        "product": product.name,
                        "min": product.min_age,
                        "max": product.max_age,
                    }
                )
        if not product.min_sum_insured <= line.sum_insured <= product.max_sum_insured:
            sums.append(
                _("%(product)s: sum insured %(sum)s outside %(min)s–%(max)s")
                % {
                    "product": product.name,
                    "sum": line.sum_insured,
                    "min": product.min_sum_insured,
                    "max": product.max_sum_insured,
                }
            )
    return ages, sums


def _risk_check(lines, analysis):
    """Investment-type products need the customer's risk level at least the configured minimum."""
    min_risk = params.get(rules.INVESTMENT_MIN_RISK)
    investment = [line.product.name for line in lines if line.product.is_investment_type]
    if not investment:
        return Check("risk", _("Investment-type products suit the risk level"), True, _("None."))
    level = analysis.risk_level if analysis else None
    ok = level is not None and level >= min_risk
    return Check(
        "risk",
        _("Investment-type products suit the risk level"),
        ok,
        _("%(products)s need risk level %(min)s or more; the customer's is %(level)s")
        % {
            "products": "、".join(investment),
            "min": min_risk,
            "level": level if level is not None else "—",
        },
    )


def _premium_income_check(proposal, lines, analysis):
    """The premiums stay under the configured share of the customer's annual income."""
    ceiling = params.get(rules.PREMIUM_INCOME_CEILING)
    total, ratio = proposal_totals(proposal, lines)
    if ratio is None:
        return Check(
            "premium_income",
            _("Premium-to-income ratio under the ceiling"),
            False,
            _("No annual income on record."),
        )
    return Check(
        "premium_income",
        _("Premium-to-income ratio under the ceiling"),
        total <= ceiling * analysis.annual_income,  # exact, not the rounded ratio
        _("%(ratio)s%% of income; the ceiling is %(ceiling)s%%")
        % {"ratio": f"{ratio * 100:.1f}", "ceiling": f"{ceiling * 100:.1f}"},
    )


def _needs_age_check(analysis, today):
    """The needs analysis is younger than the configured number of months."""
    months = params.get(rules.NEEDS_MAX_AGE_MONTHS)
    if analysis is None:
        return Check("needs_age", _("Needs analysis is recent"), False, _("No needs analysis."))
    age_months = (today.year - analysis.analysed_on.year) * 12 + (
        today.month - analysis.analysed_on.month
    )
    if today.day < analysis.analysed_on.day:
        age_months -= 1
    return Check(
        "needs_age",
        _("Needs analysis is recent"),
        age_months < months,
        _("Analysed on %(date)s (%(age)s months ago); the limit is %(max)s months")
        % {"date": analysis.analysed_on.isoformat(), "age": age_months, "max": months},
    )


def proposal_checklist(proposal, *, today=None):
    """The automatic compliance checks of ``proposal`` (each passes or fails with why)."""
    today = today or timezone.localdate()
    lines = list(proposal.lines.select_related("product", "insured_member"))
    customer = proposal.opportunity.customer
    analysis = proposal.needs_analysis
    checks = []

    ages, sums = _line_problems(lines, customer, today)
    if not lines:
        checks.append(Check("lines", _("The proposal has cover lines"), False, _("No lines.")))
    checks.append(
        Check("age", _("Insured ages within the products' ranges"), not ages, "; ".join(ages))
    )
    checks.append(
        Check(
            "sum_insured", _("Sums insured within the products' limits"), not sums, "; ".join(sums)
        )
    )

    checks.append(_risk_check(lines, analysis))
    checks.append(_premium_income_check(proposal, lines, analysis))
    checks.append(_needs_age_check(analysis, today))
    return checks


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


# --- targets and team work -----------------------------------------------------------------


def leads_team(user, team):
    return user.is_superuser or (team is not None and team.supervisor_id == user.pk)


@transaction.atomic
def target_set(*, actor, team, month, user=None, premium=0, new_policies=0, visits=0):
    """Set (create or change) a monthly target; only the supervisor of ``team`` may."""
    if not leads_team(actor, team) or not actor.has_perm(perm_name(SalesTarget, "add")):
        raise PermissionDenied(_("Only the team's supervisor sets its targets."))
    if user is not None:
        employee = getattr(user, "employee", None)
        if employee is None or employee.team_id != team.pk:
            raise ValidationError({"user": _("%(name)s is not in this team.") % {"name": user}})
    month = month.replace(day=1)
    target = SalesTarget.objects.filter(team=team, user=user, month=month).first() or SalesTarget(
        team=team, user=user, month=month
    )
    target.premium = premium
    target.new_policies = new_policies
    target.visits = visits
    target.set_by = actor
    return save_checked(target, actor)


def _require_leads(actor, team):
    if not leads_team(actor, team):
        raise PermissionDenied(_("Only the team's supervisor may do this."))


@transaction.atomic
def task_assign(*, actor, team, assignee, title, due_date, description="", meeting=None):
    """A supervisor assigns a task to a member of their team; the assignee is notified."""
    _require_leads(actor, team)
    employee = getattr(assignee, "employee", None)
    if employee is None or employee.team_id != team.pk:
        raise ValidationError({"assignee": _("%(name)s is not in this team.") % {"name": assignee}})
    task = SalesTask(
        team=team,
        assignee=assignee,
        assigned_by=actor,
        title=title,
        due_date=due_date,
        description=description,
        meeting=meeting,
    )
    save_checked(task, actor)
    notify(
        recipient=assignee,
        title=Text(gettext_noop("New task: %(title)s"), {"title": title}),
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}",
    )
    return task


@transaction.atomic
def task_set_status(*, actor, task, status):
    """The assignee (or the team's supervisor) marks a task done, cancelled or open again."""
    if task.assignee_id != actor.pk and not leads_team(actor, task.team):
        raise PermissionDenied(_("Only the assignee or the supervisor may change this task."))
    if status not in SalesTask.Status.values:
        raise ValidationError(_("Unknown status."))
    task.status = status
    task.done_at = timezone.now() if status == SalesTask.Status.DONE else None
    return save_checked(task, actor)


@transaction.atomic
def task_reassign(*, actor, task, assignee, reason=""):
    """The team's supervisor gives an open task to another member of the team; recorded,
    and the new assignee is told."""
    _require_leads(actor, task.team)
    if task.status != SalesTask.Status.OPEN:
        raise ValidationError(_("Only an open task is reassigned."))
    if assignee.pk == task.assignee_id:
        raise ValidationError({"assignee": _("The task is already assigned to this person.")})
    employee = getattr(assignee, "employee", None)
    if employee is None or employee.team_id != task.team_id:
        raise ValidationError({"assignee": _("%(name)s is not in this team.") % {"name": assignee}})
    old = task.assignee
    task.assignee = assignee
    task._change_reason = reason or _("Reassigned")
    save_checked(task, actor)
    audit_event(
        actor=actor,
        verb="task_reassigned",
        target=task,
        message=Text(
            gettext_noop("Task reassigned from %(old)s to %(new)s"), {"old": old, "new": assignee}
        ),
        data={"from": old.pk, "to": assignee.pk, "reason": reason},
    )
    notify(
        recipient=assignee,
        title=Text(gettext_noop("New task: %(title)s"), {"title": task.title}),
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}:{assignee.pk}",
    )
    return task


@transaction.atomic
def meeting_save(*, actor, meeting, attendees=None):
    """Record (or correct) a team meeting; only the team's supervisor may."""
    _require_leads(actor, meeting.team)
    if not meeting.chaired_by_id:
        meeting.chaired_by = actor
    save_checked(meeting, actor)
    if attendees is not None:
        meeting.attendees.set(attendees)
    return meeting
