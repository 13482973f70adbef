"""Infrastructure services every app uses: audit events, notifications, object grants,
access and export logs, the history user for work done outside a request, and the upload
and check of the papers a clerk checks (core.documents)."""

from contextlib import contextmanager, suppress

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from guardian.shortcuts import assign_perm, get_groups_with_perms, get_users_with_perms, remove_perm
from simple_history.models import HistoricalRecords

from . import i18n, sensitive
from .documents import CheckedDocument
from .models import AccessLog, AuditEvent, ExportLog, Notification
from .permissions import _grant_models, can, perm_name


def _target_fields(target):
    if target is None:
        return {"content_type": None, "object_id": ""}
    return {
        "content_type": ContentType.objects.get_for_model(type(target), for_concrete_model=False),
        "object_id": str(target.pk),
    }


def audit_event(*, actor, verb, target=None, message, data=None, when=None):
    """Record that ``actor`` did ``verb`` to ``target`` (shown on the target's timeline).

    ``message`` is a ``core.i18n.Text`` (rendered in each reader's language) or, for older
    callers, a plain sentence shown as it is."""
    plain, text = i18n.stored(message, 500)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        message=plain,
        message_text=text,
        data=data or {},
        when=when or timezone.now(),
        **_target_fields(target),
    )


def events_for(target):
    """The audit events about one record, newest first."""
    return AuditEvent.objects.filter(**_target_fields(target)).select_related("actor")


def client_ip(request):
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log(*, user, obj, request=None, action=AccessLog.Action.VIEW, field=""):
    """Write one access-log row: ``user`` viewed (or unmasked ``field`` of) ``obj``."""
    return AccessLog.objects.create(
        user=user,
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        field=field,
        ip_address=client_ip(request),
        path=request.path[:300] if request is not None else "",
    )


def export_log(
    *,
    user,
    what,
    file_format,
    row_count,
    filters=None,
    request=None,
    clear_values=False,
    purpose="",
    filter_labels=None,
):
    """Write one export-log row for a download. Sensitive values in ``filters`` (query keys
    and values) and ``filter_labels`` ((label, shown value) pairs) are kept masked, with
    their keyed digests beside them (core.sensitive)."""
    clean = {k: v for k, v in (filters or {}).items() if v not in ("", None, [])}
    clean, digests = sensitive.redact_values(clean)
    shown, more = sensitive.redact(
        "; ".join(f"{label}: {value}" for label, value in (filter_labels or ()))
    )
    return ExportLog.objects.create(
        user=user,
        what=str(what)[:200],
        file_format=file_format,
        row_count=row_count,
        filters=clean,
        filters_shown=shown[:1000],
        search_digests=sensitive.digests_text(digests + more),
        ip_address=client_ip(request),
        clear_values=clear_values,
        purpose=str(purpose)[:300],
    )


def search_log(*, user, model, values, request=None):
    """Record in the access log that ``user`` searched ``model``'s list for sensitive values
    (an ID number, a mobile…) found in ``values`` (the list's query); nothing when there are
    none. The row keeps the values masked and their digests."""
    clean, digests = sensitive.redact_values(values)
    if not digests:
        return None
    shown = "; ".join(
        f"{k}={', '.join(v) if isinstance(v, list) else v}"
        for k, v in clean.items()
        if v not in ("", None, [])
    )
    return AccessLog.objects.create(
        user=user,
        action=AccessLog.Action.SEARCH,
        content_type=ContentType.objects.get_for_model(model),
        object_id="",
        object_repr=shown[:200],
        ip_address=client_ip(request),
        path=request.path[:300] if request is not None else "",
        search_digests=sensitive.digests_text(digests),
    )


def notify(
    *,
    recipient,
    title,
    body="",
    url="",
    level=Notification.Level.INFO,
    dedupe_key="",
    email=False,
):
    """Send an in-app notification. With a ``dedupe_key`` a second send is a no-op.

    ``title`` and ``body`` are ``core.i18n.Text``s (rendered in the reader's language when
    read) or plain strings, shown as they are.

    With ``email=True`` the notification is also mailed to the recipient (when they have an
    address), by a retried background job queued once the transaction commits; a deduplicated
    second send mails nothing.
    """
    title, title_text = i18n.stored(title, 200)
    body, body_text = i18n.stored(body)
    fields = {
        "title": title,
        "title_text": title_text,
        "body": body,
        "body_text": body_text,
        "url": url,
        "level": level,
    }
    created = True
    if dedupe_key:
        try:
            with transaction.atomic():
                obj, created = Notification.objects.get_or_create(
                    recipient=recipient,
                    dedupe_key=dedupe_key,
                    defaults=fields,
                )
        except IntegrityError:  # a concurrent sender won the race
            obj = Notification.objects.get(recipient=recipient, dedupe_key=dedupe_key)
            created = False
    else:
        obj = Notification.objects.create(recipient=recipient, **fields)
    if created:
        _forget_unread_count(recipient)
    if email and created and recipient.email:
        from .tasks import email_notification

        transaction.on_commit(lambda: email_notification.delay(obj.pk))
    return obj


def notification_email(notification):
    """Mail one notification to its recipient (title as subject, body and link as text), in
    the company's language (``LANGUAGE_CODE``): a mail has no reader's page to follow."""
    from django.conf import settings
    from django.core.mail import send_mail

    with translation.override(settings.LANGUAGE_CODE):
        title = notification.get_title_display()
        body = notification.get_body_display()
    lines = [body] if body else []
    if notification.url:
        link = notification.url
        if link.startswith("/"):
            link = settings.SITE_URL.rstrip("/") + link
        lines.append(link)
    send_mail(
        subject=title,
        message="\n\n".join(lines) or title,
        from_email=None,
        recipient_list=[notification.recipient.email],
    )


def unread_count(user):
    """How many of ``user``'s notifications are unread: counted once per request (the bell
    and My work both show it), kept on the user object the request carries."""
    count = getattr(user, "_unread_notifications", None)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user._unread_notifications = count
    return count


def notification_mark_read(*, user, ids=None):
    """Mark the user's notifications (all, or those ``ids``) read; returns how many."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    _forget_unread_count(user)
    return qs.update(read_at=timezone.now())


def _forget_unread_count(user):
    with suppress(AttributeError):
        del user._unread_notifications


def saved_by(obj, actor):
    """Attribute the history row of ``obj``'s next save to ``actor`` (services pass their
    actor, so work done by a command or a task is not recorded as done by nobody)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor
    elif hasattr(obj, "_history_user"):
        # simple-history never clears it: a later save of the same instance without an
        # actor would otherwise be credited to the previous one.
        del obj._history_user
    return obj


def save_checked(obj, actor):
    """Validate ``obj`` (``full_clean``) and save it with its history row credited to
    ``actor``; returns ``obj``. The one way a service saves a single record."""
    obj.full_clean()
    saved_by(obj, actor).save()
    return obj


def require_permission(actor, obj, perm=None, action="change", message=None):
    """Raise PermissionDenied unless ``actor`` holds the model permission ``perm`` (when
    given) and may ``action`` this very record (its role scope or an explicit grant).

    Services call it first, so a write refused here changes nothing; ``message`` is the
    translated reason shown to the user."""
    if (perm is not None and not actor.has_perm(perm)) or not can(actor, obj, action):
        raise PermissionDenied(message or _("You may not do this on this record."))


@contextmanager
def acting_as(user):
    """Attribute history rows written inside the block to ``user`` (tasks, commands)."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)

    class _FakeRequest:
        pass

    fake = _FakeRequest()
    fake.user = user
    context.request = fake
    try:
        yield
    finally:
        if previous is None:
            if hasattr(context, "request"):
                del context.request
        else:
            context.request = previous


# --- explicit object grants -------------------------------------------------------------

GRANT_ACTIONS = ("view", "change")


def _principal_name(principal):
    return str(principal)


def _require_grant_tables(model):
    # visible_to reads grants only from direct foreign-key tables: a grant stored in
    # guardian's generic table would be recorded as a share that gives no access.
    if _grant_models(model)[0] is None:
        raise ImproperlyConfigured(
            f"{model.__name__} has no direct foreign-key grant models "
            "(UserObjectPermissionBase / GroupObjectPermissionBase subclasses)"
        )


def _forget_grants(principal):
    """Drop the grant ids cached on this user object (core.permissions.granted_ids)."""
    principal.__dict__.pop("_grant_cache", None)


@transaction.atomic
def object_grant_access(*, obj, actor, to, actions=GRANT_ACTIONS, reason=""):
    """Share ``obj`` with a user or group ``to``: each action becomes a guardian grant.

    The only way grants are made; each app wraps it in its own ``<model>_grant_access``.
    """
    model = type(obj)
    _require_grant_tables(model)
    for action in actions:
        assign_perm(perm_name(model, action), to, obj)
    _forget_grants(to)
    kind = "group" if isinstance(to, Group) else "user"
    audit_event(
        actor=actor,
        verb="grant",
        target=obj,
        message=i18n.Text(gettext_noop("Shared with %(name)s"), name=_principal_name(to)),
        data={kind: to.pk, "actions": list(actions), "reason": reason},
    )


@transaction.atomic
def object_revoke_access(*, obj, actor, to, actions=GRANT_ACTIONS):
    """Take back a share made with ``object_grant_access``."""
    model = type(obj)
    _require_grant_tables(model)
    for action in actions:
        remove_perm(perm_name(model, action), to, obj)
    _forget_grants(to)
    kind = "group" if isinstance(to, Group) else "user"
    audit_event(
        actor=actor,
        verb="revoke",
        target=obj,
        message=i18n.Text(gettext_noop("Share with %(name)s revoked"), name=_principal_name(to)),
        data={kind: to.pk, "actions": list(actions)},
    )


def object_grants(obj):
    """Who ``obj`` is explicitly shared with: [(user or group, [actions])]."""
    model_name = type(obj)._meta.model_name
    result = []
    users = get_users_with_perms(
        obj, attach_perms=True, with_superusers=False, with_group_users=False
    )
    for user, perms in users.items():
        result.append((user, sorted(p.removesuffix("_" + model_name) for p in perms)))
    for group, perms in get_groups_with_perms(obj, attach_perms=True).items():
        result.append((group, sorted(p.removesuffix("_" + model_name) for p in perms)))
    return result


# --- papers checked by a clerk (core.documents) -------------------------------------------


def checked_document_upload(*, actor, model, parent, kind, file, description=""):
    """File a paper of ``kind`` of the record ``parent`` as a ``model`` (a CheckedDocument;
    the file's content is checked); an earlier upload of the same kind that is neither
    accepted nor replaced is marked replaced. The new paper waits for the clerk's check.

    The caller checks the actor's right and the record's state first, and records the event.
    """
    Status = CheckedDocument.Status
    document = model(
        **{model.parent_field(): parent},
        kind=kind,
        file=file,
        original_name=(getattr(file, "name", "") or "")[:200],
        description=description,
        uploaded_by=actor,
    )
    save_checked(document, actor)
    for old in (
        model.objects.filter(**{model.parent_field(): parent}, kind=kind)
        .exclude(pk=document.pk)
        .exclude(status__in=[Status.ACCEPTED, Status.SUPERSEDED])
    ):
        old.status = Status.SUPERSEDED
        save_checked(old, actor)
    return document


def checked_document_check(
    *, actor, document, accept, authentic, complete, accurate, reason, not_pending
):
    """Record the clerk's check of a paper waiting for it: accepted when authentic, complete
    and accurate (真實性、完整性、準確性), or rejected with a reason.

    The paper is locked and read again first; if it no longer waits for the check, the
    error is ``not_pending`` (a translated message, which may name the paper's
    ``%(status)s``). Returns the saved paper and the reason as recorded (stripped). The
    caller checks the actor's right first, and records the event and tells people after.
    """
    Status = CheckedDocument.Status
    document = type(document).objects.select_for_update().get(pk=document.pk)
    if document.status != Status.PENDING:
        raise ValidationError(not_pending % {"status": document.get_status_display()})
    reason = (reason or "").strip()
    if accept and not (authentic and complete and accurate):
        raise ValidationError(
            _("Accept a document only when it is authentic, complete and accurate.")
        )
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the document is rejected.")})
    document.status = Status.ACCEPTED if accept else Status.REJECTED
    document.authentic, document.complete, document.accurate = authentic, complete, accurate
    document.rejection_reason = "" if accept else reason
    document.checked_by = actor
    document.checked_at = timezone.now()
    save_checked(document, actor)
    return document, reason
