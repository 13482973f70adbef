"""Reads of qualifications: certificates, rewards (including the one payroll reads), the
expiry lists and who has an expired sales licence."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from ..models import Certificate, QualificationKind, QualificationReward


def month_start(month):
    """The first day of ``month`` (a date in it, or a core.periods.Period)."""
    day = getattr(month, "start", month)
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.replace(day=1)


def qualificationkind_list():
    return QualificationKind.objects.all()


def certificate_list_base():
    """Certificates with what a list row or the record shows (the view restricts them)."""
    return Certificate.objects.select_related(
        "employee__team", "kind", "recorded_by", "verified_by", "reward"
    )


def certificate_list(*, user):
    return certificate_list_base().visible_to(user)


def certificates_to_verify(*, user):
    """Certificates waiting for HR's verification that ``user`` may verify."""
    if not user.has_perm("training.verify_certificate"):
        return Certificate.objects.none()
    return certificate_list(user=user).filter(status=Certificate.Status.PENDING)


def reward_list_base():
    return QualificationReward.objects.select_related(
        "certificate__employee__team", "certificate__kind", "approved_by"
    )


def reward_list(*, user):
    return reward_list_base().visible_to(user)


def rewards_to_approve(*, user):
    if not user.has_perm("training.approve_qualificationreward"):
        return QualificationReward.objects.none()
    return reward_list(user=user).filter(
        status=QualificationReward.Status.PENDING,
        certificate__status=Certificate.Status.VERIFIED,
    )


def rewards_due_for_payroll(*, month):
    """The rewards payroll pays in ``month`` (a date in it, or a Period): approved by the
    end of that month and not yet paid, of verified certificates, with the employee.

    This is payroll's read (a system read, not restricted to a user); payroll pays each one
    and records it with ``training.services.reward_mark_paid(actor=, reward=, month=)``.
    Ordered by employee number, then approval time.
    """
    first = month_start(month)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return (
        reward_list_base()
        .filter(
            status=QualificationReward.Status.APPROVED,
            paid_month__isnull=True,
            certificate__status=Certificate.Status.VERIFIED,
            approved_at__date__lt=next_month,
        )
        .order_by("certificate__employee__employee_no", "approved_at", "pk")
    )


def rewards_waiting_for_payroll(*, user):
    """Approved rewards not yet paid that ``user`` may see (HR's "waiting for payroll")."""
    return reward_list(user=user).filter(
        status=QualificationReward.Status.APPROVED, paid_month__isnull=True
    )


def _renewed(today):
    """A verified certificate of the same person and kind still valid on ``today``."""
    return Certificate.objects.filter(
        employee=OuterRef("employee"),
        kind=OuterRef("kind"),
        status=Certificate.Status.VERIFIED,
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def current_certificates(today=None):
    """Certificates that count (not rejected, of employees still with the company) and are
    not replaced by a valid certificate of the same kind with a later expiry."""
    today = today or dt.date.today()
    later = Certificate.objects.filter(
        employee=OuterRef("employee"),
        kind=OuterRef("kind"),
        status=Certificate.Status.VERIFIED,
        expires_on__gt=OuterRef("expires_on"),
    )
    return (
        Certificate.objects.exclude(status=Certificate.Status.REJECTED)
        .exclude(employee__status="left")
        .filter(expires_on__isnull=False)
        .exclude(Exists(later))
    )


def expired_licences(*, user=None, today=None):
    """Expired certificates of licence-required kinds whose holder has no valid renewal:
    the people who may not sell. Restricted to ``user`` when given."""
    today = today or dt.date.today()
    qs = certificate_list_base() if user is None else certificate_list(user=user)
    return (
        qs.filter(kind__licence_required=True, expires_on__lt=today)
        .exclude(status=Certificate.Status.REJECTED)
        .exclude(employee__status="left")
        .exclude(Exists(_renewed(today)))
    )


def has_expired_licence(user, today=None):
    """Whether ``user`` holds an expired sales licence with no valid renewal."""
    if not user.is_authenticated:
        return False
    return expired_licences(today=today).filter(employee__user=user).exists()


def expiry_report(*, user, days, today=None):
    """Certificates (current, see ``current_certificates``) expiring within ``days`` days
    or already expired, that ``user`` may see, soonest first."""
    today = today or dt.date.today()
    ids = current_certificates(today).values("pk")
    return (
        certificate_list(user=user)
        .filter(pk__in=ids, expires_on__lte=today + dt.timedelta(days=days))
        .order_by("expires_on", "employee__employee_no")
    )


def my_expiring_certificates(*, user, days, today=None):
    """The user's own current certificates expiring within ``days`` (or expired)."""
    today = today or dt.date.today()
    return (
        current_certificates(today)
        .filter(employee__user=user, expires_on__lte=today + dt.timedelta(days=days))
        .select_related("kind")
    )
