"""Complaints and disputes (投訴與糾紛) and the actions taken on them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH, validate_event_date

from .claims import Claim
from .common import SATISFACTION


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
