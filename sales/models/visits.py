"""Visits and needs analyses."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH, validate_event_date
from customers.models import Customer

from .common import MONEY
from .opportunities import Opportunity


class Visit(BaseModel):
    """A contact with a customer (拜訪): a call, a face-to-face visit, an online meeting, an
    event. Planned ones make the agenda; done ones count as customer visits in the reports."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone call")
        FACE_TO_FACE = "face_to_face", _("Face-to-face visit")
        ONLINE = "online", _("Online meeting")
        EVENT = "event", _("Event")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="visits"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="done")
    starts_at = models.DateTimeField(_("date and time"), validators=[validate_event_date])
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    location = models.CharField(_("location"), max_length=200, blank=True)
    participants = models.CharField(
        _("participants"), max_length=300, blank=True, help_text=_("Who took part besides you.")
    )
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="sales_visits",
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "starts_at"]),
            # Covering for the visit figures (counted by date and status): an index-only read.
            models.Index(fields=["starts_at", "status"], name="visit_period_idx"),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.customer.name} · {self.get_kind_display()} · {when}"

    def get_absolute_url(self):
        return reverse("sales:visit", args=[self.pk])


# --- needs analysis ----------------------------------------------------------------------


class Priority(models.IntegerChoices):
    NONE = 0, _("Not a goal")
    HIGH = 1, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 3, _("Low")


class RiskAnswer(models.IntegerChoices):
    A1 = 1, _("1 — strongly prefer safety")
    A2 = 2, _("2")
    A3 = 3, _("3 — balanced")
    A4 = 4, _("4")
    A5 = 5, _("5 — strongly prefer growth")


class NeedsAnalysis(BaseModel):
    """One version of a customer's structured needs analysis, with the computed gaps and
    the parameters used, so an old version keeps showing the working it was given."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="needs_analyses",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    analysed_on = models.DateField(_("analysed on"), default=dt.date.today)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # family situation
    dependants = models.PositiveSmallIntegerField(_("dependants"), default=0)
    support_years = models.PositiveSmallIntegerField(
        _("years of support"), default=0, help_text=_("How many years the dependants need support.")
    )
    family_notes = models.TextField(_("family situation"), max_length=NOTE_LENGTH, blank=True)
    # finances
    annual_income = models.DecimalField(_("annual income"), default=0, **MONEY)
    annual_expenses = models.DecimalField(_("annual family expenses"), default=0, **MONEY)
    total_assets = models.DecimalField(_("total assets"), default=0, **MONEY)
    liquid_assets = models.DecimalField(_("liquid assets"), default=0, **MONEY)
    liabilities = models.DecimalField(_("liabilities"), default=0, **MONEY)
    existing_life_cover = models.DecimalField(_("existing life cover"), default=0, **MONEY)
    existing_ci_cover = models.DecimalField(
        _("existing critical illness cover"), default=0, **MONEY
    )
    # risk tolerance questionnaire
    risk_q1 = models.PositiveSmallIntegerField(
        _("Investment horizon: how long could the money stay invested?"),
        choices=RiskAnswer.choices,
        default=3,
    )
    risk_q2 = models.PositiveSmallIntegerField(
        _("A fall of a fifth in a year: how would you react?"),
        choices=RiskAnswer.choices,
        default=3,
    )
    risk_q3 = models.PositiveSmallIntegerField(
        _("Investment experience"), choices=RiskAnswer.choices, default=3
    )
    risk_q4 = models.PositiveSmallIntegerField(
        _("Share of savings you could put at risk"), choices=RiskAnswer.choices, default=3
    )
    risk_q5 = models.PositiveSmallIntegerField(
        _("Main aim: keep capital safe or let it grow?"), choices=RiskAnswer.choices, default=3
    )
    risk_level = models.PositiveSmallIntegerField(_("risk level"), default=3, editable=False)
    # goals
    goal_protection = models.PositiveSmallIntegerField(
        _("protection"), choices=Priority.choices, default=0
    )
    goal_health = models.PositiveSmallIntegerField(_("health"), choices=Priority.choices, default=0)
    goal_education = models.PositiveSmallIntegerField(
        _("children's education"), choices=Priority.choices, default=0
    )
    goal_retirement = models.PositiveSmallIntegerField(
        _("retirement"), choices=Priority.choices, default=0
    )
    goal_wealth = models.PositiveSmallIntegerField(_("wealth"), choices=Priority.choices, default=0)
    goal_notes = models.TextField(
        _("goals in the customer's words"), max_length=NOTE_LENGTH, blank=True
    )
    # results (computed by the service; the parameters used are kept with them)
    ci_multiple = models.DecimalField(
        _("CI cover multiple of income"), max_digits=5, decimal_places=2, default=0, editable=False
    )
    budget_share = models.DecimalField(
        _("premium budget share of income"),
        max_digits=5,
        decimal_places=4,
        default=0,
        editable=False,
    )
    life_gap = models.DecimalField(_("life protection gap"), default=0, editable=False, **MONEY)
    ci_gap = models.DecimalField(
        _("critical illness protection gap"), default=0, editable=False, **MONEY
    )
    premium_budget = models.DecimalField(
        _("suggested annual premium budget"), default=0, editable=False, **MONEY
    )

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")
        ordering = ["-analysed_on", "-version", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "version"],
                name="needsanalysis_unique_version",
                violation_error_message=_("This version already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    annual_income__gte=0,
                    annual_expenses__gte=0,
                    total_assets__gte=0,
                    liquid_assets__gte=0,
                    liabilities__gte=0,
                    existing_life_cover__gte=0,
                    existing_ci_cover__gte=0,
                ),
                name="needsanalysis_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.customer.name} · v{self.version} ({self.analysed_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("sales:needsanalysis", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.liquid_assets > self.total_assets:
            raise ValidationError({"liquid_assets": _("Liquid assets cannot exceed total assets.")})

    def risk_answers(self):
        return [self.risk_q1, self.risk_q2, self.risk_q3, self.risk_q4, self.risk_q5]

    def goals(self):
        """[(label, priority label)] of the goals set, highest priority first."""
        result = []
        for name in ("protection", "health", "education", "retirement", "wealth"):
            value = getattr(self, f"goal_{name}")
            if value:
                field = self._meta.get_field(f"goal_{name}")
                result.append((value, field.verbose_name, Priority(value).label))
        return [(label, prio) for _v, label, prio in sorted(result, key=lambda r: r[0])]
