"""Writes of the after-sales chapter: follow-ups and their attempts, claims with their papers
and the insurer's answers, complaints and their deadlines, policy service requests, renewals
and their reminders, and the scheduled jobs that chase all of them.

Each write checks the actor's right and the preconditions first, records who and when
(history row and, for steps, an audit event shown on the timelines), and raises a clear
ValidationError otherwise. The jobs are idempotent: unique constraints and notification
dedupe keys make a second run a no-op.
"""

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import documents, params
from core.models import Notification
from core.permissions import can
from core.roles import Role
from core.services import (
    audit_event,
    checked_document_check,
    checked_document_upload,
    notify,
    require_permission,
    save_checked,
    saved_by,
)
from customers import services as customer_services
from sales.models import SalesTask
from underwriting import services as uw_services
from underwriting.models import Policy, PremiumRecord, money

from . import rules
from .models import (
    Claim,
    ClaimDocument,
    ClaimDocumentKind,
    ClaimRequiredDocument,
    ClaimType,
    ClaimUpdate,
    Complaint,
    ComplaintAction,
    FollowUp,
    FollowUpAttempt,
    Renewal,
    RenewalReminder,
    ServiceRequest,
    ServiceRequestDocument,
)

FOLLOW_UP_PERM = "aftersales.change_followup"
PROCESS_CLAIM_PERM = "aftersales.process_claim"
CHECK_CLAIM_PERM = "aftersales.check_claimdocument"
DISPUTE_PERM = "aftersales.resolve_dispute"
HANDLE_COMPLAINT_PERM = "aftersales.handle_complaint"
PROCESS_REQUEST_PERM = "aftersales.process_servicerequest"
RENEWAL_PERM = "aftersales.record_renewal"


def _today(today=None):
    return today or timezone.localdate()


def clerk_for(customer):
    """The customer's supporting clerk, else the first active clerk of the team."""
    if customer.clerk_id and customer.clerk.is_active:
        return customer.clerk
    return customer.team.clerks.filter(is_active=True).order_by("pk").first()


def _supervisor(customer):
    team = customer.team
    return team.supervisor if team.supervisor_id and team.supervisor.is_active else None


def managers():
    """The active management users (they receive complaint escalations)."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, employee__position=Role.MANAGER)
        .order_by("pk")
    )


def _tell(
    people, *, actor=None, title, url, body="", level=Notification.Level.INFO, key, email=False
):
    """Notify each distinct person (not the actor) once per ``key``; returns how many were
    notified now (a person already told under ``key`` is not counted)."""
    seen = set()
    sent = 0
    for person in people:
        if person is None or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        if Notification.objects.filter(recipient=person, dedupe_key=key).exists():
            continue
        sent += 1
        notify(
            recipient=person,
            title=title,
            body=body,
            url=url,
            level=level,
            dedupe_key=key,
            email=email,
        )
    return sent


# --- follow-up visits -------------------------------------------------------------------------


def _needs_follow_up(policy):
    return rules.needs_delivery_follow_up(
        category=policy.product.category, term_years=policy.term_years
    )


def _create_follow_up(*, policy, kind, due_date, actor=None, notes=""):
    """Create one follow-up unless its unique key exists; returns (follow_up, created)."""
    customer = policy.customer
    follow_up = FollowUp(
        policy=policy,
        customer=customer,
        kind=kind,
        due_date=due_date,
        assigned_to=clerk_for(customer),
        notes=notes,
    )
    try:
        with transaction.atomic():
            follow_up.full_clean(validate_constraints=False)
            saved_by(follow_up, actor).save()
    except IntegrityError:
        existing = FollowUp.objects.filter(policy=policy, kind=kind)
        if kind == FollowUp.Kind.ANNUAL:
            existing = existing.filter(due_date=due_date)
        return existing.first(), False
    audit_event(
        actor=actor,
        verb="follow_up_scheduled",
        target=follow_up,
        message=_("%(kind)s follow-up on %(policy)s scheduled for %(date)s")
        % {
            "kind": follow_up.get_kind_display(),
            "policy": policy.policy_number,
            "date": due_date.isoformat(),
        },
        data={"policy": policy.pk, "kind": kind},
    )
    if follow_up.assigned_to is not None:
        _tell(
            [follow_up.assigned_to],
            actor=actor,
            title=_("Follow-up to make by %(date)s: %(customer)s")
            % {"date": due_date.isoformat(), "customer": customer.name},
            url=follow_up.get_absolute_url(),
            key=f"fu-scheduled:{follow_up.pk}",
        )
    return follow_up, True


def follow_up_schedule_after_delivery(*, policy, actor=None):
    """The first follow-up call after the contract's delivery, for long-term life and health
    policies: due the configured days after the receipt, inside the cooling-off period.
    Returns the follow-up (new or existing), or None when the policy needs none. Idempotent."""
    if not policy.delivered_on or policy.status != Policy.Status.IN_FORCE:
        return None
    existing = FollowUp.objects.filter(policy=policy, kind=FollowUp.Kind.DELIVERY).first()
    if existing is not None:
        return existing
    if not _needs_follow_up(policy):
        return None
    due = rules.delivery_follow_up_due(
        receipt_date=policy.receipt_signed_on or policy.delivered_on,
        cooling_off_ends=policy.cooling_off_ends,
    )
    follow_up, _created = _create_follow_up(
        policy=policy, kind=FollowUp.Kind.DELIVERY, due_date=due, actor=actor
    )
    return follow_up


def next_anniversary(effective_date, today):
    """The first policy anniversary (one year or more after the start) on or after today."""
    years = max(today.year - effective_date.year, 1)
    while True:
        day = _add_years(effective_date, years)
        if day >= today:
            return day
        years += 1


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def follow_up_schedule_annual(*, policy, today=None, actor=None):
    """The yearly policy review, scheduled the configured days before the anniversary.
    Returns the follow-up, or None when the next anniversary is still further away."""
    today = _today(today)
    anniversary = next_anniversary(policy.effective_date, today)
    if (anniversary - today).days > params.get(rules.ANNUAL_REVIEW_LEAD_DAYS):
        return None
    if policy.end_date and anniversary >= policy.end_date:
        return None
    follow_up, _created = _create_follow_up(
        policy=policy, kind=FollowUp.Kind.ANNUAL, due_date=anniversary, actor=actor
    )
    return follow_up


@transaction.atomic
def follow_up_create(*, actor, policy, due_date, assigned_to=None, notes=""):
    """An ad hoc follow-up on a policy (a clerk or supervisor arranges it)."""
    if not actor.has_perm("aftersales.add_followup") or not can(actor, policy.customer, "view"):
        raise PermissionDenied(_("You may not arrange follow-ups for this customer."))
    if due_date is None:
        raise ValidationError({"due_date": _("Enter the due date.")})
    follow_up = FollowUp(
        policy=policy,
        customer=policy.customer,
        kind=FollowUp.Kind.ADHOC,
        due_date=due_date,
        assigned_to=assigned_to or clerk_for(policy.customer),
        notes=(notes or "").strip(),
    )
    save_checked(follow_up, actor)
    audit_event(
        actor=actor,
        verb="follow_up_scheduled",
        target=follow_up,
        message=_("Ad hoc follow-up on %(policy)s arranged for %(date)s")
        % {"policy": policy.policy_number, "date": due_date.isoformat()},
    )
    return follow_up


def _escalate_follow_up(follow_up, *, reason, today, actor=None):
    follow_up.status = FollowUp.Status.ESCALATED
    follow_up.escalated_on = today
    follow_up.escalation_reason = str(reason)[:200]
    follow_up.next_attempt_on = None
    follow_up._change_reason = _("Escalated")
    save_checked(follow_up, actor)
    audit_event(
        actor=actor,
        verb="follow_up_escalated",
        target=follow_up,
        message=_("Follow-up %(ref)s escalated to the supervisor: %(reason)s")
        % {"ref": follow_up.reference, "reason": reason},
    )
    customer = follow_up.customer
    _tell(
        [_supervisor(customer)],
        title=_("Follow-up escalated: %(customer)s (%(ref)s)")
        % {"customer": customer.name, "ref": follow_up.reference},
        body=str(reason),
        url=follow_up.get_absolute_url(),
        level=Notification.Level.WARNING,
        key=f"fu-escalated:{follow_up.pk}",
        email=True,
    )
    return follow_up


def _task_for_salesperson(*, actor, follow_up, due_date):
    """A task on the salesperson's My work for an opinion that needs action (the sales
    app's task, assigned here by the clerk who heard it)."""
    customer = follow_up.customer
    task = SalesTask(
        team=customer.team,
        assignee=customer.owner,
        assigned_by=actor,
        title=(
            _("Act on the follow-up opinion of %(customer)s (%(ref)s)")
            % {"ref": follow_up.reference, "customer": customer.name}
        )[:200],
        description="\n\n".join(p for p in (follow_up.opinions, follow_up.requests) if p),
        due_date=due_date,
    )
    save_checked(task, actor)
    notify(
        recipient=customer.owner,
        title=_("New task: %(title)s") % {"title": task.title},
        body=task.description,
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}",
    )
    return task


@transaction.atomic
def follow_up_record_attempt(
    *,
    actor,
    follow_up,
    reached,
    channel="phone",
    when=None,
    note="",
    signed_in_person=None,
    understands_coverage=None,
    understands_exclusions=None,
    understands_cooling_off=None,
    satisfaction=None,
    opinions="",
    requests="",
    action=FollowUp.Action.NONE,
    task_due_date=None,
    complaint_category=Complaint.Category.SERVICE,
    complaint_severity=Complaint.Severity.MEDIUM,
):
    """Record one call or visit. Reached: what the customer confirmed (signed in person,
    understands the coverage, the exclusions and the cooling-off period), satisfaction 1–5,
    opinions and requests; an opinion that needs action becomes a task for the salesperson
    or a complaint. Not reached: retried after the configured days, escalated to the
    supervisor after the configured number of unreached attempts."""
    require_permission(
        actor,
        follow_up,
        FOLLOW_UP_PERM,
        message=_("Only the clerk supporting the customer's team records follow-ups."),
    )
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not follow_up.is_open:
        raise ValidationError(
            _("This follow-up is “%(status)s”; attempts are recorded on open follow-ups.")
            % {"status": follow_up.get_status_display()}
        )
    when = when or timezone.now()
    today = timezone.localtime(when).date() if timezone.is_aware(when) else when.date()
    opinions, requests, note = (
        (opinions or "").strip(),
        (requests or "").strip(),
        (note or "").strip(),
    )
    if reached:
        errors = {}
        if satisfaction in (None, ""):
            errors["satisfaction"] = _("Record the customer's satisfaction (1–5).")
        elif not 1 <= int(satisfaction) <= 5:
            errors["satisfaction"] = _("Satisfaction is a score from 1 to 5.")
        for name, value in (
            ("signed_in_person", signed_in_person),
            ("understands_coverage", understands_coverage),
            ("understands_exclusions", understands_exclusions),
            ("understands_cooling_off", understands_cooling_off),
        ):
            if value is None:
                errors[name] = _("Record the customer's answer.")
        if action != FollowUp.Action.NONE and not (opinions or requests):
            errors["opinions"] = _("Write down the opinion or request that needs action.")
        if action == FollowUp.Action.TASK and task_due_date is None:
            errors["task_due_date"] = _("Give the salesperson a date to act by.")
        if errors:
            raise ValidationError(errors)
    attempt = FollowUpAttempt(
        follow_up=follow_up, when=when, channel=channel, reached=bool(reached), note=note, by=actor
    )
    save_checked(attempt, actor)
    follow_up.attempts += 1
    if not reached:
        limit = params.get(rules.MAX_ATTEMPTS)
        audit_event(
            actor=actor,
            verb="follow_up_unreached",
            target=follow_up,
            message=_("Attempt %(n)s: customer not reached") % {"n": follow_up.attempts},
            data={"attempt": attempt.pk},
        )
        if follow_up.attempts >= limit and follow_up.status == FollowUp.Status.SCHEDULED:
            return _escalate_follow_up(
                follow_up,
                reason=_("Customer not reached after %(n)s attempts") % {"n": follow_up.attempts},
                today=today,
                actor=actor,
            )
        follow_up.next_attempt_on = today + dt.timedelta(days=params.get(rules.RETRY_DAYS))
        return save_checked(follow_up, actor)
    follow_up.status = FollowUp.Status.DONE
    follow_up.completed_on = today
    follow_up.next_attempt_on = None
    follow_up.signed_in_person = signed_in_person
    follow_up.understands_coverage = understands_coverage
    follow_up.understands_exclusions = understands_exclusions
    follow_up.understands_cooling_off = understands_cooling_off
    follow_up.satisfaction = int(satisfaction)
    follow_up.opinions = opinions
    follow_up.requests = requests
    follow_up.action = action or FollowUp.Action.NONE
    follow_up._change_reason = _("Customer reached")
    save_checked(follow_up, actor)
    customer = follow_up.customer
    audit_event(
        actor=actor,
        verb="follow_up_done",
        target=follow_up,
        message=_("Follow-up %(ref)s done: customer reached, satisfaction %(score)s/5")
        % {"ref": follow_up.reference, "score": follow_up.satisfaction},
        data={"attempt": attempt.pk, "satisfaction": follow_up.satisfaction},
    )
    if action == FollowUp.Action.TASK:
        follow_up.sales_task = _task_for_salesperson(
            actor=actor, follow_up=follow_up, due_date=task_due_date
        )
        save_checked(follow_up, actor)
    elif action == FollowUp.Action.COMPLAINT:
        follow_up.complaint = _complaint_create(
            actor=actor,
            customer=customer,
            policy=follow_up.policy,
            channel=Complaint.Channel.FOLLOW_UP,
            category=complaint_category,
            severity=complaint_severity,
            subject=(opinions or requests)[:200],
            description="\n\n".join(p for p in (opinions, requests) if p),
            received_on=today,
        )
        save_checked(follow_up, actor)
    low = params.get(rules.LOW_SATISFACTION)
    if follow_up.satisfaction <= low:
        _tell(
            [customer.owner],
            actor=actor,
            title=_("Low satisfaction (%(score)s/5) in the follow-up of %(customer)s")
            % {"score": follow_up.satisfaction, "customer": customer.name},
            body=opinions,
            url=follow_up.get_absolute_url(),
            level=Notification.Level.WARNING,
            key=f"fu-low:{follow_up.pk}",
        )
    return follow_up


@transaction.atomic
def follow_up_cancel(*, actor, follow_up, reason):
    """Cancel an open follow-up (the policy ended, the customer asked not to be called)."""
    require_permission(actor, follow_up, FOLLOW_UP_PERM)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the follow-up is cancelled.")})
    if not follow_up.is_open:
        raise ValidationError(_("Only an open follow-up can be cancelled."))
    follow_up.status = FollowUp.Status.CANCELLED
    follow_up.next_attempt_on = None
    follow_up._change_reason = reason[:100]
    save_checked(follow_up, actor)
    audit_event(
        actor=actor,
        verb="follow_up_cancelled",
        target=follow_up,
        message=_("Follow-up %(ref)s cancelled: %(reason)s")
        % {"ref": follow_up.reference, "reason": reason},
    )
    return follow_up


def follow_ups_chase(*, today=None):
    """The daily follow-up job: schedule the follow-ups missing after delivery (a safety net
    behind the delivery signal) and the yearly reviews coming up, flag overdue follow-ups to
    their clerk, escalate those overdue too long, and cancel those of policies no longer in
    force. Idempotent. Returns the counts."""
    today = _today(today)
    counts = {"scheduled": 0, "annual": 0, "flagged": 0, "escalated": 0, "cancelled": 0}
    in_force = Policy.objects.filter(status=Policy.Status.IN_FORCE).select_related(
        "product", "customer__team", "customer__clerk"
    )
    has_delivery = FollowUp.objects.filter(policy=OuterRef("pk"), kind=FollowUp.Kind.DELIVERY)
    for policy in in_force.filter(delivered_on__isnull=False).exclude(Exists(has_delivery)):
        with transaction.atomic():
            if follow_up_schedule_after_delivery(policy=policy):
                counts["scheduled"] += 1
    lead = params.get(rules.ANNUAL_REVIEW_LEAD_DAYS)
    for policy in in_force.filter(delivered_on__isnull=False, effective_date__lte=today):
        anniversary = next_anniversary(policy.effective_date, today)
        if (anniversary - today).days > lead:
            continue
        if FollowUp.objects.filter(
            policy=policy, kind=FollowUp.Kind.ANNUAL, due_date=anniversary
        ).exists():
            continue
        with transaction.atomic():
            if follow_up_schedule_annual(policy=policy, today=today):
                counts["annual"] += 1
    open_statuses = [FollowUp.Status.SCHEDULED, FollowUp.Status.ESCALATED]
    ended = FollowUp.objects.filter(status__in=open_statuses).exclude(
        policy__status=Policy.Status.IN_FORCE
    )
    for follow_up in ended.select_related("policy"):
        with transaction.atomic():
            follow_up.status = FollowUp.Status.CANCELLED
            follow_up._change_reason = _("The policy is no longer in force")
            save_checked(follow_up, None)
            counts["cancelled"] += 1
    escalate_after = params.get(rules.ESCALATE_AFTER_DAYS)
    overdue = FollowUp.objects.filter(
        status=FollowUp.Status.SCHEDULED, due_date__lt=today
    ).select_related("customer__team__supervisor", "assigned_to", "policy")
    for follow_up in overdue:
        days = follow_up.days_overdue(today)
        with transaction.atomic():
            if days > escalate_after:
                _escalate_follow_up(
                    follow_up,
                    reason=_("%(days)s days overdue") % {"days": days},
                    today=today,
                )
                counts["escalated"] += 1
                continue
            counts["flagged"] += _tell(
                [follow_up.assigned_to],
                title=_("Follow-up overdue: %(customer)s (%(ref)s)")
                % {"customer": follow_up.customer.name, "ref": follow_up.reference},
                url=follow_up.get_absolute_url(),
                level=Notification.Level.WARNING,
                key=f"fu-overdue:{follow_up.pk}",
            )
    return counts


# --- claims -----------------------------------------------------------------------------------

CS = Claim.Status
CLAIM_TRANSITIONS = {
    CS.REPORTED: (CS.COLLECTING, CS.CLOSED),
    CS.COLLECTING: (CS.SUBMITTED, CS.CLOSED),
    CS.SUBMITTED: (CS.INFO_REQUESTED, CS.APPROVED, CS.PARTLY_APPROVED, CS.DECLINED),
    CS.INFO_REQUESTED: (CS.SUBMITTED, CS.DECLINED, CS.CLOSED),
    CS.APPROVED: (CS.PAID, CS.DISPUTED),
    CS.PARTLY_APPROVED: (CS.PAID, CS.DISPUTED),
    CS.DECLINED: (CS.DISPUTED, CS.CLOSED),
    CS.PAID: (CS.CLOSED, CS.DISPUTED),
    CS.DISPUTED: (CS.APPROVED, CS.PARTLY_APPROVED, CS.CLOSED),
    CS.CLOSED: (),
}
CLAIM_DECISIONS = (CS.APPROVED, CS.PARTLY_APPROVED, CS.DECLINED)

K = ClaimDocumentKind
_BASIC = (K.CLAIM_FORM, K.ID_COPY, K.BANK_ACCOUNT)
DEFAULT_CLAIM_CHECKLIST = {
    ClaimType.MEDICAL: (*_BASIC, K.MEDICAL_RECORDS, K.INVOICES),
    ClaimType.CRITICAL_ILLNESS: (*_BASIC, K.MEDICAL_RECORDS, K.DIAGNOSIS),
    ClaimType.ACCIDENT: (*_BASIC, K.ACCIDENT_PROOF, K.MEDICAL_RECORDS, K.INVOICES),
    ClaimType.DISABILITY: (*_BASIC, K.ACCIDENT_PROOF, K.DISABILITY_ASSESSMENT),
    ClaimType.DEATH: (*_BASIC, K.DEATH_CERTIFICATE, K.RELATIONSHIP_PROOF),
    ClaimType.PROPERTY: (*_BASIC, K.LOSS_PROOF),
}


def ensure_default_claim_checklist(*, actor=None):
    """Create the default claim checklist rules that do not exist yet (edited ones stay)."""
    existing = set(ClaimRequiredDocument.objects.values_list("claim_type", "kind"))
    created = 0
    for claim_type, kinds in DEFAULT_CLAIM_CHECKLIST.items():
        for kind in kinds:
            if (str(claim_type), str(kind)) in existing:
                continue
            save_checked(ClaimRequiredDocument(claim_type=claim_type, kind=kind), actor)
            created += 1
    return created


def claim_checklist(claim):
    """The claim's checklist: every paper its type needs, with the latest upload (or none)."""
    rules_qs = ClaimRequiredDocument.objects.filter(claim_type=claim.claim_type, active=True)
    wanted = dict(rules_qs.values_list("kind", "note"))
    latest = documents.latest_documents(claim.documents)
    return documents.checklist(wanted, latest, ClaimDocumentKind)


def claim_blockers(claim, checklist=None):
    """Why the claim cannot be submitted to the insurer yet (empty: it can)."""
    checklist = claim_checklist(claim) if checklist is None else checklist
    return documents.checklist_blockers(checklist)


def _claim_label(status):
    return str(dict(CS.choices)[status])


def claim_transition_errors(claim, to):
    if to not in CLAIM_TRANSITIONS.get(claim.status, ()):
        return [
            _("A claim cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _claim_label(claim.status), "to": _claim_label(to)}
        ]
    if to == CS.SUBMITTED and claim.status == CS.COLLECTING:
        return claim_blockers(claim)
    return []


def allowed_claim_transitions(claim):
    return CLAIM_TRANSITIONS.get(claim.status, ())


def _claim_deadline(to, today, claim):
    step = dt.timedelta(days=params.get(rules.CLAIM_STEP_DAYS))
    if to == CS.CLOSED:
        return None
    if to == CS.SUBMITTED:
        return today + dt.timedelta(days=params.get(rules.CLAIM_INSURER_DAYS))
    if to == CS.INFO_REQUESTED and claim.info_due_date:
        return claim.info_due_date
    return today + step


def _claim_people(claim):
    customer = claim.customer
    return [customer.owner, claim.handled_by or clerk_for(customer)]


def _claim_move(
    *, actor, claim, to, verb, message, perm=PROCESS_CLAIM_PERM, channel="phone", note="", data=None
):
    """Move the claim to ``to``: the permission, the transition and its preconditions, a new
    deadline, an audit event and a logged update to the customer."""
    require_permission(
        actor,
        claim,
        perm,
        message=_("Only a clerk supporting the customer's team processes claims."),
    )
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    claim.status = locked.status
    errors = claim_transition_errors(claim, to)
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    old = claim.status
    claim.status = to
    claim.deadline = _claim_deadline(to, today, claim)
    if to == CS.CLOSED:
        claim.closed_on = today
    claim._change_reason = str(message)[:100]
    save_checked(claim, actor)
    audit_event(
        actor=actor,
        verb=verb,
        target=claim,
        message=message,
        data={"from": old, "to": to, **(data or {})},
    )
    content = str(message) + (f"\n{note.strip()}" if note and note.strip() else "")
    save_checked(
        ClaimUpdate(
            claim=claim,
            party=ClaimUpdate.Party.CUSTOMER,
            channel=channel or "phone",
            content=content,
            status=to,
            logged_by=actor,
        ),
        actor,
    )
    n = claim.updates.count()
    _tell(
        _claim_people(claim),
        actor=actor,
        title=_("Claim %(ref)s: %(status)s") % {"ref": claim.reference, "status": _claim_label(to)},
        body=content,
        url=claim.get_absolute_url(),
        key=f"claim:{claim.pk}:{to}:{n}",
    )
    return claim


@transaction.atomic
def claim_report(
    *,
    actor,
    policy,
    claim_type,
    incident_date,
    description,
    amount_claimed,
    insured_name="",
    reported_on=None,
    channel="phone",
):
    """A claim reported on a policy: the clerk starts helping the customer with it."""
    if not actor.has_perm("aftersales.add_claim") or not can(actor, policy.customer, "view"):
        raise PermissionDenied(_("You may not report claims for this customer."))
    reported_on = reported_on or timezone.localdate()
    errors = {}
    if incident_date is None:
        errors["incident_date"] = _("Enter the date of the incident.")
    elif incident_date > reported_on:
        errors["incident_date"] = _("The incident cannot be after the report.")
    elif incident_date < policy.effective_date:
        errors["incident_date"] = _("The incident is before the policy started (%(date)s).") % {
            "date": policy.effective_date.isoformat()
        }
    if amount_claimed is None or amount_claimed < 0:
        errors["amount_claimed"] = _("Enter the amount claimed (0 or more).")
    if not (description or "").strip():
        errors["description"] = _("Describe what happened.")
    if errors:
        raise ValidationError(errors)
    claim = Claim(
        policy=policy,
        customer=policy.customer,
        insured_name=(insured_name or "").strip() or policy.insured_name,
        claim_type=claim_type,
        incident_date=incident_date,
        reported_on=reported_on,
        description=description.strip(),
        amount_claimed=money(amount_claimed),
        handled_by=clerk_for(policy.customer),
        deadline=reported_on + dt.timedelta(days=params.get(rules.CLAIM_STEP_DAYS)),
    )
    save_checked(claim, actor)
    message = _("Claim %(ref)s reported on %(policy)s: %(type)s, %(amount)s claimed") % {
        "ref": claim.reference,
        "policy": policy.policy_number,
        "type": claim.get_claim_type_display(),
        "amount": claim.amount_claimed,
    }
    audit_event(actor=actor, verb="claim_reported", target=claim, message=message)
    save_checked(
        ClaimUpdate(
            claim=claim,
            party=ClaimUpdate.Party.CUSTOMER,
            channel=channel,
            content=str(message),
            status=CS.REPORTED,
            logged_by=actor,
        ),
        actor,
    )
    _tell(
        _claim_people(claim),
        actor=actor,
        title=_("Claim reported: %(customer)s (%(ref)s)")
        % {"customer": claim.customer.name, "ref": claim.reference},
        url=claim.get_absolute_url(),
        key=f"claim:{claim.pk}:reported",
    )
    return claim


@transaction.atomic
def claim_update(*, actor, claim, reason="", **fields):
    """Correct the details of a claim before it goes to the insurer."""
    require_permission(actor, claim, "aftersales.change_claim")
    if claim.status not in (CS.REPORTED, CS.COLLECTING):
        raise ValidationError(_("A claim's details are changed only before it is submitted."))
    allowed = {"insured_name", "claim_type", "incident_date", "description", "amount_claimed"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(_("This field cannot be changed here."))
        setattr(claim, name, value)
    if reason:
        claim._change_reason = reason
    return save_checked(claim, actor)


@transaction.atomic
def claim_document_upload(*, actor, claim, kind, file, description=""):
    """File a paper of the claim; an earlier upload of the same kind not accepted is marked
    replaced. Waits for the clerk's check."""
    if not actor.has_perm("aftersales.add_claimdocument") or not can(actor, claim, "view"):
        raise PermissionDenied(_("You may not add documents to this claim."))
    if claim.status not in (CS.REPORTED, CS.COLLECTING, CS.INFO_REQUESTED, CS.DISPUTED):
        raise ValidationError(
            _("Documents are added while they are collected or the insurer asks for more.")
        )
    document = checked_document_upload(
        actor=actor,
        model=ClaimDocument,
        parent=claim,
        kind=kind,
        file=file,
        description=description,
    )
    audit_event(
        actor=actor,
        verb="claim_document_uploaded",
        target=claim,
        message=_("%(doc)s uploaded") % {"doc": document.get_kind_display()},
        data={"document": document.pk},
    )
    if (
        claim.status == CS.REPORTED
        and actor.has_perm(PROCESS_CLAIM_PERM)
        and can(actor, claim, "change")
    ):
        _claim_move(
            actor=actor,
            claim=claim,
            to=CS.COLLECTING,
            verb="claim_collecting",
            message=_("%(ref)s: collecting the documents") % {"ref": claim.reference},
        )
    return document


@transaction.atomic
def claim_document_check(
    *, actor, document, accept, authentic=False, complete=False, accurate=False, reason=""
):
    """The clerk's check of one claim paper: accepted when authentic, complete and accurate,
    or rejected with a reason."""
    claim = document.claim
    require_permission(
        actor,
        claim,
        CHECK_CLAIM_PERM,
        message=_("Only a clerk supporting the customer's team checks claim documents."),
    )
    document, reason = checked_document_check(
        actor=actor,
        document=document,
        accept=accept,
        authentic=authentic,
        complete=complete,
        accurate=accurate,
        reason=reason,
        not_pending=_("Only a document waiting for the check can be checked."),
    )
    kind = document.get_kind_display()
    audit_event(
        actor=actor,
        verb="claim_document_accepted" if accept else "claim_document_rejected",
        target=claim,
        message=_("%(doc)s accepted (authentic, complete, accurate)") % {"doc": kind}
        if accept
        else _("%(doc)s rejected: %(reason)s") % {"doc": kind, "reason": reason},
        data={"document": document.pk},
    )
    return document


@transaction.atomic
def claim_start_collecting(*, actor, claim, channel="phone", note=""):
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.COLLECTING,
        verb="claim_collecting",
        message=_("%(ref)s: collecting the documents") % {"ref": claim.reference},
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_submit(
    *, actor, claim, submitted_on=None, insurer_reference="", channel="phone", note=""
):
    """Send the claim to the insurer once every required paper is checked and accepted (or
    send it back after supplying what the insurer asked for)."""
    claim.submitted_on = submitted_on or timezone.localdate()
    if insurer_reference:
        claim.insurer_reference = insurer_reference.strip()
    resubmit = claim.status == CS.INFO_REQUESTED
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.SUBMITTED,
        verb="claim_submitted",
        message=(
            _("%(ref)s: the information asked for was sent to %(insurer)s")
            if resubmit
            else _("%(ref)s submitted to %(insurer)s")
        )
        % {"ref": claim.reference, "insurer": claim.policy.insurer.name},
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_request_info(*, actor, claim, what, due_date, channel="phone"):
    """The insurer asks for more (a report, an invoice) by a date."""
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what the insurer asked for.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date the insurer needs it by.")})
    claim.info_requested = what
    claim.info_due_date = due_date
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.INFO_REQUESTED,
        verb="claim_info_requested",
        message=_("%(insurer)s asks for: %(what)s (by %(date)s)")
        % {"insurer": claim.policy.insurer.name, "what": what, "date": due_date.isoformat()},
        channel=channel,
    )


def _amount(value, field):
    try:
        value = money(value)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValidationError({field: _("Enter an amount.")}) from exc
    if value < 0:
        raise ValidationError({field: _("Amounts cannot be negative.")})
    return value


@transaction.atomic
def claim_decide(
    *, actor, claim, decision, amount_approved=None, note="", decided_on=None, channel="phone"
):
    """Record the insurer's decision: approved (in full), partly approved (an amount below the
    claim) or declined (with the insurer's reason)."""
    if decision not in CLAIM_DECISIONS:
        raise ValidationError(_("Unknown decision."))
    note = (note or "").strip()
    if decision == CS.APPROVED:
        approved = _amount(
            claim.amount_claimed if amount_approved in (None, "") else amount_approved,
            "amount_approved",
        )
    elif decision == CS.PARTLY_APPROVED:
        if amount_approved in (None, ""):
            raise ValidationError({"amount_approved": _("Enter the amount the insurer approved.")})
        approved = _amount(amount_approved, "amount_approved")
        if approved >= claim.amount_claimed:
            raise ValidationError(
                {"amount_approved": _("A partial approval is below the amount claimed.")}
            )
    else:
        approved = None
        if not note:
            raise ValidationError({"note": _("Give the insurer's reason.")})
    claim.amount_approved = approved
    claim.decided_on = decided_on or timezone.localdate()
    claim.decision_note = note
    return _claim_move(
        actor=actor,
        claim=claim,
        to=decision,
        verb="claim_decision",
        message=_("%(insurer)s decision on %(ref)s: %(decision)s%(amount)s")
        % {
            "insurer": claim.policy.insurer.name,
            "ref": claim.reference,
            "decision": _claim_label(decision),
            "amount": f" ({approved})" if approved is not None else "",
        },
        channel=channel,
        note=note,
        data={"amount_approved": str(approved or "")},
    )


@transaction.atomic
def claim_pay(*, actor, claim, amount_paid, paid_on=None, channel="phone"):
    """The insurer paid the claim (up to the amount approved)."""
    paid = _amount(amount_paid, "amount_paid")
    if claim.amount_approved is not None and paid > claim.amount_approved:
        raise ValidationError(
            {
                "amount_paid": _("The payment cannot exceed the amount approved (%(amount)s).")
                % {"amount": claim.amount_approved}
            }
        )
    claim.amount_paid = paid
    claim.paid_on = paid_on or timezone.localdate()
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.PAID,
        verb="claim_paid",
        message=_("%(ref)s: %(amount)s paid on %(date)s")
        % {"ref": claim.reference, "amount": paid, "date": claim.paid_on.isoformat()},
        channel=channel,
    )


@transaction.atomic
def claim_close(*, actor, claim, note="", channel="phone"):
    """Close the claim (paid and settled, declined and accepted, or withdrawn)."""
    if claim.status in (CS.REPORTED, CS.COLLECTING, CS.INFO_REQUESTED) and not (note or "").strip():
        raise ValidationError({"note": _("Say why the claim is closed before a decision.")})
    return _claim_move(
        actor=actor,
        claim=claim,
        to=CS.CLOSED,
        verb="claim_closed",
        message=_("%(ref)s closed") % {"ref": claim.reference},
        channel=channel,
        note=note,
    )


@transaction.atomic
def claim_dispute(*, actor, claim, reason, channel="phone"):
    """The customer disputes the insurer's decision: the supervisor takes the claim over."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the customer disputes.")})
    if not (actor.has_perm(PROCESS_CLAIM_PERM) or actor.has_perm(DISPUTE_PERM)):
        raise PermissionDenied(_("You may not record a dispute."))
    claim.disputed_on = timezone.localdate()
    claim.dispute_reason = reason
    claim.dispute_outcome = ""
    claim.dispute_resolved_on = None
    perm = PROCESS_CLAIM_PERM if actor.has_perm(PROCESS_CLAIM_PERM) else DISPUTE_PERM
    claim = _claim_move(
        actor=actor,
        claim=claim,
        to=CS.DISPUTED,
        verb="claim_disputed",
        message=_("%(ref)s disputed by the customer: %(reason)s")
        % {"ref": claim.reference, "reason": reason},
        perm=perm,
        channel=channel,
    )
    _tell(
        [_supervisor(claim.customer)],
        actor=actor,
        title=_("Claim dispute to handle: %(customer)s (%(ref)s)")
        % {"customer": claim.customer.name, "ref": claim.reference},
        body=reason,
        url=claim.get_absolute_url(),
        level=Notification.Level.WARNING,
        key=f"claim-dispute:{claim.pk}:{claim.disputed_on.isoformat()}",
        email=True,
    )
    return claim


@transaction.atomic
def claim_resolve_dispute(*, actor, claim, outcome, result, amount_approved=None, channel="phone"):
    """The supervisor settles the dispute: the insurer changes its decision (approved or
    partly approved, with the amount) or the decision stands and the claim is closed."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Record the outcome of the dispute.")})
    if result not in (CS.APPROVED, CS.PARTLY_APPROVED, CS.CLOSED):
        raise ValidationError({"result": _("Choose the result of the dispute.")})
    if result != CS.CLOSED:
        if amount_approved in (None, ""):
            raise ValidationError({"amount_approved": _("Enter the amount now approved.")})
        claim.amount_approved = _amount(amount_approved, "amount_approved")
        claim.decided_on = timezone.localdate()
    claim.dispute_outcome = outcome
    claim.dispute_resolved_on = timezone.localdate()
    claim.dispute_handled_by = actor
    return _claim_move(
        actor=actor,
        claim=claim,
        to=result,
        verb="claim_dispute_resolved",
        message=_("%(ref)s: dispute settled — %(outcome)s")
        % {"ref": claim.reference, "outcome": outcome},
        perm=DISPUTE_PERM,
        channel=channel,
        data={"result": result},
    )


@transaction.atomic
def claim_log_update(*, actor, claim, party, channel, content, when=None):
    """Log an exchange with the customer or the insurer about the claim."""
    if not actor.has_perm("aftersales.add_claimupdate") or not can(actor, claim, "view"):
        raise PermissionDenied(_("You may not log updates on this claim."))
    content = (content or "").strip()
    if not content:
        raise ValidationError({"content": _("Write what was said.")})
    return save_checked(
        ClaimUpdate(
            claim=claim,
            party=party,
            channel=channel,
            content=content,
            when=when or timezone.now(),
            status=claim.status,
            logged_by=actor,
        ),
        actor,
    )


def claims_chase(*, today=None):
    """Tell the clerk (and the supervisor, for disputes) about open claims past their
    deadline — once per claim and deadline. Returns the notifications sent."""
    today = _today(today)
    sent = 0
    overdue = (
        Claim.objects.exclude(status=CS.CLOSED)
        .filter(deadline__lt=today)
        .select_related("customer__team__supervisor", "customer__owner", "handled_by")
    )
    for claim in overdue:
        people = [claim.handled_by or clerk_for(claim.customer)]
        if claim.status == CS.DISPUTED or claim.days_overdue(today) > params.get(
            rules.CLAIM_STEP_DAYS
        ):
            people.append(_supervisor(claim.customer))
        sent += _tell(
            people,
            title=_("Claim past its deadline: %(customer)s (%(ref)s), %(days)s days")
            % {
                "customer": claim.customer.name,
                "ref": claim.reference,
                "days": claim.days_overdue(today),
            },
            url=claim.get_absolute_url(),
            level=Notification.Level.WARNING,
            key=f"claim-overdue:{claim.pk}:{claim.deadline.isoformat()}",
        )
    return sent


# --- complaints -------------------------------------------------------------------------------

CP = Complaint.Status
COMPLAINT_TRANSITIONS = {
    CP.OPEN: (CP.ACKNOWLEDGED, CP.IN_PROGRESS, CP.RESOLVED),
    CP.ACKNOWLEDGED: (CP.IN_PROGRESS, CP.RESOLVED),
    CP.IN_PROGRESS: (CP.RESOLVED,),
    CP.RESOLVED: (CP.CLOSED, CP.IN_PROGRESS),
    CP.CLOSED: (),
}


def allowed_complaint_transitions(complaint):
    return COMPLAINT_TRANSITIONS.get(complaint.status, ())


def _complaint_create(
    *,
    actor,
    customer,
    policy,
    channel,
    category,
    severity,
    subject,
    description,
    received_on,
    claim=None,
):
    ack, resolve = rules.complaint_deadlines(severity, received_on)
    team = customer.team
    complaint = Complaint(
        customer=customer,
        policy=policy,
        team=team,
        supervisor=team.supervisor if team.supervisor_id else None,
        received_on=received_on,
        channel=channel,
        category=category,
        severity=severity,
        subject=subject.strip(),
        description=description.strip(),
        acknowledge_by=ack,
        resolve_by=resolve,
        logged_by=actor,
        claim=claim,
    )
    save_checked(complaint, actor)
    audit_event(
        actor=actor,
        verb="complaint_received",
        target=complaint,
        message=_("Complaint %(ref)s received (%(severity)s): %(subject)s")
        % {
            "ref": complaint.reference,
            "severity": complaint.get_severity_display(),
            "subject": complaint.subject,
        },
    )
    _tell(
        [complaint.supervisor],
        actor=actor,
        title=_("New complaint to handle: %(customer)s — %(subject)s")
        % {"customer": customer.name, "subject": complaint.subject},
        body=_("Acknowledge by %(ack)s, resolve by %(resolve)s.")
        % {"ack": ack.isoformat(), "resolve": resolve.isoformat()},
        url=complaint.get_absolute_url(),
        level=Notification.Level.WARNING,
        key=f"complaint-new:{complaint.pk}",
        email=True,
    )
    return complaint


@transaction.atomic
def complaint_log(
    *,
    actor,
    customer,
    channel,
    category,
    severity,
    subject,
    description,
    policy=None,
    received_on=None,
    claim=None,
):
    """Log a complaint received from any channel; the team's supervisor becomes responsible
    and the deadlines follow from the severity."""
    if not actor.has_perm("aftersales.add_complaint") or not can(actor, customer, "view"):
        raise PermissionDenied(_("You may not log complaints for this customer."))
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = _("Give the complaint a subject.")
    if not (description or "").strip():
        errors["description"] = _("Write down what the customer says.")
    if policy is not None and policy.customer_id != customer.pk:
        errors["policy"] = _("This policy is not the customer's.")
    if severity not in Complaint.Severity.values:
        errors["severity"] = _("Choose the severity.")
    if errors:
        raise ValidationError(errors)
    return _complaint_create(
        actor=actor,
        customer=customer,
        policy=policy,
        channel=channel,
        category=category,
        severity=severity,
        subject=subject,
        description=description,
        received_on=received_on or timezone.localdate(),
        claim=claim,
    )


def _complaint_label(status):
    return str(dict(CP.choices)[status])


def _complaint_move(*, actor, complaint, to, verb, message, data=None):
    require_permission(
        actor,
        complaint,
        HANDLE_COMPLAINT_PERM,
        message=_("Only the supervisor responsible handles this complaint."),
    )
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint.status = locked.status
    if to not in allowed_complaint_transitions(complaint):
        raise ValidationError(
            _("A complaint cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _complaint_label(complaint.status), "to": _complaint_label(to)}
        )
    old = complaint.status
    today = timezone.localdate()
    complaint.status = to
    if to in (CP.ACKNOWLEDGED, CP.IN_PROGRESS, CP.RESOLVED) and not complaint.acknowledged_on:
        complaint.acknowledged_on = today
    if to == CP.RESOLVED:
        complaint.resolved_on = today
    if to == CP.IN_PROGRESS and old == CP.RESOLVED:
        complaint.resolved_on = None
    if to == CP.CLOSED:
        complaint.closed_on = today
    complaint._change_reason = str(message)[:100]
    save_checked(complaint, actor)
    audit_event(
        actor=actor,
        verb=verb,
        target=complaint,
        message=message,
        data={"from": old, "to": to, **(data or {})},
    )
    return complaint


@transaction.atomic
def complaint_acknowledge(*, actor, complaint, note=""):
    """Tell the customer the complaint is received and being looked at."""
    complaint = _complaint_move(
        actor=actor,
        complaint=complaint,
        to=CP.ACKNOWLEDGED,
        verb="complaint_acknowledged",
        message=_("%(ref)s acknowledged to the customer") % {"ref": complaint.reference},
    )
    if (note or "").strip():
        complaint_add_action(actor=actor, complaint=complaint, action=note)
    return complaint


@transaction.atomic
def complaint_start(*, actor, complaint, note=""):
    complaint = _complaint_move(
        actor=actor,
        complaint=complaint,
        to=CP.IN_PROGRESS,
        verb="complaint_in_progress",
        message=_("%(ref)s being worked on") % {"ref": complaint.reference},
    )
    if (note or "").strip():
        complaint_add_action(actor=actor, complaint=complaint, action=note)
    return complaint


@transaction.atomic
def complaint_add_action(*, actor, complaint, action, when=None):
    """Record something done about the complaint."""
    require_permission(actor, complaint, HANDLE_COMPLAINT_PERM)
    action = (action or "").strip()
    if not action:
        raise ValidationError({"action": _("Describe the action taken.")})
    if complaint.status == CP.CLOSED:
        raise ValidationError(_("The complaint is closed."))
    entry = save_checked(
        ComplaintAction(complaint=complaint, action=action, when=when or timezone.now(), by=actor),
        actor,
    )
    audit_event(
        actor=actor,
        verb="complaint_action",
        target=complaint,
        message=_("Action on %(ref)s: %(action)s") % {"ref": complaint.reference, "action": action},
    )
    return entry


@transaction.atomic
def complaint_resolve(*, actor, complaint, resolution):
    """Record how the complaint was resolved."""
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Describe the resolution.")})
    complaint.resolution = resolution
    return _complaint_move(
        actor=actor,
        complaint=complaint,
        to=CP.RESOLVED,
        verb="complaint_resolved",
        message=_("%(ref)s resolved: %(resolution)s")
        % {"ref": complaint.reference, "resolution": resolution},
    )


@transaction.atomic
def complaint_close(*, actor, complaint, satisfaction):
    """Close a resolved complaint with the customer's satisfaction with the resolution."""
    if satisfaction in (None, "") or not 1 <= int(satisfaction) <= 5:
        raise ValidationError(
            {"satisfaction": _("Record the customer's satisfaction with the resolution (1–5).")}
        )
    complaint.satisfaction = int(satisfaction)
    return _complaint_move(
        actor=actor,
        complaint=complaint,
        to=CP.CLOSED,
        verb="complaint_closed",
        message=_("%(ref)s closed; the customer's satisfaction %(score)s/5")
        % {"ref": complaint.reference, "score": complaint.satisfaction},
    )


@transaction.atomic
def complaint_reopen(*, actor, complaint, reason):
    """The customer is not satisfied with the resolution: back to work."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the complaint is reopened.")})
    return _complaint_move(
        actor=actor,
        complaint=complaint,
        to=CP.IN_PROGRESS,
        verb="complaint_reopened",
        message=_("%(ref)s reopened: %(reason)s") % {"ref": complaint.reference, "reason": reason},
    )


def overdue_complaints_q(today):
    """Complaints past the deadline that applies now."""
    return Q(status=CP.OPEN, acknowledge_by__lt=today) | Q(
        status__in=[CP.OPEN, CP.ACKNOWLEDGED, CP.IN_PROGRESS], resolve_by__lt=today
    )


def complaints_escalate(*, today=None):
    """Escalate complaints past a deadline to the management (and remind the supervisor):
    once per complaint and deadline. Returns how many complaints were escalated."""
    today = _today(today)
    escalated = 0
    bosses = managers()
    for complaint in (
        Complaint.objects.filter(overdue_complaints_q(today))
        .select_related("customer", "supervisor")
        .order_by("pk")
    ):
        missed = (
            "acknowledge"
            if complaint.status == CP.OPEN and complaint.acknowledge_by < today
            else "resolve"
        )
        if complaint.resolve_by < today:
            missed = "resolve"
        deadline = complaint.resolve_by if missed == "resolve" else complaint.acknowledge_by
        key = f"complaint-overdue:{complaint.pk}:{missed}"
        with transaction.atomic():
            title = _("Complaint past its deadline: %(customer)s — %(subject)s (%(days)s days)") % {
                "customer": complaint.customer.name,
                "subject": complaint.subject,
                "days": (today - deadline).days,
            }
            sent = _tell(
                [complaint.supervisor, *bosses],
                title=title,
                url=complaint.get_absolute_url(),
                level=Notification.Level.DANGER,
                key=key,
                email=True,
            )
            if complaint.escalated_on is None:
                complaint.escalated_on = today
                complaint._change_reason = _("Escalated to the management")
                save_checked(complaint, None)
                audit_event(
                    actor=None,
                    verb="complaint_escalated",
                    target=complaint,
                    message=_(
                        "%(ref)s escalated to the management: the %(deadline)s deadline passed"
                    )
                    % {
                        "ref": complaint.reference,
                        "deadline": _("acknowledgement")
                        if missed == "acknowledge"
                        else _("resolution"),
                    },
                )
                escalated += 1
            elif sent:
                escalated += 1
    return escalated


def escalate_overdue(*, today=None):
    """The daily deadline job: complaints and claims past their deadlines."""
    return {
        "complaints": complaints_escalate(today=today),
        "claims": claims_chase(today=today),
    }


# --- policy service requests ------------------------------------------------------------------

SR = ServiceRequest.Status
SRK = ServiceRequest.Kind
REQUEST_FIELDS = {
    SRK.CONTACT: ("mobile", "email"),
    SRK.ADDRESS: ("province", "city", "district", "street"),
    SRK.BANK_ACCOUNT: ("bank_name", "bank_account"),
    SRK.BENEFICIARY: ("beneficiaries",),
    SRK.REISSUE: ("reason",),
    SRK.OTHER: (),
}
NEEDS_DOCUMENT = (SRK.BANK_ACCOUNT, SRK.BENEFICIARY, SRK.REISSUE)
SENSITIVE = ("mobile", "bank_account")


def current_values(policy, kind):
    """The values a request of ``kind`` would change, as they are on file now."""
    customer = policy.customer
    if kind in (SRK.CONTACT, SRK.ADDRESS):
        return {f: getattr(customer, f) or "" for f in REQUEST_FIELDS[kind]}
    if kind == SRK.BANK_ACCOUNT:
        application = policy.application
        return {"bank_name": application.bank_name, "bank_account": application.bank_account}
    if kind == SRK.BENEFICIARY:
        return {"beneficiaries": list(policy.beneficiaries or [])}
    return {}


def parse_beneficiaries(text):
    """ "張三 配偶 60; 張小明 子女 40" → [{"name", "relation", "share"}]; shares total 100."""
    rows = []
    for part in (text or "").replace("；", ";").replace("\n", ";").split(";"):
        bits = part.split()
        if not bits:
            continue
        if len(bits) < 2:
            raise ValidationError(
                {"beneficiaries": _("Write each beneficiary as: name relation share.")}
            )
        name, share = bits[0], bits[-1].rstrip("%")
        relation = " ".join(bits[1:-1])
        try:
            share = Decimal(share)
        except InvalidOperation as exc:
            raise ValidationError(
                {"beneficiaries": _("The share of %(name)s is not a number.") % {"name": name}}
            ) from exc
        if share <= 0 or share > 100:
            raise ValidationError({"beneficiaries": _("Each share is above 0 and at most 100.")})
        rows.append({"name": name, "relation": relation, "share": f"{share.normalize():f}"})
    if rows and sum(Decimal(r["share"]) for r in rows) != 100:
        raise ValidationError({"beneficiaries": _("The shares must total exactly 100.")})
    return rows


def _clean_after(kind, after):
    fields = REQUEST_FIELDS[kind]
    cleaned = {}
    for name in fields:
        value = after.get(name)
        if isinstance(value, str):
            value = value.strip()
        if name == "bank_account" and value:
            value = "".join(value.split())
        if value not in (None, "", []):
            cleaned[name] = value
    if kind == SRK.BENEFICIARY and isinstance(cleaned.get("beneficiaries"), str):
        cleaned["beneficiaries"] = parse_beneficiaries(cleaned["beneficiaries"])
    if fields and not cleaned and kind != SRK.BENEFICIARY:
        raise ValidationError(_("Enter the new values."))
    return cleaned


@transaction.atomic
def service_request_create(*, actor, policy, kind, after=None, description="", requested_on=None):
    """A customer's request on a policy, with the values on file now and those wanted."""
    if not actor.has_perm("aftersales.add_servicerequest") or not can(
        actor, policy.customer, "view"
    ):
        raise PermissionDenied(_("You may not open service requests for this customer."))
    if kind not in SRK.values:
        raise ValidationError({"kind": _("Choose the request.")})
    description = (description or "").strip()
    cleaned = _clean_after(kind, after or {})
    if kind == SRK.OTHER and not description:
        raise ValidationError({"description": _("Describe the request.")})
    before = current_values(policy, kind)
    request = ServiceRequest(
        policy=policy,
        customer=policy.customer,
        kind=kind,
        description=description,
        requested_on=requested_on or timezone.localdate(),
        before=json.dumps(before, ensure_ascii=False),
        after=json.dumps(cleaned, ensure_ascii=False),
        handled_by=clerk_for(policy.customer),
    )
    save_checked(request, actor)
    audit_event(
        actor=actor,
        verb="service_request_opened",
        target=request,
        message=_("%(ref)s opened on %(policy)s: %(kind)s")
        % {
            "ref": request.reference,
            "policy": policy.policy_number,
            "kind": request.get_kind_display(),
        },
    )
    return request


@transaction.atomic
def service_request_document_upload(*, actor, request, file, description):
    if not actor.has_perm("aftersales.add_servicerequestdocument") or not can(
        actor, request, "view"
    ):
        raise PermissionDenied(_("You may not add documents to this request."))
    if request.status not in (SR.DRAFT, SR.SUBMITTED):
        raise ValidationError(_("Documents are added to open requests."))
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what the document is.")})
    document = ServiceRequestDocument(
        request=request,
        file=file,
        original_name=(getattr(file, "name", "") or "")[:200],
        description=description,
        uploaded_by=actor,
    )
    save_checked(document, actor)
    audit_event(
        actor=actor,
        verb="service_document_uploaded",
        target=request,
        message=_("Document added: %(doc)s") % {"doc": description},
    )
    return document


def service_request_blockers(request):
    """Why the request cannot be submitted yet (empty: it can)."""
    errors = []
    if request.kind in NEEDS_DOCUMENT and not request.documents.exists():
        errors.append(_("Add the signed request form (and the papers the insurer needs)."))
    return errors


def _request_move(*, actor, request, allowed_from, to, verb, message):
    require_permission(
        actor,
        request,
        PROCESS_REQUEST_PERM,
        message=_("Only a clerk supporting the customer's team processes service requests."),
    )
    locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("This request is “%(status)s”; it cannot go on to “%(to)s”.")
            % {"status": locked.get_status_display(), "to": dict(SR.choices)[to]}
        )
    request.status = to
    request._change_reason = str(message)[:100]
    save_checked(request, actor)
    audit_event(actor=actor, verb=verb, target=request, message=message)
    return request


@transaction.atomic
def service_request_submit(*, actor, request, submitted_on=None, insurer_reference=""):
    blockers = service_request_blockers(request)
    if blockers:
        raise ValidationError(blockers)
    request.submitted_on = submitted_on or timezone.localdate()
    request.insurer_reference = (insurer_reference or "").strip()
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.DRAFT,),
        to=SR.SUBMITTED,
        verb="service_request_submitted",
        message=_("%(ref)s submitted to %(insurer)s")
        % {"ref": request.reference, "insurer": request.policy.insurer.name},
    )


def _apply_request(actor, request):
    """Put the completed change on the customer's or the policy's record (with history)."""
    after = request.values_after
    reason = _("Service request %(ref)s") % {"ref": request.reference}
    policy = request.policy
    if request.kind in (SRK.CONTACT, SRK.ADDRESS):
        customer = request.customer
        saved_by(customer, actor)
        customer_services.customer_update(
            actor=actor, customer=customer, reason=str(reason)[:100], **after
        )
    elif request.kind == SRK.BANK_ACCOUNT:
        application = policy.application
        application.bank_name = after.get("bank_name", application.bank_name)
        application.bank_account = after.get("bank_account", application.bank_account)
        application._change_reason = str(reason)[:100]
        save_checked(application, actor)
        audit_event(
            actor=actor,
            verb="bank_account_changed",
            target=policy,
            message=_("Premium bank account changed (%(ref)s)") % {"ref": request.reference},
        )
    elif request.kind == SRK.BENEFICIARY:
        policy.beneficiaries = after.get("beneficiaries", [])
        policy._change_reason = str(reason)[:100]
        save_checked(policy, actor)
        audit_event(
            actor=actor,
            verb="beneficiaries_changed",
            target=policy,
            message=_("Beneficiaries changed (%(ref)s): %(list)s")
            % {
                "ref": request.reference,
                "list": "、".join(f"{b['name']} {b['share']}%" for b in policy.beneficiaries)
                or _("the legal heirs"),
            },
        )
    elif request.kind == SRK.REISSUE:
        audit_event(
            actor=actor,
            verb="policy_reissued",
            target=policy,
            message=_("Policy %(number)s reissued after a loss (%(ref)s)")
            % {"number": policy.policy_number, "ref": request.reference},
        )


@transaction.atomic
def service_request_complete(*, actor, request, completed_on=None, note=""):
    """The insurer completed the request: the change goes onto the customer's or the policy's
    record, with history."""
    request.completed_on = completed_on or timezone.localdate()
    request.outcome_note = (note or "").strip()
    request = _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.SUBMITTED,),
        to=SR.COMPLETED,
        verb="service_request_completed",
        message=_("%(ref)s completed: %(kind)s")
        % {"ref": request.reference, "kind": request.get_kind_display()},
    )
    try:
        _apply_request(actor, request)
    except ValidationError as exc:
        messages = "; ".join(exc.messages)
        raise ValidationError(
            _("The change cannot be put on the record: %(errors)s") % {"errors": messages}
        ) from exc
    _tell(
        [request.customer.owner],
        actor=actor,
        title=_("Service request completed: %(ref)s (%(customer)s)")
        % {"ref": request.reference, "customer": request.customer.name},
        url=request.get_absolute_url(),
        key=f"sr-completed:{request.pk}",
    )
    return request


@transaction.atomic
def service_request_reject(*, actor, request, note):
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Give the insurer's reason.")})
    request.outcome_note = note
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.SUBMITTED,),
        to=SR.REJECTED,
        verb="service_request_rejected",
        message=_("%(ref)s rejected by the insurer: %(note)s")
        % {"ref": request.reference, "note": note},
    )


@transaction.atomic
def service_request_cancel(*, actor, request, note):
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the request is cancelled.")})
    request.outcome_note = note
    return _request_move(
        actor=actor,
        request=request,
        allowed_from=(SR.DRAFT, SR.SUBMITTED),
        to=SR.CANCELLED,
        verb="service_request_cancelled",
        message=_("%(ref)s cancelled: %(note)s") % {"ref": request.reference, "note": note},
    )


# --- renewals ---------------------------------------------------------------------------------

RO = Renewal.Outcome
OUTCOMES_FROM = {
    RO.PENDING: (RO.PAID, RO.GRACE, RO.LAPSED, RO.RENEWED, RO.NOT_RENEWED),
    RO.GRACE: (RO.PAID, RO.LAPSED),
}
OUTCOMES_BY_KIND = {
    Renewal.Kind.PREMIUM: (RO.PAID, RO.GRACE, RO.LAPSED),
    Renewal.Kind.EXPIRY: (RO.RENEWED, RO.NOT_RENEWED),
}


def _renewal_for(*, policy, kind, due_date, premium=None, amount=None):
    """The renewal row of (policy, kind, due date), created if missing (safe under races)."""
    try:
        with transaction.atomic():
            renewal, _created = Renewal.objects.get_or_create(
                policy=policy,
                kind=kind,
                due_date=due_date,
                defaults={"customer": policy.customer, "premium": premium, "amount": amount},
            )
    except IntegrityError:
        renewal = Renewal.objects.get(policy=policy, kind=kind, due_date=due_date)
    return renewal


def _reminder_people(policy):
    customer = policy.customer
    return [customer.owner, clerk_for(customer)]


def renewal_candidates(*, today=None):
    """What falls due within the largest offset: [(policy, kind, due date, premium, amount)]."""
    today = _today(today)
    offset_list = rules.offsets()
    if not offset_list:
        return []
    horizon = today + dt.timedelta(days=offset_list[0])
    found = []
    premiums = (
        PremiumRecord.objects.filter(
            paid_on__isnull=True,
            refunded=False,
            due_date__gte=today,
            due_date__lte=horizon,
            policy__status=Policy.Status.IN_FORCE,
        )
        .select_related("policy__customer__team", "policy__customer__owner", "policy__product")
        .order_by("due_date", "pk")
    )
    for premium in premiums:
        found.append(
            (premium.policy, Renewal.Kind.PREMIUM, premium.due_date, premium, premium.amount)
        )
    policies = (
        Policy.objects.filter(
            status=Policy.Status.IN_FORCE, end_date__gte=today, end_date__lte=horizon
        )
        .select_related("customer__team", "customer__owner", "product")
        .order_by("end_date", "pk")
    )
    for policy in policies:
        found.append((policy, Renewal.Kind.EXPIRY, policy.end_date, None, None))
    return found


def renewals_send_reminders(*, today=None):
    """The daily renewal job: for each premium due and each policy ending within the
    configured offsets, the renewal row and ONE reminder for the offset window it is in now
    (60, 30, 15, 7 days by default), to the salesperson and the clerk, in the app and by
    e-mail. The reminder row (renewal, offset) is the idempotency key: a second run the same
    day, or a run the next day inside the same window, creates and sends nothing."""
    today = _today(today)
    offset_list = rules.offsets()
    counts = {"renewals": 0, "reminders": 0}
    for policy, kind, due_date, premium, amount in renewal_candidates(today=today):
        offset = rules.reminder_offset((due_date - today).days, offset_list)
        if offset is None:
            continue
        with transaction.atomic():
            before = Renewal.objects.filter(policy=policy, kind=kind, due_date=due_date).exists()
            renewal = _renewal_for(
                policy=policy, kind=kind, due_date=due_date, premium=premium, amount=amount
            )
            counts["renewals"] += 0 if before else 1
            if renewal.outcome != RO.PENDING:
                continue
            if RenewalReminder.objects.filter(renewal=renewal, offset_days=offset).exists():
                continue
            people = [p for p in _reminder_people(policy) if p is not None]
            try:
                with transaction.atomic():
                    reminder = RenewalReminder.objects.create(
                        renewal=renewal,
                        offset_days=offset,
                        sent_on=today,
                        recipients="、".join(dict.fromkeys(p.display_name for p in people)),
                    )
            except IntegrityError:  # another worker sent it
                continue
            counts["reminders"] += 1
            days = (due_date - today).days
            if kind == Renewal.Kind.PREMIUM:
                title = _("Premium due in %(days)s days: %(customer)s, %(policy)s (%(date)s)")
            else:
                title = _("Policy ends in %(days)s days: %(customer)s, %(policy)s (%(date)s)")
            _tell(
                people,
                title=title
                % {
                    "days": days,
                    "customer": policy.customer.name,
                    "policy": policy.policy_number,
                    "date": due_date.isoformat(),
                },
                body=_("Amount: %(amount)s") % {"amount": amount} if amount is not None else "",
                url=renewal.get_absolute_url(),
                key=reminder.dedupe_key,
                email=True,
            )
    return counts


def _policy_lapse(*, actor, policy, on, reason):
    """The policy lapses for an unpaid premium (with history and a timeline event)."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != Policy.Status.IN_FORCE:
        return policy
    policy.status = Policy.Status.LAPSED
    policy.ended_on = on
    policy.end_reason = reason[:300]
    policy.next_premium_due = None
    policy._change_reason = _("Lapsed")
    save_checked(policy, actor)
    audit_event(
        actor=actor,
        verb="policy_lapsed",
        target=policy,
        message=_("Policy %(number)s lapsed: %(reason)s")
        % {"number": policy.policy_number, "reason": reason},
    )
    return policy


def allowed_outcomes(renewal):
    return [
        o for o in OUTCOMES_FROM.get(renewal.outcome, ()) if o in OUTCOMES_BY_KIND[renewal.kind]
    ]


@transaction.atomic
def renewal_record_outcome(*, actor, renewal, outcome, reason="", recorded_on=None):
    """Record what became of a renewal: paid (the premium payment is recorded through
    underwriting when the actor may record payments; otherwise the clerk is asked to), in
    grace period, lapsed (the policy lapses), renewed, or not renewed (with the reason)."""
    require_permission(
        actor,
        renewal,
        RENEWAL_PERM,
        message=_("Only the salesperson or the clerk of the customer records renewals."),
    )
    renewal = Renewal.objects.select_for_update().get(pk=renewal.pk)
    if outcome not in allowed_outcomes(renewal):
        raise ValidationError(
            _("A renewal that is “%(from)s” cannot be recorded as “%(to)s”.")
            % {"from": renewal.get_outcome_display(), "to": dict(RO.choices).get(outcome, outcome)}
        )
    reason = (reason or "").strip()
    if outcome in (RO.NOT_RENEWED, RO.LAPSED) and not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    on = recorded_on or timezone.localdate()
    policy = renewal.policy
    renewal.outcome = outcome
    renewal.reason = reason
    renewal.recorded_on = on
    renewal.recorded_by = actor
    renewal._change_reason = renewal.get_outcome_display()
    save_checked(renewal, actor)
    if outcome == RO.PAID and renewal.kind == Renewal.Kind.PREMIUM:
        premium = renewal.premium or policy.premiums.filter(due_date=renewal.due_date).first()
        if premium is not None and not premium.paid_on:
            if actor.has_perm("underwriting.change_premiumrecord") and can(actor, policy, "view"):
                uw_services.premium_record_payment(actor=actor, premium=premium, paid_on=on)
            else:
                _tell(
                    [clerk_for(policy.customer)],
                    actor=actor,
                    title=_("Confirm the premium payment: %(policy)s, due %(date)s")
                    % {"policy": policy.policy_number, "date": renewal.due_date.isoformat()},
                    url=reverse_premiums(policy),
                    key=f"renewal-paid:{renewal.pk}",
                )
    elif outcome == RO.LAPSED:
        _policy_lapse(actor=actor, policy=policy, on=on, reason=reason)
    audit_event(
        actor=actor,
        verb="renewal_recorded",
        target=renewal,
        message=_("%(policy)s, %(kind)s %(date)s: %(outcome)s")
        % {
            "policy": policy.policy_number,
            "kind": renewal.get_kind_display(),
            "date": renewal.due_date.isoformat(),
            "outcome": renewal.get_outcome_display(),
        }
        + (f" — {reason}" if reason else ""),
    )
    return renewal


def reverse_premiums(policy):
    return reverse("underwriting:policy_premiums", args=[policy.pk])


# --- policy filing ----------------------------------------------------------------------------


def policy_file_gaps(policy, *, delivery_follow_up_status=None, needs_follow_up=None):
    """What a policy's file lacks: the signed receipt, the follow-up record."""
    gaps = []
    if not policy.delivered_on or not policy.receipt:
        gaps.append(_("signed receipt"))
    if needs_follow_up is None:
        needs_follow_up = _needs_follow_up(policy)
    if needs_follow_up and delivery_follow_up_status != FollowUp.Status.DONE:
        gaps.append(_("follow-up record"))
    return gaps


def policy_files_check(*, today=None):
    """The weekly filing job: tell each clerk how many policy files of their teams are
    incomplete (once per clerk and ISO week). Returns {"incomplete": n, "sent": m}."""
    from .selectors import incomplete_policy_files_all

    today = _today(today)
    year, week, _day = today.isocalendar()
    by_clerk = {}
    incomplete = list(incomplete_policy_files_all(today=today))
    for policy in incomplete:
        for clerk in policy.customer.team.clerks.all():
            if clerk.is_active:
                by_clerk.setdefault(clerk, []).append(policy)
    sent = 0
    for clerk, policies in by_clerk.items():
        sent += _tell(
            [clerk],
            title=_("%(n)s policy files are incomplete") % {"n": len(policies)},
            body="、".join(p.policy_number for p in policies[:20]),
            url=reverse("aftersales:policyfile_list"),
            level=Notification.Level.WARNING,
            key=f"policy-files:{year}-W{week:02d}",
        )
    return {"incomplete": len(incomplete), "sent": sent}
