"""An application's papers: the upload and the clerk's check (真實性、完整性、準確性)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.models import Notification
from core.permissions import can
from core.services import (
    audit_event,
    checked_document_check,
    checked_document_upload,
    notify,
    require_permission,
)

from ..models import (
    ApplicationDocument,
)
from ._common import CHECK_PERM, Status


def _people_to_tell(application):
    """The salesperson who owns the customer, and the clerk who prepared the application."""
    people = [application.customer.owner]
    if application.prepared_by_id != application.customer.owner_id:
        people.append(application.prepared_by)
    return people


@transaction.atomic
def document_upload(*, actor, application, kind, file, description=""):
    """File a paper of the application (its content type-checked); an earlier upload of the
    same kind that is not accepted is marked replaced. Waits for the clerk's check."""
    if not actor.has_perm("underwriting.add_applicationdocument") or not can(
        actor, application, "view"
    ):
        raise PermissionDenied(_("You may not add documents to this application."))
    if application.status not in (Status.DRAFT, Status.INFO_REQUESTED):
        raise ValidationError(
            _("Documents are added while the application is prepared or information is requested.")
        )
    document = checked_document_upload(
        actor=actor,
        model=ApplicationDocument,
        parent=application,
        kind=kind,
        file=file,
        description=description,
    )
    audit_event(
        actor=actor,
        verb="document_uploaded",
        target=application,
        message=Text(
            gettext_noop("%(doc)s uploaded"), {"doc": choice(document, "kind", document.kind)}
        ),
        data={"document": document.pk},
    )
    return document


@transaction.atomic
def document_check(
    *, actor, document, accept, authentic=False, complete=False, accurate=False, reason=""
):
    """The clerk's check of one paper: accepted when authentic, complete and accurate
    (真實性、完整性、準確性), or rejected with a reason the salesperson is told."""
    application = document.application
    require_permission(
        actor,
        application,
        CHECK_PERM,
        message=_("Only a clerk supporting the customer's team checks application documents."),
    )
    document, reason = checked_document_check(
        actor=actor,
        document=document,
        accept=accept,
        authentic=authentic,
        complete=complete,
        accurate=accurate,
        reason=reason,
        not_pending=_(
            "This document is “%(status)s”; only a document waiting for the check can be checked."
        ),
    )
    kind = choice(document, "kind", document.kind)
    if accept:
        message = Text(
            gettext_noop("%(doc)s accepted (authentic, complete, accurate)"), {"doc": kind}
        )
    else:
        message = Text(
            gettext_noop("%(doc)s rejected: %(reason)s"), {"doc": kind, "reason": reason}
        )
    audit_event(
        actor=actor,
        verb="document_accepted" if accept else "document_rejected",
        target=application,
        message=message,
        data={
            "document": document.pk,
            "authentic": authentic,
            "complete": complete,
            "accurate": accurate,
            "reason": reason,
        },
    )
    if not accept:
        for person in _people_to_tell(application):
            if person.pk == actor.pk:
                continue
            notify(
                recipient=person,
                title=Text(
                    gettext_noop("Document rejected for %(app)s: %(doc)s"),
                    {"app": application.reference, "doc": kind},
                ),
                body=reason,
                url=document.get_absolute_url(),
                level=Notification.Level.WARNING,
                dedupe_key=f"uw-doc-rejected:{document.pk}",
            )
    return document
