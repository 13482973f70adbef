"""What every after-sales write shares: the permissions the steps need, who is told
(the customer's clerk, the supervisor, the managers) and how."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import Notification
from core.roles import Role
from core.services import notify

FOLLOW_UP_PERM = "aftersales.change_followup"
PROCESS_CLAIM_PERM = "aftersales.process_claim"
CHECK_CLAIM_PERM = "aftersales.check_claimdocument"
DISPUTE_PERM = "aftersales.resolve_dispute"
HANDLE_COMPLAINT_PERM = "aftersales.handle_complaint"
PROCESS_REQUEST_PERM = "aftersales.process_servicerequest"
RENEWAL_PERM = "aftersales.record_renewal"


def _today(today=None):
    return today or timezone.localdate()


def clerk_for(customer):
    """The customer's supporting clerk, else the first active clerk of the team."""
    if customer.clerk_id and customer.clerk.is_active:
        return customer.clerk
    return customer.team.clerks.filter(is_active=True).order_by("pk").first()


def _supervisor(customer):
    team = customer.team
    return team.supervisor if team.supervisor_id and team.supervisor.is_active else None


def managers():
    """The active management users (they receive complaint escalations)."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, employee__position=Role.MANAGER)
        .order_by("pk")
    )


def _tell(
    people, *, actor=None, title, url, body="", level=Notification.Level.INFO, key, email=False
):
    """Notify each distinct person (not the actor) once per ``key``; returns how many were
    notified now (a person already told under ``key`` is not counted)."""
    seen = set()
    sent = 0
    for person in people:
        if person is None or person.pk in seen or (actor is not None and person.pk == actor.pk):
            continue
        seen.add(person.pk)
        if Notification.objects.filter(recipient=person, dedupe_key=key).exists():
            continue
        sent += 1
        notify(
            recipient=person,
            title=title,
            body=body,
            url=url,
            level=level,
            dedupe_key=key,
            email=email,
        )
    return sent
