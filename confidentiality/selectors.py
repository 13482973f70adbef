"""Confidentiality reads: agreements and who has none in force, consents and data requests
of a customer, breaches (``breaches_for`` is appraisal's rule-compliance input)."""

import datetime as dt

from django.db.models import Q

from org.models import Employee
from training.models import Course
from training.selectors import last_completed_subquery

from .models import Agreement, AgreementVersion, Breach, CustomerDataRequest, SensitiveConsent

CONFIDENTIALITY_TRAINING = Course.ContentType.CONFIDENTIALITY


def in_force_q(today=None, prefix=""):
    """Agreements signed and in force on ``today`` (``prefix``: the path to the agreement,
    e.g. ``"confidentiality_agreements__"``)."""
    today = today or dt.date.today()
    p = prefix
    return (
        Q(**{f"{p}signed_on__isnull": False, f"{p}signed_on__lte": today})
        & (Q(**{f"{p}starts_on__isnull": True}) | Q(**{f"{p}starts_on__lte": today}))
        & (Q(**{f"{p}expires_on__isnull": True}) | Q(**{f"{p}expires_on__gte": today}))
    )


# --- agreements -----------------------------------------------------------------------------


def version_list():
    return AgreementVersion.objects.all()


def agreement_list_base():
    """Every agreement with its employee, team and text, and the date the employee last
    completed a confidentiality course (``training_completed_on``, from training)."""
    return Agreement.objects.select_related("employee__team", "version").annotate(
        training_completed_on=last_completed_subquery(CONFIDENTIALITY_TRAINING, "employee")
    )


def agreement_list(*, user, filters=None):
    return agreement_list_base().visible_to(user).filter(**(filters or {}))


def has_agreement_in_force(employee, today=None):
    return Agreement.objects.filter(in_force_q(today), employee=employee).exists()


def employees_without_agreement(today=None):
    """Current employees (not left) without a signed agreement in force on ``today``, with
    their latest confidentiality training (``training_completed_on``)."""
    today = today or dt.date.today()
    in_force = Agreement.objects.filter(in_force_q(today)).values("employee_id")
    return (
        Employee.objects.exclude(status=Employee.Status.LEFT)
        .exclude(pk__in=in_force)
        .select_related("team", "user")
        .annotate(training_completed_on=last_completed_subquery(CONFIDENTIALITY_TRAINING, "pk"))
        .order_by("hire_date", "name")
    )


def expiring_agreements(today=None, days=30):
    """Agreements in force whose term ends within ``days`` of ``today``, with no later
    signed agreement of the same employee taking over."""
    today = today or dt.date.today()
    until = today + dt.timedelta(days=days)
    later = Agreement.objects.filter(signed_on__isnull=False).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=until)
    )
    return (
        Agreement.objects.filter(in_force_q(today), expires_on__isnull=False, expires_on__lte=until)
        .exclude(employee__in=later.values("employee_id"))
        .exclude(employee__status=Employee.Status.LEFT)
        .select_related("employee__user", "version")
    )


def my_agreements(user):
    return agreement_list_base().filter(employee__user=user)


# --- customers' consents and data requests --------------------------------------------------


def consents_of(customer):
    return SensitiveConsent.objects.filter(customer=customer).select_related("recorded_by")


def has_consent(customer, kind):
    """Whether ``customer`` consented to the company keeping ``kind`` (health, financial)
    and has not withdrawn it."""
    if customer is None or customer.pk is None:
        return False
    return SensitiveConsent.objects.filter(
        customer=customer, kind=kind, withdrawn_on__isnull=True
    ).exists()


def data_requests_of(customer):
    return CustomerDataRequest.objects.filter(customer=customer).select_related(
        "handled_by", "recorded_by"
    )


def data_request_list_base():
    return CustomerDataRequest.objects.select_related("customer", "handled_by")


def open_data_requests(*, user):
    return data_request_list_base().visible_to(user).filter(status=CustomerDataRequest.Status.OPEN)


# --- breaches -------------------------------------------------------------------------------


def breach_list_base():
    return Breach.objects.select_related("employee__team", "recorded_by")


def breach_list(*, user, filters=None):
    return breach_list_base().visible_to(user).filter(**(filters or {}))


def breaches_for(employee, start, end):
    """The confidentiality breaches of ``employee`` found between ``start`` and ``end``
    (dates, both included), oldest first: the input of appraisal's rule-compliance item.

    Each row has ``found_on``, ``occurred_on`` (may be empty), ``severity`` (``"minor"``,
    ``"serious"``, ``"severe"``: ``Breach.Severity``), ``status`` (``"open"`` while being
    handled, ``"closed"``), ``what``, ``action_taken`` and ``outcome``. Every breach counts,
    whatever its status (an open one is still a breach); the caller decides the score. Not
    restricted to a reader: the caller (an appraisal round) has checked who may see the
    result. One query; pass an ``org.Employee``.
    """
    return (
        Breach.objects.filter(employee=employee, found_on__gte=start, found_on__lte=end)
        .select_related("employee")
        .order_by("found_on", "pk")
    )


# --- login controls -------------------------------------------------------------------------


def login_rule_list():
    """Every role's login rule (reference data: compliance and administrators)."""
    from .models import LoginRule

    return LoginRule.objects.all()
