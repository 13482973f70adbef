"""Premiums: the schedule of dues, payments, and totals."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import params
from core.services import (
    require_permission,
    save_checked,
)
from sales.models import Frequency

from .. import rules
from ..models import (
    Policy,
    PremiumRecord,
    money,
)
from ._common import PAYMENTS_PER_YEAR


def _premium_dues(policy, until):
    """The due dates of ``policy`` from its start up to ``until`` within its payment term."""
    per_year = PAYMENTS_PER_YEAR[policy.frequency]
    step = 12 // per_year
    total = 1 if policy.frequency == Frequency.SINGLE else max(policy.payment_years, 1) * per_year
    dues = []
    for i in range(total):
        due = rules.add_months(policy.effective_date, i * step)
        if due > until:
            break
        dues.append(due)
    return dues


@transaction.atomic
def premium_schedule_extend(*, actor, policy, until=None):
    """Keep the policy's premium schedule filled up to ``until`` (by default the configured
    number of months ahead): the missing records are added, existing ones untouched, so
    running it twice adds nothing. Returns the records created."""
    if policy.status != Policy.Status.IN_FORCE:
        return []
    if until is None:
        until = rules.add_months(timezone.localdate(), params.get(rules.SCHEDULE_MONTHS))
    existing = set(policy.premiums.values_list("due_date", flat=True))
    rate = policy.product.commission_rate
    renewal_rate = params.get(rules.RENEWAL_COMMISSION)
    created = []
    for due in _premium_dues(policy, until):
        if due in existing:
            continue
        year = rules.policy_year(policy.effective_date, due)
        first_year = year == 1
        record_rate = rate if first_year else renewal_rate
        created.append(
            save_checked(
                PremiumRecord(
                    policy=policy,
                    due_date=due,
                    amount=policy.installment,
                    policy_year=year,
                    kind=PremiumRecord.Kind.FIRST_YEAR
                    if first_year
                    else PremiumRecord.Kind.RENEWAL,
                    commission_rate=record_rate,
                    commission=money(policy.installment * record_rate),
                ),
                actor,
            )
        )
    return created


def _refresh_next_due(policy, actor):
    due = (
        policy.premiums.filter(paid_on__isnull=True, refunded=False)
        .order_by("due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    if policy.status != Policy.Status.IN_FORCE:
        due = None
    if policy.next_premium_due != due:
        policy.next_premium_due = due
        save_checked(policy, actor)
    return due


@transaction.atomic
def premium_record_payment(*, actor, premium, paid_on=None):
    """Record that a premium was paid; the policy's next due date and schedule move on."""
    policy = premium.policy
    require_permission(actor, policy, "underwriting.change_premiumrecord")
    premium = PremiumRecord.objects.select_for_update().get(pk=premium.pk)
    if premium.paid_on:
        raise ValidationError(_("This premium is already recorded as paid."))
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Premiums are recorded on policies in force."))
    premium.paid_on = paid_on or timezone.localdate()
    save_checked(premium, actor)
    premium_schedule_extend(actor=actor, policy=policy)
    _refresh_next_due(policy, actor)
    return premium


def premium_totals(policy):
    """Paid premiums and their commission (refunded ones excluded)."""
    paid = policy.premiums.filter(paid_on__isnull=False, refunded=False)
    totals = paid.aggregate(amount=Sum("amount"), commission=Sum("commission"))
    return {k: v or Decimal(0) for k, v in totals.items()}
