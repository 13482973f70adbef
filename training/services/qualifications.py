"""Qualifications: recording and verifying certificates, the rewards for passing (approved
by HR, paid by payroll), the daily expiry reminders and the expired-licence gate."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text
from core.models import Notification
from core.services import audit_event, notify, require_permission, save_checked

from .. import rules
from ..models import Certificate, CertificateReminder, QualificationReward
from ..selectors.qualifications import (
    current_certificates,
    expired_licences,
    has_expired_licence,
    month_start,
)

VERIFY_PERM = "training.verify_certificate"
APPROVE_PERM = "training.approve_qualificationreward"


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def default_expiry(kind, issued_on):
    """The expiry date a certificate of ``kind`` issued on ``issued_on`` gets by default."""
    if kind.validity_years and issued_on:
        return _add_years(issued_on, kind.validity_years)
    return None


def _check_recorder(actor, employee):
    """HR records for anyone; an employee only for themselves."""
    if actor.has_perm(VERIFY_PERM) and actor.has_perm("training.add_certificate"):
        return
    own = getattr(actor, "employee", None)
    if not actor.has_perm("training.add_certificate") or own is None or own.pk != employee.pk:
        raise PermissionDenied(_("You may record only your own certificates."))


def _set_evidence(certificate, evidence):
    if evidence:
        certificate.evidence = evidence
        certificate.evidence_name = (getattr(evidence, "name", "") or "")[:200]


@transaction.atomic
def certificate_record(
    *,
    actor,
    employee,
    kind,
    number,
    issued_on,
    exam_passed_on=None,
    expires_on=None,
    evidence=None,
    note="",
    reward_amount=None,
):
    """Record a certificate of ``employee``. Recorded by HR it is verified at once (with
    its reward, when an amount is given or the kind has a default one); recorded by the
    employee it waits for HR's verification."""
    _check_recorder(actor, employee)
    if not kind.active:
        raise ValidationError({"kind": _("This qualification is no longer in use.")})
    certificate = Certificate(
        employee=employee,
        kind=kind,
        number=number,
        issued_on=issued_on,
        exam_passed_on=exam_passed_on,
        expires_on=expires_on or default_expiry(kind, issued_on),
        note=note,
        recorded_by=actor,
    )
    _set_evidence(certificate, evidence)
    by_hr = actor.has_perm(VERIFY_PERM)
    if by_hr:
        certificate.status = Certificate.Status.VERIFIED
        certificate.verified_by = actor
        certificate.verified_at = timezone.now()
    save_checked(certificate, actor)
    audit_event(
        actor=actor,
        verb="certificate_recorded",
        target=certificate,
        message=Text(
            gettext_noop("Certificate %(cert)s recorded for %(employee)s"),
            {"cert": certificate, "employee": employee},
        ),
    )
    if by_hr:
        _ensure_reward(actor, certificate, reward_amount)
    return certificate


@transaction.atomic
def certificate_update(*, actor, certificate, evidence=None, **fields):
    """Change a certificate's details. The employee may change their own while it waits
    for verification or was rejected (it then waits again); HR may change any."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    require_permission(actor, certificate, "training.change_certificate")
    by_hr = actor.has_perm(VERIFY_PERM)
    if not by_hr and certificate.employee.user_id != actor.pk:
        raise PermissionDenied(_("You may change only your own certificates."))
    if not by_hr and certificate.status == Certificate.Status.VERIFIED:
        raise ValidationError(_("A verified certificate is changed by HR only."))
    allowed = {"kind", "number", "issued_on", "exam_passed_on", "expires_on", "note"}
    for name, value in fields.items():
        if name in allowed:
            setattr(certificate, name, value)
    if not certificate.expires_on:
        certificate.expires_on = default_expiry(certificate.kind, certificate.issued_on)
    _set_evidence(certificate, evidence)
    if not by_hr and certificate.status == Certificate.Status.REJECTED:
        certificate.status = Certificate.Status.PENDING
        certificate.rejection_reason = ""
    save_checked(certificate, actor)
    return certificate


def _ensure_reward(actor, certificate, amount=None):
    """The certificate's reward, created (waiting for approval) if it has none and an
    amount is given or the kind has a default reward."""
    existing = QualificationReward.objects.filter(certificate=certificate).first()
    if existing is not None:
        return existing
    amount = certificate.kind.default_reward if amount is None else Decimal(amount)
    if not amount:
        return None
    reward = save_checked(QualificationReward(certificate=certificate, amount=amount), actor)
    audit_event(
        actor=actor,
        verb="reward_proposed",
        target=certificate,
        message=Text(gettext_noop("Reward of %(amount)s proposed"), {"amount": amount}),
    )
    return reward


@transaction.atomic
def certificate_verify(*, actor, certificate, reward_amount=None):
    """HR checks the evidence and verifies the certificate; its reward (the kind's default
    unless another amount is given) then waits for approval."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    require_permission(actor, certificate, VERIFY_PERM, action="view")
    if certificate.status == Certificate.Status.VERIFIED:
        raise ValidationError(_("This certificate is already verified."))
    certificate.status = Certificate.Status.VERIFIED
    certificate.verified_by = actor
    certificate.verified_at = timezone.now()
    certificate.rejection_reason = ""
    save_checked(certificate, actor)
    audit_event(
        actor=actor,
        verb="certificate_verified",
        target=certificate,
        message=Text(gettext_noop("Certificate %(cert)s verified"), {"cert": certificate}),
    )
    _ensure_reward(actor, certificate, reward_amount)
    notify(
        recipient=certificate.employee.user,
        title=Text(gettext_noop("Your certificate %(cert)s was verified"), {"cert": certificate}),
        url=certificate.get_absolute_url(),
        dedupe_key=f"certificate-verified:{certificate.pk}",
    )
    return certificate


@transaction.atomic
def certificate_reject(*, actor, certificate, reason):
    """HR refuses a certificate (the evidence does not prove it), saying why."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    require_permission(actor, certificate, VERIFY_PERM, action="view")
    if certificate.status != Certificate.Status.PENDING:
        raise ValidationError(_("Only a certificate waiting for verification can be rejected."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the certificate is rejected.")})
    certificate.status = Certificate.Status.REJECTED
    certificate.rejection_reason = reason.strip()
    save_checked(certificate, actor)
    audit_event(actor=actor, verb="certificate_rejected", target=certificate, message=reason)
    notify(
        recipient=certificate.employee.user,
        title=Text(gettext_noop("Your certificate %(cert)s was rejected"), {"cert": certificate}),
        body=reason,
        url=certificate.get_absolute_url(),
        level=Notification.Level.WARNING,
    )
    return certificate


# --- rewards -----------------------------------------------------------------------------


@transaction.atomic
def reward_propose(*, actor, certificate, amount):
    """Propose a reward for a verified certificate that has none."""
    require_permission(actor, certificate, APPROVE_PERM, action="view")
    if certificate.status != Certificate.Status.VERIFIED:
        raise ValidationError(_("Verify the certificate before its reward."))
    if QualificationReward.objects.filter(certificate=certificate).exists():
        raise ValidationError(_("This certificate already has a reward."))
    return save_checked(QualificationReward(certificate=certificate, amount=amount), actor)


@transaction.atomic
def reward_set_amount(*, actor, reward, amount):
    """Change the amount of a reward still waiting for approval."""
    reward = QualificationReward.objects.select_for_update().get(pk=reward.pk)
    require_permission(actor, reward, APPROVE_PERM, action="view")
    if reward.status != QualificationReward.Status.PENDING:
        raise ValidationError(_("Only a reward waiting for approval can be changed."))
    reward.amount = amount
    return save_checked(reward, actor)


@transaction.atomic
def reward_decide(*, actor, reward, approve, note=""):
    """HR approves the reward (payroll then pays it) or rejects it."""
    reward = QualificationReward.objects.select_for_update().get(pk=reward.pk)
    require_permission(actor, reward, APPROVE_PERM, action="view")
    if reward.status != QualificationReward.Status.PENDING:
        raise ValidationError(_("This reward was already decided."))
    if approve and reward.certificate.status != Certificate.Status.VERIFIED:
        raise ValidationError(_("Verify the certificate before approving its reward."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Say why the reward is rejected.")})
    reward.status = (
        QualificationReward.Status.APPROVED if approve else QualificationReward.Status.REJECTED
    )
    reward.approved_by = actor
    reward.approved_at = timezone.now()
    reward.decision_note = (note or "").strip()
    save_checked(reward, actor)
    audit_event(
        actor=actor,
        verb="reward_approved" if approve else "reward_rejected",
        target=reward.certificate,
        message=Text(
            gettext_noop("Reward of %(amount)s approved")
            if approve
            else gettext_noop("Reward of %(amount)s rejected"),
            {"amount": reward.amount},
        ),
    )
    notify(
        recipient=reward.certificate.employee.user,
        title=Text(
            gettext_noop("Your reward for %(kind)s was approved")
            if approve
            else gettext_noop("Your reward for %(kind)s was rejected"),
            {"kind": reward.certificate.kind},
        ),
        url=reward.get_absolute_url(),
        dedupe_key=f"reward-decided:{reward.pk}",
    )
    return reward


@transaction.atomic
def reward_mark_paid(*, actor, reward, month):
    """Payroll records that ``reward`` is paid in the payroll ``month`` (a date in it, or a
    Period). Safe to call again for the same month (nothing changes); refused for another
    month once paid, and for a reward that is not approved."""
    first = month_start(month)
    reward = QualificationReward.objects.select_for_update().get(pk=reward.pk)
    require_permission(actor, reward, "training.change_qualificationreward", action="view")
    if reward.status == QualificationReward.Status.PAID:
        if reward.paid_month == first:
            return reward
        raise ValidationError(
            _("This reward was already paid in %(month)s.")
            % {"month": reward.paid_month.strftime("%Y-%m")}
        )
    if reward.status != QualificationReward.Status.APPROVED:
        raise ValidationError(_("Only an approved reward can be paid."))
    reward.status = QualificationReward.Status.PAID
    reward.paid_month = first
    reward.paid_at = timezone.now()
    save_checked(reward, actor)
    audit_event(
        actor=actor,
        verb="reward_paid",
        target=reward.certificate,
        message=Text(
            gettext_noop("Reward of %(amount)s paid in payroll month %(month)s"),
            {"amount": reward.amount, "month": first.strftime("%Y-%m")},
        ),
    )
    return reward


# --- expiry reminders and the expired-licence gate ---------------------------------------


def _supervisor(employee):
    team = employee.team
    if team is None or team.supervisor_id is None or team.supervisor_id == employee.user_id:
        return None
    return team.supervisor


def _remind(certificate, days_before, today):
    employee = certificate.employee
    if days_before == 0:
        title = gettext_noop("Certificate expired: %(cert)s (%(name)s)")
        level = Notification.Level.DANGER
    else:
        title = gettext_noop("Certificate expires on %(day)s: %(cert)s (%(name)s)")
        level = Notification.Level.WARNING
    values = {
        "cert": certificate,
        "name": employee.name,
        "day": certificate.expires_on.isoformat(),
    }
    body = ""
    if days_before == 0 and certificate.kind.licence_required:
        body = Text(
            gettext_noop("This licence is required to sell: renew it before selling again.")
        )
    for recipient in filter(None, [employee.user, _supervisor(employee)]):
        notify(
            recipient=recipient,
            title=Text(title, values),
            body=body,
            url=certificate.get_absolute_url(),
            level=level,
            dedupe_key=f"certificate-expiry:{certificate.pk}:{days_before}",
        )


def certificate_expiry_reminders(*, today=None):
    """The daily reminders: for each current certificate, the tightest threshold of
    ``training.expiry_reminder_days`` it has reached (and 0 once expired) is notified to
    the employee and their supervisor, once; thresholds passed over are recorded as not
    notified. Running it again the same day (or later) sends nothing more."""
    today = today or dt.date.today()
    thresholds = sorted({int(d) for d in params.get(rules.EXPIRY_REMINDER_DAYS) if int(d) > 0})
    widest = max(thresholds, default=0)
    certificates = (
        current_certificates(today)
        .filter(expires_on__lte=today + dt.timedelta(days=widest))
        .select_related("employee__user", "employee__team__supervisor", "kind")
        .prefetch_related("reminders")
    )
    sent = 0
    for certificate in certificates:
        done = {r.days_before for r in certificate.reminders.all()}
        left = (certificate.expires_on - today).days
        reached = [0] if left < 0 else [t for t in thresholds if left <= t]
        new = [t for t in reached if t not in done]
        if not new:
            continue
        tightest = min(reached)
        with transaction.atomic():
            for t in new:
                CertificateReminder.objects.create(
                    certificate=certificate,
                    days_before=t,
                    sent_on=today,
                    notified=t == tightest,
                )
            if tightest in new:
                _remind(certificate, tightest, today)
                sent += 1
    return {"reminded": sent}


def expired_licence_refusals(user):
    """The gate check of ``sales.proposal_submit``: when the company turns it on, a person
    with an expired sales licence may not submit proposals."""
    if not params.get(rules.BLOCK_PROPOSALS_ON_EXPIRED_LICENCE):
        return []
    if has_expired_licence(user):
        kinds = sorted({c.kind.name for c in expired_licences().filter(employee__user=user)})
        return [
            _(
                "Your licence required to sell has expired (%(kinds)s): renew it before "
                "submitting proposals."
            )
            % {"kinds": "、".join(kinds)}
        ]
    return []
