"""Claims assistance (理賠協助): claims, their papers and updates, and the papers each kind of
claim requires."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.documents import CheckedDocument, document_file_field
from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH, validate_event_date

from .common import MONEY, Channel


def claim_document_path(instance, filename):
    """aftersales/claims/<random>.<ext>: the stored name reveals nothing."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"aftersales/claims/{uuid.uuid4().hex}{ext}"


class ClaimType(models.TextChoices):
    MEDICAL = "medical", _("Medical")
    CRITICAL_ILLNESS = "critical_illness", _("Critical illness")
    ACCIDENT = "accident", _("Accident")
    DISABILITY = "disability", _("Disability")
    DEATH = "death", _("Death")
    PROPERTY = "property", _("Property")


class ClaimDocumentKind(models.TextChoices):
    CLAIM_FORM = "claim_form", _("Claim form signed by the claimant")
    ID_COPY = "id_copy", _("ID copy of the insured and the claimant")
    BANK_ACCOUNT = "bank_account", _("Bank account for the payment")
    MEDICAL_RECORDS = "medical_records", _("Medical records")
    INVOICES = "invoices", _("Original invoices and expense lists")
    DIAGNOSIS = "diagnosis", _("Diagnosis certificate")
    ACCIDENT_PROOF = "accident_proof", _("Accident report or police certificate")
    DISABILITY_ASSESSMENT = "disability_assessment", _("Disability assessment")
    DEATH_CERTIFICATE = "death_certificate", _("Death certificate")
    RELATIONSHIP_PROOF = "relationship_proof", _("Proof of the beneficiary's relationship")
    LOSS_PROOF = "loss_proof", _("Proof and estimate of the loss")
    OTHER = "other", _("Other document")


class ClaimRequiredDocument(BaseModel):
    """A document every claim of a type needs (the claim checklist rule)."""

    claim_type = models.CharField(_("claim type"), max_length=20, choices=ClaimType.choices)
    kind = models.CharField(_("document"), max_length=30, choices=ClaimDocumentKind.choices)
    note = models.CharField(
        _("instructions"),
        max_length=200,
        blank=True,
        help_text=_("What the clerk checks, shown beside the document."),
    )
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("claim document rule")
        verbose_name_plural = _("claim document checklist")
        ordering = ["claim_type", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim_type", "kind"],
                name="claimrequireddocument_unique_kind_per_type",
                violation_error_message=_("This document is already on the claim type's list."),
            )
        ]

    def __str__(self):
        return f"{self.get_claim_type_display()} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("aftersales:claimrequireddocument_edit", args=[self.pk])


class Claim(BaseModel):
    """A claim on a policy (理賠) the clerk helps the customer with, from the report to the
    payment, every update told to the customer."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        COLLECTING = "collecting", _("Collecting documents")
        SUBMITTED = "submitted", _("Submitted to the insurer")
        INFO_REQUESTED = "info_requested", _("More information requested")
        APPROVED = "approved", _("Approved")
        PARTLY_APPROVED = "partly_approved", _("Partly approved")
        DECLINED = "declined", pgettext_lazy("claim", "Declined")
        PAID = "paid", pgettext_lazy("claim", "Paid")
        CLOSED = "closed", _("Closed")
        DISPUTED = "disputed", _("Disputed")

    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    insured_name = models.CharField(_("insured"), max_length=100)
    claim_type = models.CharField(_("claim type"), max_length=20, choices=ClaimType.choices)
    incident_date = models.DateField(_("incident date"), validators=[validate_event_date])
    reported_on = models.DateField(_("reported on"), default=timezone.localdate)
    description = models.TextField(_("description"), max_length=NOTE_LENGTH)
    amount_claimed = models.DecimalField(_("amount claimed"), **MONEY)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline = models.DateField(
        _("next step due by"),
        null=True,
        blank=True,
        help_text=_("Set by each step; a claim past it is chased."),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    insurer_reference = models.CharField(_("insurer's claim number"), max_length=60, blank=True)
    info_requested = models.TextField(
        _("information requested"), max_length=NOTE_LENGTH, blank=True
    )
    info_due_date = models.DateField(_("information due by"), null=True, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decision_note = models.TextField(_("decision details"), max_length=NOTE_LENGTH, blank=True)
    amount_approved = models.DecimalField(_("amount approved"), null=True, blank=True, **MONEY)
    amount_paid = models.DecimalField(_("amount paid"), null=True, blank=True, **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # the dispute branch, handled by the supervisor
    disputed_on = models.DateField(_("disputed on"), null=True, blank=True)
    dispute_reason = models.TextField(
        _("reason for the dispute"), max_length=NOTE_LENGTH, blank=True
    )
    dispute_outcome = models.TextField(
        _("outcome of the dispute"), max_length=NOTE_LENGTH, blank=True
    )
    dispute_resolved_on = models.DateField(_("dispute resolved on"), null=True, blank=True)
    dispute_handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispute handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-reported_on", "-pk"]
        permissions = [
            ("process_claim", _("Can submit claims and record the insurer's answers")),
            ("check_claimdocument", _("Can check claim documents")),
            ("resolve_dispute", _("Can handle claim disputes")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_claimed__gte=0),
                name="claim_amount_claimed_not_negative",
                violation_error_message=_("The amount claimed cannot be negative."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(amount_approved__isnull=True) | models.Q(amount_approved__gte=0)
                )
                & (models.Q(amount_paid__isnull=True) | models.Q(amount_paid__gte=0)),
                name="claim_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(incident_date__lte=models.F("reported_on")),
                name="claim_incident_before_report",
                violation_error_message=_("The incident cannot be after the report."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["reported_on"]),
            models.Index(fields=["paid_on"]),
        ]

    def __str__(self):
        return f"{self.reference} · {self.get_claim_type_display()}"

    def get_absolute_url(self):
        return reverse("aftersales:claim", args=[self.pk])

    @property
    def reference(self):
        return f"CL{self.pk:06d}" if self.pk else str(_("new claim"))

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    def days_overdue(self, today=None):
        if not self.is_open or not self.deadline:
            return 0
        return max(((today or timezone.localdate()) - self.deadline).days, 0)

    def status_colour(self):
        return CLAIM_COLOURS.get(self.status, "secondary")


CLAIM_COLOURS = {
    "reported": "secondary",
    "collecting": "info",
    "submitted": "primary",
    "info_requested": "warning",
    "approved": "success",
    "partly_approved": "success",
    "declined": "danger",
    "paid": "success",
    "closed": "dark",
    "disputed": "danger",
}


class ClaimDocument(CheckedDocument):
    """One uploaded paper of a claim and the clerk's check of it (authentic, complete,
    accurate), as for applications."""

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=30, choices=ClaimDocumentKind.choices)
    file = document_file_field(upload_to=claim_document_path)

    scope = RowScope(parent="claim")

    class Meta(CheckedDocument.Meta):
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")
        ordering = ["claim", "kind", "-created", "-pk"]

    def get_absolute_url(self):
        return reverse("aftersales:claim_documents", args=[self.claim_id])


class ClaimUpdate(BaseModel):
    """An exchange about a claim with the customer or the insurer; every step of the claim
    writes one telling the customer."""

    class Party(models.TextChoices):
        CUSTOMER = "customer", _("Customer")
        INSURER = "insurer", _("Insurer")

    claim = models.ForeignKey(
        Claim, verbose_name=_("claim"), on_delete=models.CASCADE, related_name="updates"
    )
    when = models.DateTimeField(
        _("date and time"), default=timezone.now, validators=[validate_event_date]
    )
    party = models.CharField(_("with"), max_length=10, choices=Party.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    content = models.TextField(_("content"), max_length=NOTE_LENGTH)
    status = models.CharField(
        _("claim status"), max_length=20, choices=Claim.Status.choices, blank=True
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="claim")

    class Meta:
        verbose_name = _("claim update")
        verbose_name_plural = _("claim updates")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.claim.reference} · {self.get_party_display()} · {self.when:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("aftersales:claim_updates", args=[self.claim_id])
