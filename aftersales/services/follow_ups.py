"""Follow-up visits (回訪): scheduling after delivery and on anniversaries, attempts,
escalation, and the daily chase."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text, choice
from core.models import Notification
from core.permissions import can
from core.services import audit_event, notify, require_permission, save_checked, saved_by
from sales.models import SalesTask
from underwriting.models import Policy

from .. import rules
from ..models import Complaint, FollowUp, FollowUpAttempt
from ._common import FOLLOW_UP_PERM, _supervisor, _tell, _today, clerk_for
from .complaints import _complaint_create


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
        message=Text(
            gettext_noop("%(kind)s follow-up on %(policy)s scheduled for %(date)s"),
            {
                "kind": choice(follow_up, "kind", follow_up.kind),
                "policy": policy.policy_number,
                "date": due_date.isoformat(),
            },
        ),
        data={"policy": policy.pk, "kind": kind},
    )
    if follow_up.assigned_to is not None:
        _tell(
            [follow_up.assigned_to],
            actor=actor,
            title=Text(
                gettext_noop("Follow-up to make by %(date)s: %(customer)s"),
                {"date": due_date.isoformat(), "customer": customer.name},
            ),
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
        message=Text(
            gettext_noop("Ad hoc follow-up on %(policy)s arranged for %(date)s"),
            {"policy": policy.policy_number, "date": due_date.isoformat()},
        ),
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
        message=Text(
            gettext_noop("Follow-up %(ref)s escalated to the supervisor: %(reason)s"),
            {"ref": follow_up.reference, "reason": reason},
        ),
    )
    customer = follow_up.customer
    _tell(
        [_supervisor(customer)],
        title=Text(
            gettext_noop("Follow-up escalated: %(customer)s (%(ref)s)"),
            {"customer": customer.name, "ref": follow_up.reference},
        ),
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
        title=Text(gettext_noop("New task: %(title)s"), {"title": task.title}),
        body=task.description,
        url=task.get_absolute_url(),
        dedupe_key=f"salestask:{task.pk}",
    )
    return task


def _check_reached_answers(answers, *, satisfaction, opinions, requests, action, task_due_date):
    """A reached customer's answers are all recorded, and an action has what it needs."""
    errors = {}
    if satisfaction in (None, ""):
        errors["satisfaction"] = _("Record the customer's satisfaction (1–5).")
    elif not 1 <= int(satisfaction) <= 5:
        errors["satisfaction"] = _("Satisfaction is a score from 1 to 5.")
    for name, value in answers.items():
        if value is None:
            errors[name] = _("Record the customer's answer.")
    if action != FollowUp.Action.NONE and not (opinions or requests):
        errors["opinions"] = _("Write down the opinion or request that needs action.")
    if action == FollowUp.Action.TASK and task_due_date is None:
        errors["task_due_date"] = _("Give the salesperson a date to act by.")
    if errors:
        raise ValidationError(errors)


def _record_unreached(follow_up, *, attempt, today, actor):
    """An unreached attempt: retried after the configured days, escalated to the
    supervisor after the configured number of attempts."""
    audit_event(
        actor=actor,
        verb="follow_up_unreached",
        target=follow_up,
        message=Text(
            gettext_noop("Attempt %(n)s: customer not reached"), {"n": follow_up.attempts}
        ),
        data={"attempt": attempt.pk},
    )
    limit = params.get(rules.MAX_ATTEMPTS)
    if follow_up.attempts >= limit and follow_up.status == FollowUp.Status.SCHEDULED:
        return _escalate_follow_up(
            follow_up,
            reason=_("Customer not reached after %(n)s attempts") % {"n": follow_up.attempts},
            today=today,
            actor=actor,
        )
    follow_up.next_attempt_on = today + dt.timedelta(days=params.get(rules.RETRY_DAYS))
    return save_checked(follow_up, actor)


def _act_on_opinion(
    follow_up, *, actor, action, task_due_date, complaint_category, complaint_severity, today
):
    """An opinion that needs action becomes a task for the salesperson or a complaint."""
    opinions, requests = follow_up.opinions, follow_up.requests
    if action == FollowUp.Action.TASK:
        follow_up.sales_task = _task_for_salesperson(
            actor=actor, follow_up=follow_up, due_date=task_due_date
        )
        save_checked(follow_up, actor)
    elif action == FollowUp.Action.COMPLAINT:
        follow_up.complaint = _complaint_create(
            actor=actor,
            customer=follow_up.customer,
            policy=follow_up.policy,
            channel=Complaint.Channel.FOLLOW_UP,
            category=complaint_category,
            severity=complaint_severity,
            subject=(opinions or requests)[:200],
            description="\n\n".join(p for p in (opinions, requests) if p),
            received_on=today,
        )
        save_checked(follow_up, actor)


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
    answers = {
        "signed_in_person": signed_in_person,
        "understands_coverage": understands_coverage,
        "understands_exclusions": understands_exclusions,
        "understands_cooling_off": understands_cooling_off,
    }
    if reached:
        _check_reached_answers(
            answers,
            satisfaction=satisfaction,
            opinions=opinions,
            requests=requests,
            action=action,
            task_due_date=task_due_date,
        )
    attempt = FollowUpAttempt(
        follow_up=follow_up, when=when, channel=channel, reached=bool(reached), note=note, by=actor
    )
    save_checked(attempt, actor)
    follow_up.attempts += 1
    if not reached:
        return _record_unreached(follow_up, attempt=attempt, today=today, actor=actor)
    follow_up.status = FollowUp.Status.DONE
    follow_up.completed_on = today
    follow_up.next_attempt_on = None
    for name, value in answers.items():
        setattr(follow_up, name, value)
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
        message=Text(
            gettext_noop("Follow-up %(ref)s done: customer reached, satisfaction %(score)s/5"),
            {"ref": follow_up.reference, "score": follow_up.satisfaction},
        ),
        data={"attempt": attempt.pk, "satisfaction": follow_up.satisfaction},
    )
    _act_on_opinion(
        follow_up,
        actor=actor,
        action=action,
        task_due_date=task_due_date,
        complaint_category=complaint_category,
        complaint_severity=complaint_severity,
        today=today,
    )
    low = params.get(rules.LOW_SATISFACTION)
    if follow_up.satisfaction <= low:
        _tell(
            [customer.owner],
            actor=actor,
            title=Text(
                gettext_noop("Low satisfaction (%(score)s/5) in the follow-up of %(customer)s"),
                {"score": follow_up.satisfaction, "customer": customer.name},
            ),
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
        message=Text(
            gettext_noop("Follow-up %(ref)s cancelled: %(reason)s"),
            {"ref": follow_up.reference, "reason": reason},
        ),
    )
    return follow_up


@transaction.atomic
def follow_up_assign(*, actor, follow_up, assigned_to, reason=""):
    """Give an open follow-up to another clerk supporting the customer's team (or to the
    team's supervisor); recorded, and the new assignee is told."""
    require_permission(actor, follow_up, FOLLOW_UP_PERM)
    if not follow_up.is_open:
        raise ValidationError(_("Only an open follow-up is reassigned."))
    if assigned_to.pk == follow_up.assigned_to_id:
        raise ValidationError(
            {"assigned_to": _("The follow-up is already assigned to this person.")}
        )
    team = follow_up.customer.team
    if not assigned_to.is_active or not (
        team.supervisor_id == assigned_to.pk or team.clerks.filter(pk=assigned_to.pk).exists()
    ):
        raise ValidationError(
            {
                "assigned_to": _("%(name)s does not support this customer's team.")
                % {"name": assigned_to}
            }
        )
    old = follow_up.assigned_to
    follow_up.assigned_to = assigned_to
    follow_up._change_reason = (reason or _("Reassigned"))[:100]
    save_checked(follow_up, actor)
    audit_event(
        actor=actor,
        verb="follow_up_assigned",
        target=follow_up,
        message=Text(
            gettext_noop("Follow-up %(ref)s assigned to %(new)s (was %(old)s)"),
            {"ref": follow_up.reference, "new": assigned_to, "old": old or "—"},
        ),
        data={"from": old.pk if old else None, "to": assigned_to.pk, "reason": reason},
    )
    _tell(
        [assigned_to],
        actor=actor,
        title=Text(
            gettext_noop("Follow-up to make by %(date)s: %(customer)s"),
            {"date": follow_up.due_date, "customer": follow_up.customer.name},
        ),
        url=follow_up.get_absolute_url(),
        key=f"fu-assigned:{follow_up.pk}:{assigned_to.pk}",
    )
    return follow_up


def follow_ups_schedule_missing():
    """Schedule the follow-up of every delivered policy in force that has none (a safety net
    behind the delivery signal; also run hourly by the reconciliation). Returns how many."""
    has_delivery = FollowUp.objects.filter(policy=OuterRef("pk"), kind=FollowUp.Kind.DELIVERY)
    missing = (
        Policy.objects.filter(status=Policy.Status.IN_FORCE, delivered_on__isnull=False)
        .exclude(Exists(has_delivery))
        .select_related("product", "customer__team", "customer__clerk")
    )
    scheduled = 0
    for policy in missing:
        with transaction.atomic():
            if follow_up_schedule_after_delivery(policy=policy):
                scheduled += 1
    return scheduled


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
    counts["scheduled"] = follow_ups_schedule_missing()
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
                title=Text(
                    gettext_noop("Follow-up overdue: %(customer)s (%(ref)s)"),
                    {"customer": follow_up.customer.name, "ref": follow_up.reference},
                ),
                url=follow_up.get_absolute_url(),
                level=Notification.Level.WARNING,
                key=f"fu-overdue:{follow_up.pk}",
            )
    return counts
