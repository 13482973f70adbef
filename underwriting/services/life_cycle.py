"""The underwriting life cycle: submission, the insurer's requests and decision,
withdrawal, and the communications log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.models import Notification
from core.permissions import can
from core.services import audit_event, notify, require_permission, save_checked

from ..models import (
    Application,
    Communication,
    money,
)
from ._common import DECISIONS, PROCESS_PERM, TRANSITIONS, Status, _label
from .checklist import submission_blockers
from .documents import _people_to_tell


def transition_errors(application, to):
    """Why ``application`` cannot move to ``to`` now (empty: it can)."""
    if to not in TRANSITIONS.get(application.status, ()):
        return [
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _label(application.status), "to": _label(to)}
        ]
    if to == Status.SUBMITTED:
        return submission_blockers(application)
    return []


def allowed_transitions(application):
    return TRANSITIONS.get(application.status, ())


def _move(*, actor, application, to, verb, message, data=None, perm=PROCESS_PERM):
    require_permission(
        actor,
        application,
        perm,
        message=_("Only a clerk supporting the customer's team processes applications."),
    )
    locked = Application.objects.select_for_update().get(pk=application.pk)
    application.status = locked.status
    errors = transition_errors(application, to)
    if errors:
        raise ValidationError(errors)
    old = application.status
    application.status = to
    application._change_reason = str(message)[:100]
    save_checked(application, actor)
    audit_event(
        actor=actor,
        verb=verb,
        target=application,
        message=message,
        data={"from": old, "to": to, **(data or {})},
    )
    return application


@transaction.atomic
def application_submit(*, actor, application, submitted_on=None, channel, insurer_reference=""):
    """Send the application to the insurer for underwriting, once every required paper has
    been checked and accepted."""
    application.submitted_on = submitted_on or timezone.localdate()
    application.submission_channel = channel
    application.insurer_reference = insurer_reference.strip()
    application.submitted_by = actor
    if not channel:
        raise ValidationError({"channel": _("Say how the application was sent to the insurer.")})
    return _move(
        actor=actor,
        application=application,
        to=Status.SUBMITTED,
        verb="application_submitted",
        message=Text(
            gettext_noop("%(ref)s submitted to %(insurer)s (%(channel)s)"),
            {
                "ref": application.reference,
                "insurer": application.insurer,
                "channel": application.get_submission_channel_display(),
            },
        ),
        data={"reference": application.insurer_reference},
    )


@transaction.atomic
def application_request_info(*, actor, application, what, due_date, requested_on=None):
    """The insurer asks for more (medical report, income proof, ...) by a date."""
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Say what the insurer asked for.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Give the date the insurer needs it by.")})
    application.info_requested = what
    application.info_requested_on = requested_on or timezone.localdate()
    application.info_due_date = due_date
    application.info_supplied_on = None
    _move(
        actor=actor,
        application=application,
        to=Status.INFO_REQUESTED,
        verb="info_requested",
        message=Text(
            gettext_noop("%(insurer)s asks for: %(what)s (by %(date)s)"),
            {"insurer": application.insurer, "what": what, "date": due_date.isoformat()},
        ),
    )
    for person in _people_to_tell(application):
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            title=Text(
                gettext_noop("The insurer needs more for %(app)s"), {"app": application.reference}
            ),
            body=what,
            url=application.get_absolute_url(),
            level=Notification.Level.WARNING,
            dedupe_key=f"uw-info:{application.pk}:{application.info_requested_on.isoformat()}",
        )
    return application


@transaction.atomic
def application_supply_info(*, actor, application, note, supplied_on=None):
    """What was asked for has been sent to the insurer."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was sent to the insurer.")})
    application.info_supplied_on = supplied_on or timezone.localdate()
    application.info_supplied_note = note
    return _move(
        actor=actor,
        application=application,
        to=Status.INFO_SUPPLIED,
        verb="info_supplied",
        message=Text(
            gettext_noop("Information sent to %(insurer)s: %(note)s"),
            {"insurer": application.insurer, "note": note},
        ),
    )


@transaction.atomic
def application_decide(
    *,
    actor,
    application,
    decision,
    decided_on=None,
    note="",
    extra_premium=None,
    exclusion="",
    reduced_sum_insured=None,
    postponed_until=None,
):
    """Record the insurer's decision: standard acceptance, acceptance with conditions (extra
    premium, exclusion or reduced cover — at least one recorded), postponement or decline."""
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    exclusion = (exclusion or "").strip()
    note = (note or "").strip()
    if decision == Status.ACCEPTED_CONDITIONS and not (
        extra_premium or exclusion or reduced_sum_insured
    ):
        raise ValidationError(
            _("Record the conditions: an extra premium, an exclusion or a reduced sum insured.")
        )
    if decision in (Status.DECLINED, Status.POSTPONED) and not note:
        raise ValidationError({"note": _("Give the insurer's reason.")})
    application.decided_on = decided_on or timezone.localdate()
    application.decision_note = note
    conditional = decision == Status.ACCEPTED_CONDITIONS
    application.extra_premium = money(extra_premium) if conditional and extra_premium else None
    application.exclusion = exclusion if conditional else ""
    application.reduced_sum_insured = (
        money(reduced_sum_insured) if conditional and reduced_sum_insured else None
    )
    application.postponed_until = postponed_until if decision == Status.POSTPONED else None
    _move(
        actor=actor,
        application=application,
        to=decision,
        verb="underwriting_decision",
        message=Text(
            gettext_noop("%(insurer)s decision on %(ref)s: %(decision)s"),
            {
                "insurer": application.insurer,
                "ref": application.reference,
                "decision": choice(Application, "status", decision),
            },
        ),
        data={
            "decision": decision,
            "extra_premium": str(application.extra_premium or ""),
            "exclusion": application.exclusion,
            "reduced_sum_insured": str(application.reduced_sum_insured or ""),
            "note": note,
        },
    )
    for person in _people_to_tell(application):
        if person.pk == actor.pk:
            continue
        notify(
            recipient=person,
            title=Text(
                gettext_noop("Underwriting decision on %(app)s: %(decision)s"),
                {"app": application.reference, "decision": choice(Application, "status", decision)},
            ),
            url=application.get_absolute_url(),
            level=Notification.Level.SUCCESS
            if decision in (Status.ACCEPTED, Status.ACCEPTED_CONDITIONS)
            else Notification.Level.WARNING,
            dedupe_key=f"uw-decision:{application.pk}",
        )
    return application


@transaction.atomic
def application_withdraw(*, actor, application, reason, withdrawn_on=None):
    """The customer withdraws the application (at any point before the policy is issued)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the customer's reason for withdrawing.")})
    application.withdrawn_on = withdrawn_on or timezone.localdate()
    application.withdrawal_reason = reason
    return _move(
        actor=actor,
        application=application,
        to=Status.WITHDRAWN,
        verb="application_withdrawn",
        message=Text(
            gettext_noop("%(ref)s withdrawn by the customer: %(reason)s"),
            {"ref": application.reference, "reason": reason},
        ),
    )


@transaction.atomic
def communication_add(
    *, actor, application, party, channel, person, content, when=None, next_follow_up=None
):
    """Log an exchange with the insurer or the customer about an application."""
    if not actor.has_perm("underwriting.add_communication") or not can(actor, application, "view"):
        raise PermissionDenied(_("You may not log communications on this application."))
    entry = Communication(
        application=application,
        party=party,
        channel=channel,
        person=(person or "").strip(),
        content=(content or "").strip(),
        when=when or timezone.now(),
        next_follow_up=next_follow_up,
        logged_by=actor,
    )
    return save_checked(entry, actor)
