"""After-sales service (regulation 3(四), 2(二)4): follow-up visits (回訪), claims assistance
(理賠協助), complaints and disputes (投訴與糾紛), policy service requests (保單管理), renewals and
their reminders (續保提醒).

Every record hangs on a customer file (``customer``) and, where it is about one, a policy
(``policy``): whoever sees the file sees its after-sales records, and the reports attribute
them to a salesperson or team through ``customer__owner`` / ``customer__team``.
"""

import json
import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.crypto import EncryptedTextField
from core.documents import CheckedDocument, document_file_field
from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import IMAGES_AND_PDF, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH, validate_event_date

MONEY = {"max_digits": 14, "decimal_places": 2}
SATISFACTION = [MinValueValidator(1), MaxValueValidator(5)]


def claim_document_path(instance, filename):
    """aftersales/claims/<random>.<ext>: the stored name reveals nothing."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"aftersales/claims/{uuid.uuid4().hex}{ext}"


def service_document_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"aftersales/service/{uuid.uuid4().hex}{ext}"


class Channel(models.TextChoices):
    """How we spoke with the customer (or they with us)."""

    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    VIDEO = "video", _("Video call")
    MESSAGE = "message", _("Instant message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")


# --- follow-up visits -------------------------------------------------------------------------


class FollowUp(BaseModel):
    """A follow-up call or visit (回訪) on a policy: the first one after delivery, a yearly
    review, or one arranged ad hoc; assigned to the supporting clerk."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("After delivery")
        ANNUAL = "annual", _("Yearly policy review")
        ADHOC = "adhoc", _("Ad hoc")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        ESCALATED = "escalated", _("Escalated")
        CANCELLED = "cancelled", _("Cancelled")

    class Action(models.TextChoices):
        NONE = "none", _("No action needed")
        TASK = "task", _("Task for the salesperson")
        COMPLAINT = "complaint", _("Complaint")

    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    kind = models.CharField(
        pgettext_lazy("kind of record", "type"), max_length=10, choices=Kind.choices
    )
    due_date = models.DateField(_("due date"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_on = models.DateField(_("next attempt"), null=True, blank=True)
    completed_on = models.DateField(_("customer reached on"), null=True, blank=True)
    # what the reached customer said
    signed_in_person = models.BooleanField(_("signed in person"), null=True, blank=True)
    understands_coverage = models.BooleanField(_("understands the coverage"), null=True, blank=True)
    understands_exclusions = models.BooleanField(
        _("understands the exclusions"), null=True, blank=True
    )
    understands_cooling_off = models.BooleanField(
        _("understands the cooling-off period"), null=True, blank=True
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=SATISFACTION,
        help_text=_("1 (very unsatisfied) to 5 (very satisfied)."),
    )
    opinions = models.TextField(_("opinions"), max_length=NOTE_LENGTH, blank=True)
    requests = models.TextField(_("requests"), max_length=NOTE_LENGTH, blank=True)
    action = models.CharField(
        _("follow-up action"), max_length=10, choices=Action.choices, default=Action.NONE
    )
    sales_task = models.ForeignKey(
        "sales.SalesTask",
        verbose_name=_("task for the salesperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    complaint = models.ForeignKey(
        "aftersales.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)
    escalation_reason = models.CharField(_("escalation reason"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["policy"],
                condition=models.Q(kind="delivery"),
                name="followup_one_after_delivery",
                violation_error_message=_("This policy already has its follow-up after delivery."),
            ),
            models.UniqueConstraint(
                fields=["policy", "due_date"],
                condition=models.Q(kind="annual"),
                name="followup_one_review_per_date",
                violation_error_message=_("This policy already has a yearly review on this date."),
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="followup_satisfaction_1_to_5",
                violation_error_message=_("Satisfaction is a score from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done") | models.Q(completed_on__isnull=False),
                name="followup_done_has_date",
                violation_error_message=_(
                    "A follow-up done needs the day the customer was reached."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["completed_on"]),
        ]

    def __str__(self):
        return f"{self.reference} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("aftersales:followup", args=[self.pk])

    @property
    def reference(self):
        return f"FU{self.pk:06d}" if self.pk else str(_("new follow-up"))

    @property
    def is_open(self):
        return self.status in (self.Status.SCHEDULED, self.Status.ESCALATED)

    def days_overdue(self, today=None):
        """Days past the due date of an open follow-up (0 when not overdue)."""
        if not self.is_open:
            return 0
        return max(((today or timezone.localdate()) - self.due_date).days, 0)

    def status_colour(self):
        return {
            "scheduled": "primary",
            "done": "success",
            "escalated": "danger",
            "cancelled": "secondary",
        }.get(self.status, "secondary")


class FollowUpAttempt(BaseModel):
    """One call or visit of a follow-up: reached or not."""

    follow_up = models.ForeignKey(
        FollowUp, verbose_name=_("follow-up"), on_delete=models.CASCADE, related_name="attempt_log"
    )
    when = models.DateTimeField(
        _("date and time"), default=timezone.now, validators=[validate_event_date]
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.PHONE
    )
    reached = models.BooleanField(_("customer reached"))
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )

    scope = RowScope(parent="follow_up")

    class Meta:
        verbose_name = _("follow-up attempt")
        verbose_name_plural = _("follow-up attempts")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.follow_up.reference} · {self.when:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("aftersales:followup", args=[self.follow_up_id])


# --- claims -----------------------------------------------------------------------------------


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


# --- complaints -------------------------------------------------------------------------------


class Complaint(BaseModel):
    """A complaint or dispute (投訴與糾紛) a customer raised: the supervisor responsible,
    deadlines to acknowledge and resolve it by severity, what was done, and the outcome."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        MESSAGE = "message", _("Instant message")
        FOLLOW_UP = "follow_up", _("Follow-up call")
        INSURER = "insurer", _("Through the insurer")
        REGULATOR = "regulator", _("Through the regulator")

    class Category(models.TextChoices):
        SERVICE = "service", _("Service quality")
        SALES = "sales", _("Sales practice or misleading advice")
        CLAIM = "claim", _("Claim handling")
        POLICY = "policy", _("Policy administration")
        PREMIUM = "premium", _("Premiums and payments")
        CONDUCT = "conduct", _("Staff conduct")
        OTHER = "other", _("Other")

    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")
        CRITICAL = "critical", _("Critical")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="complaints"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_handled",
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    channel = models.CharField(_("received by"), max_length=10, choices=Channel.choices)
    category = models.CharField(_("type of complaint"), max_length=10, choices=Category.choices)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what the customer says"), max_length=NOTE_LENGTH)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.OPEN
    )
    acknowledge_by = models.DateField(_("acknowledge by"))
    resolve_by = models.DateField(_("resolve by"))
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), max_length=NOTE_LENGTH, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("customer's satisfaction with the resolution"),
        null=True,
        blank=True,
        validators=SATISFACTION,
    )
    escalated_on = models.DateField(_("escalated to the management on"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    claim = models.ForeignKey(
        Claim,
        verbose_name=_("claim"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )

    # Whoever sees the customer file sees its complaints; the supervisor responsible sees
    # theirs even for another team's customer.
    scope = RowScope(parent="customer", owner=("supervisor",))

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-pk"]
        permissions = [("handle_complaint", _("Can handle complaints"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
                violation_error_message=_("Satisfaction is a score from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(acknowledge_by__lte=models.F("resolve_by")),
                name="complaint_acknowledge_before_resolve",
                violation_error_message=_("The acknowledgement is due before the resolution."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "resolve_by"]),
            models.Index(fields=["received_on"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self):
        return f"{self.reference} · {self.subject}"

    def get_absolute_url(self):
        return reverse("aftersales:complaint", args=[self.pk])

    @property
    def reference(self):
        return f"CP{self.pk:06d}" if self.pk else str(_("new complaint"))

    @property
    def is_open(self):
        return self.status not in (self.Status.RESOLVED, self.Status.CLOSED)

    def days_overdue(self, today=None):
        """Days past the deadline that applies now (acknowledge, then resolve)."""
        today = today or timezone.localdate()
        if self.status == self.Status.OPEN:
            return max((today - self.acknowledge_by).days, (today - self.resolve_by).days, 0)
        if self.is_open:
            return max((today - self.resolve_by).days, 0)
        return 0

    def status_colour(self):
        return {
            "open": "danger",
            "acknowledged": "warning",
            "in_progress": "primary",
            "resolved": "success",
            "closed": "dark",
        }.get(self.status, "secondary")

    def severity_colour(self):
        return {"low": "secondary", "medium": "info", "high": "warning", "critical": "danger"}.get(
            self.severity, "secondary"
        )


class ComplaintAction(BaseModel):
    """Something done about a complaint: a call, a meeting, a refund, a reply."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="actions"
    )
    when = models.DateTimeField(
        _("date and time"), default=timezone.now, validators=[validate_event_date]
    )
    action = models.TextField(_("action taken"), max_length=NOTE_LENGTH)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="complaint")

    class Meta:
        verbose_name = _("complaint action")
        verbose_name_plural = _("complaint actions")
        ordering = ["-when", "-pk"]

    def __str__(self):
        return f"{self.complaint.reference} · {self.when:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("aftersales:complaint", args=[self.complaint_id])


# --- policy service requests ------------------------------------------------------------------


class ServiceRequest(BaseModel):
    """A change to a policy or the customer's details (保單管理): contact details, address, bank
    account, beneficiaries, a lost policy's reissue (掛失補辦) or another request, with the
    values before and after; once the insurer completes it, the records are updated."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Change of contact details")
        ADDRESS = "address", _("Change of address")
        BANK_ACCOUNT = "bank_account", _("Change of bank account")
        BENEFICIARY = "beneficiary", _("Change of beneficiaries")
        REISSUE = "reissue", _("Lost policy reissue")
        OTHER = "other", _("Other request")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SUBMITTED = "submitted", _("Submitted to the insurer")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected by the insurer")
        CANCELLED = "cancelled", _("Cancelled")

    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    kind = models.CharField(_("request"), max_length=15, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    description = models.TextField(_("description"), max_length=DESCRIPTION_LENGTH, blank=True)
    # JSON objects {field: value}; encrypted, since they may hold a mobile or a bank account
    before = EncryptedTextField(_("values before"), blank=True)
    after = EncryptedTextField(_("values after"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    insurer_reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-requested_on", "-pk"]
        permissions = [("process_servicerequest", _("Can submit and complete service requests"))]

    def __str__(self):
        return f"{self.reference} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("aftersales:servicerequest", args=[self.pk])

    @property
    def reference(self):
        return f"SR{self.pk:06d}" if self.pk else str(_("new service request"))

    @property
    def values_before(self):
        return _loads(self.before)

    @property
    def values_after(self):
        return _loads(self.after)

    def status_colour(self):
        return {
            "draft": "secondary",
            "submitted": "primary",
            "completed": "success",
            "rejected": "danger",
            "cancelled": "dark",
        }.get(self.status, "secondary")


def _loads(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class ServiceRequestDocument(BaseModel):
    """A paper of a service request (the signed change form, an ID copy, a loss statement)."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        upload_to=service_document_path,
        max_length=255,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    description = models.CharField(_("description"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="request")

    class Meta:
        verbose_name = _("service request document")
        verbose_name_plural = _("service request documents")
        ordering = ["request", "-created", "-pk"]

    def __str__(self):
        return self.description or self.original_name

    def get_absolute_url(self):
        return reverse("aftersales:servicerequest", args=[self.request_id])


# --- renewals ---------------------------------------------------------------------------------


class Renewal(BaseModel):
    """A premium falling due or a policy ending (續保), and what became of it."""

    class Kind(models.TextChoices):
        PREMIUM = "premium", _("Premium due")
        EXPIRY = "expiry", _("Policy ending")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", pgettext_lazy("renewal", "Paid")
        GRACE = "grace", _("In grace period")
        LAPSED = "lapsed", _("Lapsed")
        RENEWED = "renewed", _("Renewed")
        NOT_RENEWED = "not_renewed", _("Not renewed")

    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    kind = models.CharField(
        pgettext_lazy("kind of record", "type"), max_length=10, choices=Kind.choices
    )
    due_date = models.DateField(_("due date"))
    premium = models.ForeignKey(
        "underwriting.PremiumRecord",
        verbose_name=_("premium"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        ordering = ["due_date", "pk"]
        permissions = [("record_renewal", _("Can record renewal outcomes"))]
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "kind", "due_date"],
                name="renewal_one_per_policy_kind_date",
                violation_error_message=_("This renewal is already on the worklist."),
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="not_renewed") | ~models.Q(reason=""),
                name="renewal_not_renewed_has_reason",
                violation_error_message=_("Say why the policy is not renewed."),
            ),
        ]
        indexes = [models.Index(fields=["outcome", "due_date"]), models.Index(fields=["due_date"])]

    def __str__(self):
        return f"{self.policy.policy_number} · {self.get_kind_display()} · {self.due_date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("aftersales:renewal", args=[self.pk])

    def days_left(self, today=None):
        return (self.due_date - (today or timezone.localdate())).days

    def outcome_colour(self):
        return {
            "pending": "primary",
            "paid": "success",
            "grace": "warning",
            "lapsed": "danger",
            "renewed": "success",
            "not_renewed": "dark",
        }.get(self.outcome, "secondary")


class RenewalReminder(BaseModel):
    """One reminder of a renewal, ``offset_days`` before its due date: the daily job's
    idempotency key (a second run finds it and sends nothing)."""

    renewal = models.ForeignKey(
        Renewal, verbose_name=_("renewal"), on_delete=models.CASCADE, related_name="reminders"
    )
    offset_days = models.PositiveSmallIntegerField(_("days before"))
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)
    recipients = models.CharField(_("sent to"), max_length=300, blank=True)

    scope = RowScope(parent="renewal")

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        ordering = ["renewal", "-offset_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["renewal", "offset_days"],
                name="renewalreminder_once_per_offset",
                violation_error_message=_("This reminder has already been sent."),
            )
        ]

    def __str__(self):
        return f"{self.renewal} · {self.offset_days}"

    def get_absolute_url(self):
        return reverse("aftersales:renewal", args=[self.renewal_id])

    @property
    def dedupe_key(self):
        return f"renewal-reminder:{self.renewal_id}:{self.offset_days}"
