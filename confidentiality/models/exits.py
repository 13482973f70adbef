"""The exit audit (離職審計): HR marks an employee as leaving with a leaving date and a
successor; the checklist (account closed on the leaving date, shares revoked, the book handed
to the successor, the leaver's last 90 days of views and exports reviewed, documents and
devices returned, the signed confidentiality reminder) is worked through and compliance
closes the audit once every item is done."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import PDF_ONLY, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH, validate_date


def reminder_scan_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"confidentiality/exits/{uuid.uuid4().hex}{ext}"


class ExitAudit(BaseModel):
    """One leaver's exit audit and its checklist."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        CLOSED = "closed", _("Closed")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="exit_audits",
        verbose_name=_("leaver"),
    )
    leaving_on = models.DateField(_("leaving date"), validators=[validate_date])
    successor = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="successions",
        verbose_name=_("successor"),
        help_text=_("Takes over the leaver's customers, opportunities, follow-ups and claims."),
    )
    reason = models.CharField(_("reason for leaving"), max_length=DESCRIPTION_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    deactivated_at = models.DateTimeField(_("account closed at"), null=True, blank=True)
    grants_revoked_at = models.DateTimeField(_("shares revoked at"), null=True, blank=True)
    grants_revoked = models.PositiveIntegerField(_("shares revoked"), default=0)
    handed_over_at = models.DateTimeField(_("book handed over at"), null=True, blank=True)
    handover = models.JSONField(_("handed over"), default=dict, blank=True)
    activity_reviewed_at = models.DateTimeField(_("activity reviewed at"), null=True, blank=True)
    activity_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activity reviewed by"),
    )
    activity_note = models.CharField(_("review finding"), max_length=DESCRIPTION_LENGTH, blank=True)
    reminder_scan = models.FileField(
        _("signed confidentiality reminder"),
        upload_to=reminder_scan_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=_(
            "The leaver's signed reminder of the duty of confidentiality after leaving (PDF)."
        ),
    )
    reminder_scan_name = models.CharField(
        _("file name"), max_length=200, blank=True, editable=False
    )
    reminder_signed_on = models.DateField(_("reminder signed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), max_length=NOTE_LENGTH, blank=True)

    # HR and compliance (company-wide) see every audit; nobody else holds the permission.
    scope = RowScope(owner=("started_by",))

    class Meta:
        verbose_name = _("exit audit")
        verbose_name_plural = _("exit audits")
        ordering = ["-leaving_on", "-pk"]
        permissions = [("close_exitaudit", _("Can close exit audits"))]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(status="open"),
                name="conf_exit_one_open_per_leaver",
                violation_error_message=_("This employee already has an exit audit in progress."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("employee")),
                name="conf_exit_successor_not_leaver",
                violation_error_message=_("The successor is someone other than the leaver."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False),
                name="conf_exit_closed_has_time",
                violation_error_message=_("A closed exit audit has its closing time."),
            ),
        ]

    def __str__(self):
        return f"{self.employee.name} · {self.leaving_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("confidentiality:exitaudit", args=[self.pk])

    @property
    def status_colour(self):
        return {"open": "warning", "closed": "success"}[self.status]


class ExitItem(BaseModel):
    """A document or device the leaver returns, ticked when it is back."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        DEVICE = "device", _("Device")
        ACCESS = "access", _("Key or card")

    audit = models.ForeignKey(
        ExitAudit, on_delete=models.CASCADE, related_name="items", verbose_name=_("exit audit")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("item"), max_length=200)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )

    scope = RowScope(parent="audit")

    class Meta:
        verbose_name = _("item to return")
        verbose_name_plural = _("items to return")
        ordering = ["audit", "pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("confidentiality:exitaudit", args=[self.audit_id])
