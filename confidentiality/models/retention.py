"""Retention and destruction (按照規定的期限進行保存和銷毀): how long each kind of document is
kept, the records and files past their period listed as destruction candidates, batches of
them proposed and approved by two different people, and the destruction record of what was
destroyed, when, by whom and approved by whom."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import DESCRIPTION_LENGTH


class DocumentKind(models.TextChoices):
    """The kinds of document a retention period is set for (confidentiality.retention)."""

    SALES_FILE_LONG = "sales_file_long", _("Sales file, long-term policies")
    SALES_FILE_SHORT = "sales_file_short", _("Sales file, short-term policies")
    PROSPECT_FILE = "prospect_file", _("Archived prospect file (no policy)")
    CLAIM_FILE = "claim_file", _("Closed claim and its papers")
    VISIT_RECORD = "visit_record", _("Visit record")


class RetentionRule(BaseModel):
    """How long one kind of document is kept after its period starts (e.g. a sales file 10
    years after the last long-term policy ends), and what happens to it then. Compliance
    edits the periods; the history keeps every change."""

    kind = models.CharField(
        _("document kind"), max_length=20, choices=DocumentKind.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(
        _("kept for (years)"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("When off, no candidate of this kind is listed for destruction."),
    )
    note = models.CharField(_("legal basis"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention schedule")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1),
                name="conf_retention_at_least_a_year",
                violation_error_message=_("A document is kept for at least a year."),
            )
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def get_absolute_url(self):
        return reverse("confidentiality:retentionrule", args=[self.pk])


class DestructionBatch(BaseModel):
    """Candidates proposed for destruction together: one person proposes, another approves
    (or rejects), then the batch is destroyed through the services."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", _("Approved, to destroy")
        REJECTED = "rejected", _("Rejected")
        DESTROYED = "destroyed", _("Destroyed")

    number = models.CharField(_("batch number"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    reason = models.CharField(_("reason"), max_length=DESCRIPTION_LENGTH, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("destruction batch")
        verbose_name_plural = _("destruction batches")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="conf_destruction_two_people",
                violation_error_message=_(
                    "A destruction is approved by someone other than the person who proposed it."
                ),
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("confidentiality:destructionbatch", args=[self.pk])

    @property
    def status_colour(self):
        return {
            "proposed": "warning",
            "approved": "info",
            "rejected": "secondary",
            "destroyed": "dark",
        }[self.status]


class DestructionCandidate(BaseModel):
    """A record (with its files) past its retention period, listed by the daily job: one row
    per record, however often the job runs. Destroyed only through an approved batch."""

    class Status(models.TextChoices):
        LISTED = "listed", _("Past retention")
        PROPOSED = "proposed", _("Proposed for destruction")
        DESTROYED = "destroyed", _("Destroyed")

    kind = models.CharField(_("document kind"), max_length=20, choices=DocumentKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record number"))
    object_repr = models.CharField(_("record"), max_length=200)
    retention_ended_on = models.DateField(_("retention ended on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LISTED
    )
    batch = models.ForeignKey(
        DestructionBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("batch"),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("destruction candidate")
        verbose_name_plural = _("destruction candidates")
        ordering = ["retention_ended_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="conf_destruction_candidate_once",
                violation_error_message=_("This record is already listed."),
            )
        ]

    def __str__(self):
        return self.object_repr

    def get_absolute_url(self):
        return reverse("confidentiality:destructioncandidate_list") + f"?kind={self.kind}"

    @property
    def status_colour(self):
        return {"listed": "info", "proposed": "warning", "destroyed": "dark"}[self.status]


class DestructionRecord(BaseModel):
    """What was destroyed (the record and its files), when, by whom and who approved it: the
    destruction register. Never changed or deleted."""

    class Action(models.TextChoices):
        DELETED = "deleted", _("Deleted")
        ANONYMISED = "anonymised", _("Anonymised (legal minimum kept)")

    batch = models.ForeignKey(
        DestructionBatch, on_delete=models.PROTECT, related_name="records", verbose_name=_("batch")
    )
    kind = models.CharField(_("document kind"), max_length=20, choices=DocumentKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("record number"))
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    files_removed = models.PositiveIntegerField(_("files removed"), default=0)
    details = models.TextField(_("what was destroyed"), max_length=4000, blank=True)
    kept = models.CharField(_("what was kept"), max_length=DESCRIPTION_LENGTH, blank=True)
    retention_ended_on = models.DateField(_("retention ended on"))
    destroyed_at = models.DateTimeField(_("destroyed at"))
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("destroyed by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction register")
        ordering = ["-destroyed_at", "-pk"]

    def __str__(self):
        return f"{self.batch.number} · {self.object_repr}"

    def get_absolute_url(self):
        return reverse("confidentiality:destructionbatch", args=[self.batch_id])
