"""People: teams, employees (one per login), grades."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.permissions import RowScope
from core.roles import Role
from core.text import name_in_language
from core.validators import DESCRIPTION_LENGTH


class Grade(BaseModel):
    """A position grade (職級); payroll ties base salary to it."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=50)
    name_en = models.CharField(
        _("name in English"),
        max_length=50,
        blank=True,
        help_text=_("Shown in the English interface; the Chinese name is shown when empty."),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    active = models.BooleanField(_("active"), default=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("grade")
        verbose_name_plural = _("grades")
        ordering = ["level", "code"]

    def __str__(self):
        return f"{self.code} {self.localized_name}"

    @property
    def localized_name(self):
        return name_in_language(self.name, self.name_en)


class Team(BaseModel):
    """A sales team: its supervisor, and the clerks who support it."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown in the English interface; the Chinese name is shown when empty."),
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporting clerks"),
        blank=True,
        related_name="supported_teams",
    )
    description = models.TextField(_("description"), max_length=DESCRIPTION_LENGTH, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["code"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return name_in_language(self.name, self.name_en)

    def get_absolute_url(self):
        return reverse("org:team", args=[self.pk])

    @classmethod
    def row_scope_q(cls, user, profile, action):
        """The teams one leads or supports, plus one's own team; every team if company-wide."""
        if profile.company_wide:
            return None
        ids = set(profile.team_ids)
        if profile.own_team_id:
            ids.add(profile.own_team_id)
        return models.Q(pk__in=sorted(ids)) | models.Q(supervisor_id=user.pk)


class Employee(BaseModel):
    """An employee of the department, one-to-one with a login."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_LEAVE = "on_leave", _("On leave")
        LEFT = "left", _("Left")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.PROTECT,
        related_name="employee",
    )
    employee_no = models.CharField(_("employee number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("Full name, e.g. 張偉."))
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(_("position"), max_length=20, choices=Role.choices)
    grade = models.ForeignKey(
        Grade, verbose_name=_("grade"), null=True, blank=True, on_delete=models.PROTECT
    )
    hire_date = models.DateField(_("hire date"))
    prior_years_service = models.DecimalField(
        _("prior years of service"),
        max_digits=4,
        decimal_places=1,
        default=0,
        help_text=_("Years worked before joining, counted for annual leave."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    mobile = models.CharField(_("work mobile"), max_length=20, blank=True)
    email = models.EmailField(_("work e-mail"), blank=True)

    scope = RowScope(owner="user", team="team")

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["employee_no"]
        permissions = [("company_wide_access", _("Can see the records of every team"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="left") | models.Q(left_on__isnull=False),
                name="employee_left_has_date",
                violation_error_message=_("A leaver needs the date they left."),
            ),
            models.CheckConstraint(
                condition=models.Q(prior_years_service__gte=0),
                name="employee_prior_years_not_negative",
                violation_error_message=_("Prior years of service cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:employee", args=[self.pk])

    def years_of_service(self, on=None):
        """Years with the company plus prior years, as a Decimal with one decimal."""
        from decimal import ROUND_DOWN, Decimal

        on = on or dt.date.today()
        days = max((on - self.hire_date).days, 0)
        here = Decimal(days) / Decimal("365.25")
        return (here + self.prior_years_service).quantize(Decimal("0.1"), rounding=ROUND_DOWN)


class CalendarDay(BaseModel):
    """A calendar day that differs from the Monday–Friday working week: a statutory holiday,
    a weekday off in lieu, a make-up working day (調休上班) or a company holiday. Appraisal
    and payroll count working days from it (``org.calendar``)."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", _("Statutory holiday")
        IN_LIEU = "in_lieu", _("Day off in lieu")
        MAKEUP = "makeup", _("Make-up working day")
        COMPANY = "company", _("Company holiday")

    class Source(models.TextChoices):
        PACKAGE = "package", _("Official schedule (chinesecalendar)")
        HR = "hr", _("Entered or corrected by HR")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=50, help_text=_("e.g. 春節, 國慶節."))
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.HR, editable=False
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.name}"

    def get_absolute_url(self):
        return reverse("org:calendarday", args=[self.pk])

    @property
    def is_working_day(self):
        return self.kind == self.Kind.MAKEUP
