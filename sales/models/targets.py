"""Sales targets and team work: plans, meetings, tasks."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import DOCUMENT_LENGTH, NOTE_LENGTH

from .common import MONEY, _team_and_members


class SalesTarget(BaseModel):
    """A monthly target for a team, or for one salesperson of it (user set)."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_targets"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sales_targets",
        help_text=_("Empty for the team's own target."),
    )
    month = models.DateField(_("month"), help_text=_("Any day of the month; stored as the 1st."))
    premium = models.DecimalField(_("premium target"), default=0, **MONEY)
    new_policies = models.PositiveIntegerField(_("new policies target"), default=0)
    visits = models.PositiveIntegerField(_("visits target"), default=0)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    scope = RowScope(owner=("user",), team="team")

    class Meta:
        verbose_name = _("sales target")
        verbose_name_plural = _("sales targets")
        ordering = ["-month", "team", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user", "month"],
                name="salestarget_unique_person_month",
                violation_error_message=_("This target already exists for the month."),
            ),
            models.UniqueConstraint(
                fields=["team", "month"],
                condition=models.Q(user__isnull=True),
                name="salestarget_unique_team_month",
                violation_error_message=_("The team already has a target for the month."),
            ),
            models.CheckConstraint(
                condition=models.Q(premium__gte=0),
                name="salestarget_premium_not_negative",
                violation_error_message=_("The premium target cannot be negative."),
            ),
        ]

    def __str__(self):
        who = self.user.display_name if self.user_id else str(self.team)
        return f"{who} · {self.month:%Y-%m}"

    def save(self, *args, **kwargs):
        if self.month:
            self.month = self.month.replace(day=1)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("sales:salestarget", args=[self.pk])


class TeamPlan(BaseModel):
    """A team's plan for a period: goals, focus products, activities."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    content = models.TextField(_("plan"), max_length=DOCUMENT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_team_and_members)

    class Meta:
        verbose_name = _("team plan")
        verbose_name_plural = _("team plans")
        ordering = ["-period_start", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:teamplan", args=[self.pk])


class TeamMeeting(BaseModel):
    """A team meeting record: attendees, agenda, minutes; action items become tasks."""

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_meetings"
    )
    date = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("attendees"), blank=True, related_name="+"
    )
    agenda = models.TextField(_("agenda"), max_length=NOTE_LENGTH)
    minutes = models.TextField(_("minutes"), max_length=DOCUMENT_LENGTH, blank=True)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chaired by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_team_and_members)

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.team} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("sales:teammeeting", args=[self.pk])


class SalesTask(BaseModel):
    """A task a supervisor assigns to a team member; shows in the assignee's My work."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    team = models.ForeignKey(
        "org.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="sales_tasks"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="sales_tasks",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    meeting = models.ForeignKey(
        TeamMeeting,
        verbose_name=_("from meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    scope = RowScope(owner=("assignee",), team="team")

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["status", "due_date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:salestask", args=[self.pk])

    def days_overdue(self, today=None):
        if self.status != self.Status.OPEN:
            return 0
        return max(((today or timezone.localdate()) - self.due_date).days, 0)
