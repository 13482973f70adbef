"""Renewals and their reminders (續保提醒)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel
from core.permissions import RowScope

from .common import MONEY


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
