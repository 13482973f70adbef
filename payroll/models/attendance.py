"""Attendance and leave: daily attendance, overtime, leave types and requests, each
employee's statutory annual leave account per year, and benefits received.

Rows of a person are seen by the person, by the supervisor of their team and by HR
(company-wide); a clerk supporting the team does not see them. Benefits carry a cost, so
they are the person's and HR's only (a supervisor sees the team's attendance, not its pay).
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import BaseModel
from core.permissions import RowScope

from .rates import EARLIEST, LATEST, money_field

PERSONAL = RowScope(owner=("employee__user", "employee__team__supervisor"))
OWN = RowScope(owner=("employee__user",))
# The positions that see every employee's attendance and leave (compliance does not).
ALL_ROWS_ROLES = ("hr", "manager")


class PersonalRows:
    """Rows of a person: HR and management see all, others what ``scope.owner`` gives them
    (themself; for attendance and leave also the supervisor of their team)."""

    @classmethod
    def row_scope_q(cls, user, profile, action):
        if profile.company_wide and profile.role in ALL_ROWS_ROLES:
            return None
        return reduce(or_, (Q(**{owner: user.pk}) for owner in cls.scope.owner))


def _date_field(label, **kwargs):
    return models.DateField(
        label, validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)], **kwargs
    )


def _employee_field(related_name):
    return models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("employee"),
    )


class AttendanceRecord(PersonalRows, BaseModel):
    """One employee's attendance on one day: present, late, absent, on leave or on a
    business trip, with the times when they were recorded."""

    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        LATE = "late", pgettext_lazy("attendance", "Late")
        ABSENT = "absent", pgettext_lazy("attendance", "Absent")
        LEAVE = "leave", pgettext_lazy("attendance", "On leave")
        TRIP = "trip", pgettext_lazy("attendance", "Business trip")

    employee = _employee_field("attendance_records")
    day = _date_field(_("date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    check_in = models.TimeField(_("check-in"), null=True, blank=True)
    check_out = models.TimeField(_("check-out"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope = PERSONAL

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        ordering = ["-day", "employee__employee_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "day"],
                name="payroll_attendance_one_per_day",
                violation_error_message=_("This employee already has a record for this day."),
            ),
            models.CheckConstraint(
                condition=Q(check_in__isnull=True)
                | Q(check_out__isnull=True)
                | Q(check_out__gte=F("check_in")),
                name="payroll_attendance_out_after_in",
                violation_error_message=_("The check-out cannot be before the check-in."),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.day:%Y-%m-%d} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("payroll:attendancerecord", args=[self.pk])


class Approval(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class OvertimeRecord(PersonalRows, BaseModel):
    """Overtime worked on one day, paid at 150%, 200% or 300% by the kind of day (taken
    from the working calendar when saved), once the supervisor approves it."""

    class DayKind(models.TextChoices):
        WORKING_DAY = "working_day", _("Working day (×1.5)")
        REST_DAY = "rest_day", _("Rest day (×2)")
        STATUTORY_HOLIDAY = "statutory_holiday", _("Statutory holiday (×3)")

    employee = _employee_field("overtime_records")
    day = _date_field(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(16)],
    )
    day_kind = models.CharField(
        _("kind of day"), max_length=20, choices=DayKind.choices, editable=False
    )
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Approval.choices, default=Approval.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    scope = PERSONAL

    class Meta:
        verbose_name = _("overtime record")
        verbose_name_plural = _("overtime records")
        ordering = ["-day", "employee__employee_no"]
        permissions = [("approve_overtimerecord", _("Can approve overtime"))]

    def __str__(self):
        return f"{self.employee} · {self.day:%Y-%m-%d} · {self.hours} h"

    def get_absolute_url(self):
        return reverse("payroll:overtimerecord", args=[self.pk])


class LeaveType(BaseModel):
    """A kind of leave (annual, sick, personal...): whether it is paid, unpaid or paid in
    part, and whether it counts working days or calendar days."""

    class Pay(models.TextChoices):
        PAID = "paid", _("Paid")
        UNPAID = "unpaid", _("Unpaid")
        PARTIAL = "partial", _("Paid in part")

    class Counting(models.TextChoices):
        WORKING_DAYS = "working", _("Working days")
        CALENDAR_DAYS = "calendar", _("Calendar days")

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=50)
    pay = models.CharField(_("pay"), max_length=10, choices=Pay.choices)
    counting = models.CharField(
        _("counts"), max_length=10, choices=Counting.choices, default=Counting.WORKING_DAYS
    )
    is_annual = models.BooleanField(
        _("statutory annual leave"),
        default=False,
        help_text=_("Taken from the employee's annual leave balance."),
    )
    max_days = models.DecimalField(
        _("days at most per request"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    scope = RowScope(reference=True)

    class Meta:
        verbose_name = _("leave type")
        verbose_name_plural = _("leave types")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("payroll:leavetype", args=[self.pk])


class LeaveRequest(PersonalRows, BaseModel):
    """An employee's request for leave from one date to another (a half day at either
    end), approved or refused by the team's supervisor."""

    Status = Approval

    employee = _employee_field("leave_requests")
    leave_type = models.ForeignKey(
        LeaveType, on_delete=models.PROTECT, related_name="requests", verbose_name=_("leave type")
    )
    start = _date_field(_("from"))
    end = _date_field(_("to"))
    start_afternoon = models.BooleanField(
        _("from the afternoon"), default=False, help_text=_("The first day is a half day.")
    )
    end_noon = models.BooleanField(
        _("until noon"), default=False, help_text=_("The last day is a half day.")
    )
    days = models.DecimalField(_("days"), max_digits=5, decimal_places=1, editable=False)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Approval.choices, default=Approval.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    scope = PERSONAL

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-start", "employee__employee_no"]
        permissions = [("approve_leaverequest", _("Can approve leave requests"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="payroll_leave_ends_after_start",
                violation_error_message=_("The last day cannot be before the first."),
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.leave_type} · {self.start:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("payroll:leaverequest", args=[self.pk])


class AnnualLeaveAccount(PersonalRows, BaseModel):
    """An employee's statutory annual leave for one year: the days earned (computed), the
    days carried over from the year before, and the untaken days HR marked to be paid at
    300% because the company could not arrange them."""

    employee = _employee_field("annual_leave_accounts")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    entitlement = models.PositiveSmallIntegerField(_("entitlement"), default=0, editable=False)
    carried_over = models.DecimalField(
        _("carried over"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Days left from the year before, usable until the carry-over deadline."),
    )
    untaken_paid_days = models.DecimalField(
        _("untaken days paid"),
        max_digits=4,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Days the company could not arrange, paid at three times the daily wage."),
    )
    paid_in_month = models.DateField(
        _("paid in month"),
        null=True,
        blank=True,
        help_text=_("The payroll month that pays the untaken days (its first day)."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    scope = OWN

    class Meta:
        verbose_name = _("annual leave account")
        verbose_name_plural = _("annual leave accounts")
        ordering = ["-year", "employee__employee_no"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year"],
                name="payroll_leave_account_one_per_year",
                violation_error_message=_("This employee already has an account for the year."),
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.year}"

    def get_absolute_url(self):
        return reverse("payroll:annualleaveaccount", args=[self.pk])


class BenefitRecord(PersonalRows, BaseModel):
    """A benefit an employee received in a year, with its cost to the company."""

    class Kind(models.TextChoices):
        ANNUAL_LEAVE = "annual_leave", _("Paid annual leave")
        HOLIDAY = "holiday", _("Holiday gift or allowance")
        HEALTH_CHECK = "health_check", _("Health check")
        TRIP = "trip", _("Company trip")
        BIRTHDAY = "birthday", _("Birthday benefit")
        OTHER = "other", _("Other")

    class Holiday(models.TextChoices):
        NEW_YEAR = "new_year", _("New Year's Day")
        SPRING = "spring", _("Spring Festival")
        LANTERN = "lantern", _("Lantern Festival")
        WOMEN = "women", _("Women's Day")
        DRAGON_BOAT = "dragon_boat", _("Dragon Boat Festival")
        MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
        NATIONAL = "national", _("National Day")

    employee = _employee_field("benefits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    holiday = models.CharField(
        _("holiday"),
        max_length=20,
        choices=Holiday.choices,
        blank=True,
        help_text=_("For a holiday gift or allowance."),
    )
    day = _date_field(_("date"))
    description = models.CharField(_("description"), max_length=200)
    cost = money_field(_("cost"))

    scope = OWN

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["-day", "employee__employee_no"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="holiday") | ~Q(holiday=""),
                name="payroll_benefit_holiday_named",
                violation_error_message=_("A holiday benefit names its holiday."),
            )
        ]

    def __str__(self):
        return f"{self.employee} · {self.get_kind_display()} · {self.day:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("payroll:benefitrecord", args=[self.pk])
