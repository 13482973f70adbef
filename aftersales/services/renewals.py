"""Renewals: candidates, reminders, the recorded outcome, and lapses."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.permissions import can
from core.services import audit_event, require_permission, save_checked
from customers import services as customer_services
from underwriting import services as uw_services
from underwriting.models import Policy, PremiumRecord

from .. import rules
from ..models import Renewal, RenewalReminder
from ._common import RENEWAL_PERM, _tell, _today, clerk_for

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
                title = gettext_noop(
                    "Premium due in %(days)s days: %(customer)s, %(policy)s (%(date)s)"
                )
            else:
                title = gettext_noop(
                    "Policy ends in %(days)s days: %(customer)s, %(policy)s (%(date)s)"
                )
            _tell(
                people,
                title=Text(
                    title,
                    {
                        "days": days,
                        "customer": policy.customer.name,
                        "policy": policy.policy_number,
                        "date": due_date.isoformat(),
                    },
                ),
                body=Text(gettext_noop("Amount: %(amount)s"), {"amount": amount})
                if amount is not None
                else "",
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
        message=Text(
            gettext_noop("Policy %(number)s lapsed: %(reason)s"),
            {"number": policy.policy_number, "reason": reason},
        ),
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
                    title=Text(
                        gettext_noop("Confirm the premium payment: %(policy)s, due %(date)s"),
                        {"policy": policy.policy_number, "date": renewal.due_date.isoformat()},
                    ),
                    url=reverse_premiums(policy),
                    key=f"renewal-paid:{renewal.pk}",
                )
    elif outcome == RO.LAPSED:
        _policy_lapse(actor=actor, policy=policy, on=on, reason=reason)
    message = Text(
        gettext_noop("%(policy)s, %(kind)s %(date)s: %(outcome)s"),
        {
            "policy": policy.policy_number,
            "kind": choice(renewal, "kind", renewal.kind),
            "date": renewal.due_date.isoformat(),
            "outcome": choice(renewal, "outcome", renewal.outcome),
        },
    )
    if reason:
        message = Text(gettext_noop("%(event)s — %(reason)s"), event=message, reason=reason)
    audit_event(actor=actor, verb="renewal_recorded", target=renewal, message=message)
    return renewal


def renewal_assign_clerk(*, actor, renewal, clerk, reason=""):
    """Have ``clerk`` follow the renewal: the customer file's supporting clerk (who gets the
    reminders) becomes ``clerk``, through the customer service (history, audit event,
    notification). A renewal whose file ``clerk`` already looks after needs no change."""
    customer = renewal.customer
    if customer.clerk_id == clerk.pk:
        require_permission(actor, customer, "customers.change_customer")
        return renewal
    customer_services.customer_assign_clerk(
        actor=actor, customer=customer, clerk=clerk, reason=reason
    )
    return renewal


def reverse_premiums(policy):
    return reverse("underwriting:policy_premiums", args=[policy.pk])
