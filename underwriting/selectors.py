"""Reads shared by views, My work and the reports: always restricted to a user."""

import datetime as dt

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import params

from . import rules
from .models import (
    PENDING_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationLine,
    Policy,
)


def _line_total(field):
    return Coalesce(
        Subquery(
            ApplicationLine.objects.filter(application=OuterRef("pk"))
            .order_by()
            .values("application")
            .annotate(total=Sum(field))
            .values("total"),
            output_field=DecimalField(max_digits=14, decimal_places=2),
        ),
        0,
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def _doc_count(**filters):
    return Coalesce(
        Subquery(
            ApplicationDocument.objects.filter(application=OuterRef("pk"), **filters)
            .order_by()
            .values("application")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def application_list(*, user, action="view"):
    """The applications ``user`` may ``action``, with what a list row shows (one query)."""
    return (
        Application.objects.visible_to(user, action)
        .select_related("customer__owner", "customer__team", "insurer", "prepared_by")
        .annotate(
            total_premium=_line_total("annual_premium"),
            total_sum_insured=_line_total("sum_insured"),
            pending_documents=_doc_count(status=ApplicationDocument.Status.PENDING),
            rejected_documents=_doc_count(status=ApplicationDocument.Status.REJECTED),
        )
    )


def policy_list(*, user, action="view"):
    """The policies ``user`` may ``action``, with what a list row shows (one query)."""
    return Policy.objects.visible_to(user, action).select_related(
        "customer__owner", "customer__team", "insurer", "product", "application"
    )


def overdue_since(today=None):
    """Applications submitted on or before this day are overdue if still undecided."""
    today = today or timezone.localdate()
    return today - dt.timedelta(days=params.get(rules.PENDING_DAYS))


def overdue_applications(*, user, today=None):
    """Submitted applications ``user`` may see that wait for the insurer longer than allowed."""
    return Application.objects.visible_to(user).filter(
        status__in=PENDING_STATUSES, submitted_on__lt=overdue_since(today)
    )


def overdue_applications_all(*, today=None):
    """Every overdue application (for the reminder job, which acts for no user)."""
    return Application.objects.filter(
        status__in=PENDING_STATUSES, submitted_on__lt=overdue_since(today)
    ).select_related("customer__team__supervisor", "insurer", "customer")


def documents_to_check(*, user):
    """Documents waiting for the check, in applications the user may process."""
    return ApplicationDocument.objects.filter(
        status=ApplicationDocument.Status.PENDING,
        application__in=Application.objects.visible_to(user, "change").values("pk"),
    )


def applications_ready_to_submit(*, user):
    """Draft applications the user may process whose papers are all uploaded and none is
    waiting or rejected (the full checklist is confirmed on the page)."""
    blocked = ApplicationDocument.objects.filter(
        status__in=[ApplicationDocument.Status.PENDING, ApplicationDocument.Status.REJECTED]
    ).values("application")
    return (
        Application.objects.visible_to(user, "change")
        .filter(status=Application.Status.DRAFT, documents__isnull=False)
        .exclude(pk__in=blocked)
        .distinct()
    )


def rejected_documents_for(*, user):
    """Rejected documents (not yet replaced) of the applications of the user's customers."""
    return ApplicationDocument.objects.filter(
        status=ApplicationDocument.Status.REJECTED,
        application__status__in=[Application.Status.DRAFT, Application.Status.INFO_REQUESTED],
    ).filter(Q(application__customer__owner=user) | Q(application__prepared_by=user))


def contracts_to_deliver(*, user):
    """Policies in force whose contract the user may deliver and has not been delivered."""
    return Policy.objects.visible_to(user, "change").filter(
        status=Policy.Status.IN_FORCE, delivered_on__isnull=True
    )
