"""Stored report snapshots: the figures of one period and scope, and the files built from them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.periods import Period, PeriodKind


def snapshot_path(snapshot, filename):
    """Files live under MEDIA_ROOT/reports/<kind>/<start>/, never behind a public URL."""
    return f"reports/{snapshot.period_kind}/{snapshot.period_start:%Y-%m-%d}/{filename}"


class ReportSnapshot(BaseModel):
    """One report: a period, a scope, its figures and its Excel and PDF files.

    A second run for the same period and scope replaces the figures and files of the first
    (unique period and scope); ``generation`` counts the runs.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    STATUS_COLOURS = {
        "pending": "secondary",
        "running": "info",
        "done": "success",
        "failed": "danger",
    }

    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), help_text=_("Exclusive: the day after the period."))
    scope_key = models.CharField(_("scope key"), max_length=40)
    scope_label = models.CharField(_("scope"), max_length=200)
    figures = models.JSONField(
        _("figures"),
        default=dict,
        blank=True,
        help_text=_("The summary rows as generated (Decimals kept as text, to the cent)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    generation = models.PositiveIntegerField(_("generation"), default=0)
    scheduled = models.BooleanField(
        _("scheduled"), default=False, help_text=_("Made by the daily, weekly or monthly job.")
    )
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    excel = models.FileField(_("Excel file"), upload_to=snapshot_path, blank=True, max_length=255)
    pdf = models.FileField(_("PDF file"), upload_to=snapshot_path, blank=True, max_length=255)
    detail_rows = models.PositiveIntegerField(_("new policies listed"), default=0)
    task_run = models.ForeignKey(
        "core.TaskRun",
        verbose_name=_("job run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_start", "period_kind", "scope_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start", "period_end", "scope_key"],
                name="reportsnapshot_unique_period_scope",
                violation_error_message=_("There is already a report for this period and scope."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="reportsnapshot_period_not_empty",
                violation_error_message=_("A report's period ends after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["scope_key", "period_start"])]

    def __str__(self):
        return f"{self.scope_label} {self.period_label}"

    def get_absolute_url(self):
        return reverse("reports:reportsnapshot", args=[self.pk])

    def text_parts(self):
        """``{"scope", "period"}`` as parameters of a stored text (core.i18n), read in the
        reader's language (a team's scope costs one query)."""
        from core import i18n

        from .statistics import Scope, scope_text

        scope = Scope.from_key(self.scope_key)
        return {"scope": scope_text(scope, self.scope_label), "period": i18n.period(self.period)}

    def text_name(self):
        """The report as a parameter of a notification or a job's message: its scope and
        period, read in the reader's language."""
        from django.utils.translation import gettext_noop

        from core.i18n import Text

        return Text(gettext_noop("%(scope)s %(period)s"), self.text_parts())

    @property
    def period(self):
        return Period(self.period_kind, self.period_start, self.period_end)

    @property
    def period_label(self):
        return self.period.label

    @property
    def is_ready(self):
        return self.status == self.Status.DONE and bool(self.excel) and bool(self.pdf)

    @property
    def error_summary(self):
        """The last line of the error (the exception), for lists."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1][:200] if lines else ""

    def file_name(self, fmt):
        """The download name, e.g. ``report-team-3-2026-10.xlsx``."""
        scope = self.scope_key.replace(":", "-")
        label = self.period_label.replace(" – ", "_")
        return f"report-{scope}-{label}.{fmt}"

    @classmethod
    def row_scope_q(cls, user, profile, action):
        """A report is visible to whoever may see its scope (reports.statistics.can_see)."""
        from .services import visible_scopes

        if profile.company_wide:
            return None
        keys = sorted({scope.key for scope in visible_scopes(user)})
        return models.Q(scope_key__in=keys)
