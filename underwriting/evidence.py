"""Underwriting's appraisal evidence (``core.evidence``): the papers of the employee's
applications that the clerk's check (authentic, complete, accurate: 真實性、完整性、準確性)
rejected in the period, for the rule compliance and responsibility items. Registered by
``providers.register_evidence``."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import evidence

from .models import ApplicationDocument


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def _line(document):
    return evidence.EvidenceLine(
        _("%(date)s · %(customer)s (%(application)s): %(document)s")
        % {
            "date": timezone.localtime(document.checked_at).date().isoformat(),
            "customer": document.application.customer.name,
            "application": document.application.reference,
            "document": document.get_kind_display(),
        },
        document.rejection_reason,
        document.get_absolute_url(),
    )


def rejected_documents(employee, start, end):
    """The documents of the applications of ``employee``'s customers (or uploaded by them)
    rejected by the check in ``[start, end)``, replaced since or not; one query."""
    documents = list(
        ApplicationDocument.objects.filter(
            Q(application__customer__owner_id=employee.user_id)
            | Q(uploaded_by_id=employee.user_id),
            ~Q(rejection_reason=""),
            checked_at__gte=_local_midnight(start),
            checked_at__lt=_local_midnight(end),
        )
        .select_related("application__customer")
        .order_by("checked_at", "pk")
    )
    return [
        evidence.EvidenceGroup(
            "documents_returned",
            _("Application papers rejected by the check"),
            ("rule_compliance", "responsibility"),
            evidence.capped([_line(document) for document in documents]),
            _("No application paper rejected in the period."),
            order=31,
        )
    ]


def register():
    evidence.register(rejected_documents)
