"""Career development: an employee's development plan with its promotion path (ordered
steps, each with requirements), and job rotation assignments."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH, validate_date, validate_event_date

from .catalogue import Course
from .qualifications import QualificationKind


class DevelopmentPlan(BaseModel):
    """An employee's personal development plan: the direction, the position aimed at, and
    the promotion path towards it (its steps)."""

    employee = models.OneToOneField(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="development_plan",
        verbose_name=_("employee"),
    )
    direction = models.CharField(
        _("direction"),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("e.g. towards team leadership, or product specialist."),
    )
    target_position = models.CharField(_("target position"), max_length=20, choices=Role.choices)
    target_title = models.CharField(
        _("target title"),
        max_length=100,
        blank=True,
        help_text=_("e.g. senior salesperson, team supervisor."),
    )
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(owner=("employee__user",), team="employee__team")

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["employee__employee_no"]

    def __str__(self):
        return str(self.employee)

    def get_absolute_url(self):
        return reverse("training:developmentplan", args=[self.pk])


class PromotionStep(BaseModel):
    """One step of a promotion path, in order; reached when HR records the promotion."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("development plan"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    title = models.CharField(_("step"), max_length=100, help_text=_("e.g. senior salesperson."))
    target_date = models.DateField(
        _("target date"), null=True, blank=True, validators=[validate_date]
    )
    reached_on = models.DateField(
        _("reached on"), null=True, blank=True, validators=[validate_event_date]
    )

    scope = RowScope(parent="plan")

    class Meta:
        verbose_name = _("promotion step")
        verbose_name_plural = _("promotion steps")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "order"],
                name="training_step_order_unique",
                violation_error_message=_("The plan has a step with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class StepRequirement(BaseModel):
    """One requirement of a promotion step. ``kind`` names a checker of
    ``training.requirements`` (tenure, course, certificate, and those other apps add); the
    fields it uses are the ones its checker reads."""

    step = models.ForeignKey(
        PromotionStep,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("promotion step"),
    )
    kind = models.CharField(_("requirement"), max_length=30)
    months = models.PositiveSmallIntegerField(
        _("minimum tenure (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
    )
    qualification = models.ForeignKey(
        QualificationKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("qualification"),
    )
    value = models.CharField(
        _("value"),
        max_length=50,
        blank=True,
        help_text=_("What a requirement added by another module compares with."),
    )

    scope = RowScope(parent="step")

    class Meta:
        verbose_name = _("step requirement")
        verbose_name_plural = _("step requirements")
        ordering = ["step", "pk"]

    def __str__(self):
        from ..requirements import describe

        return describe(self)

    def text_name(self):
        """The requirement as a parameter of a stored text (core.i18n): in the reader's
        language when read."""
        from ..requirements import describe_text

        return describe_text(self)

    def get_absolute_url(self):
        return self.step.get_absolute_url()


class JobRotation(BaseModel):
    """A job rotation assignment: from a team and position to another for a period, with
    the receiving supervisor's evaluation at the end."""

    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="rotations",
        verbose_name=_("employee"),
    )
    from_team = models.ForeignKey(
        "org.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from team"),
    )
    from_position = models.CharField(_("from position"), max_length=20, choices=Role.choices)
    to_team = models.ForeignKey(
        "org.Team",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to team"),
    )
    to_position = models.CharField(_("to position"), max_length=20, choices=Role.choices)
    starts_on = models.DateField(_("starts on"), validators=[validate_event_date])
    ends_on = models.DateField(_("ends on"), validators=[validate_event_date])
    purpose = models.CharField(_("purpose"), max_length=DESCRIPTION_LENGTH)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (poor) to 5 (excellent)."),
    )
    evaluation = models.TextField(_("evaluation"), max_length=NOTE_LENGTH, blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("evaluated by"),
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)

    # The employee, their team's supervisor and the receiving team's supervisor see it.
    scope = RowScope(owner=("employee__user", "to_team__supervisor"), team="employee__team")

    class Meta:
        verbose_name = _("job rotation")
        verbose_name_plural = _("job rotations")
        ordering = ["-starts_on", "-pk"]
        permissions = [("evaluate_jobrotation", _("Can evaluate job rotations"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_rotation_period_order",
                violation_error_message=_("The rotation ends on or after its start."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} → {self.to_team}"

    def get_absolute_url(self):
        return reverse("training:jobrotation", args=[self.pk])
