"""The course catalogue and which positions must take which course, by when."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role
from core.validators import NOTE_LENGTH


class Course(BaseModel):
    """A course of the catalogue: what it teaches, how it is delivered, how long it takes."""

    class ContentType(models.TextChoices):
        INSURANCE_BASICS = "insurance_basics", _("Insurance basics (principles, terms, law)")
        PRODUCTS = "products", _("Company products")
        SALES_SKILLS = "sales_skills", _("Sales skills")
        CUSTOMER_SERVICE = "customer_service", _("Customer service")
        INDUSTRY = "industry", _("Industry trends")
        CULTURE = "culture", _("Company culture")
        CONFIDENTIALITY = "confidentiality", _("Confidentiality")

    class Delivery(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")
        ONLINE = "online", _("Online")

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("e.g. PRD-101"))
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(_("content"), max_length=20, choices=ContentType.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    product = models.ForeignKey(
        "sales.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("product"),
        help_text=_("For a course on a company product."),
    )
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
        help_text=_("Hours counted in the training file when the course is completed."),
    )
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_hours__gte=0) & Q(credit_hours__gte=0),
                name="training_course_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("training:course", args=[self.pk])


class MandatoryTraining(BaseModel):
    """A course a position must complete: within so many days of hire, and/or again every
    so many months (a yearly refresh is 12)."""

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="mandatory_for", verbose_name=_("course")
    )
    position = models.CharField(_("position"), max_length=20, choices=Role.choices)
    within_days_of_hire = models.PositiveSmallIntegerField(
        _("within days of hire"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(3650)],
        help_text=_("e.g. 30: due 30 days after the hire date. Empty: no first deadline."),
    )
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("e.g. 12 for a yearly refresh. Empty: once is enough."),
    )

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("mandatory training")
        verbose_name_plural = _("mandatory training")
        ordering = ["course__code", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"],
                name="training_mandatory_one_per_position",
                violation_error_message=_("This course is already mandatory for this position."),
            ),
            models.CheckConstraint(
                condition=Q(within_days_of_hire__isnull=False) | Q(refresh_months__isnull=False),
                name="training_mandatory_has_deadline",
                violation_error_message=_("Give a deadline after hire, a refresh period, or both."),
            ),
        ]

    def __str__(self):
        return f"{self.course} · {self.get_position_display()}"

    def text_name(self):
        """The name as a stored sentence's parameter (core.i18n): the position in the
        reader's language."""
        return Text(
            gettext_noop("%(course)s · %(position)s"),
            {"course": str(self.course), "position": choice(self, "position", self.position)},
        )

    def get_absolute_url(self):
        return self.course.get_absolute_url()
