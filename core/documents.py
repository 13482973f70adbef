"""Papers uploaded to a record and checked by a clerk (authentic, complete, accurate:
真實性、完整性、準確性): the abstract model behind an application's and a claim's documents,
and the checklist of the papers a record needs.

A concrete document model adds what differs: the foreign key to its record (with
``related_name="documents"``, named as the ``parent`` of its ``scope``), its ``kind``
choices, its ``file`` (``document_file_field``: where the files are stored differs), its
URL and its Meta names and ordering. Its ``class Meta(CheckedDocument.Meta)`` keeps the
shared constraints, named after the concrete model.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import BaseModel
from .uploads import IMAGES_AND_PDF, FileValidator


def document_file_field(upload_to):
    """The ``file`` of a checked document: a PDF or image, stored under ``upload_to``."""
    return models.FileField(
        _("file"),
        upload_to=upload_to,
        max_length=255,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
    )


class CheckedDocument(BaseModel):
    """One uploaded paper of a record and the clerk's check of it (authenticity,
    completeness, accuracy: 真實性、完整性、準確性)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the check")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Replaced")

    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    authentic = models.BooleanField(_("authentic (真實性)"), default=False)
    complete = models.BooleanField(_("complete (完整性)"), default=False)
    accurate = models.BooleanField(_("accurate (準確性)"), default=False)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="%(class)s_rejection_has_reason",
                violation_error_message=_("A rejected document needs the reason."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="accepted")
                | models.Q(authentic=True, complete=True, accurate=True),
                name="%(class)s_accepted_all_checks",
                violation_error_message=_(
                    "A document is accepted only when it is authentic, complete and accurate."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.original_name or self.pk}"

    @classmethod
    def parent_field(cls):
        """The name of the foreign key to the record the paper belongs to."""
        return cls.scope.parent


# --- the checklist ----------------------------------------------------------------------------


@dataclass
class ChecklistItem:
    """One required paper of a record and where it stands."""

    kind: str
    label: str
    note: str
    document: CheckedDocument | None

    @property
    def state(self):
        return self.document.status if self.document else "missing"

    @property
    def ok(self):
        return self.state == CheckedDocument.Status.ACCEPTED


def latest_documents(documents):
    """{kind: the latest document of that kind that is not replaced}, of one record's
    ``documents`` (its related manager or a queryset)."""
    latest = {}
    for doc in documents.exclude(status=CheckedDocument.Status.SUPERSEDED).order_by(
        "kind", "-created", "-pk"
    ):
        latest.setdefault(doc.kind, doc)
    return latest


def checklist(wanted, latest, kinds):
    """Every paper of ``wanted`` ({kind: note}) with its latest upload of ``latest`` (or
    none), labelled and ordered as the ``kinds`` choices."""
    labels = dict(kinds.choices)
    order = list(kinds.values)
    return [
        ChecklistItem(kind, str(labels[kind]), note, latest.get(kind))
        for kind, note in sorted(wanted.items(), key=lambda kv: order.index(kv[0]))
    ]


def checklist_blockers(items):
    """What the checklist ``items`` still lack: messages about the missing, rejected and
    unchecked papers (empty: every paper is accepted)."""
    errors = []
    for state, text in (
        ("missing", gettext("Missing documents: %(docs)s.")),
        (CheckedDocument.Status.REJECTED, gettext("Rejected documents to replace: %(docs)s.")),
        (CheckedDocument.Status.PENDING, gettext("Documents not yet checked: %(docs)s.")),
    ):
        labels = [i.label for i in items if i.state == state]
        if labels:
            errors.append(text % {"docs": "、".join(labels)})
    return errors
