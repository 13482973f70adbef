"""Reads shared by the pages, My work, the dashboards and the reports: each restricted to a
user with ``visible_to``; ``today`` defaults to the company's current date."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import params
from underwriting import rules as uw_rules
from underwriting.models import Policy

from . import rules
from .models import Claim, Complaint, FollowUp, Renewal, RenewalReminder, ServiceRequest

OPEN_FOLLOW_UP = (FollowUp.Status.SCHEDULED, FollowUp.Status.ESCALATED)


def _today(today):
    return today or timezone.localdate()


# --- lists ------------------------------------------------------------------------------------


def follow_up_list(*, user, action="view"):
    """Follow-ups ``user`` may ``action``, with what a list row shows (one query)."""
    return FollowUp.objects.visible_to(user, action).select_related(
        "customer__owner", "customer__team", "policy__product", "assigned_to"
    )


def claim_list(*, user, action="view"):
    return Claim.objects.visible_to(user, action).select_related(
        "customer__owner", "customer__team", "policy__insurer", "handled_by"
    )


def complaint_list(*, user, action="view"):
    return Complaint.objects.visible_to(user, action).select_related(
        "customer__owner", "team", "supervisor", "policy"
    )


def service_request_list(*, user, action="view"):
    return ServiceRequest.objects.visible_to(user, action).select_related(
        "customer__owner", "customer__team", "policy__insurer", "handled_by"
    )


def renewal_list(*, user, action="view"):
    reminders = (
        RenewalReminder.objects.filter(renewal=OuterRef("pk"))
        .order_by()
        .values("renewal")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Renewal.objects.visible_to(user, action)
        .select_related("customer__owner", "customer__team", "policy__product", "policy__insurer")
        .annotate(reminder_count=Coalesce(Subquery(reminders), 0))
    )


# --- the dashboards' and My work's figures ----------------------------------------------------


def overdue_follow_ups(*, user, today=None):
    """Open follow-ups past their due date."""
    return FollowUp.objects.visible_to(user).filter(
        status__in=OPEN_FOLLOW_UP, due_date__lt=_today(today)
    )


def follow_ups_due(*, user, today=None):
    """Open follow-ups to do today: due today, or a retry of an unreached call due today
    (overdue ones are in ``overdue_follow_ups``)."""
    today = _today(today)
    return FollowUp.objects.visible_to(user).filter(
        Q(due_date=today) | Q(due_date__gt=today, next_attempt_on__lte=today),
        status__in=OPEN_FOLLOW_UP,
    )


def renewals_due(*, user, today=None, days=30):
    """Pending renewals due within ``days`` from today."""
    today = _today(today)
    return Renewal.objects.visible_to(user).filter(
        outcome=Renewal.Outcome.PENDING,
        due_date__gte=today,
        due_date__lte=today + dt.timedelta(days=days),
    )


def overdue_renewals(*, user, today=None):
    """Pending renewals whose due date has passed."""
    return Renewal.objects.visible_to(user).filter(
        outcome=Renewal.Outcome.PENDING, due_date__lt=_today(today)
    )


def open_claims(*, user):
    return Claim.objects.visible_to(user).exclude(status=Claim.Status.CLOSED)


def overdue_claims(*, user, today=None):
    return open_claims(user=user).filter(deadline__lt=_today(today))


def overdue_complaints(*, user, today=None):
    """Complaints past the deadline that applies now (acknowledge, then resolve)."""
    from .services import overdue_complaints_q

    return Complaint.objects.visible_to(user).filter(overdue_complaints_q(_today(today)))


def open_complaints(*, user):
    return Complaint.objects.visible_to(user).exclude(
        status__in=[Complaint.Status.RESOLVED, Complaint.Status.CLOSED]
    )


def requests_to_submit(*, user):
    return ServiceRequest.objects.visible_to(user, "change").filter(
        status=ServiceRequest.Status.DRAFT
    )


# --- policy filing ----------------------------------------------------------------------------


def _incomplete_filter(queryset, today):
    """Policies in force issued long enough ago to be delivered, whose file lacks the signed
    receipt or (when a follow-up was scheduled) a done follow-up after delivery."""
    follow_up_status = FollowUp.objects.filter(
        policy=OuterRef("pk"), kind=FollowUp.Kind.DELIVERY
    ).values("status")[:1]
    delivery_days = params.get(uw_rules.DELIVERY_DAYS)
    pending_follow_up = FollowUp.objects.filter(
        policy=OuterRef("pk"), kind=FollowUp.Kind.DELIVERY
    ).exclude(status=FollowUp.Status.DONE)
    categories = params.get(rules.FOLLOW_UP_CATEGORIES)
    min_term = params.get(rules.FOLLOW_UP_MIN_TERM)
    needs = Q(product__category__in=categories) & (
        Q(term_years__isnull=True) | Q(term_years__gt=min_term)
    )
    has_follow_up = FollowUp.objects.filter(policy=OuterRef("pk"), kind=FollowUp.Kind.DELIVERY)
    no_receipt = Q(receipt="") | Q(receipt__isnull=True) | Q(delivered_on__isnull=True)
    missing_follow_up = Q(Exists(pending_follow_up)) | (
        Q(delivered_on__isnull=False) & needs & ~Q(Exists(has_follow_up))
    )
    return (
        queryset.filter(
            status=Policy.Status.IN_FORCE,
            issued_on__lte=today - dt.timedelta(days=delivery_days),
        )
        .filter(no_receipt | missing_follow_up)
        .annotate(follow_up_status=Subquery(follow_up_status))
    )


def incomplete_policy_files(*, user, today=None):
    """Policies ``user`` may see whose file is incomplete (missing signed receipt or
    follow-up record), with ``follow_up_status`` annotated."""
    return _incomplete_filter(Policy.objects.visible_to(user), _today(today)).select_related(
        "customer__owner", "customer__team", "insurer", "product"
    )


def incomplete_policy_files_all(*, today=None):
    """Every incomplete policy file (for the weekly job, which acts for no user)."""
    return (
        _incomplete_filter(Policy.objects.all(), _today(today))
        .select_related("customer__team", "product")
        .prefetch_related("customer__team__clerks")
    )
