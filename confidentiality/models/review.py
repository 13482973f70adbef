"""Classification set on one record, and the alerts of the access review.

A paper takes its confidentiality class from its kind (core.classification); compliance may
set the class of one record (raise an ordinary paper to secret, say), kept with its
history. Alerts are unusual patterns found in the access and export logs by the daily job
(a user viewing many more files than usual, exports outside working hours, bulk exports of
clear values): compliance reviews each and closes it with a note.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.classification import Level
from core.models import BaseModel
from core.permissions import RowScope
from core.validators import NOTE_LENGTH


class RecordClass(BaseModel):
    """The confidentiality class set on one record (a paper), instead of its kind's."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record number"), max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=200)
    level = models.CharField(_("class"), max_length=12, choices=Level.choices)
    reason = models.CharField(_("reason"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by"),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("record classification")
        verbose_name_plural = _("record classifications")
        ordering = ["-updated", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="conf_recordclass_one_per_record",
                violation_error_message=_("This record already has a class set."),
            )
        ]

    def __str__(self):
        return f"{self.object_repr} · {self.get_level_display()}"

    def get_absolute_url(self):
        return reverse("confidentiality:recordclass", args=[self.pk])


class AccessAlert(BaseModel):
    """An unusual pattern in the access or export log, found by the daily review job, that
    compliance reviews and closes with a note."""

    class Rule(models.TextChoices):
        MANY_VIEWS = "many_views", _("Many more files viewed than usual")
        OFF_HOURS_EXPORT = "off_hours_export", _("Export outside working hours")
        BULK_CLEAR_EXPORT = "bulk_clear_export", _("Bulk export of clear values")

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        CLOSED = "closed", _("Closed")

    rule = models.CharField(_("pattern"), max_length=20, choices=Rule.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(
        _("count"), default=0, help_text=_("Files viewed, or exports, on the day.")
    )
    usual = models.DecimalField(
        _("usual"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The user's median of files viewed a day over the 30 days before."),
    )
    rows = models.PositiveIntegerField(_("rows exported"), default=0)
    details = models.CharField(_("details"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    note = models.CharField(_("review note"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("access alert")
        verbose_name_plural = _("access alerts")
        ordering = ["status", "-day", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "user", "day"],
                name="conf_accessalert_one_per_rule_user_day",
                violation_error_message=_("This pattern is already recorded for the day."),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(note=""),
                name="conf_accessalert_closed_has_note",
                violation_error_message=_("A closed alert needs the review note."),
            ),
        ]

    def __str__(self):
        return f"{self.get_rule_display()} · {self.user} · {self.day:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("confidentiality:accessalert", args=[self.pk])

    @property
    def status_colour(self):
        return "warning" if self.status == self.Status.OPEN else "secondary"
