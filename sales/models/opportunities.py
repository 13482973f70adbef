"""Campaigns, where leads come from, and opportunities."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH
from customers.models import Customer, Need

from .common import MONEY, _reference_data


class Channel(models.TextChoices):
    """Where a lead came from (regulation 3(一))."""

    TELEMARKETING = "telemarketing", _("Telemarketing")
    ONLINE = "online", _("Online promotion")
    SOCIAL_EVENT = "social_event", _("Social event")
    REFERRAL = "referral", _("Referral")
    WALK_IN = "walk_in", _("Walk-in")


class Campaign(BaseModel):
    """A marketing campaign: period, channel, budget; the leads it brought are linked to it."""

    name = models.CharField(_("name"), max_length=100)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget = models.DecimalField(_("budget"), default=0, **MONEY)
    team = models.ForeignKey(
        "org.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        help_text=_("Empty for a company-wide campaign."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="sales_campaigns",
    )
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)

    # Every seller picks campaigns for their leads, so every seller sees all of them.
    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="campaign_period_order",
                violation_error_message=_("The campaign ends before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0),
                name="campaign_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sales:campaign", args=[self.pk])


class Opportunity(BaseModel):
    """A lead: one customer need pursued through the pipeline stages to won or lost."""

    class Stage(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        MEETING = "meeting", _("Meeting scheduled")
        NEEDS_ANALYSED = "needs_analysed", _("Needs analysed")
        PROPOSAL = "proposal", _("Proposal")
        APPLICATION = "application", _("Application")
        WON = "won", _("Won")
        LOST = "lost", _("Lost")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="opportunities"
    )
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    expected_premium = models.DecimalField(_("expected annual premium"), default=0, **MONEY)
    stage = models.CharField(_("sales stage"), max_length=15, choices=Stage.choices, default="new")
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_date = models.DateField(_("next action date"), null=True, blank=True)
    last_action_at = models.DateTimeField(_("last action"), default=timezone.now)
    stage_changed_at = models.DateTimeField(_("stage changed"), default=timezone.now)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="opportunities",
    )
    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="opportunities"
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(owner=("owner",), team="team")

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-last_action_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "need"],
                condition=~models.Q(stage__in=["won", "lost"]),
                name="opportunity_one_open_per_need",
                violation_error_message=_(
                    "This customer already has an open opportunity for this need."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="lost") | ~models.Q(lost_reason=""),
                name="opportunity_lost_has_reason",
                violation_error_message=_("A lost opportunity needs the reason."),
            ),
            models.CheckConstraint(
                condition=models.Q(expected_premium__gte=0),
                name="opportunity_premium_not_negative",
                violation_error_message=_("The expected premium cannot be negative."),
            ),
        ]
        # created / closed_on: the reports count leads and closings by period.
        indexes = [
            models.Index(fields=["team", "stage"]),
            models.Index(fields=["owner", "stage"]),
            models.Index(fields=["created"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self):
        return f"{self.customer.name} · {self.get_need_display()}"

    def get_absolute_url(self):
        return reverse("sales:opportunity", args=[self.pk])

    @property
    def is_open(self):
        return self.stage not in (self.Stage.WON, self.Stage.LOST)

    def days_idle(self, now=None):
        return ((now or timezone.now()) - self.last_action_at).days

    def is_stalled(self, days):
        return self.is_open and self.days_idle() >= days

    def is_action_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(self.is_open and self.next_action_date and self.next_action_date < today)
