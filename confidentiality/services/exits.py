"""The exit audit (離職審計): HR starts it (leaving date, successor, items to return); the
account closes on the leaving date (the daily job; the leaver's sessions end); every share
made to the leaver is revoked; the leaver's book is handed to the successor in one
transaction; compliance reviews what the leaver viewed and exported in the last 90 days; the
items come back; the signed confidentiality reminder is filed; compliance closes it."""

import datetime as dt

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core.i18n import Text
from core.models import AccessLog, ExportLog, Notification
from core.services import (
    acting_as,
    audit_event,
    notify,
    object_revoke_access,
    save_checked,
    saved_by,
)

from ..models import ExitAudit, ExitItem

START_PERM = "confidentiality.add_exitaudit"
CHANGE_PERM = "confidentiality.change_exitaudit"
CLOSE_PERM = "confidentiality.close_exitaudit"
REPORT_DAYS = 90

# What the hand-over moves, in the order it is done and shown.
HANDOVER_LABELS = {
    "customers": gettext_lazy("Customer files"),
    "clerk_files": gettext_lazy("Customer files supported"),
    "opportunities": gettext_lazy("Open opportunities"),
    "follow_ups": gettext_lazy("Pending follow-ups"),
    "claims": gettext_lazy("Open claims"),
    "renewals": gettext_lazy("Pending renewals"),
}


def _require(actor, perm):
    if not actor.has_perm(perm):
        raise PermissionDenied(_("You may not do this."))


def _lock(audit):
    audit = ExitAudit.objects.select_for_update().select_related("employee__user").get(pk=audit.pk)
    if audit.status != ExitAudit.Status.OPEN:
        raise ValidationError(_("This exit audit is closed."))
    return audit


def _check_successor(employee, successor):
    from org.models import Employee

    if successor.pk == employee.pk:
        raise ValidationError({"successor": _("The successor is someone other than the leaver.")})
    if successor.status == Employee.Status.LEFT or not successor.user.is_active:
        raise ValidationError({"successor": _("The successor must be a current employee.")})
    if ExitAudit.objects.filter(employee=successor, status=ExitAudit.Status.OPEN).exists():
        raise ValidationError({"successor": _("The successor is leaving too.")})
    if successor.team_id is None:
        raise ValidationError({"successor": _("The successor belongs to no team.")})


@transaction.atomic
def exit_start(*, actor, employee, leaving_on, successor, reason="", items=()):
    """HR marks ``employee`` as leaving on ``leaving_on``, names the successor and lists the
    documents and devices to return ([(kind, description)])."""
    _require(actor, START_PERM)
    if employee.status == employee.Status.LEFT:
        raise ValidationError(
            {"employee": _("%(name)s has already left.") % {"name": employee.name}}
        )
    if ExitAudit.objects.filter(employee=employee, status=ExitAudit.Status.OPEN).exists():
        raise ValidationError(
            {"employee": _("This employee already has an exit audit in progress.")}
        )
    if employee.user_id == actor.pk:
        raise ValidationError({"employee": _("You cannot start your own exit audit.")})
    _check_successor(employee, successor)
    audit = save_checked(
        ExitAudit(
            employee=employee,
            leaving_on=leaving_on,
            successor=successor,
            reason=(reason or "").strip(),
            started_by=actor,
        ),
        actor,
    )
    for kind, description in items:
        if (description or "").strip():
            exit_item_add(actor=actor, audit=audit, kind=kind, description=description)
    audit_event(
        actor=actor,
        verb="exit_started",
        target=audit,
        message=Text(
            gettext_noop("Exit audit started: %(name)s leaves on %(day)s, successor %(successor)s"),
            {"name": employee.name, "day": leaving_on, "successor": successor.name},
        ),
    )
    notify(
        recipient=successor.user,
        title=Text(
            gettext_noop("You take over the book of %(name)s from %(day)s"),
            {"name": employee.name, "day": leaving_on},
        ),
        level=Notification.Level.INFO,
        dedupe_key=f"exit-successor:{audit.pk}",
    )
    return audit


@transaction.atomic
def exit_item_add(*, actor, audit, kind, description):
    """Add a document or device the leaver must return."""
    _require(actor, CHANGE_PERM)
    audit = _lock(audit)
    return save_checked(ExitItem(audit=audit, kind=kind, description=description.strip()), actor)


@transaction.atomic
def exit_item_return(*, actor, item, returned_on=None):
    """Tick an item as returned (on ``returned_on``, received by ``actor``)."""
    _require(actor, CHANGE_PERM)
    _lock(item.audit)
    item = ExitItem.objects.select_for_update().get(pk=item.pk)
    if item.returned_on is not None:
        raise ValidationError(_("This item is already returned."))
    item.returned_on = returned_on or timezone.localdate()
    item.received_by = actor
    save_checked(item, actor)
    audit_event(
        actor=actor,
        verb="exit_item_returned",
        target=item.audit,
        message=Text(
            gettext_noop("Returned: %(item)s (%(day)s)"),
            {"item": item.description, "day": item.returned_on},
        ),
    )
    return item


def end_sessions(user):
    """Delete every session of ``user`` (a closed account's next request is refused)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def exit_deactivate(*, actor, audit):
    """Close the leaver's account (status Left with the leaving date, login disabled, every
    session ended). Done by the daily job on the leaving date, or at once once it is due."""
    from org.services import employee_leave

    audit = _lock(audit)
    if audit.deactivated_at is not None:
        raise ValidationError(_("The account is already closed."))
    if audit.leaving_on > timezone.localdate():
        raise ValidationError(
            _("The account closes on the leaving date (%(day)s).") % {"day": audit.leaving_on}
        )
    employee = audit.employee
    if employee.status != employee.Status.LEFT:
        employee_leave(
            actor=actor, employee=employee, left_on=audit.leaving_on, reason=_("Exit audit")
        )
    user = employee.user
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    sessions = end_sessions(user)
    audit.deactivated_at = timezone.now()
    save_checked(audit, actor)
    audit_event(
        actor=actor,
        verb="exit_account_closed",
        target=audit,
        message=Text(
            gettext_noop("Account of %(name)s closed; %(count)s sessions ended"),
            {"name": employee.name, "count": sessions},
        ),
    )
    return audit


def exit_deactivations_due(*, today=None):
    """The daily job: close the accounts of leavers whose leaving date has come (each once;
    a second run closes nothing more). Acts in the name of the HR user who started the
    audit."""
    today = today or timezone.localdate()
    closed = 0
    due = ExitAudit.objects.filter(
        status=ExitAudit.Status.OPEN, deactivated_at__isnull=True, leaving_on__lte=today
    ).select_related("started_by")
    for audit in due:
        with acting_as(audit.started_by):
            exit_deactivate(actor=audit.started_by, audit=audit)
        closed += 1
    return {"closed": closed}


def _grant_models():
    from guardian.models import UserObjectPermissionBase

    for model in apps.get_models():
        if issubclass(model, UserObjectPermissionBase) and not model._meta.abstract:
            if model._meta.app_label == "guardian":
                continue
            yield model


def leaver_grants(user):
    """[(record, [actions])]: every record explicitly shared with ``user``."""
    found = {}
    for model in _grant_models():
        for row in model.objects.filter(user=user).select_related("permission", "content_object"):
            obj = row.content_object
            key = (type(obj), obj.pk)
            action = row.permission.codename.split("_", 1)[0]
            found.setdefault(key, (obj, []))[1].append(action)
    return list(found.values())


@transaction.atomic
def exit_revoke_grants(*, actor, audit):
    """Take back every share made to the leaver, each through the exact revocation
    (core.services.object_revoke_access: one audit event per record)."""
    _require(actor, CHANGE_PERM)
    audit = _lock(audit)
    user = audit.employee.user
    grants = leaver_grants(user)
    for obj, actions in grants:
        object_revoke_access(obj=obj, actor=actor, to=user, actions=sorted(set(actions)))
    audit.grants_revoked_at = timezone.now()
    audit.grants_revoked = len(grants)
    save_checked(audit, actor)
    audit_event(
        actor=actor,
        verb="exit_shares_revoked",
        target=audit,
        message=Text(
            gettext_noop("%(count)s shares to %(name)s revoked"),
            {"count": len(grants), "name": audit.employee.name},
        ),
    )
    return audit


def _moved(obj, actor, *, reason, label, leaver, successor):
    # Only the holder changes: the rest of the record is not validated again, so a file left
    # incomplete under an older rule still changes hands (its history row names the actor).
    obj._change_reason = reason[:100]
    saved_by(obj, actor).save()
    audit_event(
        actor=actor,
        verb="handed_over",
        target=obj,
        message=Text(
            gettext_noop("%(what)s handed from %(old)s to %(new)s (exit audit)"),
            {"what": label, "old": leaver.name, "new": successor.name},
        ),
        data={"from": leaver.user_id, "to": successor.user_id},
    )


def leaver_book(user):
    """What ``user`` holds that the hand-over moves: querysets by HANDOVER_LABELS key."""
    from aftersales.models import Claim, FollowUp, Renewal
    from customers.models import Customer
    from sales.models import Opportunity

    return {
        "customers": Customer.objects.filter(owner=user),
        "clerk_files": Customer.objects.filter(clerk=user).exclude(owner=user),
        "opportunities": Opportunity.objects.filter(owner=user).exclude(
            stage__in=[Opportunity.Stage.WON, Opportunity.Stage.LOST]
        ),
        "follow_ups": FollowUp.objects.filter(
            assigned_to=user, status__in=[FollowUp.Status.SCHEDULED, FollowUp.Status.ESCALATED]
        ),
        "claims": Claim.objects.filter(handled_by=user).exclude(status=Claim.Status.CLOSED),
        "renewals": Renewal.objects.filter(
            customer__owner=user, outcome__in=[Renewal.Outcome.PENDING, Renewal.Outcome.GRACE]
        ),
    }


@transaction.atomic
def exit_hand_over(*, actor, audit):
    """Hand the leaver's whole book to the successor in one transaction: every customer file
    (owned, and supported as clerk), open opportunity, pending follow-up, open claim and
    pending renewal. Each record gets its history row and an audit event; the audit keeps
    the counts; the successor is told once. Any refusal undoes all of it."""
    _require(actor, CHANGE_PERM)
    audit = _lock(audit)
    leaver, successor = audit.employee, audit.successor
    _check_successor(leaver, successor)
    user, new = leaver.user, successor.user
    team = successor.team
    reason = _("Exit audit: handed to the successor")
    book = leaver_book(user)
    counts = {}
    # renewals follow their customer: listed before the customers move
    renewals = list(book["renewals"].select_related("policy"))
    customers = list(book["customers"].select_related("team"))
    clerk_files = list(book["clerk_files"])
    opportunities = list(book["opportunities"])
    follow_ups = list(book["follow_ups"])
    claims = list(book["claims"])
    label = HANDOVER_LABELS
    for customer in customers:
        customer.owner = new
        if customer.team_id != team.pk:
            customer.team = team
            if customer.clerk_id is None or not team.clerks.filter(pk=customer.clerk_id).exists():
                customer.clerk = team.clerks.filter(is_active=True).order_by("pk").first()
        _moved(
            customer,
            actor,
            reason=reason,
            label=_("Customer file"),
            leaver=leaver,
            successor=successor,
        )
    counts["customers"] = len(customers)
    for customer in clerk_files:
        customer.clerk = new
        _moved(
            customer,
            actor,
            reason=reason,
            label=_("Customer file supported"),
            leaver=leaver,
            successor=successor,
        )
    counts["clerk_files"] = len(clerk_files)
    for opportunity in opportunities:
        opportunity.owner = new
        opportunity.team = team
        _moved(
            opportunity,
            actor,
            reason=reason,
            label=_("Opportunity"),
            leaver=leaver,
            successor=successor,
        )
    counts["opportunities"] = len(opportunities)
    for follow_up in follow_ups:
        follow_up.assigned_to = new
        _moved(
            follow_up,
            actor,
            reason=reason,
            label=_("Follow-up"),
            leaver=leaver,
            successor=successor,
        )
    counts["follow_ups"] = len(follow_ups)
    for claim in claims:
        claim.handled_by = new
        _moved(claim, actor, reason=reason, label=_("Claim"), leaver=leaver, successor=successor)
    counts["claims"] = len(claims)
    for renewal in renewals:
        audit_event(
            actor=actor,
            verb="handed_over",
            target=renewal,
            message=Text(
                gettext_noop(
                    "Renewal followed by %(new)s with its customer (exit audit of %(old)s)"
                ),
                {"new": successor.name, "old": leaver.name},
            ),
        )
    counts["renewals"] = len(renewals)
    audit.handed_over_at = timezone.now()
    audit.handover = counts
    save_checked(audit, actor)
    summary = "、".join(f"{label[k]} {v}" for k, v in counts.items() if v) or _("nothing")
    audit_event(
        actor=actor,
        verb="exit_handed_over",
        target=audit,
        message=Text(
            gettext_noop("Book of %(old)s handed to %(new)s: %(summary)s"),
            {"old": leaver.name, "new": successor.name, "summary": summary},
        ),
        data=counts,
    )
    notify(
        recipient=new,
        title=Text(
            gettext_noop("The book of %(name)s was handed to you: %(count)s records"),
            {"name": leaver.name, "count": sum(counts.values())},
        ),
        url=reverse("customers:customer_list"),
        dedupe_key=f"exit-handover:{audit.pk}",
    )
    return audit


def report_period(audit, today=None):
    """The 90 days the activity report covers: up to the leaving date (or today, if the
    leaver has not left yet)."""
    today = today or timezone.localdate()
    end = min(today, audit.leaving_on)
    return end - dt.timedelta(days=REPORT_DAYS - 1), end


def _window(audit):
    start, end = report_period(audit)
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def activity_views(audit):
    """The leaver's access-log rows of the report's 90 days, newest first."""
    start, end = _window(audit)
    return (
        AccessLog.objects.filter(user_id=audit.employee.user_id, when__gte=start, when__lt=end)
        .select_related("content_type")
        .order_by("-when", "-pk")
    )


def activity_exports(audit):
    """The leaver's export-log rows of the report's 90 days, newest first."""
    start, end = _window(audit)
    return ExportLog.objects.filter(
        user_id=audit.employee.user_id, when__gte=start, when__lt=end
    ).order_by("-when", "-pk")


def activity_summary(audit):
    """The report's figures: views, records viewed, unmasked values, downloads, exports,
    rows exported, clear exports."""
    from django.db.models import Count, Q, Sum

    views = activity_views(audit).aggregate(
        views=Count("pk", filter=Q(action=AccessLog.Action.VIEW)),
        records=Count("object_id", distinct=True),
        unmasks=Count("pk", filter=Q(action=AccessLog.Action.UNMASK)),
        downloads=Count("pk", filter=Q(action=AccessLog.Action.DOWNLOAD)),
    )
    exports = activity_exports(audit).aggregate(
        exports=Count("pk"), rows=Sum("row_count"), clear=Count("pk", filter=Q(clear_values=True))
    )
    return {**views, **{k: v or 0 for k, v in exports.items()}}


@transaction.atomic
def exit_activity_review(*, actor, audit, note):
    """Compliance records its review of the leaver's last 90 days of views and exports."""
    _require(actor, CLOSE_PERM)
    audit = _lock(audit)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what the review found.")})
    audit.activity_reviewed_at = timezone.now()
    audit.activity_reviewed_by = actor
    audit.activity_note = note.strip()
    save_checked(audit, actor)
    audit_event(
        actor=actor,
        verb="exit_activity_reviewed",
        target=audit,
        message=Text(
            gettext_noop("Last 90 days reviewed: %(note)s"), {"note": audit.activity_note}
        ),
    )
    return audit


@transaction.atomic
def exit_reminder_file(*, actor, audit, scan, signed_on):
    """File the leaver's signed confidentiality reminder (a PDF, its content checked)."""
    _require(actor, CHANGE_PERM)
    audit = _lock(audit)
    if not scan:
        raise ValidationError({"scan": _("Upload the signed reminder.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The date cannot be in the future.")})
    audit.reminder_scan = scan
    audit.reminder_scan_name = (getattr(scan, "name", "") or "")[:200]
    audit.reminder_signed_on = signed_on
    try:
        save_checked(audit, actor)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "reminder_scan" in exc.error_dict:
            raise ValidationError({"scan": exc.error_dict["reminder_scan"]}) from exc
        raise
    audit_event(
        actor=actor,
        verb="exit_reminder_signed",
        target=audit,
        message=Text(
            gettext_noop("Confidentiality reminder signed on %(day)s"), {"day": signed_on}
        ),
    )
    return audit


def checklist(audit, items=None):
    """[(code, label, done)]: the steps of the exit audit, in order."""
    items = list(audit.items.all()) if items is None else items
    return [
        ("deactivated", _("Account closed on the leaving date"), audit.deactivated_at is not None),
        ("grants", _("Every share revoked"), audit.grants_revoked_at is not None),
        ("handover", _("Book handed to the successor"), audit.handed_over_at is not None),
        (
            "activity",
            _("Last 90 days of views and exports reviewed"),
            audit.activity_reviewed_at is not None,
        ),
        (
            "items",
            _("Documents and devices returned"),
            all(i.returned_on is not None for i in items),
        ),
        ("reminder", _("Signed confidentiality reminder filed"), bool(audit.reminder_scan)),
    ]


@transaction.atomic
def exit_close(*, actor, audit, note=""):
    """Compliance closes the exit audit, only when every item of the checklist is done."""
    _require(actor, CLOSE_PERM)
    audit = _lock(audit)
    missing = [str(label) for _code, label, done in checklist(audit) if not done]
    if missing:
        raise ValidationError(_("Not done yet: %(steps)s.") % {"steps": "、".join(missing)})
    audit.status = ExitAudit.Status.CLOSED
    audit.closed_by = actor
    audit.closed_at = timezone.now()
    audit.closing_note = (note or "").strip()
    save_checked(audit, actor)
    audit_event(
        actor=actor,
        verb="exit_closed",
        target=audit,
        message=Text(gettext_noop("Exit audit of %(name)s closed"), {"name": audit.employee.name}),
    )
    return audit
