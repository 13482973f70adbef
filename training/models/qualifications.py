"""Industry qualifications: the kinds HR keeps, each employee's certificates, the reward
the company pays for passing, and the expiry reminders already sent."""

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import IMAGES_AND_PDF, FileValidator
from core.validators import DESCRIPTION_LENGTH, validate_date, validate_event_date


def certificate_evidence_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"training/certificates/{uuid.uuid4().hex}{ext}"


class QualificationKind(BaseModel):
    """A kind of industry qualification (e.g. 保險代理人資格證): who issues it, how long it
    is valid, whether selling needs it, and the reward the company pays for passing it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    issuing_body = models.CharField(
        _("issuing body"), max_length=100, help_text=_("e.g. the insurance regulator.")
    )
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Empty: the certificate does not expire."),
    )
    licence_required = models.BooleanField(
        _("licence required to sell"),
        default=False,
        help_text=_("An employee whose certificate of this kind expired may not sell."),
    )
    default_reward = models.DecimalField(
        _("default reward"),
        max_digits=9,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
        help_text=_("Paid for passing, unless HR sets another amount."),
    )
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("qualification kind")
        verbose_name_plural = _("qualification kinds")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_reward__gte=0),
                name="training_qualkind_reward_not_negative",
                violation_error_message=_("The reward cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:qualificationkind_list")


class Certificate(BaseModel):
    """One employee's certificate of a qualification: its number, dates and evidence, and
    HR's verification (an employee records their own; HR records for anyone)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("employee"),
    )
    kind = models.ForeignKey(
        QualificationKind,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("qualification"),
    )
    number = models.CharField(_("certificate number"), max_length=50)
    exam_passed_on = models.DateField(
        _("exam passed on"), null=True, blank=True, validators=[validate_event_date]
    )
    issued_on = models.DateField(_("issued on"), validators=[validate_event_date])
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        validators=[validate_date],
        help_text=_("Empty: computed from the qualification's validity, if it has one."),
    )
    evidence = models.FileField(
        _("evidence"),
        upload_to=certificate_evidence_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
        help_text=_("A scan or photo of the certificate (PDF, JPEG or PNG)."),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=DESCRIPTION_LENGTH, blank=True
    )
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        permissions = [
            ("verify_certificate", _("Can verify certificates")),
            ("view_expiry_report", _("Can see certificate expiries and expired licences")),
        ]
        indexes = [models.Index(fields=["expires_on", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                name="training_certificate_number_unique",
                violation_error_message=_("A certificate of this kind with this number exists."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="training_certificate_expires_after_issue",
                violation_error_message=_("The expiry date must be after the issue date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="training_certificate_rejection_has_reason",
                violation_error_message=_("A rejected certificate needs the reason."),
            ),
        ]

    def __str__(self):
        return f"{self.kind} · {self.number}"

    def get_absolute_url(self):
        return reverse("training:certificate", args=[self.pk])

    def days_to_expiry(self, today=None):
        """Days until the expiry date (negative once expired); None if it never expires."""
        if self.expires_on is None:
            return None
        return (self.expires_on - (today or dt.date.today())).days

    def is_expired(self, today=None):
        days = self.days_to_expiry(today)
        return days is not None and days < 0

    @property
    def status_colour(self):
        return {"pending": "warning", "verified": "success", "rejected": "danger"}[self.status]


class CertificateReminder(BaseModel):
    """That the expiry reminder of one threshold (60, 30, 7 days; 0 = expired) was sent for
    a certificate: the daily job sends each one once."""

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("certificate"),
    )
    days_before = models.PositiveSmallIntegerField(
        _("days before expiry"), help_text=_("0: the certificate has expired.")
    )
    sent_on = models.DateField(_("sent on"))
    notified = models.BooleanField(
        _("notified"),
        default=True,
        help_text=_("False when a tighter threshold was reached first and sent instead."),
    )

    scope = RowScope(parent="certificate")

    class Meta:
        verbose_name = _("certificate reminder")
        verbose_name_plural = _("certificate reminders")
        ordering = ["certificate", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "days_before"],
                name="training_certificate_reminder_once",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self):
        return f"{self.certificate} · {self.days_before}"

    def get_absolute_url(self):
        return self.certificate.get_absolute_url()


class QualificationReward(BaseModel):
    """The reward the company pays an employee for passing a qualification: its amount,
    HR's approval, and the payroll month that paid it (read and set by payroll)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved, waiting for payroll")
        REJECTED = "rejected", _("Rejected")
        PAID = "paid", _("Paid")

    certificate = models.OneToOneField(
        Certificate,
        on_delete=models.PROTECT,
        related_name="reward",
        verbose_name=_("certificate"),
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    approved_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)
    paid_month = models.DateField(
        _("paid in payroll month"),
        null=True,
        blank=True,
        help_text=_("The first day of the payroll month that paid it."),
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    scope = RowScope(owner=("certificate__employee__user",), team="certificate__employee__team")

    class Meta:
        verbose_name = _("qualification reward")
        verbose_name_plural = _("qualification rewards")
        ordering = ["-created", "-pk"]
        permissions = [("approve_qualificationreward", _("Can approve qualification rewards"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="training_reward_amount_not_negative",
                violation_error_message=_("The reward cannot be negative."),
            ),
            models.CheckConstraint(
                condition=(Q(status="paid") & Q(paid_month__isnull=False))
                | (~Q(status="paid") & Q(paid_month__isnull=True)),
                name="training_reward_paid_has_month",
                violation_error_message=_("A paid reward has its payroll month, and only it."),
            ),
        ]

    def __str__(self):
        return f"{self.certificate.employee} · {self.certificate.kind} · {self.amount}"

    def get_absolute_url(self):
        return self.certificate.get_absolute_url()

    @property
    def status_colour(self):
        return {
            "pending": "warning",
            "approved": "primary",
            "rejected": "secondary",
            "paid": "success",
        }[self.status]
