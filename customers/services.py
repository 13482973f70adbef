"""Writes on customer files: create, update, archive, reassign, share, attachments, import,
and the reads that must leave a trace (viewing a file, unmasking a number)."""

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import gates
from core.crypto import mask
from core.i18n import Text
from core.models import AccessLog
from core.permissions import can, get_profile
from core.services import (
    access_log,
    audit_event,
    notify,
    object_grant_access,
    object_revoke_access,
    require_permission,
    save_checked,
    saved_by,
)
from core.text import search_key

from . import selectors
from .models import Customer, CustomerAttachment, CustomerNeed

SENSITIVE_FIELDS = ("id_number", "mobile", "health_note")
SENSITIVE_PERM = "customers.view_sensitive"
STORE_SENSITIVE = "customers.store_sensitive"


def require_sensitive_consent(*, actor, customer, kind, field):
    """Refuse to store a sensitive value of ``kind`` ("health", "financial") on ``customer``
    (a saved file, or None for a new one) while a gate objects (core.gates
    ``customers.store_sensitive``: the customer's separate consent is not on record); the
    reasons are put on ``field``. Customers, underwriting and aftersales call it before
    storing a health note or a bank account."""
    reasons = gates.refusals(
        STORE_SENSITIVE, actor, customer=customer if customer and customer.pk else None, kind=kind
    )
    if reasons:
        raise ValidationError({field: reasons})


def _check_health_note(actor, customer):
    """A health note newly stored or changed needs the customer's consent."""
    note = customer.health_note or ""
    if not note:
        return
    if customer.pk is not None:
        stored = Customer.objects.filter(pk=customer.pk).values_list("health_note", flat=True)
        if note == (stored.first() or ""):
            return
    require_sensitive_consent(actor=actor, customer=customer, kind="health", field="health_note")


def _team_of(user):
    employee = getattr(user, "employee", None)
    return employee.team if employee is not None else None


def _default_clerk(team, actor):
    """The acting clerk if they support the team, else the team's first clerk."""
    if team is None:
        return None
    if actor is not None and actor.is_active and actor.is_authenticated:
        profile = get_profile(actor)  # computed once per request: no query here
        if team.pk in profile.team_ids - profile.led_team_ids:
            return actor
    return team.clerks.filter(is_active=True).order_by("pk").first()


def _set_needs(customer, kinds, actor):
    """Make the needs on file exactly ``kinds`` (new ones without a note; notes kept)."""
    kinds = set(kinds)
    for need in customer.needs.all():
        if need.kind not in kinds:
            saved_by(need, actor).delete()
        else:
            kinds.discard(need.kind)
    for kind in sorted(kinds):
        need = CustomerNeed(customer=customer, kind=kind)
        save_checked(need, actor)


@transaction.atomic
def customer_create(*, actor, tags=(), needs=(), reason="", **fields):
    """Open a new customer file. The team is the owner's; the clerk defaults to the acting
    clerk or the team's clerk. Returns the saved customer."""
    customer = Customer(**fields)
    if customer.team_id is None and customer.owner_id is not None:
        customer.team = _team_of(customer.owner)
    if customer.team_id is None:
        raise ValidationError({"owner": _("The salesperson belongs to no team.")})
    if customer.clerk_id is None:
        customer.clerk = _default_clerk(customer.team, actor)
    _check_health_note(actor, customer)
    if reason:
        customer._change_reason = reason
    save_checked(customer, actor)
    if tags:
        customer.tags.set(tags)
    if needs:
        _set_needs(customer, needs, actor)
    audit_event(
        actor=actor,
        verb="created",
        target=customer,
        message=Text(gettext_noop("Customer file opened")),
    )
    return customer


@transaction.atomic
def customer_update(*, actor, customer, tags=None, needs=None, reason="", **fields):
    """Change a file's details (not its owner: see customer_reassign). One history row."""
    fields.pop("owner", None)
    fields.pop("team", None)
    for name, value in fields.items():
        setattr(customer, name, value)
    _check_health_note(actor, customer)
    if reason:
        customer._change_reason = reason
    save_checked(customer, actor)
    if tags is not None:
        customer.tags.set(tags)
    if needs is not None:
        _set_needs(customer, needs, actor)
    return customer


@transaction.atomic
def customer_archive(*, actor, customer, reason):
    """Archive a file (no longer worked on; kept, searchable, restorable)."""
    require_permission(actor, customer, "customers.change_customer")
    if customer.archived:
        raise ValidationError(_("This file is already archived."))
    if not (reason or "").strip():
        raise ValidationError({"archived_reason": _("Say why the file is archived.")})
    customer.archived = True
    customer.archived_reason = reason.strip()
    customer.archived_on = timezone.localdate()
    customer._change_reason = _("Archived")
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="archived",
        target=customer,
        message=Text(gettext_noop("Archived: %(reason)s"), {"reason": customer.archived_reason}),
    )
    return customer


@transaction.atomic
def customer_restore(*, actor, customer):
    """Take a file out of the archive."""
    require_permission(actor, customer, "customers.change_customer")
    if not customer.archived:
        raise ValidationError(_("This file is not archived."))
    customer.archived = False
    customer.archived_reason = ""
    customer.archived_on = None
    customer._change_reason = _("Restored from the archive")
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="restored",
        target=customer,
        message=Text(gettext_noop("Restored from the archive")),
    )
    return customer


@transaction.atomic
def customer_reassign(*, actor, customer, owner, reason=""):
    """Hand a file to another salesperson (supervisors only). The new owner's team takes
    effect at once; the supporting clerk follows the team. Recorded and notified."""
    if not actor.has_perm("customers.reassign_customer") or not can(actor, customer, "change"):
        raise PermissionDenied
    if not selectors.reassign_targets(actor).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("You cannot hand files to this salesperson.")})
    if owner.pk == customer.owner_id:
        raise ValidationError({"owner": _("The file already belongs to this salesperson.")})
    team = _team_of(owner)
    if team is None:
        raise ValidationError({"owner": _("The salesperson belongs to no team.")})
    old_owner = customer.owner
    customer.owner = owner
    if team.pk != customer.team_id:
        customer.team = team
        if customer.clerk_id is None or not team.clerks.filter(pk=customer.clerk_id).exists():
            customer.clerk = _default_clerk(team, None)
    customer._change_reason = reason or _("Reassigned")
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="reassigned",
        target=customer,
        message=Text(
            gettext_noop("Reassigned from %(old)s to %(new)s"), {"old": old_owner, "new": owner}
        ),
        data={"from": old_owner.pk, "to": owner.pk, "team": team.pk, "reason": reason},
    )
    notify(
        recipient=owner,
        title=Text(
            gettext_noop("A customer file was handed to you: %(name)s"), {"name": customer.name}
        ),
        url=customer.get_absolute_url(),
    )
    return customer


@transaction.atomic
def customer_tag(*, actor, customer, tag):
    """Put the label ``tag`` on a file: a history row saying so and an audit event."""
    require_permission(actor, customer, "customers.change_customer")
    if customer.tags.filter(pk=tag.pk).exists():
        raise ValidationError(_("This file already has the tag %(tag)s.") % {"tag": tag.name})
    customer.tags.add(tag)
    customer._change_reason = _("Tag added: %(tag)s") % {"tag": tag.name}
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="tagged",
        target=customer,
        message=Text(gettext_noop("Tag added: %(tag)s"), {"tag": tag}),
        data={"tag": tag.pk},
    )
    return customer


@transaction.atomic
def customer_untag(*, actor, customer, tag):
    """Take the label ``tag`` off a file: a history row saying so and an audit event."""
    require_permission(actor, customer, "customers.change_customer")
    if not customer.tags.filter(pk=tag.pk).exists():
        raise ValidationError(_("This file does not have the tag %(tag)s.") % {"tag": tag.name})
    customer.tags.remove(tag)
    customer._change_reason = _("Tag removed: %(tag)s") % {"tag": tag.name}
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="untagged",
        target=customer,
        message=Text(gettext_noop("Tag removed: %(tag)s"), {"tag": tag}),
        data={"tag": tag.pk},
    )
    return customer


@transaction.atomic
def customer_assign_clerk(*, actor, customer, clerk, reason=""):
    """Give a file to another supporting clerk: one who supports the file's team."""
    require_permission(actor, customer, "customers.change_customer")
    if clerk.pk == customer.clerk_id:
        raise ValidationError({"clerk": _("This clerk already looks after the file.")})
    if customer.team_id is None or not customer.team.clerks.filter(pk=clerk.pk).exists():
        raise ValidationError(
            {"clerk": _("%(clerk)s does not support this file's team.") % {"clerk": clerk}}
        )
    old = customer.clerk
    customer.clerk = clerk
    customer._change_reason = reason or _("Supporting clerk changed")
    save_checked(customer, actor)
    audit_event(
        actor=actor,
        verb="clerk_assigned",
        target=customer,
        message=Text(
            gettext_noop("Supporting clerk changed from %(old)s to %(new)s"),
            {"old": old or "—", "new": clerk},
        ),
        data={"from": old.pk if old else None, "to": clerk.pk, "reason": reason},
    )
    notify(
        recipient=clerk,
        title=Text(
            gettext_noop("A customer file was given to you to look after: %(name)s"),
            {"name": customer.name},
        ),
        url=customer.get_absolute_url(),
    )
    return customer


def _check_can_share(actor, customer):
    if not actor.has_perm("customers.share_customer") or not can(actor, customer, "change"):
        raise PermissionDenied


@transaction.atomic
def customer_grant_access(*, actor, customer, to, reason=""):
    """Share a file with a colleague who co-services the customer (view and edit)."""
    _check_can_share(actor, customer)
    if not selectors.share_targets(customer, actor).filter(pk=to.pk).exists():
        raise ValidationError({"user": _("Files cannot be shared with this person.")})
    object_grant_access(obj=customer, actor=actor, to=to, reason=reason)
    notify(
        recipient=to,
        title=Text(
            gettext_noop("A customer file was shared with you: %(name)s"), {"name": customer.name}
        ),
        url=customer.get_absolute_url(),
    )


@transaction.atomic
def customer_revoke_access(*, actor, customer, to):
    """Take back a share made with customer_grant_access."""
    _check_can_share(actor, customer)
    object_revoke_access(obj=customer, actor=actor, to=to)


def customer_shares(customer):
    """[(user or group, [actions])]: who the file is explicitly shared with."""
    from core.services import object_grants

    return object_grants(customer)


# --- reads that are recorded ----------------------------------------------------------------


def customer_viewed(*, user, customer, request=None):
    """Every view of a customer file goes to the access log: who, which file, when, where."""
    access_log(user=user, obj=customer, request=request, action=AccessLog.Action.VIEW)


def customer_unmask(*, user, customer, field, request=None):
    """The clear value of a sensitive field, for a user allowed to see it; logged."""
    if field not in SENSITIVE_FIELDS:
        raise ValidationError(_("This field cannot be shown."))
    if not user.has_perm(SENSITIVE_PERM):
        raise PermissionDenied
    access_log(
        user=user, obj=customer, request=request, action=AccessLog.Action.UNMASK, field=field
    )
    return getattr(customer, field)


def family_member_unmask(*, user, member, request=None):
    """A family member's clear ID number, for a user allowed to see numbers; logged on the
    customer's file (the field names the member)."""
    if not user.has_perm(SENSITIVE_PERM):
        raise PermissionDenied
    access_log(
        user=user,
        obj=member.customer,
        request=request,
        action=AccessLog.Action.UNMASK,
        field=f"family:{member.pk}:id_number",
    )
    return member.id_number


def masked_value(customer, field):
    """What a page shows of a sensitive field before anyone asks to see it."""
    return mask_value(field, getattr(customer, field))


def mask_value(field, value):
    """``masked_value`` of a value already read (exports read values, not files)."""
    if not value:
        return ""
    if field == "health_note":
        return "•" * 6
    return mask(value)


# --- attachments ---------------------------------------------------------------------------


@transaction.atomic
def attachment_add(*, actor, customer, file, kind, classification, description=""):
    """File a document in the customer's file (type-checked against its content)."""
    attachment = CustomerAttachment(
        customer=customer,
        file=file,
        original_name=(getattr(file, "name", "") or "")[:200],
        kind=kind,
        classification=classification,
        description=description,
        uploaded_by=actor,
    )
    save_checked(attachment, actor)
    audit_event(
        actor=actor,
        verb="attachment_added",
        target=customer,
        message=Text(gettext_noop("Document filed: %(name)s"), {"name": attachment}),
        data={"attachment": attachment.pk},
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment):
    """Remove a document from the file; the history keeps the record of it."""
    customer = attachment.customer
    name = str(attachment)
    stored = attachment.file.name
    saved_by(attachment, actor).delete()
    audit_event(
        actor=actor,
        verb="attachment_removed",
        target=customer,
        message=Text(gettext_noop("Document removed: %(name)s"), {"name": name}),
    )
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(stored))


def attachment_downloaded(*, user, attachment, request=None):
    """Downloading a document of a customer file is logged like a view of it."""
    if attachment.classification == CustomerAttachment.Classification.SECRET and not user.has_perm(
        SENSITIVE_PERM
    ):
        raise PermissionDenied
    access_log(
        user=user,
        obj=attachment.customer,
        request=request,
        action=AccessLog.Action.DOWNLOAD,
        field=str(attachment)[:50],
    )


# --- import ----------------------------------------------------------------------------------


class ImportResult:
    """What an import did: rows read, rows imported, and the errors by row number."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.errors = {}
        self.imported = 0
        self.file_errors = []

    @property
    def total(self):
        return len(self.sheet.rows)

    @property
    def ok(self):
        return not self.errors and not self.file_errors

    def add(self, row_no, message):
        self.errors.setdefault(row_no, []).append(str(message))


def customer_import(*, actor, sheet, progress=None):
    """Import every row of ``sheet`` (customers.imports.ImportSheet) or none.

    Each row is checked (ID number, mobile, choices, stage's required fields, duplicates
    inside the file and against every file on record); if any row fails, nothing is saved and
    the result carries the errors for the report. Otherwise all rows are saved in one
    transaction, each with its history row and creation event.
    """
    from .imports import ImportContext, parse_row

    result = ImportResult(sheet)
    result.file_errors = list(sheet.file_errors)
    if result.file_errors:
        return result
    if not actor.has_perm("customers.import_customer"):
        raise PermissionDenied
    progress = progress or (lambda percent, message: None)
    context = ImportContext(actor)
    parsed = []
    n = max(len(sheet.rows), 1)
    for i, row in enumerate(sheet.rows):
        fields, extras, errors = parse_row(row.values, context)
        for message in errors:
            result.add(row.number, message)
        if not errors:
            candidate = Customer(**fields)
            try:
                candidate.full_clean(exclude=["tags"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    label = Customer._meta.get_field(name).verbose_name if name != "__all__" else ""
                    for message in messages:
                        result.add(row.number, f"{label}: {message}" if label else message)
            else:
                parsed.append((row.number, candidate, extras))
        if i % 50 == 0:
            progress(40 * i / n, Text(gettext_noop("Checking row %(row)d"), {"row": row.number}))
    _check_import_duplicates(actor, parsed, result)
    if not result.ok:
        return result
    with transaction.atomic():
        for i, (row_no, candidate, extras) in enumerate(parsed):
            fields = {
                f.name: getattr(candidate, f.name)
                for f in Customer._meta.concrete_fields
                if f.editable and not f.primary_key and f.name not in ("created", "updated")
            }
            customer_create(
                actor=actor,
                tags=extras["tags"],
                needs=extras["needs"],
                reason=_("Imported from Excel"),
                **fields,
            )
            result.imported += 1
            if i % 25 == 0:
                progress(
                    40 + 60 * i / max(len(parsed), 1),
                    Text(gettext_noop("Saving row %(row)d"), {"row": row_no}),
                )
    return result


def _check_import_duplicates(actor, parsed, result):
    """Same ID number, mobile, or name and birth date: inside the file, then on record."""
    seen = {}
    for row_no, c, _extras in parsed:
        keys = []
        if c.id_number_hash:
            keys.append(("id", c.id_number_hash, _("ID number")))
        if c.mobile_hash:
            keys.append(("mobile", c.mobile_hash, _("mobile")))
        if c.birth_date:
            keys.append(("namebirth", (search_key(c.name), c.birth_date), _("name and birth date")))
        for kind, key, label in keys:
            first = seen.setdefault((kind, key), row_no)
            if first != row_no:
                result.add(
                    row_no,
                    _("Same %(what)s as row %(row)d of this file.") % {"what": label, "row": first},
                )
    for row_no, c, _extras in parsed:
        report = selectors.find_duplicates(
            user=actor,
            id_number=c.id_number,
            mobile=c.mobile,
            name=c.name,
            birth_date=c.birth_date,
            limit=3,
        )
        for match in report.visible:
            result.add(
                row_no,
                _("Already on file: %(name)s (%(reasons)s).")
                % {"name": match.customer.name, "reasons": "、".join(match.reasons)},
            )
        if report.hidden:
            result.add(row_no, report.hidden_message)


def customer_import_run(*, run, sheet):
    """Run an import for a TaskRun (in a request or a worker) and record its outcome.

    Writes the error report next to the run when rows fail; the run's message says what
    happened and its result carries the counts and the report's link.
    """
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.urls import reverse

    from core.jobs import download, set_progress
    from core.services import acting_as

    from .imports import error_report

    actor = run.user
    with acting_as(actor):
        result = customer_import(
            actor=actor, sheet=sheet, progress=lambda p, m: set_progress(run, p, m)
        )
    data = {"total": result.total, "imported": result.imported, "errors": len(result.errors)}
    if result.file_errors:
        run.message = " ".join(result.file_errors)[:300]
    elif result.errors:
        out = io.BytesIO()
        error_report(out, result, user=actor)
        path = f"customers/import-reports/{run.pk}.xlsx"
        if default_storage.exists(path):
            default_storage.delete(path)
        default_storage.save(path, ContentFile(out.getvalue()))
        data["report"] = path
        data["url"] = reverse("customers:customer_import_report", args=[run.pk])
        data["files"] = [download("xlsx", f"customer-import-errors-{run.pk}.xlsx", data["url"])]
    run.result = data
    if not result.file_errors:
        run.message = _import_summary(run, data)
    run.save()
    return result


def _import_summary(run, result=None):
    """The import's outcome for the run's page and the notification, in its reader's
    language (core.i18n); a file refused as a whole keeps the run's message (the reasons as
    they were found)."""
    if result is not None:  # the run's outcome being recorded
        return (
            _import_summary(run)
            if result["errors"] or result["imported"]
            else Text(gettext_noop("%(count)d customers imported."), {"count": 0})
        )
    result = run.result or {}
    if result.get("errors"):
        return Text(
            gettext_noop(
                "%(bad)d of %(total)d rows have errors; nothing was imported. "
                "Download the error report, correct the rows and upload the file again."
            ),
            {"bad": result["errors"], "total": result.get("total", 0)},
        )
    if result.get("imported"):
        return Text(gettext_noop("%(count)d customers imported."), {"count": result["imported"]})
    return run.message


def import_finished_notice(run):
    """Tell the requester a background import is done (once per run)."""
    from core.models import Notification

    ok = run.result.get("imported") and not run.result.get("errors")
    notify(
        recipient=run.user,
        title=Text(gettext_noop("Customer import finished"))
        if ok
        else Text(gettext_noop("Customer import: nothing imported")),
        body=_import_summary(run),
        url=run.get_absolute_url(),
        level=Notification.Level.SUCCESS if ok else Notification.Level.WARNING,
        dedupe_key=f"customer-import:{run.pk}",
    )
