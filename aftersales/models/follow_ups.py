"""Follow-up visits (回訪) and their attempts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH, validate_event_date

from .common import SATISFACTION, Channel


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
