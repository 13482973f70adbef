"""The training file's lines: one completed piece of training of one employee."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.validators import DESCRIPTION_LENGTH, validate_event_date

from .catalogue import Course


class TrainingRecord(BaseModel):
    """One line of an employee's training file (培訓檔案): a completed course, session,
    external course or online test, with its hours and result.

    Every source (an attended session, an approved external course, a passed online test)
    writes its line through ``training.services.record_completion`` and links to it, so the
    file, the reports, appraisal and promotion decisions read one table.
    """

    class Kind(models.TextChoices):
        SESSION = "session", _("Internal session")
        EXTERNAL = "external", _("External course")
        ONLINE = "online", _("Online course")
        OTHER = "other", _("Other")

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("employee"),
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("course"),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("The course's title when it was completed.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    completed_on = models.DateField(_("completed on"), validators=[validate_event_date])
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=DESCRIPTION_LENGTH, blank=True)

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["employee", "completed_on"])]

    def __str__(self):
        return f"{self.employee} · {self.title} · {self.completed_on}"

    def get_absolute_url(self):
        return reverse("training:file", args=[self.employee_id])
