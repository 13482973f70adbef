"""Complaints and disputes: logging, the handling steps, deadlines and escalation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.models import Notification
from core.permissions import can
from core.services import audit_event, require_permission, save_checked

from .. import rules
from ..models import Complaint, ComplaintAction
from ._common import HANDLE_COMPLAINT_PERM, _tell, _today, managers
from .claims import claims_chase

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
        message=Text(
            gettext_noop("Complaint %(ref)s received (%(severity)s): %(subject)s"),
            {
                "ref": complaint.reference,
                "severity": choice(complaint, "severity", complaint.severity),
                "subject": complaint.subject,
            },
        ),
    )
    _tell(
        [complaint.supervisor],
        actor=actor,
        title=Text(
            gettext_noop("New complaint to handle: %(customer)s — %(subject)s"),
            {"customer": customer.name, "subject": complaint.subject},
        ),
        body=Text(
            gettext_noop("Acknowledge by %(ack)s, resolve by %(resolve)s."),
            {"ack": ack.isoformat(), "resolve": resolve.isoformat()},
        ),
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
        message=Text(
            gettext_noop("%(ref)s acknowledged to the customer"), {"ref": complaint.reference}
        ),
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
        message=Text(gettext_noop("%(ref)s being worked on"), {"ref": complaint.reference}),
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
        message=Text(
            gettext_noop("Action on %(ref)s: %(action)s"),
            {"ref": complaint.reference, "action": action},
        ),
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
        message=Text(
            gettext_noop("%(ref)s resolved: %(resolution)s"),
            {"ref": complaint.reference, "resolution": resolution},
        ),
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
        message=Text(
            gettext_noop("%(ref)s closed; the customer's satisfaction %(score)s/5"),
            {"ref": complaint.reference, "score": complaint.satisfaction},
        ),
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
        message=Text(
            gettext_noop("%(ref)s reopened: %(reason)s"),
            {"ref": complaint.reference, "reason": reason},
        ),
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
            title = Text(
                gettext_noop(
                    "Complaint past its deadline: %(customer)s — %(subject)s (%(days)s days)"
                ),
                {
                    "customer": complaint.customer.name,
                    "subject": complaint.subject,
                    "days": (today - deadline).days,
                },
            )
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
                    message=Text(
                        gettext_noop(
                            "%(ref)s escalated to the management: the %(deadline)s deadline passed"
                        ),
                        {
                            "ref": complaint.reference,
                            "deadline": Text(gettext_noop("acknowledgement"))
                            if missed == "acknowledge"
                            else Text(gettext_noop("resolution")),
                        },
                    ),
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
