"""Confidentiality (保密制度): the agreement texts HR keeps and each employee's signed
confidentiality agreement (保密協議), customers' separate consents for sensitive personal
information and their data requests, and the record of breaches (違規處理)."""

import datetime as dt
import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import IMAGES_AND_PDF, PDF_ONLY, FileValidator
from core.validators import (
    DESCRIPTION_LENGTH,
    DOCUMENT_LENGTH,
    NOTE_LENGTH,
    validate_date,
    validate_event_date,
)


def _stored_name(folder, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"confidentiality/{folder}/{uuid.uuid4().hex}{ext}"


def agreement_scan_path(instance, filename):
    return _stored_name("agreements", filename)


def version_document_path(instance, filename):
    return _stored_name("texts", filename)


def consent_evidence_path(instance, filename):
    return _stored_name("consents", filename)


class AgreementVersion(BaseModel):
    """A version of the confidentiality agreement's text, kept by HR: employees sign one."""

    code = models.CharField(_("version"), max_length=20, unique=True, help_text=_("e.g. 2026-01"))
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("in use from"), validators=[validate_date])
    text = models.TextField(_("text"), max_length=DOCUMENT_LENGTH * 4, blank=True)
    document = models.FileField(
        _("document"),
        upload_to=version_document_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=_("The agreement as printed for signature (PDF)."),
    )
    document_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("New agreements are signed on texts in use.")
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("agreement text")
        verbose_name_plural = _("agreement texts")
        ordering = ["-effective_from", "-pk"]

    def __str__(self):
        return f"{self.code} · {self.title}"

    def get_absolute_url(self):
        return reverse("confidentiality:agreementversion", args=[self.pk])


class Agreement(BaseModel):
    """One employee's confidentiality agreement (保密協議): the text version, when it was
    signed, its scanned copy, its term and any non-compete clause with its compensation.
    Recorded unsigned when it is handed over, then signed."""

    class State(models.TextChoices):
        UNSIGNED = "unsigned", _("Not signed")
        NOT_STARTED = "not_started", _("Signed, not in force yet")
        IN_FORCE = "in_force", _("In force")
        EXPIRED = "expired", _("Expired")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="confidentiality_agreements",
        verbose_name=_("employee"),
    )
    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("agreement text"),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_event_date]
    )
    starts_on = models.DateField(
        _("in force from"),
        null=True,
        blank=True,
        validators=[validate_date],
        help_text=_("Empty: from the signing date."),
    )
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        validators=[validate_date],
        help_text=_("The end of the agreement's term; empty: no end."),
    )
    scan = models.FileField(
        _("signed copy"),
        upload_to=agreement_scan_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=_("The scanned signed agreement (PDF)."),
    )
    scan_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    non_compete = models.BooleanField(_("non-compete clause"), default=False)
    non_compete_months = models.PositiveSmallIntegerField(
        _("non-compete period (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    non_compete_compensation = models.DecimalField(
        _("non-compete compensation (monthly)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    # HR (company-wide) keeps them all; everyone else sees only their own.
    scope = RowScope(owner=("employee__user",))

    class Meta:
        verbose_name = _("confidentiality agreement")
        verbose_name_plural = _("confidentiality agreements")
        ordering = ["-signed_on", "-pk"]
        indexes = [models.Index(fields=["expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(expires_on__gt=models.F("signed_on")),
                name="conf_agreement_expires_after_signing",
                violation_error_message=_("The agreement must end after it is signed."),
            ),
            models.CheckConstraint(
                condition=Q(non_compete=True)
                | (Q(non_compete_months__isnull=True) & Q(non_compete_compensation__isnull=True)),
                name="conf_agreement_non_compete_terms",
                violation_error_message=_(
                    "A non-compete period and compensation need the non-compete clause."
                ),
            ),
            models.CheckConstraint(
                condition=Q(non_compete_compensation__isnull=True)
                | Q(non_compete_compensation__gte=0),
                name="conf_agreement_compensation_not_negative",
                violation_error_message=_("The compensation cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.version.code}"

    def get_absolute_url(self):
        return reverse("confidentiality:agreement", args=[self.pk])

    @property
    def in_force_from(self):
        return self.starts_on or self.signed_on

    def state(self, today=None):
        today = today or dt.date.today()
        if self.signed_on is None:
            return self.State.UNSIGNED
        if self.in_force_from > today:
            return self.State.NOT_STARTED
        if self.expires_on is not None and self.expires_on < today:
            return self.State.EXPIRED
        return self.State.IN_FORCE

    @property
    def state_label(self):
        return self.State(self.state()).label

    @property
    def state_colour(self):
        return {
            "unsigned": "warning",
            "not_started": "info",
            "in_force": "success",
            "expired": "danger",
        }[self.state()]


class SensitiveConsent(BaseModel):
    """A customer's separate consent to the company keeping one kind of sensitive personal
    information (health, financial account): given on a date for a stated purpose. Without
    it such values are not stored; a withdrawn consent no longer counts."""

    class Kind(models.TextChoices):
        HEALTH = "health", _("Health information")
        FINANCIAL = "financial", _("Financial account")

    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="sensitive_consents",
        verbose_name=_("customer"),
    )
    kind = models.CharField(_("information"), max_length=10, choices=Kind.choices)
    given_on = models.DateField(_("consent given on"), validators=[validate_event_date])
    purpose = models.CharField(
        _("purpose"),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("What the information is used for, as the customer was told."),
    )
    evidence = models.FileField(
        _("signed consent"),
        upload_to=consent_evidence_path,
        max_length=255,
        blank=True,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
        help_text=_("The signed consent form (PDF, JPEG or PNG)."),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    withdrawn_on = models.DateField(
        _("withdrawn on"), null=True, blank=True, validators=[validate_event_date]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("sensitive information consent")
        verbose_name_plural = _("sensitive information consents")
        ordering = ["customer", "kind", "-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="conf_consent_withdrawn_after_given",
                violation_error_message=_("A consent is withdrawn after it is given."),
            ),
        ]

    def __str__(self):
        return f"{self.customer} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("confidentiality:customer_privacy", args=[self.customer_id])

    @property
    def current(self):
        return self.withdrawn_on is None


class CustomerDataRequest(BaseModel):
    """A customer's request about their own data: a copy of everything kept on them, or a
    correction; what was asked, who handled it and when."""

    class Kind(models.TextChoices):
        EXPORT = "export", _("Copy of their data")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="data_requests",
        verbose_name=_("customer"),
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    received_on = models.DateField(_("received on"), validators=[validate_event_date])
    details = models.TextField(
        _("what is asked"),
        max_length=NOTE_LENGTH,
        help_text=_("For a correction: which data is wrong and what it should be."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("customer data request")
        verbose_name_plural = _("customer data requests")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(handled_at__isnull=False),
                name="conf_datarequest_handled_has_time",
                violation_error_message=_("A handled request has its handling time."),
            ),
        ]

    def __str__(self):
        return f"{self.customer} · {self.get_kind_display()} · {self.received_on}"

    def get_absolute_url(self):
        return reverse("confidentiality:customer_privacy", args=[self.customer_id])

    @property
    def status_colour(self):
        return {"open": "warning", "done": "success", "refused": "secondary"}[self.status]


class Breach(BaseModel):
    """A breach of confidentiality (違規): what happened, who did it, when it was found, how
    serious it is, the action taken and the outcome. Recorded and followed by compliance;
    appraisal's rule-compliance item reads it (``selectors.breaches_for``)."""

    class Severity(models.TextChoices):
        MINOR = "minor", _("Minor")
        SERIOUS = "serious", _("Serious")
        SEVERE = "severe", _("Severe")

    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        CLOSED = "closed", _("Closed")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="confidentiality_breaches",
        verbose_name=_("employee"),
    )
    what = models.TextField(_("what happened"), max_length=NOTE_LENGTH)
    occurred_on = models.DateField(
        _("occurred on"), null=True, blank=True, validators=[validate_event_date]
    )
    found_on = models.DateField(_("found on"), validators=[validate_event_date])
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    action_taken = models.TextField(
        _("action taken"),
        max_length=NOTE_LENGTH,
        blank=True,
        help_text=_("e.g. access withdrawn, warning, fine, dismissal."),
    )
    outcome = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    # Company-wide roles holding the permission (compliance, HR, management) see them all.
    scope = RowScope(owner=("recorded_by",))

    class Meta:
        verbose_name = _("confidentiality breach")
        verbose_name_plural = _("confidentiality breaches")
        ordering = ["-found_on", "-pk"]
        indexes = [models.Index(fields=["employee", "found_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_on__isnull=True) | Q(occurred_on__lte=models.F("found_on")),
                name="conf_breach_occurred_before_found",
                violation_error_message=_("A breach is found after it occurs."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="conf_breach_closed_has_outcome",
                violation_error_message=_("A closed breach has its outcome and closing date."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.found_on} · {self.get_severity_display()}"

    def text_name(self):
        """The name as a stored sentence's parameter (core.i18n): the severity in the
        reader's language."""
        return Text(
            gettext_noop("%(employee)s · %(day)s · %(severity)s"),
            {
                "employee": str(self.employee),
                "day": self.found_on,
                "severity": choice(self, "severity", self.severity),
            },
        )

    def get_absolute_url(self):
        return reverse("confidentiality:breach", args=[self.pk])

    @property
    def severity_colour(self):
        return {"minor": "secondary", "serious": "warning", "severe": "danger"}[self.severity]
